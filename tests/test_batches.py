"""Files fingerprinted together (as the parse workers do, a batch at a time) get exactly
the fingerprints each gets alone, and a stacked batch comes back out of ``unstack`` equal
to what went in."""

from __future__ import annotations

import pickle
from pathlib import Path

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from fingerprints.fileprint import (
    FingerprintSettings,
    fingerprint_source,
    from_tokens_many,
    read_tokens,
    tokenize,
)
from fingerprints.kgrams import kgram_hashes, kgram_hashes_many
from fingerprints.literals import literals, literals_many
from fingerprints.minhash import reference_minhash, signatures
from fingerprints.stacking import stack, unstack
from fingerprints.tokens import file_tokens_many
from fingerprints.winnow import winnow_many

SAMPLES = Path(__file__).parent.parent / "samples"


def _bounds(lengths: list[int]) -> np.ndarray:
    bounds = np.zeros(len(lengths) + 1, dtype=np.int64)
    np.cumsum(lengths, out=bounds[1:])
    return bounds


def _naive_winnow(h: list[int], w: int) -> list[int]:
    """The rightmost minimum of every window of w (of the whole stream when shorter)."""
    if not h:
        return []
    picks = []
    for start in range(max(1, len(h) - w + 1)):
        window = h[start : start + w]
        pick = start + max(i for i, v in enumerate(window) if v == min(window))
        if not picks or picks[-1] != pick:
            picks.append(pick)
    return picks


streams = st.lists(st.lists(st.integers(0, 5), max_size=30), max_size=8)


@settings(max_examples=200, deadline=None)
@given(streams, st.integers(1, 6), st.integers(1, 6))
def test_kgrams_and_winnowing_of_streams_together_equal_each_stream_alone(values, k, w):
    symbols = [np.asarray(v, dtype=np.uint64) for v in values]
    joined = np.concatenate(symbols) if symbols else np.zeros(0, dtype=np.uint64)
    hashes, hash_bounds = kgram_hashes_many(joined, _bounds([len(v) for v in values]), k)
    picks, pick_bounds = winnow_many(hashes, hash_bounds, w)
    for i, alone in enumerate(symbols):
        own = hashes[hash_bounds[i] : hash_bounds[i + 1]]
        assert np.array_equal(own, kgram_hashes(alone, k))
        assert picks[pick_bounds[i] : pick_bounds[i + 1]].tolist() == _naive_winnow(
            own.tolist(), w)


def test_signatures_of_sets_together_equal_datasketchs_one_set_at_a_time():
    rng = np.random.default_rng(5)
    # Empty sets, repeats, and sets across the 8192-hash blocks of the computation.
    sizes = [0, 3, 9000, 0, 1, 700, 8000, 0]
    sets = [rng.integers(0, 2**63, size=n, dtype=np.uint64) % np.uint64(5000 + n)
            for n in sizes]
    got = signatures(np.concatenate(sets), _bounds(sizes), 16)
    for i, values in enumerate(sets):
        expected = reference_minhash(16)
        if values.size:
            expected.update_batch(sorted(set(values.tolist())))
        assert np.array_equal(got[i], expected.hashvalues.astype(np.uint64))


def _sources() -> list[tuple[bytes, str | None]]:
    """Real files of several languages, and the edge cases: empty, shorter than k, about
    one window, no grammar, a file without a final newline, a repeat of an earlier file."""
    files = sorted(p for p in SAMPLES.rglob("*") if p.suffix in (".py", ".c", ".h", ".js"))
    found = [(p.read_bytes(), {".py": "python", ".js": "javascript"}.get(p.suffix, "c"))
             for p in files[:12]]
    assert len(found) >= 6
    edge = [
        (b"", "python"),
        (b"x = 1", "python"),
        (b"def f(a, b):\n    return a + b  # sum\n" * 2, "python"),
        (b"msgid \"Drain the sump\"\n# a comment; x = call(1, 2);\nplain words", None),
        (b"int main(void) { return 0; }", "c"),
        (b"x = 1\ny =", "lua"),  # ends in a zero-width (MISSING) token, at its last byte
        (b"def g():\n    pass\n", "python"),  # a definition at byte 0, after that
    ]
    return edge[:2] + found[:4] + edge[2:] + found[4:] + [found[0]]


def test_files_fingerprinted_together_get_each_files_own_fingerprint():
    s = FingerprintSettings()
    sources = _sources()
    alone = [fingerprint_source(src, language, s) for src, language in sources]
    tokens = file_tokens_many([read_tokens(src, language) for src, language in sources])
    together = from_tokens_many(tokens, s, [src for src, _ in sources])
    assert [pickle.dumps(fp) for fp in together] == [pickle.dumps(fp) for fp in alone]
    # literals_many is what from_tokens_many reads the literal channels with
    assert [pickle.dumps(x) for x in literals_many([src for src, _ in sources], tokens)] == [
        pickle.dumps(literals(src, t)) for (src, _), t in zip(sources, tokens, strict=True)]
    assert [pickle.dumps(t) for t in tokens] == [
        pickle.dumps(tokenize(src, language)) for src, language in sources]
    # the edge cases are really there
    assert any(len(fp.tokens) == 0 for fp in alone)
    assert any(0 < fp.kgrams.size <= s.w for fp in alone)
    assert any(fp.tokens.start_byte.size and fp.tokens.start_byte[-1] == len(src)
               for fp, (src, _) in zip(alone, sources, strict=True))
    assert any(fp.tokens.def_start.size and fp.tokens.def_start[0] == 0 for fp in alone)


def test_a_stacked_batch_unstacks_to_equal_values():
    s = FingerprintSettings()
    sources = _sources()
    prints = [fingerprint_source(src, language, s) for src, language in sources]
    prints[1] = from_tokens_many([prints[1].tokens], s)[0]  # no literals: a None field
    back = unstack(pickle.loads(pickle.dumps(stack(prints))))
    assert [pickle.dumps(fp) for fp in back] == [pickle.dumps(fp) for fp in prints]
    assert back[3].kgrams.flags.writeable
    mixed = [np.zeros(2, dtype=np.int32), np.zeros(3, dtype=np.int64), ("a", 1), ("b", 2)]
    again = unstack(stack(mixed))  # dtypes that differ are not merged
    assert [a.dtype for a in again[:2]] == [np.int32, np.int64] and again[2:] == mixed[2:]
    assert unstack(stack([])) == []

