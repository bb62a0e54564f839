"""A work's structure streams without the definitions its program never reaches (the
order-free channel's input; ``fingerprints.unreferenced`` says which and why)."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from fingerprints.languages import get_spec
from fingerprints.unreferenced import unreferenced

from ..prepare import PreparedFile


def referenced_streams(files: Sequence[PreparedFile]) -> tuple[list[np.ndarray], int]:
    """Each file's structure symbols outside unreferenced definitions, and how many tokens
    were left out."""
    masks = unreferenced([
        (f.fp.tokens, f.text, get_spec(f.language).entry_points if f.language else frozenset())
        for f in files
    ])
    kept = [f.fp.tokens.symbols[~m] for f, m in zip(files, masks, strict=True)]
    return kept, sum(int(m.sum()) for m in masks)
