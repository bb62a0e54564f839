"""Token masks: which tokens of a file lie inside a k-gram with some property (present in
a reference corpus, common across files). A k-gram at position i covers tokens i..i+k-1."""

from __future__ import annotations

import numpy as np

from fingerprints.languages.spec import LITERAL_KINDS
from fingerprints.tokens import IDENT, symbol_of

# Structure symbols of identifiers and literals: the tokens that are not keywords,
# operators or punctuation.
CONTENT_SYMBOLS = np.sort(
    np.asarray(
        [symbol_of(IDENT), symbol_of("<string>")] + [symbol_of(f"<{k}>") for k in LITERAL_KINDS],
        dtype=np.uint64,
    )
)


def covered(hit: np.ndarray, n_tokens: int, k: int) -> np.ndarray:
    """Mask of the ``n_tokens`` tokens covered by a k-gram position where ``hit`` is set."""
    positions = hit.size
    if positions == 0 or not hit.any():
        return np.zeros(n_tokens, dtype=bool)
    before = np.concatenate(([0], np.cumsum(hit, dtype=np.int64)))  # hits before index i
    t = np.arange(n_tokens, dtype=np.int64)
    hi = np.minimum(t, positions - 1) + 1
    lo = np.clip(t - k + 1, 0, positions)
    return (before[hi] - before[np.minimum(lo, hi)]) > 0


def lines_in(start: np.ndarray, end: np.ndarray) -> int:
    """Distinct lines in the union of the inclusive line intervals [start, end]."""
    if start.size == 0:
        return 0
    order = np.argsort(start, kind="stable")
    s = start[order].astype(np.int64)
    e = end[order].astype(np.int64)
    reach = np.maximum.accumulate(e)  # furthest line covered by intervals 0..i
    floor = np.concatenate(([s[0] - 1], reach[:-1]))  # lines already counted before i
    return int(np.maximum(0, e - np.maximum(s - 1, floor)).sum())
