"""The order-free structure channel: how much of one work's short structural k-grams occur
anywhere in the other, weighted by rarity.

Runs (the structure channel) need the copied code in the same order; a copy whose
functions or independent statements were reordered, or interleaved with inserted code,
keeps its short k-grams but not its long runs. Each k-gram counts once per work, weighted
by how rare it is among a set of reference units (the files of both works, or the works of
a benchmark set), so idiom shared by everything weighs little and rare structure weighs
much. The figure complements the runs; it never replaces the regions as evidence.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from fingerprints.kgrams import kgram_hashes

from .sets import distinct

# Short enough to survive statement-level reordering, long enough to be structure.
ORDER_FREE_K = 8


@dataclass(frozen=True)
class KgramRarity:
    """In how many reference units (files or works) each k-gram occurs."""

    hashes: np.ndarray  # sorted unique uint64
    units_with: np.ndarray  # int64, parallel to ``hashes``
    units: int

    def frequencies(self, hashes: np.ndarray) -> np.ndarray:
        """In how many units each hash occurs; one for a hash the table never saw."""
        df = np.ones(hashes.shape, dtype=np.int64)
        if self.hashes.size:
            idx = np.minimum(np.searchsorted(self.hashes, hashes), self.hashes.size - 1)
            hit = self.hashes[idx] == hashes
            df[hit] = self.units_with[idx[hit]]
        return df

    def weights(self, hashes: np.ndarray) -> np.ndarray:
        """Rarity weight log(1 + units / df): high for rare k-grams, low for ubiquitous
        ones, positive even when every unit has it."""
        return np.log1p(max(self.units, 1) / self.frequencies(hashes))


def kgram_set(symbol_streams: Sequence[np.ndarray], k: int = ORDER_FREE_K) -> np.ndarray:
    """Distinct structural k-grams of one unit (a file or a whole work), sorted."""
    parts = [kgram_hashes(s, k) for s in symbol_streams]
    parts = [p for p in parts if p.size]
    return distinct(np.concatenate(parts)) if parts else np.zeros(0, dtype=np.uint64)


def union(sets: Sequence[np.ndarray]) -> np.ndarray:
    """Distinct k-grams of several units (e.g. a work from its files' sets)."""
    return distinct(np.concatenate(list(sets))) if sets else np.zeros(0, dtype=np.uint64)


def rarity(units: Sequence[np.ndarray]) -> KgramRarity:
    """Document frequencies over ``units`` (each a sorted distinct k-gram array)."""
    every = np.sort(np.concatenate(list(units))) if units else np.zeros(0, dtype=np.uint64)
    if every.size == 0:
        return KgramRarity(every, np.zeros(0, dtype=np.int64), len(units))
    starts = np.flatnonzero(np.concatenate(([True], every[1:] != every[:-1])))
    counts = np.diff(np.append(starts, every.size))
    return KgramRarity(every[starts], counts.astype(np.int64), len(units))


@dataclass(frozen=True)
class Containment:
    left_in_right: float  # rarity-weighted share of LEFT's k-grams present in RIGHT
    right_in_left: float


def containment(left: np.ndarray, right: np.ndarray, table: KgramRarity,
                shared: np.ndarray | None = None) -> Containment:
    """Weighted containment both ways of two sorted unique k-gram sets; ``shared``, if
    given, counts only those of their common k-grams."""
    if shared is None:
        shared = np.intersect1d(left, right, assume_unique=True)
    total_l = float(table.weights(left).sum())
    total_r = float(table.weights(right).sum())
    common = float(table.weights(shared).sum())
    return Containment(
        common / total_l if total_l else 0.0,
        common / total_r if total_r else 0.0,
    )
