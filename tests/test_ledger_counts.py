"""The ledger's counts and the rarity medians, computed in bulk, agree with counting one
token, one line and one match at a time."""

from __future__ import annotations

import numpy as np
import pytest

import simcheck.filter.ledger as ledger
from simcheck.filter.filtrate import _medians
from simcheck.filter.ledger import Occurrences, counts

N_STAGES = 8


def _occurrences(seed: int) -> Occurrences:
    rng = np.random.default_rng(seed)
    n = 2000
    group = rng.integers(0, 7, n)
    position = rng.integers(0, 300, n)
    first = rng.integers(1, 80, n)
    last = first + (rng.random(n) < 0.1) * rng.integers(0, 4, n)  # a few multi-line tokens
    level = rng.integers(0, N_STAGES + 1, n).astype(np.int8)
    return Occurrences(group, position, first, last, level)


def _by_hand(occ: Occurrences, n_groups: int) -> tuple[np.ndarray, np.ndarray]:
    tokens: dict[tuple[int, int], int] = {}
    lines: dict[tuple[int, int], int] = {}
    for g, p, a, b, lev in zip(*(x.tolist() for x in (occ.group, occ.position,
                                                       occ.first_line, occ.last_line,
                                                       occ.level)), strict=True):
        tokens[(g, p)] = max(tokens.get((g, p), -1), lev)
        for line in range(a, b + 1):
            lines[(g, line)] = max(lines.get((g, line), -1), lev)
    out = []
    for top in (tokens, lines):
        table = np.zeros((n_groups, N_STAGES + 1), dtype=np.int64)
        for (g, _), lev in top.items():
            table[g, : lev + 1] += 1  # counts at every stage up to its highest level
        out.append(table)
    return out[0], out[1]


@pytest.mark.parametrize("seed", [1, 2])
def test_token_and_line_counts_match_counting_one_at_a_time(seed: int) -> None:
    occ = _occurrences(seed)
    tokens, lines = counts(occ, 7, N_STAGES)
    want_tokens, want_lines = _by_hand(occ, 7)
    assert np.array_equal(tokens, want_tokens)
    assert np.array_equal(lines, want_lines)


def test_keys_too_spread_for_one_array_are_counted_by_sorting(monkeypatch) -> None:
    occ = _occurrences(3)
    spread = Occurrences(occ.group, occ.position * 10**9, occ.first_line, occ.last_line,
                         occ.level)
    assert ledger._dense_highest(spread.group, spread.position, spread.level, 7,
                                 N_STAGES) is None
    assert np.array_equal(counts(spread, 7, N_STAGES)[0], _by_hand(occ, 7)[0])


def test_rarity_medians_are_the_lower_middle_value_of_each_match() -> None:
    rng = np.random.default_rng(4)
    n = rng.integers(1, 40, 300)
    n[::17] = 0  # matches without a k-gram
    who = np.repeat(np.arange(n.size), n)
    # Mostly small file counts, some far above the tallied range.
    values = np.where(rng.random(who.size) < 0.2, rng.integers(60, 5000, who.size),
                      rng.integers(0, 6, who.size))
    first = np.cumsum(n) - n
    got = _medians(who, values, n, first)
    for m in np.flatnonzero(n).tolist():
        seg = sorted(values[first[m] : first[m] + n[m]].tolist())
        assert got[m] == seg[(n[m] - 1) // 2]
