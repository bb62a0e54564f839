"""The filtration ledger: matched tokens and code lines before and after each stage.

Every matched token occurrence gets the index of the first stage that explains it (the
number of stages when none does). A token of a side still counts after stage s when one
of its occurrences got an index above s: a token matched in two file pairs and explained
in only one of them still counts. Lines likewise: a code line still counts while one of
its matched tokens does. Computed for all file pairs (or files) at once, vectorised.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from ..result import Coverage, LedgerRow, LedgerSide


@dataclass(frozen=True)
class Occurrences:
    """Matched token occurrences on one side, as parallel arrays."""

    group: np.ndarray  # int64: what is counted separately (a file pair, or a file)
    position: np.ndarray  # int64: the token's index in its file
    first_line: np.ndarray  # int64: lines the token touches
    last_line: np.ndarray
    level: np.ndarray  # int8 or wider: index of the stage that explains it (n_stages: none)


def _highest(parts: Sequence[np.ndarray], level: np.ndarray) -> tuple[list[np.ndarray], np.ndarray]:
    """Distinct rows of ``parts`` (non-negative integers), each with its highest level.
    Packs each row and its level into one int64 when they fit (one sort)."""
    if level.size == 0:
        return list(parts), level
    bits = [max(int(p.max()).bit_length(), 1) for p in parts]
    level_bits = max(int(level.max()).bit_length(), 1)
    if sum(bits) + level_bits <= 62:
        packed = np.zeros(level.size, dtype=np.int64)
        for p, b in zip(parts, bits, strict=True):
            packed = (packed << b) | p
        packed = np.sort((packed << level_bits) | level)
        row = packed >> level_bits
        last = np.ones(row.size, dtype=bool)
        last[:-1] = row[1:] != row[:-1]
        packed, row = packed[last], row[last]
        out = []
        for b in reversed(bits):
            out.append(row & ((1 << b) - 1))
            row = row >> b
        return out[::-1], packed & ((1 << level_bits) - 1)
    order = np.lexsort((level, *reversed(parts)))
    parts = [p[order] for p in parts]
    level = level[order]
    last = np.ones(level.size, dtype=bool)
    differs = np.zeros(level.size - 1, dtype=bool)
    for p in parts:
        differs |= p[1:] != p[:-1]
    last[:-1] = differs
    return [p[last] for p in parts], level[last]


def _at_least(group: np.ndarray, level: np.ndarray, n_groups: int, n_stages: int) -> np.ndarray:
    """(n_groups, n_stages + 1): entries of each group with level >= s."""
    width = n_stages + 1
    counts = np.bincount(group * width + level, minlength=n_groups * width)
    return np.cumsum(counts.reshape(n_groups, width)[:, ::-1], axis=1)[:, ::-1]


def _dense_highest(group: np.ndarray, key: np.ndarray, level: np.ndarray, n_groups: int,
                   n_stages: int) -> np.ndarray | None:
    """``_at_least`` of the distinct (group, key) pairs, each at its highest level, read
    off one array indexed by (group, key): no sort. None when that array would be much
    larger than the entries (keys spread thinly over a wide range)."""
    extent = np.zeros(n_groups, dtype=np.int64)
    np.maximum.at(extent, group, key + 1)
    base = np.zeros(n_groups + 1, dtype=np.int64)
    np.cumsum(extent, out=base[1:])
    if int(base[-1]) > 16 * key.size + (1 << 20):
        return None
    top = np.full(int(base[-1]), -1, dtype=np.int8)
    np.maximum.at(top, base[group] + key, level.astype(np.int8))
    hit = np.flatnonzero(top >= 0)
    owner = np.searchsorted(base, hit, side="right") - 1
    return _at_least(owner, top[hit].astype(np.int64), n_groups, n_stages)


def _distinct_at_least(group: np.ndarray, key: np.ndarray, level: np.ndarray, n_groups: int,
                       n_stages: int) -> np.ndarray:
    """Per group: distinct keys whose highest level is >= s, for s = 0..n_stages."""
    found = _dense_highest(group, key, level, n_groups, n_stages) if level.size else None
    if found is not None:
        return found
    (g, _), lev = _highest([group, key], level)
    return _at_least(g, lev, n_groups, n_stages)


def counts(
    occ: Occurrences, n_groups: int, n_stages: int, distinct: bool = False
) -> tuple[np.ndarray, np.ndarray]:
    """Per group, for s = 0..n_stages: matched tokens and code lines with level >= s.
    ``distinct``: no (group, position) occurs twice (one file pair's tiles never overlap)."""
    if distinct:
        tokens = _at_least(occ.group, occ.level, n_groups, n_stages)
    else:
        tokens = _distinct_at_least(occ.group, occ.position, occ.level, n_groups, n_stages)
    span = occ.last_line - occ.first_line + 1
    group, line, level = occ.group, occ.first_line, occ.level
    if span.size and int(span.max()) > 1:  # a multi-line token touches all its lines
        offsets = np.arange(int(span.sum())) - np.repeat(np.cumsum(span) - span, span)
        group, level = np.repeat(group, span), np.repeat(level, span)
        line = np.repeat(line, span) + offsets
    return tokens, _distinct_at_least(group, line, level, n_groups, n_stages)


def rows(
    left: tuple[Sequence[int], Sequence[int]],
    right: tuple[Sequence[int], Sequence[int]],
    stages: Sequence[str],
    classified: dict[str, int],
) -> list[LedgerRow]:
    """Ledger rows from one group's (tokens, lines) counts of each side (plain ints:
    ``counts`` rows turned into lists)."""
    (lt, ll), (rt, rl) = left, right
    return [
        LedgerRow(
            stage,
            classified.get(stage, 0),
            LedgerSide(lt[s], lt[s + 1], ll[s], ll[s + 1]),
            LedgerSide(rt[s], rt[s + 1], rl[s], rl[s + 1]),
        )
        for s, stage in enumerate(stages)
    ]


def filtered_coverage(unfiltered: Coverage, tokens: int, lines: int) -> Coverage:
    return Coverage(unfiltered.tokens_total, tokens, unfiltered.lines_total, lines)
