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
    lh, lf = _postings(left)
    rh, rf = _postings(right)
    if lh.size == 0 or rh.size == 0:
        return []
    lo = np.searchsorted(rh, lh, side="left")
    hi = np.searchsorted(rh, lh, side="right")
    counts = hi - lo
    _, inverse, per_hash = counts_of(lh)
    left_count = per_hash[inverse]
    usable = (counts > 0) & (counts <= max_file_frequency) & (left_count <= max_file_frequency)
    if not usable.any():
        return []
    counts_u = counts[usable]
    pair_left = np.repeat(lf[usable], counts_u)
    starts = np.repeat(lo[usable], counts_u)
    offsets = np.arange(pair_left.size) - np.repeat(np.cumsum(counts_u) - counts_u, counts_u)
    pair_right = rf[starts + offsets]
    keys = pair_left * (len(right) + 1) + pair_right
    unique, _, shared = counts_of(keys)
    return [
        Candidate(int(key // (len(right) + 1)), int(key % (len(right) + 1)), int(n))
        for key, n in zip(unique, shared, strict=True)
    ]
