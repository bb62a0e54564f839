"""Coverage: how much of each side the matches account for, in tokens and code lines."""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np

from fingerprints.tokens import FileTokens

from .result import Coverage


def mark(mask: np.ndarray, spans: Iterable[tuple[int, int]]) -> None:
    """Set ``mask[start:end]`` for each token span."""
    for start, end in spans:
        mask[start:end] = True


def code_lines(tokens: FileTokens, mask: np.ndarray | None = None) -> int:
    """Distinct lines touched by the (masked) tokens; a multi-line token touches all."""
    first = tokens.start_line if mask is None else tokens.start_line[mask]
    last = tokens.end_line if mask is None else tokens.end_line[mask]
    if first.size == 0:
        return 0
    top = int(last.max()) + 2
    delta = np.zeros(top, dtype=np.int64)
    np.add.at(delta, first, 1)
    np.add.at(delta, last + 1, -1)
    return int(np.count_nonzero(np.cumsum(delta) > 0))


def coverage(files: Iterable[tuple[FileTokens, np.ndarray]]) -> Coverage:
    """Coverage of a set of files, each with its mask of matched tokens."""
    tokens_total = tokens_matched = lines_total = lines_matched = 0
    for tokens, mask in files:
        tokens_total += len(tokens)
        tokens_matched += int(np.count_nonzero(mask))
        lines_total += code_lines(tokens)
        lines_matched += code_lines(tokens, mask)
    return Coverage(tokens_total, tokens_matched, lines_total, lines_matched)
