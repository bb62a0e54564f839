"""Citations: where in the reference corpora the explained part of a match occurs (the
corpus, the file and its line ranges), from the aligned runs that explain it."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from .aligned import ReferenceRuns
from .corpus import ReferenceIndex


@dataclass(frozen=True)
class Citation:
    corpus: str  # the reference's label
    path: str
    start_line: int
    end_line: int
    tokens: int  # explained tokens of the match that this range accounts for


def _merged(spans: list[tuple[int, int, int]]) -> list[tuple[int, int, int]]:
    """Overlapping or adjacent line ranges merged, their token counts added."""
    out: list[list[int]] = []
    for a, b, n in sorted(spans):
        if out and a <= out[-1][1] + 1:
            out[-1][1] = max(out[-1][1], b)
            out[-1][2] += n
        else:
            out.append([a, b, n])
    return [(a, b, n) for a, b, n in out]


def cite(
    runs: ReferenceRuns, refs: Sequence[ReferenceIndex], explained: np.ndarray, limit: int
) -> list[Citation]:
    """Up to ``limit`` reference line ranges whose aligned runs cover the work-file tokens
    ``explained`` (positions). Files accounting for more tokens come first."""
    if runs.start.size == 0 or explained.size == 0:
        return []
    ex = np.sort(explained)
    # Explained tokens inside each run: a count, not a flag, so that files can be ranked.
    inside = np.searchsorted(ex, runs.end) - np.searchsorted(ex, runs.start)
    by_file: dict[tuple[int, int], list[tuple[int, int, int]]] = {}
    for i in np.flatnonzero(inside > 0).tolist():
        key = (int(runs.ref[i]), int(runs.file[i]))
        span = (int(runs.first_line[i]), int(runs.last_line[i]), int(inside[i]))
        by_file.setdefault(key, []).append(span)
    ranked = sorted(
        ((-sum(n for *_, n in spans), ref, refs[ref].files[f].path, spans)
         for (ref, f), spans in by_file.items()),
    )
    out: list[Citation] = []
    for _, ref, path, spans in ranked:
        for a, b, n in _merged(spans):
            if len(out) >= limit:
                return out
            out.append(Citation(refs[ref].label, path, a, b, n))
    return out
