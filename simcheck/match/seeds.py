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

from .sets import counts_of, distinct, member


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


def _postings(kgrams: Sequence[np.ndarray]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(hash, file, position) of every k-gram of every file."""
    if not kgrams:
        empty = np.zeros(0, dtype=np.int64)
        return np.zeros(0, dtype=np.uint64), empty, empty
    sizes = np.asarray([k.size for k in kgrams], dtype=np.int64)
    hashes = np.concatenate(kgrams) if sizes.sum() else np.zeros(0, dtype=np.uint64)
    files = np.repeat(np.arange(len(kgrams), dtype=np.int64), sizes)
    positions = np.arange(hashes.size, dtype=np.int64) - np.repeat(np.cumsum(sizes) - sizes, sizes)
    return hashes, files, positions


def _common(hashes: np.ndarray, files: np.ndarray, max_files: int, max_total: int) -> np.ndarray:
    """Mask of postings whose hash is in more than ``max_files`` files or occurs more
    than ``max_total`` times on this side."""
    _, inverse, total = counts_of(hashes)
    n_files = int(files.max()) + 1
    in_files = np.bincount(distinct(inverse * n_files + files) // n_files, minlength=total.size)
    return (total[inverse] > max_total) | (in_files[inverse] > max_files)


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
    lh, lf, lp = _postings(left)
    rh, rf, rp = _postings(right)
    keep_l = member(lh, distinct(rh))
    if common is not None and common.size:
        keep_l &= ~member(lh, common)
    lh, lf, lp = lh[keep_l], lf[keep_l], lp[keep_l]
    keep_r = member(rh, distinct(lh))
    rh, rf, rp = rh[keep_r], rf[keep_r], rp[keep_r]
    if lh.size:
        keep_l = ~_common(lh, lf, max_file_frequency, max_occurrences)
        lh, lf, lp = lh[keep_l], lf[keep_l], lp[keep_l]
    if rh.size:
        keep_r = ~_common(rh, rf, max_file_frequency, max_occurrences)
        rh, rf, rp = rh[keep_r], rf[keep_r], rp[keep_r]
    # Both sides sorted by hash: searchsorted then walks memory in order.
    order = np.argsort(rh, kind="stable")
    rh, rf, rp = rh[order], rf[order], rp[order]
    order = np.argsort(lh, kind="stable")
    lh, lf, lp = lh[order], lf[order], lp[order]
    lo = np.searchsorted(rh, lh, side="left")
    counts = np.searchsorted(rh, lh, side="right") - lo
    li = np.repeat(np.arange(lh.size), counts)
    offsets = np.arange(li.size) - np.repeat(np.cumsum(counts) - counts, counts)
    ri = np.repeat(lo, counts) + offsets
    n_right = max(len(right), 1)
    key = lf[li] * n_right + rf[ri]
    in_pairs = member(key, distinct(pairs[:, 0] * n_right + pairs[:, 1]))
    key, pa, pb = key[in_pairs], lp[li[in_pairs]], rp[ri[in_pairs]]
    diagonal = pb - pa
    by = np.lexsort((pa, diagonal, key))
    key, pa, diagonal = key[by], pa[by], diagonal[by]
    breaks = (np.diff(key) != 0) | (np.diff(diagonal) != 0) | (np.diff(pa) != 1)
    starts = np.concatenate(([0], np.flatnonzero(breaks) + 1)) if key.size else key
    ends = np.concatenate((starts[1:], [key.size])) if key.size else key
    run_key, a = key[starts], pa[starts]
    b = a + diagonal[starts]
    length = (ends - starts) + (k - 1)
    final = np.lexsort((b, a, run_key))
    run_key = run_key[final]
    return Runs(run_key // n_right, run_key % n_right, a[final], b[final], length[final])
