"""The vectorised k-gram join: the same runs as a direct pair-by-pair scan."""

from unittest import mock

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from fingerprints.kgrams import kgram_hashes
from simcheck.match import seeds
from simcheck.match.seeds import Runs, drop_redundant, shared_runs, twinned
from simcheck.match.sets import hash_order

K = 3
streams = st.lists(st.lists(st.integers(0, 3), max_size=30), min_size=1, max_size=4)


def _hit(ka, kb, usable, i, j):
    return 0 <= i < len(ka) and 0 <= j < len(kb) and ka[i] == kb[j] and ka[i] in usable


def _direct_runs(left, right, pairs, k, max_occurrences, max_files):
    """Maximal diagonal runs of equal k-grams, file pair by file pair, skipping k-grams
    found too often or in too many files on either side."""

    def usable_on(side):
        files_of, total = {}, {}
        for i, hashes in enumerate(side):
            for h in hashes.tolist():
                files_of.setdefault(h, set()).add(i)
                total[h] = total.get(h, 0) + 1
        return {h for h in total if total[h] <= max_occurrences and len(files_of[h]) <= max_files}

    usable = usable_on(left) & usable_on(right)
    rows = []
    for li, ri in sorted({(int(a), int(b)) for a, b in pairs}):
        ka, kb = left[li].tolist(), right[ri].tolist()

        for i in range(len(ka)):
            for j in range(len(kb)):
                if _hit(ka, kb, usable, i, j) and not _hit(ka, kb, usable, i - 1, j - 1):
                    n = 1
                    while _hit(ka, kb, usable, i + n, j + n):
                        n += 1
                    rows.append((li, ri, i, j, n + k - 1))
    return sorted(rows)


@settings(max_examples=200, deadline=None)
@given(streams, streams, st.integers(1, 6), st.integers(1, 3), st.data())
def test_join_finds_exactly_the_runs_of_a_direct_scan(left, right, max_occ, max_files, data):
    lk = [kgram_hashes(np.asarray(s, dtype=np.uint64), K) for s in left]
    rk = [kgram_hashes(np.asarray(s, dtype=np.uint64), K) for s in right]
    every = [(i, j) for i in range(len(lk)) for j in range(len(rk))]
    chosen = data.draw(st.lists(st.sampled_from(every), unique=True))
    pairs = np.asarray(chosen, dtype=np.int64).reshape(-1, 2)
    runs = shared_runs(lk, rk, pairs, K, max_occ, max_files)
    found = list(zip(runs.left.tolist(), runs.right.tolist(), runs.a.tolist(),
                     runs.b.tolist(), runs.length.tolist(), strict=True))
    # Already sorted by (left, right, a): compare as lists, order included.
    assert found == _direct_runs(lk, rk, pairs, K, max_occ, max_files)


@settings(max_examples=100, deadline=None)
@given(streams, streams, st.integers(1, 6), st.integers(1, 3))
def test_join_in_small_blocks_on_two_threads_finds_the_same_runs(left, right, max_occ, max_files):
    lk = [kgram_hashes(np.asarray(s, dtype=np.uint64), K) for s in left]
    rk = [kgram_hashes(np.asarray(s, dtype=np.uint64), K) for s in right]
    pairs = np.asarray([(i, j) for i in range(len(lk)) for j in range(len(rk))], dtype=np.int64)
    with mock.patch.object(seeds, "_HITS_PER_BLOCK", 3):  # many blocks, split over threads
        runs = shared_runs(lk, rk, pairs, K, max_occ, max_files, workers=2)
    found = list(zip(runs.left.tolist(), runs.right.tolist(), runs.a.tolist(),
                     runs.b.tolist(), runs.length.tolist(), strict=True))
    assert found == _direct_runs(lk, rk, pairs, K, max_occ, max_files)


@given(st.lists(st.integers(0, 2**64 - 1), max_size=300), st.integers(0, 20))
def test_hash_order_is_a_stable_argsort(values, repeats):
    hashes = np.asarray(values + values[:repeats], dtype=np.uint64)
    assert np.array_equal(hash_order(hashes), np.argsort(hashes, kind="stable"))


def _runs(rows: list[tuple[int, int, int, int, int]]) -> Runs:
    """Runs from (left file, right file, a, b, length) rows."""
    cols = [np.asarray(c, dtype=np.int64) for c in zip(*rows, strict=True)]
    return Runs(*cols)


def test_of_twin_runs_the_one_ranked_higher_survives_whatever_its_place():
    # Left file 0 holds twins X (0..60) and Y (70..130); right file 0 holds a copy of Y,
    # right file 1 a copy of X. Each copy's run lies exactly on a twin's run on each side.
    rows = [(0, 0, 0, 10, 60),   # X -> copy of Y
            (0, 0, 70, 10, 60),  # Y -> copy of Y (the true pair)
            (0, 1, 0, 5, 60),    # X -> copy of X (the true pair)
            (0, 1, 70, 5, 60)]   # Y -> copy of X
    runs = _runs(rows)
    by_position = drop_redundant(runs)
    assert list(zip(by_position.a.tolist(), by_position.right.tolist(), strict=True)) == [
        (0, 0), (70, 0), (0, 1)]  # the first in the arrays holds each span: Y's copy lost
    ranked = drop_redundant(runs, rank=np.asarray([10, 40, 40, 10]))
    assert list(zip(ranked.a.tolist(), ranked.right.tolist(), strict=True)) == [(70, 0), (0, 1)]
    # Twins one token longer (the closing brace before them) hold the true runs on both
    # sides: by length, both copies cite the wrong twin; ranked, each its own original.
    longer = _runs([(0, 0, 0, 9, 61), (0, 0, 70, 10, 60), (0, 1, 0, 5, 60), (0, 1, 69, 4, 61)])
    assert twinned(longer).tolist() == [0, 1, 2, 3]
    by_length = drop_redundant(longer)
    assert list(zip(by_length.a.tolist(), by_length.right.tolist(), strict=True)) == [
        (0, 0), (69, 1)]
    kept = drop_redundant(longer, rank=np.asarray([10, 40, 40, 10]))
    assert list(zip(kept.a.tolist(), kept.right.tolist(), strict=True)) == [(70, 0), (0, 1)]
