"""Order-free k-gram sets of whole works, computed over all of a work's files at once.

A codebase has thousands of files; one numpy pass over their concatenated streams costs a
fraction of one pass per file (the hashing is a dozen numpy calls). The figures are those
of ``order_free.kgram_set`` per file, ``union`` and ``rarity``: identical arrays. Each
side's sort yields both its distinct k-grams and their file counts, so the frequency table
of both works is a linear merge instead of a third sort.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from fingerprints.kgrams import kgram_hashes

from .bare import bare_mask
from .order_free import ORDER_FREE_K, KgramRarity, containment, rarity
from .sets import distinct


@dataclass(frozen=True)
class Streams:
    """A work's structure streams, concatenated (file after file)."""

    symbols: np.ndarray  # uint64
    lengths: np.ndarray  # int64, tokens of each file

    @staticmethod
    def of(streams: Sequence[np.ndarray]) -> Streams:
        lengths = np.array([s.shape[0] for s in streams], dtype=np.int64)
        if not streams:
            return Streams(np.zeros(0, dtype=np.uint64), lengths)
        return Streams(np.concatenate(streams).astype(np.uint64, copy=False), lengths)

    def bare(self) -> Streams:
        """The same files without the bare stream's ignored kinds."""
        keep = bare_mask(self.symbols)
        ends = np.cumsum(self.lengths)
        kept = np.concatenate(([0], np.cumsum(keep)))
        lengths = kept[ends] - kept[ends - self.lengths]
        return Streams(self.symbols[keep], lengths.astype(np.int64))


def per_file_kgrams(streams: Streams, k: int = ORDER_FREE_K) -> list[np.ndarray]:
    """Each file's distinct k-grams, sorted (``order_free.kgram_set`` of each file), from
    one hashing pass over the whole work; no k-gram spans two files."""
    hashes = kgram_hashes(streams.symbols, k)
    ends = np.cumsum(streams.lengths)
    sets = []
    for start, end in zip((ends - streams.lengths).tolist(), ends.tolist(), strict=True):
        sets.append(distinct(hashes[start : max(start, end - k + 1)]))
    return sets


def _merged(left: KgramRarity, right: KgramRarity) -> KgramRarity:
    """The frequency table of two groups of units from each group's own table: two sorted
    runs, merged in linear time by the stable sort, equal k-grams' counts added."""
    units = left.units + right.units
    hashes = np.concatenate((left.hashes, right.hashes))
    order = np.argsort(hashes, kind="stable")
    hashes = hashes[order]
    counts = np.concatenate((left.units_with, right.units_with))[order]
    if hashes.size == 0:
        return KgramRarity(hashes, counts, units)
    starts = np.flatnonzero(np.concatenate(([True], hashes[1:] != hashes[:-1])))
    return KgramRarity(hashes[starts], np.add.reduceat(counts, starts), units)


def order_free_containment(
    left: Streams, right: Streams, table: KgramRarity | None
) -> tuple[float, float]:
    """Weighted containment both ways of two works' k-gram sets; ``table`` None: weighted
    by the files of both works."""
    # Each side's table: its distinct k-grams (sorted) and their file counts.
    lcount, rcount = rarity(per_file_kgrams(left)), rarity(per_file_kgrams(right))
    if table is None:
        table = _merged(lcount, rcount)
    share = containment(lcount.hashes, rcount.hashes, table)
    return share.left_in_right, share.right_in_left
