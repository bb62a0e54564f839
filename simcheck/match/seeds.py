"""Shared k-gram runs between many file pairs at once.

One vectorised join over the k-grams of both sides finds, for every candidate file pair,
the maximal runs of consecutive equal k-grams on the same diagonal. Doing this for all
pairs together (instead of pair by pair) keeps the cost proportional to the number of
shared k-grams, not to the number of pairs.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from .sets import distinct, member, sorted_postings


@dataclass(frozen=True)
class Runs:
    """Parallel arrays, sorted by (left, right, a): one row per maximal shared run."""

    left: np.ndarray  # int64 file index on the left
    right: np.ndarray  # int64 file index on the right
    a: np.ndarray  # int64 first token on the left
    b: np.ndarray  # int64 first token on the right
    length: np.ndarray  # int64 tokens

    def __len__(self) -> int:
        return int(self.a.shape[0])


def _by_pair_diagonal_position(
    pair: np.ndarray, diagonal: np.ndarray, position: np.ndarray
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The three arrays ordered by (pair, diagonal, position). Packs them into one int64
    sort key when the fields fit (one sort instead of a three-key lexsort)."""
    if pair.size == 0:
        return pair, diagonal, position
    low = int(diagonal.min())
    bits = [int(x).bit_length() for x in (pair.max(), diagonal.max() - low, position.max())]
    if sum(bits) <= 62:
        packed = (pair << (bits[1] + bits[2])) | ((diagonal - low) << bits[2]) | position
        order = np.argsort(packed)  # keys are distinct: no need for a stable sort
    else:
        order = np.lexsort((position, diagonal, pair))
    return pair[order], diagonal[order], position[order]


def _common(hashes: np.ndarray, files: np.ndarray, max_files: int, max_total: int) -> np.ndarray:
    """Mask of (sorted) postings whose hash is in more than ``max_files`` files or occurs
    more than ``max_total`` times on this side."""
    if hashes.size == 0:
        return np.zeros(0, dtype=bool)
    new_hash = np.ones(hashes.size, dtype=bool)
    np.not_equal(hashes[1:], hashes[:-1], out=new_hash[1:])
    new_file = new_hash.copy()
    new_file[1:] |= files[1:] != files[:-1]
    group = np.cumsum(new_hash) - 1
    total = np.bincount(group)
    in_files = np.bincount(group, weights=new_file).astype(np.int64)
    return (total[group] > max_total) | (in_files[group] > max_files)


def shared_runs(
    left: Sequence[np.ndarray],
    right: Sequence[np.ndarray],
    pairs: np.ndarray,
    k: int,
    max_occurrences: int,
    max_file_frequency: int,
    common: np.ndarray | None = None,
) -> Runs:
    """Runs of shared k-grams for the file pairs in ``pairs`` (rows of left, right index).

    A k-gram found in more than ``max_file_frequency`` files, or more than
    ``max_occurrences`` times, on either side seeds nothing: it is boilerplate of that
    codebase, and would otherwise multiply the work. Neither does a k-gram in the sorted
    array ``common`` (common across a reference corpus). Such k-grams still count where
    they lie between two matched runs (see ``align``).
    """
    lh, lf, lp = sorted_postings(left)
    rh, rf, rp = sorted_postings(right)
    keep_l = member(lh, rh) & ~_common(lh, lf, max_file_frequency, max_occurrences)
    if common is not None and common.size:
        keep_l &= ~member(lh, common)
    keep_r = member(rh, lh) & ~_common(rh, rf, max_file_frequency, max_occurrences)
    lh, lf, lp = lh[keep_l], lf[keep_l], lp[keep_l]
    rh, rf, rp = rh[keep_r], rf[keep_r], rp[keep_r]
    lo = np.searchsorted(rh, lh, side="left")
    counts = np.searchsorted(rh, lh, side="right") - lo
    li = np.repeat(np.arange(lh.size), counts)
    offsets = np.arange(li.size) - np.repeat(np.cumsum(counts) - counts, counts)
    ri = np.repeat(lo, counts) + offsets
    n_right = max(len(right), 1)
    wanted = distinct(pairs[:, 0] * n_right + pairs[:, 1])
    key = lf[li] * n_right + rf[ri]
    # One searchsorted both tests pair membership and gives each pair a dense id.
    pair_id = np.minimum(np.searchsorted(wanted, key), max(wanted.size - 1, 0))
    in_pairs = wanted[pair_id] == key if wanted.size else np.zeros(key.size, dtype=bool)
    pair_id, pa, pb = pair_id[in_pairs], lp[li[in_pairs]], rp[ri[in_pairs]]
    diagonal = pb - pa
    pair_id, diagonal, pa = _by_pair_diagonal_position(pair_id, diagonal, pa)
    breaks = (np.diff(pair_id) != 0) | (np.diff(diagonal) != 0) | (np.diff(pa) != 1)
    starts = np.concatenate(([0], np.flatnonzero(breaks) + 1)) if pa.size else pa
    ends = np.concatenate((starts[1:], [pa.size])) if pa.size else pa
    run_key, a = wanted[pair_id[starts]], pa[starts]
    b = a + diagonal[starts]
    length = (ends - starts) + (k - 1)
    final = np.lexsort((b, a, run_key))
    run_key = run_key[final]
    return Runs(run_key // n_right, run_key % n_right, a[final], b[final], length[final])


def _contained(
    group: np.ndarray, start: np.ndarray, end: np.ndarray, tie: np.ndarray
) -> np.ndarray:
    """Mask of spans lying inside another span of the same group (ties broken by ``tie``:
    of two identical spans, the later one is the contained one)."""
    order = np.lexsort((tie, -end, start, group))
    g, e = group[order], end[order]
    # Running maximum of earlier ends within the group; groups are sorted, so offsetting
    # each end by its group keeps earlier groups below later ones.
    span = int(e.max()) + 1 if e.size else 1
    keyed = g * span + e
    before = np.maximum.accumulate(np.concatenate(([-1], keyed[:-1])))
    inside = np.zeros(group.size, dtype=bool)
    inside[order] = before >= keyed
    return inside


def drop_redundant(runs: Runs) -> Runs:
    """Drop each run whose tokens on both sides already lie inside other runs: a short
    idiom shared by sibling files adds nothing once the files' true counterparts match
    it as part of something longer. A run duplicated on one side only is kept."""
    if len(runs) < 2:
        return runs
    tie = np.arange(len(runs), dtype=np.int64)
    left_in = _contained(runs.left, runs.a, runs.a + runs.length, tie)
    right_in = _contained(runs.right, runs.b, runs.b + runs.length, tie)
    keep = ~(left_in & right_in)
    return Runs(runs.left[keep], runs.right[keep], runs.a[keep], runs.b[keep], runs.length[keep])
