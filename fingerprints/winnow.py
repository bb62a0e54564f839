"""Winnowing (Schleimer, Wilkerson & Aiken, SIGMOD 2003).

Keeping the minimum hash of every window of ``w`` consecutive k-gram hashes guarantees that
any run of at least ``t = w + k - 1`` tokens shared by two streams yields a shared
fingerprint, while keeping about 2/(w+1) of the hashes.
"""

from __future__ import annotations

import numpy as np
from numpy.lib.stride_tricks import sliding_window_view


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
    windows = sliding_window_view(hashes, w)[:, ::-1]
    picks = np.arange(n - w + 1, dtype=np.int64) + (w - 1) - np.argmin(windows, axis=1)
    # The rightmost minimum never moves left as the window slides: picks are sorted, so
    # dropping repeats of the previous pick is enough.
    keep = np.ones(picks.size, dtype=bool)
    np.not_equal(picks[1:], picks[:-1], out=keep[1:])
    return picks[keep]
