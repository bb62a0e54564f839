"""A work's structure streams without the definitions its program never reaches (the
order-free channel's input; ``fingerprints.unreferenced`` says which and why), and where
those definitions lie, so that other figures can leave them out too."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from fingerprints.languages import get_spec
from fingerprints.unreferenced import unreferenced

from ..prepare import PreparedFile


def unreferenced_masks(files: Sequence[PreparedFile]) -> list[np.ndarray]:
    """Per file of one work, True on its structure tokens inside unreferenced definitions."""
    return unreferenced([
        (f.fp.tokens, f.text, get_spec(f.language).entry_points if f.language else frozenset())
        for f in files
    ])


def referenced_streams(files: Sequence[PreparedFile], masks: Sequence[np.ndarray] | None = None
                       ) -> tuple[list[np.ndarray], int]:
    """Each file's structure symbols outside unreferenced definitions, and how many tokens
    were left out (``masks``: ``unreferenced_masks(files)``, when already found)."""
    masks = unreferenced_masks(files) if masks is None else masks
    kept = [f.fp.tokens.symbols[~m] for f, m in zip(files, masks, strict=True)]
    return kept, sum(int(m.sum()) for m in masks)


def spans(mask: np.ndarray) -> np.ndarray:
    """The runs of True in a token mask as rows (start, end), end exclusive: a handful of
    rows where the mask has a byte per token (the spans cross a process boundary)."""
    edges = np.flatnonzero(np.diff(np.concatenate(([0], mask.view(np.int8), [0]))))
    return edges.reshape(-1, 2).astype(np.int64)


def tokens_within(positions: Sequence[np.ndarray], file_spans: Sequence[np.ndarray]) -> int:
    """How many of each file's token ``positions`` (sorted, distinct) lie inside that file's
    ``spans``, summed over the files."""
    found = 0
    for where, rows in zip(positions, file_spans, strict=True):
        if where.size and rows.size:
            found += int((np.searchsorted(where, rows[:, 1])
                          - np.searchsorted(where, rows[:, 0])).sum())
    return found
