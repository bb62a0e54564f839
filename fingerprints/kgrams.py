"""k-gram hashes over a token stream: 64-bit, vectorised, identical on every machine."""

from __future__ import annotations

import numpy as np

# Odd 64-bit multiplier for the polynomial combination; arithmetic wraps mod 2**64.
_BASE = np.uint64(0x9E3779B97F4A7C15)


def _mix64(x: np.ndarray) -> np.ndarray:
    """splitmix64 finaliser: spreads the polynomial sum over all 64 bits."""
    x = x ^ (x >> np.uint64(30))
    x = x * np.uint64(0xBF58476D1CE4E5B9)
    x = x ^ (x >> np.uint64(27))
    x = x * np.uint64(0x94D049BB133111EB)
    return x ^ (x >> np.uint64(31))


def kgram_hashes(symbols: np.ndarray, k: int) -> np.ndarray:
    """Hash of every window of ``k`` consecutive symbols; element i covers tokens [i, i+k).

    Returns an empty array when the stream is shorter than ``k``: nothing shorter than k
    tokens is ever a fingerprint.
    """
    n = int(symbols.shape[0]) - k + 1
    if n <= 0:
        return np.zeros(0, dtype=np.uint64)
    s = symbols.astype(np.uint64, copy=False)
    acc = np.zeros(n, dtype=np.uint64)
    with np.errstate(over="ignore"):
        for offset in range(k):
            acc = acc * _BASE + s[offset : offset + n]
        return _mix64(acc)
