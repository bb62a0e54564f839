"""The filtration ledger: matched tokens and code lines before and after each stage.

Every matched token occurrence gets the index of the first stage that explains it (the
number of stages when none does). A token of a side still counts after stage s when one
of its occurrences got an index above s: a token matched in two file pairs and explained
in only one of them still counts."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np

from fingerprints.tokens import FileTokens

from ..result import Coverage, LedgerRow, LedgerSide
from .masks import lines_in


@dataclass
class SideLevels:
    """Per matched token of one file: the highest stage index among its occurrences."""

    tokens: FileTokens
    positions: list[np.ndarray] = field(default_factory=list)
    stages: list[np.ndarray] = field(default_factory=list)

    def add(self, positions: np.ndarray, stages: np.ndarray) -> None:
        self.positions.append(positions)
        self.stages.append(stages)

    def levels(self) -> tuple[np.ndarray, np.ndarray]:
        """(distinct token positions, their level)."""
        if not self.positions:
            return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int8)
        pos = np.concatenate(self.positions)
        lev = np.concatenate(self.stages)
        order = np.lexsort((-lev.astype(np.int64), pos))  # highest level first per token
        pos, lev = pos[order], lev[order]
        first = np.ones(pos.size, dtype=bool)
        first[1:] = pos[1:] != pos[:-1]
        return pos[first], lev[first]


def _counts(sides: Sequence[SideLevels], n_stages: int) -> tuple[list[int], list[int]]:
    """Tokens and code lines with level >= s, for s = 0..n_stages."""
    tokens = [0] * (n_stages + 1)
    lines = [0] * (n_stages + 1)
    for side in sides:
        pos, lev = side.levels()
        first = side.tokens.start_line[pos]
        last = side.tokens.end_line[pos]
        for s in range(n_stages + 1):
            keep = lev >= s
            tokens[s] += int(np.count_nonzero(keep))
            lines[s] += lines_in(first[keep], last[keep])
    return tokens, lines


def ledger(
    left: Sequence[SideLevels],
    right: Sequence[SideLevels],
    stages: Sequence[str],
    classified: dict[str, int],
) -> tuple[list[LedgerRow], tuple[int, int], tuple[int, int]]:
    """Ledger rows, and the (tokens, lines) that remain on each side after every stage."""
    n = len(stages)
    lt, ll = _counts(left, n)
    rt, rl = _counts(right, n)
    rows = [
        LedgerRow(
            stage=stage,
            matches=classified.get(stage, 0),
            left=LedgerSide(lt[s], lt[s + 1], ll[s], ll[s + 1]),
            right=LedgerSide(rt[s], rt[s + 1], rl[s], rl[s + 1]),
        )
        for s, stage in enumerate(stages)
    ]
    return rows, (lt[n], ll[n]), (rt[n], rl[n])


def filtered_coverage(unfiltered: Coverage, remaining: tuple[int, int]) -> Coverage:
    return Coverage(unfiltered.tokens_total, remaining[0], unfiltered.lines_total, remaining[1])
