"""Candidate file pairs from an inverted index of winnowed fingerprints: only files that
share a fingerprint are ever aligned (no all-pairs loop over files)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from .sets import counts_of, sorted_postings


@dataclass(frozen=True)
class Candidate:
    left: int  # index into the left file list
    right: int  # index into the right file list
    shared: int  # distinct fingerprints the two files share


def _postings(fingerprints: Sequence[np.ndarray]) -> tuple[np.ndarray, np.ndarray]:
    """(hash, file) rows, one per distinct fingerprint of each file, sorted by hash."""
    h, f, _ = sorted_postings(fingerprints)
    first = np.ones(h.size, dtype=bool)
    first[1:] = (h[1:] != h[:-1]) | (f[1:] != f[:-1])
    return h[first], f[first]


def candidate_pairs(
    left: Sequence[np.ndarray], right: Sequence[np.ndarray], max_file_frequency: int
) -> list[Candidate]:
    """File pairs sharing at least one fingerprint, sorted by (left, right).

    A fingerprint found in more than ``max_file_frequency`` files of one side nominates no
    pair (it is boilerplate, and would make the pair count quadratic); it still counts
    when the pair is aligned because of rarer shared fingerprints.
    """
    index = candidate_index(left, right, max_file_frequency)
    return [
        Candidate(a, b, n)
        for a, b, n in zip(index[:, 0].tolist(), index[:, 1].tolist(), index[:, 2].tolist(),
                           strict=True)
    ]


def candidate_index(
    left: Sequence[np.ndarray], right: Sequence[np.ndarray], max_file_frequency: int
) -> np.ndarray:
    """``candidate_pairs`` as an (n, 3) int64 array of rows (left, right, shared)."""
    lh, lf = _postings(left)
    rh, rf = _postings(right)
    if lh.size == 0 or rh.size == 0:
        return np.zeros((0, 3), dtype=np.int64)
    lo = np.searchsorted(rh, lh, side="left")
    hi = np.searchsorted(rh, lh, side="right")
    counts = hi - lo
    # lh is sorted: each hash's files on the left are one run of equal values.
    new_hash = np.ones(lh.size, dtype=bool)
    np.not_equal(lh[1:], lh[:-1], out=new_hash[1:])
    run_starts = np.flatnonzero(new_hash)
    per_hash = np.diff(np.append(run_starts, lh.size))
    left_count = np.repeat(per_hash, per_hash)
    usable = (counts > 0) & (counts <= max_file_frequency) & (left_count <= max_file_frequency)
    if not usable.any():
        return np.zeros((0, 3), dtype=np.int64)
    counts_u = counts[usable]
    pair_left = np.repeat(lf[usable], counts_u)
    starts = np.repeat(lo[usable], counts_u)
    offsets = np.arange(pair_left.size) - np.repeat(np.cumsum(counts_u) - counts_u, counts_u)
    pair_right = rf[starts + offsets]
    width = len(right) + 1
    unique, _, shared = counts_of(pair_left * width + pair_right)
    return np.stack([unique // width, unique % width, shared]).T.astype(np.int64)
