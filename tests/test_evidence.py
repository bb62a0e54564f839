"""Evidence channels: what besides structure supports a match, and the order-free channel
that still sees copies whose functions were reordered."""

from __future__ import annotations

from functools import partial
from pathlib import Path

import numpy as np

from fingerprints.fileprint import FingerprintSettings, fingerprint_source
from simcheck.compare import compare_paths
from simcheck.match.evidence import literal_support, token_texts
from simcheck.match.order_free import containment, kgram_set, rarity
from simcheck.match.short_runs import verdicts

ORIGINAL = '''\
def pump_duty(level, target, gain):
    # clamp teh error before scaling (sic: the typo is evidence)
    error = target - level
    if error > 100:
        error = 100
    elif error < -100:
        error = -100
    duty = error * gain / 100.0
    print("pump duty out of range, clamped")
    return max(0.0, min(1.0, duty))
'''

# The same function with every name changed, and the comment and message reworded.
STRUCTURAL = '''\
def f1(a, b, c):
    # different words here entirely
    d = b - a
    if d > 100:
        d = 100
    elif d < -100:
        d = -100
    e = d * c / 100.0
    print("x")
    return max(0.0, min(1.0, e))
'''


def _write(directory: Path, name: str, text: str) -> Path:
    directory.mkdir(parents=True, exist_ok=True)
    (directory / name).write_text(text, encoding="utf-8")
    return directory


def test_a_copy_lists_its_shared_names_strings_and_comments(tmp_path, fast_options):
    left = _write(tmp_path / "a", "pump.py", ORIGINAL)
    right = _write(tmp_path / "b", "pump.py", "import os\n\n" + ORIGINAL.replace("level", "lvl"))
    (match,) = compare_paths(str(left), str(right), fast_options).matches
    ev = match.evidence
    assert ev.channels == ["structure", "identifiers", "strings", "comments", "numbers"]
    assert "pump_duty" in ev.shared_identifiers and "lvl" not in ev.shared_identifiers
    assert ev.shared_numbers == ["100.0", "100"]  # the clamp bounds and the scale
    assert ev.shared_strings == ['"pump duty out of range, clamped"']
    assert ev.shared_comments == ["# clamp teh error before scaling (sic: the typo is evidence)"]
    assert match.kind == "renamed"


def test_same_structure_with_nothing_literal_in_common_is_structural_only(
    tmp_path, fast_options
):
    left = _write(tmp_path / "a", "pump.py", ORIGINAL)
    # Other bounds too: shared magic numbers would support the match.
    right = _write(tmp_path / "b", "f.py", STRUCTURAL.replace("100", "64"))
    (match,) = compare_paths(str(left), str(right), fast_options).matches
    assert match.evidence.channels == ["structure"]
    assert match.evidence.numbers_shared == 0
    assert match.kind == "structural-only"
    assert match.evidence.identifiers_shared < 0.5 * match.evidence.identifiers_left


def test_order_free_channel_sees_reordered_statements_that_runs_miss(tmp_path, fast_options):
    # Twelve independent assignments of different shapes, reversed: no run long enough to
    # count survives (a few runs of 20-odd tokens, which share no winnowed fingerprint:
    # chance runs, not reported), but every short k-gram does.
    ops = [" + 1", " * x", " - y[0]", " / 2.5", " % n", " ** 2"]
    lines = [
        f"    v{i} = g{i}({', '.join(['x'] * (1 + i % 3))}){ops[i % 6] * (1 + i // 6)}\n"
        for i in range(12)
    ]
    left = _write(tmp_path / "a", "m.py", "def f(x):\n" + "".join(lines))
    right = _write(tmp_path / "b", "m.py", "def f(x):\n" + "".join(reversed(lines)))
    result = compare_paths(str(left), str(right), fast_options)
    assert result.matches == [] and result.left.coverage.fraction == 0.0
    # k-grams inside each statement survive; those spanning two statements do not.
    assert result.left.order_free > 0.6 and result.right.order_free > 0.6


def test_rare_kgrams_weigh_more_than_ubiquitous_ones():
    common, rare = np.uint64(1), np.uint64(2)
    units = [np.array([common, rare], dtype=np.uint64)] + [
        np.array([common, np.uint64(10 + i)], dtype=np.uint64) for i in range(8)
    ]
    table = rarity([np.unique(u) for u in units])
    w_common, w_rare = table.weights(np.array([common, rare], dtype=np.uint64))
    assert w_rare > 2 * w_common > 0
    # Sharing only the ubiquitous k-gram is weak evidence; sharing the rare one is strong.
    a = np.array([common, rare], dtype=np.uint64)
    assert containment(a, np.array([common], dtype=np.uint64), table).left_in_right < 0.3
    assert containment(a, np.array([rare], dtype=np.uint64), table).left_in_right > 0.7


def test_kgram_set_of_short_streams_is_empty():
    assert kgram_set([np.arange(3, dtype=np.uint64)]).size == 0


def test_a_run_is_supported_by_its_text_only_when_every_name_and_literal_agrees():
    settings = FingerprintSettings()
    original = ORIGINAL.encode()
    a = fingerprint_source(original, "python", settings).tokens
    same = fingerprint_source(original, "python", settings).tokens
    renamed = STRUCTURAL.encode()
    b = fingerprint_source(renamed, "python", settings).tokens
    assert np.array_equal(a.symbols, b.symbols)  # the same structure throughout
    n = len(a)

    def supports(v: np.ndarray) -> bool:
        return bool((v > 0).any() and not (v < 0).any())

    copied = partial(verdicts, literal_support(token_texts(original, a),
                                               token_texts(original, same)))
    disguised = partial(verdicts, literal_support(token_texts(original, a),
                                                  token_texts(renamed, b)))
    assert supports(copied(0, 0, n))
    assert not supports(disguised(0, 0, n))
    # "if error > 100 :" against "if d > 100 :": one name of two differs, token by token
    first_if = int(np.flatnonzero(a.start_line == 4)[0])
    assert disguised(first_if, first_if, 5).tolist() == [0, -1, 0, 1, 0]
    # a run of punctuation and keywords alone has no text to agree on
    colon = [i for i in range(n) if original[a.start_byte[i] : a.end_byte[i]] == b":"][0]
    assert not supports(disguised(colon, colon, 1))


def test_a_docstring_reindented_with_its_function_still_supports_a_run():
    outer = b'def f(a):\n    """Say what f does,\n    over two lines."""\n    return a\n'
    inner = (b'class C:\n    def f(a):\n        """Say what f does,\n        over two lines."""\n'
             b"        return a\n")
    settings = FingerprintSettings()
    a = fingerprint_source(outer, "python", settings).tokens
    b = fingerprint_source(inner, "python", settings).tokens
    doc_a = int(np.flatnonzero(a.start_line == 2)[0])
    doc_b = int(np.flatnonzero(b.start_line == 3)[0])
    support = literal_support(token_texts(outer, a), token_texts(inner, b))
    assert verdicts(support, doc_a, doc_b, 1).tolist() == [1]
