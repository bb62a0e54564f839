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

    The window hash is the polynomial sum(symbols[i + j] * BASE**(k - 1 - j)) mod 2**64,
    then mixed. Returns an empty array when the stream is shorter than ``k``: nothing
    shorter than k tokens is ever a fingerprint.
    """
    n = int(symbols.shape[0]) - k + 1
    if n <= 0:
        return np.zeros(0, dtype=np.uint64)
    s = symbols.astype(np.uint64, copy=False)
    with np.errstate(over="ignore"):
        # Windows of 1, 2, 4... symbols, each from two of half its size, then the window
        # of k from those of k's binary digits: log2(k) passes instead of k.
        # (W[a + b][i] = W[a][i] * BASE**b + W[b][i + a], all mod 2**64.)
        doubled = [s]
        while 2 ** len(doubled) <= k:
            half = 2 ** (len(doubled) - 1)
            w = doubled[-1]
            doubled.append(w[:-half] * _power(half) + w[half:])
        acc: np.ndarray | None = None
        width = 0
        for bit in range(len(doubled) - 1, -1, -1):
            size = 2**bit
            if not k & size:
                continue
            w = doubled[bit]
            if acc is None:
                acc = w
            else:
                acc = acc[: w.shape[0] - width] * _power(size) + w[width:]
            width += size
        assert acc is not None and acc.shape[0] == n
        return _mix64(acc)


def kgram_hashes_many(
    symbols: np.ndarray, bounds: np.ndarray, k: int
) -> tuple[np.ndarray, np.ndarray]:
    """``kgram_hashes`` of several streams at once: stream i is
    ``symbols[bounds[i]:bounds[i+1]]``. Returns every stream's hashes, one after the other,
    and where each stream's start and end in that array (len(bounds) entries)."""
    counts = np.maximum(np.diff(bounds) - (k - 1), 0)
    hash_bounds = np.zeros(bounds.shape[0], dtype=np.int64)
    np.cumsum(counts, out=hash_bounds[1:])
    every = kgram_hashes(symbols, k)  # windows of the joined streams, some across two
    if every.shape[0] == hash_bounds[-1]:  # no window crosses a boundary (one stream)
        return every, hash_bounds
    first = np.repeat(bounds[:-1] - hash_bounds[:-1], counts)  # windows inside one stream
    first += np.arange(first.size)
    return every[first], hash_bounds


def _power(exponent: int) -> np.uint64:
    """BASE**exponent mod 2**64."""
    return np.uint64(pow(int(_BASE), exponent, 1 << 64))
