"""Concatenated index ranges, the vectorised way: one numpy pass instead of a Python loop
over the ranges (segments of a stream, matched runs, postings of a hash)."""

from __future__ import annotations

import numpy as np


def range_positions(starts: np.ndarray, lengths: np.ndarray) -> np.ndarray:
    """Every position of the ranges ``[starts[i], starts[i] + lengths[i])``, end to end in
    range order (int64)."""
    n = np.asarray(lengths, dtype=np.int64)
    first = np.repeat(np.asarray(starts, dtype=np.int64) - (np.cumsum(n) - n), n)
    return first + np.arange(first.size, dtype=np.int64)
