"""k-grams common across a reference corpus (the way MOSS's ``-m`` works): code that many
independent works share is idiom, template or library code, not evidence of copying."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True)
class CommonKgrams:
    hashes: np.ndarray  # sorted uint64
    works: int  # works in the corpus
    min_works: int  # a k-gram in more than this many works is common

    def describe(self) -> str:
        return (
            f"{self.hashes.size} k-grams found in more than {self.min_works} of the"
            f" {self.works} reference works seed no match"
        )


def common_kgrams(works: Sequence[Sequence[np.ndarray]], fraction: float) -> CommonKgrams:
    """k-grams present in more than ``fraction`` of ``works`` (each a list of per-file
    k-gram arrays), and in more than two of them."""
    per_work = [
        np.unique(np.concatenate(files)) if files else np.zeros(0, dtype=np.uint64)
        for files in works
    ]
    limit = max(2, int(fraction * len(works)))
    if not per_work:
        return CommonKgrams(np.zeros(0, dtype=np.uint64), 0, limit)
    hashes, counts = np.unique(np.concatenate(per_work), return_counts=True)
    return CommonKgrams(hashes[counts > limit], len(works), limit)
