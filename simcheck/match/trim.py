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

from bisect import bisect_left, bisect_right
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


def _continued(starts: np.ndarray, ends: np.ndarray, at: int, lo: int, hi: int) -> bool:
    """Whether a definition not enclosing all of [lo, hi) runs across token bound ``at``."""
    return bool(np.any((starts < at) & (ends > at) & ((starts > lo) | (ends < hi))))


def _tail_cut(lo: int, hi: int, starts: np.ndarray, ends: np.ndarray, bounds: list[int],
              short: Callable[[int, int], bool], reach: int) -> int:
    """The new end of the token range [lo, hi) with its grazing tail cut off (``hi`` when
    there is none). ``starts``/``ends`` are the definitions' token ranges, ``bounds`` their
    sorted bounds; no sliver reaches ``reach`` tokens. A definition enclosing the whole
    range has no bound inside it, so the bounds inside are those of the others."""
    first = bisect_right(bounds, max(lo, hi - reach))
    for b in bounds[first : bisect_left(bounds, hi)]:  # largest sliver first
        if 2 * b < lo + hi:
            continue  # the sliver would be the bulk
        if not short(b, hi):
            continue
        if _continued(starts, ends, b, lo, hi):
            continue  # a definition runs from the bulk into the sliver: it continues it
        if np.any((starts >= b) & (ends <= hi)):
            continue  # the sliver holds a whole definition: matched whole, kept whole
        if not np.any((starts >= b) & (starts < hi)):
            # No other definition in the sliver: it is code around definitions (a module
            # docstring, an import, a class's closing brace), part of a larger copy.
            continue
        return b
    return hi


def _head_cut(lo: int, hi: int, starts: np.ndarray, ends: np.ndarray, bounds: list[int],
              short: Callable[[int, int], bool], reach: int) -> int:
    """The new start of [lo, hi) with its grazing head cut off: ``_tail_cut`` mirrored."""
    last = bisect_left(bounds, min(hi, lo + reach))
    for c in reversed(bounds[bisect_right(bounds, lo) : last]):  # largest sliver first
        if 2 * c > lo + hi:
            continue
        if not short(lo, c):
            continue
        if _continued(starts, ends, c, lo, hi):
            continue
        if np.any((starts >= lo) & (ends <= c)):
            continue
        if not np.any((ends > lo) & (ends <= c)):
            continue  # no other definition ends in the sliver
        return c
    return lo


def definition_bounds(tokens: FileTokens) -> list[int]:
    """Every token index where a definition of the file starts or ends, sorted."""
    return sorted(set(tokens.def_start.tolist()) | set(tokens.def_end.tolist()))


def _cuts(tokens: FileTokens, lo: int, hi: int, max_tokens: int, max_lines: int,
          bounds: list[int]) -> tuple[int, int]:
    """[lo, hi) of one side with grazing slivers cut off at both ends; ``bounds``: its
    ``definition_bounds``. Only definition bounds within a sliver's reach of an end can
    cut it (see ``_short``), and most ends have none."""
    reach = _LINE_SLIVER_FACTOR * max_tokens
    first, last = bisect_right(bounds, lo), bisect_left(bounds, hi)  # bounds inside
    if first >= last or (bounds[first] >= lo + reach and bounds[last - 1] <= hi - reach):
        return lo, hi  # no bound within a sliver's reach of either end: the common case
    starts, ends = tokens.def_start, tokens.def_end

    def short(first: int, end: int) -> bool:
        return _short(tokens, first, end, max_tokens, max_lines)

    hi = _tail_cut(lo, hi, starts, ends, bounds, short, reach)
    return _head_cut(lo, hi, starts, ends, bounds, short, reach), hi


def _clipped(t: Tile, a_lo: int, a_hi: int, b_lo: int, b_hi: int) -> Tile | None:
    """The part of tile ``t`` inside [a_lo, a_hi) on side A and [b_lo, b_hi) on side B (a
    tile keeps its token-to-token pairing); None when nothing is left."""
    skip = max(0, a_lo - t.a, b_lo - t.b)
    keep = min(t.length, a_hi - t.a, b_hi - t.b)
    return Tile(t.a + skip, t.b + skip, keep - skip) if keep > skip else None


def run_cutter(a_tokens: FileTokens, b_tokens: FileTokens, max_tokens: int, max_lines: int,
               bounds: tuple[list[int], list[int]]) -> Callable[[int, int, int],
                                                                tuple[int, int, int]]:
    """For one file pair: a run (a, b, length) without its grazing slivers (``trim`` of a
    one-tile region), for the tiling (simcheck.match.align.tile)."""
    a_bounds, b_bounds = bounds
    done: dict[tuple[int, int, int], tuple[int, int, int]] = {}  # a run is cut up to twice

    def cut(a: int, b: int, n: int) -> tuple[int, int, int]:
        key = (a, b, n)
        if key not in done:
            t = _clipped(Tile(a, b, n),
                         *_cuts(a_tokens, a, a + n, max_tokens, max_lines, a_bounds),
                         *_cuts(b_tokens, b, b + n, max_tokens, max_lines, b_bounds))
            done[key] = (t.a, t.b, t.length) if t is not None else key
        return done[key]

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
    clipped = (_clipped(t, a_lo, a_hi, b_lo, b_hi) for t in region.tiles)
    tiles = tuple(t for t in clipped if t is not None)
    return Region(tiles) if tiles else region
