"""Winnowing (Schleimer, Wilkerson & Aiken, SIGMOD 2003).

Keeping the minimum hash of every window of ``w`` consecutive k-gram hashes guarantees that
any run of at least ``t = w + k - 1`` tokens shared by two streams yields a shared
fingerprint, while keeping about 2/(w+1) of the hashes.
"""

from __future__ import annotations

import numpy as np

from .ranges import range_positions


def winnow(hashes: np.ndarray, w: int) -> np.ndarray:
    """Positions (sorted, unique) of the selected k-grams.

    In each window the minimum is chosen, the rightmost one on ties (robust winnowing:
    fewer distinct picks on low-entropy runs). A stream shorter than one window still
    yields its minimum, so short files are not fingerprint-free.
    """
    picks, _ = winnow_many(hashes, np.asarray([0, hashes.shape[0]], dtype=np.int64), w)
    return picks


def winnow_many(hashes: np.ndarray, bounds: np.ndarray, w: int) -> tuple[np.ndarray, np.ndarray]:
    """``winnow`` of several streams at once: stream i is ``hashes[bounds[i]:bounds[i+1]]``.
    Returns every stream's picks (positions within its stream), one after the other, and
    where each stream's picks start and end in that array (len(bounds) entries)."""
    n = int(hashes.shape[0])
    starts, counts = bounds[:-1], np.diff(bounds)
    found = []
    # A stream no longer than one window: its (rightmost) minimum.
    for start, count in zip(starts.tolist(), counts.tolist(), strict=True):
        if 0 < count <= w:
            found.append(start + count - 1 - int(np.argmin(hashes[start : start + count][::-1])))
    picks = np.asarray(found, dtype=np.int64)
    long = counts > w
    if long.any():
        # Rightmost minimum of every window from those of power-of-two blocks (a sparse
        # table): a window is two overlapping blocks, and on a tie the right block wins.
        # Computed over all streams at once; only windows inside one stream are read.
        value, index = hashes, np.arange(n, dtype=np.int64)
        size = 1
        while 2 * size <= w:
            value, index = _right_min(value[:-size], index[:-size], value[size:], index[size:])
            size *= 2
        windows = counts[long] - w + 1
        first = range_positions(starts[long], windows)
        if size == w:
            wide = index[first]
        else:
            _, wide = _right_min(value[first], index[first],
                                 value[first + (w - size)], index[first + (w - size)])
        # The rightmost minimum never moves left as the window slides: picks are sorted, so
        # dropping repeats of the previous pick is enough (streams never share a position).
        keep = np.ones(wide.size, dtype=bool)
        np.not_equal(wide[1:], wide[:-1], out=keep[1:])
        picks = np.sort(np.concatenate((picks, wide[keep]))) if picks.size else wide[keep]
    pick_bounds = np.searchsorted(picks, bounds)
    stream = np.searchsorted(bounds, picks, side="right") - 1
    return picks - starts[stream], pick_bounds


def _right_min(
    left_value: np.ndarray, left_index: np.ndarray, right_value: np.ndarray, right_index: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """Element-wise minimum of two blocks with its position, the right one on ties."""
    right = right_value <= left_value
    return np.where(right, right_value, left_value), np.where(right, right_index, left_index)
