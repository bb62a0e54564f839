"""Sort-based set operations on large integer arrays.

numpy 2's ``unique``/``isin`` take a hash-table path for plain integer arrays that is
several times slower than sorting at the sizes a codebase produces (millions of k-grams).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np


def distinct(values: np.ndarray) -> np.ndarray:
    """Sorted distinct values."""
    s = np.sort(values, kind="stable")
    if s.size == 0:
        return s
    keep = np.empty(s.size, dtype=bool)
    keep[0] = True
    np.not_equal(s[1:], s[:-1], out=keep[1:])
    return s[keep]


def member(values: np.ndarray, sorted_set: np.ndarray) -> np.ndarray:
    """Mask of ``values`` found in ``sorted_set`` (which must be sorted)."""
    if sorted_set.size == 0:
        return np.zeros(values.shape, dtype=bool)
    index = np.minimum(np.searchsorted(sorted_set, values), sorted_set.size - 1)
    return sorted_set[index] == values


def counts_of(values: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(distinct sorted values, index of each value among them, count of each)."""
    order = np.argsort(values, kind="stable")
    s = values[order]
    starts = np.ones(s.size, dtype=bool)
    if s.size:
        np.not_equal(s[1:], s[:-1], out=starts[1:])
    group = np.cumsum(starts) - 1
    inverse = np.empty(values.size, dtype=np.int64)
    inverse[order] = group
    counts = np.bincount(group) if s.size else np.zeros(0, dtype=np.int64)
    return s[starts], inverse, counts


def postings(kgrams: Sequence[np.ndarray]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(hash, file, position) of every k-gram of every file, file by file."""
    if not kgrams:
        empty = np.zeros(0, dtype=np.int64)
        return np.zeros(0, dtype=np.uint64), empty, empty
    sizes = np.asarray([k.size for k in kgrams], dtype=np.int64)
    hashes = np.concatenate(kgrams) if sizes.sum() else np.zeros(0, dtype=np.uint64)
    files = np.repeat(np.arange(len(kgrams), dtype=np.int64), sizes)
    positions = np.arange(hashes.size, dtype=np.int64) - np.repeat(np.cumsum(sizes) - sizes, sizes)
    return hashes, files, positions


def hash_order(hashes: np.ndarray) -> np.ndarray:
    """``np.argsort(hashes, kind="stable")`` for uint64 hashes, faster (see ``hash_sort``)."""
    return hash_sort(hashes)[0]


def hash_sort(hashes: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(stable argsort of ``hashes``, the sorted hashes), for uint64 hashes.

    Sorts each hash's high bits packed with its index (one plain sort of integers, no
    index shuffling), then a stable argsort of the almost sorted result settles hashes
    that share those high bits (timsort is linear on such input)."""
    n = int(hashes.size)
    bits = n.bit_length()
    if n < 2 or bits > 32:
        order = np.argsort(hashes, kind="stable")
        return order, hashes[order]
    low = np.uint64((1 << bits) - 1)
    packed = hashes & ~low
    packed |= np.arange(n, dtype=np.uint64)
    packed.sort()
    order = (packed & low).astype(np.int64)
    almost = hashes[order]
    fix = np.argsort(almost, kind="stable")
    return order[fix], almost[fix]


def sorted_postings(
    kgrams: Sequence[np.ndarray],
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Postings sorted by (hash, file, position): every later step then reads memory in
    order (random-access searchsorted over millions of k-grams is several times slower)."""
    h, f, p = postings(kgrams)
    # Postings come file by file, position by position: a stable sort on the hash alone
    # leaves them ordered by (hash, file, position).
    order = hash_order(h)
    return h[order], f[order], p[order]


@dataclass(frozen=True)
class SortedPostings:
    """Every k-gram of one side's files, in file order and sorted by hash: computed once
    and shared by the seeding join and the k-gram frequencies of the filter."""

    hashes: np.ndarray  # uint64, file by file, position by position
    files: np.ndarray  # int64
    positions: np.ndarray  # int64
    order: np.ndarray  # int64: stable argsort of ``hashes``
    sorted_hashes: np.ndarray  # hashes[order]
    sorted_files: np.ndarray  # files[order]: sorted by (hash, file)


def sort_postings(kgrams: Sequence[np.ndarray]) -> SortedPostings:
    """The postings of ``kgrams`` (one array per file) and their hash order."""
    h, f, p = postings(kgrams)
    # Postings come file by file, position by position: a stable sort on the hash alone
    # orders them by (hash, file, position).
    order, sorted_h = hash_sort(h)
    return SortedPostings(h, f, p, order, sorted_h, f[order])
