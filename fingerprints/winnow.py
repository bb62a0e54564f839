"""Winnowing (Schleimer, Wilkerson & Aiken, SIGMOD 2003).

Keeping the minimum hash of every window of ``w`` consecutive k-gram hashes guarantees that
any run of at least ``t = w + k - 1`` tokens shared by two streams yields a shared
fingerprint, while keeping about 2/(w+1) of the hashes.
"""

from __future__ import annotations

import numpy as np


def winnow(hashes: np.ndarray, w: int) -> np.ndarray:
    """Positions (sorted, unique) of the selected k-grams.

    In each window the minimum is chosen, the rightmost one on ties (robust winnowing:
    fewer distinct picks on low-entropy runs). A stream shorter than one window still
    yields its minimum, so short files are not fingerprint-free.
    """
    n = int(hashes.shape[0])
    if n == 0:
        return np.zeros(0, dtype=np.int64)
    if n <= w:
        return np.asarray([n - 1 - int(np.argmin(hashes[::-1]))], dtype=np.int64)
    # Rightmost minimum of every window from those of power-of-two blocks (a sparse
    # table): a window is two overlapping blocks, and on a tie the right block wins.
    value, index = hashes, np.arange(n, dtype=np.int64)
    size = 1
    while 2 * size <= w:
        value, index = _right_min(value[:-size], index[:-size], value[size:], index[size:])
        size *= 2
    count = n - w + 1
    if size == w:
        picks = index[:count]
    else:
        _, picks = _right_min(value[:count], index[:count], value[w - size :], index[w - size :])
    # The rightmost minimum never moves left as the window slides: picks are sorted, so
    # dropping repeats of the previous pick is enough.
    keep = np.ones(picks.size, dtype=bool)
    np.not_equal(picks[1:], picks[:-1], out=keep[1:])
    return picks[keep]


def _right_min(
    left_value: np.ndarray, left_index: np.ndarray, right_value: np.ndarray, right_index: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """Element-wise minimum of two blocks with its position, the right one on ties."""
    right = right_value <= left_value
    return np.where(right, right_value, left_value), np.where(right, right_index, left_index)
