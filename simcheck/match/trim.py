"""Trim a match's edge where it only grazes a neighbouring definition.

Code around a copied function often looks like code around any function: the previous
definition ends ``return x; }`` and the next begins ``static int name(``, so a match of a
copied function tends to run a few tokens past it, into the header of the host's next
definition or the tail of its previous one. Those tokens were not copied. When a match's
first or last few tokens reach into a different definition (function, method, class) than
the bulk of the match, that sliver is cut off. A definition enclosing the whole match (the
class around a copied method) does not count as "different", a match covering whole
definitions keeps them, and nothing is cut unless the parser located the definitions.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable

import numpy as np

from fingerprints.tokens import FileTokens

from .align import Region, Tile

# A sliver within the line limit may still hold at most this many times the token limit
# (a long header on one line: ``def f(self, a: int, b: str = "x") -> bool:``).
_LINE_SLIVER_FACTOR = 3


def _short(tokens: FileTokens, first: int, end: int, max_tokens: int, max_lines: int) -> bool:
    """Whether tokens [first, end) are few enough to be a sliver."""
    n = end - first
    if n < max_tokens:
        return True
    lines = int(tokens.end_line[end - 1]) - int(tokens.start_line[first]) + 1
    return lines <= max_lines and n < _LINE_SLIVER_FACTOR * max_tokens


Definitions = list[tuple[int, int]]  # token ranges [start, end)


def _tail_cut(lo: int, hi: int, defs: Definitions, short: Callable[[int, int], bool]) -> int:
    """The new end of the token range [lo, hi) with its grazing tail cut off (``hi`` when
    there is none). ``defs``: the token ranges of the definitions overlapping it (the
    others cannot bear on it)."""
    defs = [(s, e) for s, e in defs if not (s <= lo and e >= hi)]  # enclosing ones aside
    bounds = sorted({x for d in defs for x in d if lo < x < hi})
    for b in bounds:  # largest sliver first
        if b - lo < hi - b:
            continue  # the sliver would be the bulk
        if not short(b, hi):
            continue
        if any(s < b < e for s, e in defs):
            continue  # a definition runs from the bulk into the sliver: it continues it
        if any(s >= b and e <= hi for s, e in defs):
            continue  # the sliver holds a whole definition: matched whole, kept whole
        if not any(b <= s < hi for s, _ in defs):
            # No other definition in the sliver: it is code around definitions (a module
            # docstring, an import, a class's closing brace), part of a larger copy.
            continue
        return b
    return hi


def definition_bounds(tokens: FileTokens) -> list[int]:
    """Every token index where a definition of the file starts or ends, sorted."""
    return sorted(set(tokens.def_start.tolist()) | set(tokens.def_end.tolist()))


def _bound_within(bounds: list[int], lo: int, hi: int) -> bool:
    """Whether a definition starts or ends strictly between token ``lo`` and ``hi``."""
    i = bisect_right(bounds, lo)
    return i < len(bounds) and bounds[i] < hi


def _cuts(tokens: FileTokens, lo: int, hi: int, max_tokens: int, max_lines: int,
          bounds: list[int]) -> tuple[int, int]:
    """[lo, hi) of one side with grazing slivers cut off at both ends; ``bounds``: its
    ``definition_bounds``."""
    starts, ends = tokens.def_start, tokens.def_end
    if starts.size == 0:
        return lo, hi
    # No sliver reaches this many tokens (see ``_short``): only definition bounds this
    # close to an end can cut it, and most ends have none (the common case, checked first).
    reach = _LINE_SLIVER_FACTOR * max_tokens
    cut_tail = _bound_within(bounds, max(lo, hi - reach), hi)
    if not cut_tail and not _bound_within(bounds, lo, min(hi, lo + reach)):
        return lo, hi
    # The definitions overlapping [lo, hi) (sorted by start: those starting before hi).
    first_after = int(np.searchsorted(starts, hi))
    near = np.flatnonzero(ends[:first_after] > lo)
    defs = list(zip(starts[near].tolist(), ends[near].tolist(), strict=True))
    new_hi = hi
    if cut_tail:
        new_hi = _tail_cut(lo, hi, defs, lambda b, e: _short(tokens, b, e, max_tokens, max_lines))
    if not _bound_within(bounds, lo, min(new_hi, lo + reach)):
        return lo, new_hi
    # The head is the tail of the mirrored range: token i becomes n - i.
    n = len(tokens)
    mirrored = _tail_cut(
        n - new_hi, n - lo, [(n - e, n - s) for s, e in defs],
        lambda b, e: _short(tokens, n - e, n - b, max_tokens, max_lines),
    )
    return n - mirrored, new_hi


def run_cutter(a_tokens: FileTokens, b_tokens: FileTokens, max_tokens: int, max_lines: int,
               bounds: tuple[list[int], list[int]]) -> Callable[[int, int, int],
                                                                tuple[int, int, int]]:
    """For one file pair: a run (a, b, length) without its grazing slivers (``trim`` of a
    one-tile region), for the tiling (simcheck.match.align.tile)."""

    reach = _LINE_SLIVER_FACTOR * max_tokens
    a_bounds, b_bounds = bounds

    def near(side: list[int], lo: int, hi: int) -> bool:
        """Whether a definition bound lies close enough to an end of [lo, hi) to cut it."""
        return _bound_within(side, lo, min(hi, lo + reach)) or _bound_within(
            side, max(lo, hi - reach), hi)

    def cut(a: int, b: int, n: int) -> tuple[int, int, int]:
        if not (near(a_bounds, a, a + n) or near(b_bounds, b, b + n)):
            return a, b, n  # the common case: no bound near either end
        t = trim(Region((Tile(a, b, n),)), a_tokens, b_tokens, max_tokens, max_lines, bounds)
        return (t.tiles[0].a, t.tiles[0].b, t.tiles[0].length) if len(t.tiles) == 1 else (a, b, n)

    return cut


def trim(region: Region, a_tokens: FileTokens, b_tokens: FileTokens, max_tokens: int,
         max_lines: int, bounds: tuple[list[int], list[int]] | None = None) -> Region:
    """``region`` without the slivers at its ends that only graze another definition than
    its bulk, on either side (a sliver: fewer than ``max_tokens`` tokens, or at most
    ``max_lines`` lines). A tile keeps its token-to-token pairing: cutting one side cuts
    the same tokens of the other. Never cuts a region to nothing. ``bounds``: both
    sides' ``definition_bounds``, when already computed (they serve every region of a
    file)."""
    if max_tokens <= 0:
        return region
    a_bounds, b_bounds = bounds or (definition_bounds(a_tokens), definition_bounds(b_tokens))
    a_lo, a_hi = _cuts(a_tokens, region.a_start, region.a_end, max_tokens, max_lines, a_bounds)
    b_lo, b_hi = _cuts(b_tokens, region.b_start, region.b_end, max_tokens, max_lines, b_bounds)
    if (a_lo, a_hi, b_lo, b_hi) == (region.a_start, region.a_end, region.b_start, region.b_end):
        return region
    tiles = []
    for t in region.tiles:
        skip = max(0, a_lo - t.a, b_lo - t.b)
        keep = min(t.length, a_hi - t.a, b_hi - t.b)
        if keep > skip:
            tiles.append(Tile(t.a + skip, t.b + skip, keep - skip))
    return Region(tuple(tiles)) if tiles else region
