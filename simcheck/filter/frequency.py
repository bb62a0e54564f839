"""In how many files (and how often) each k-gram occurs: the basis of the rarity figure
and of the common-idiom stage."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from ..match.sets import SortedPostings, sorted_postings


@dataclass(frozen=True)
class Frequency:
    hashes: np.ndarray  # sorted distinct uint64
    files: np.ndarray  # int64: files holding each hash
    occurrences: np.ndarray  # int64: occurrences of each hash, all files together

    def lookup(self, query: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """(files, occurrences) for each hash of ``query``; zero where absent."""
        if self.hashes.size == 0 or query.size == 0:
            zero = np.zeros(query.shape, dtype=np.int64)
            return zero, zero.copy()
        # Sorted keys make the binary searches walk memory in order (several times faster
        # on millions of hashes); the answers are put back in the query's order.
        order = np.argsort(query, kind="stable")
        files_sorted, occurrences_sorted = self.lookup_sorted(query[order])
        files = np.empty(query.shape, dtype=np.int64)
        occurrences = np.empty(query.shape, dtype=np.int64)
        files[order] = files_sorted
        occurrences[order] = occurrences_sorted
        return files, occurrences

    def lookup_sorted(self, keys: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """``lookup`` of hashes already sorted."""
        if self.hashes.size == 0 or keys.size == 0:
            zero = np.zeros(keys.shape, dtype=np.int64)
            return zero, zero.copy()
        index = np.minimum(np.searchsorted(self.hashes, keys), self.hashes.size - 1)
        found = self.hashes[index] == keys
        return (
            np.where(found, self.files[index], 0).astype(np.int64, copy=False),
            np.where(found, self.occurrences[index], 0).astype(np.int64, copy=False),
        )

    def above(self, max_files: int, max_occurrences: int | None = None) -> np.ndarray:
        """Hashes (sorted) in more than ``max_files`` files or, when given, occurring more
        than ``max_occurrences`` times."""
        keep = self.files > max_files
        if max_occurrences is not None:
            keep |= self.occurrences > max_occurrences
        return self.hashes[keep]


EMPTY = Frequency(np.zeros(0, np.uint64), np.zeros(0, np.int64), np.zeros(0, np.int64))


def from_sorted(hashes: np.ndarray, files: np.ndarray) -> Frequency:
    """Frequencies from postings already sorted by (hash, file)."""
    if hashes.size == 0:
        return EMPTY
    new_hash = np.ones(hashes.size, dtype=bool)
    np.not_equal(hashes[1:], hashes[:-1], out=new_hash[1:])
    new_file = new_hash.copy()
    new_file[1:] |= files[1:] != files[:-1]
    group = np.cumsum(new_hash) - 1
    return Frequency(
        hashes[new_hash],
        np.bincount(group, weights=new_file).astype(np.int64),
        np.bincount(group).astype(np.int64),
    )


def of_files(kgrams: Sequence[np.ndarray]) -> Frequency:
    """Frequencies over the k-gram arrays of a list of files (one work)."""
    hashes, files, _ = sorted_postings(kgrams)
    return from_sorted(hashes, files)


def of_postings(postings: SortedPostings) -> Frequency:
    """Frequencies over one work's postings already sorted (``sort_postings``)."""
    return from_sorted(postings.sorted_hashes, postings.sorted_files)


def combined(parts: Sequence[Frequency]) -> Frequency:
    """Frequencies of several disjoint file sets added together."""
    parts = [p for p in parts if p.hashes.size]
    if not parts:
        return EMPTY
    if len(parts) == 1:
        return parts[0]
    hashes = np.concatenate([p.hashes for p in parts])
    order = np.argsort(hashes, kind="stable")
    hashes = hashes[order]
    files = np.concatenate([p.files for p in parts])[order]
    occurrences = np.concatenate([p.occurrences for p in parts])[order]
    new_hash = np.ones(hashes.size, dtype=bool)
    np.not_equal(hashes[1:], hashes[:-1], out=new_hash[1:])
    group = np.cumsum(new_hash) - 1
    return Frequency(
        hashes[new_hash],
        np.bincount(group, weights=files).astype(np.int64),
        np.bincount(group, weights=occurrences).astype(np.int64),
    )
