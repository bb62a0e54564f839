"""Short matches that stand beside a counted match of the same file pair.

A copy disguised by extracting a method or swapping two blocks leaves pieces shorter than
a match must be, next to the bulk of the copy, often in another order on the two sides
(the extracted helper follows its caller; the donor had it inline). Merging needs the same
order on both sides; a piece that lies within the merge gap of a counted match on both
sides, in either order, is part of the same copy and need not reach the minimum alone.
"""

from __future__ import annotations

from collections.abc import Sequence

from .align import Region


def _near(start: int, end: int, spans: list[tuple[int, int]], gap: int) -> bool:
    """Whether [start, end) lies within ``gap`` tokens of one of ``spans``."""
    return any(max(s - end, start - e) <= gap for s, e in spans)


def companions(
    found: Sequence[Region], counted: Sequence[bool], short: Sequence[bool], gap: int
) -> list[int]:
    """Indices of the ``short`` regions of one file pair that lie within ``gap`` tokens,
    on both sides, of the tiles of one ``counted`` region (before, after, or in a gap
    between two of its tiles: where an extracted helper's code was)."""
    anchors = [
        ([(t.a, t.a + t.length) for t in q.tiles], [(t.b, t.b + t.length) for t in q.tiles])
        for q, c in zip(found, counted, strict=True) if c
    ]
    return [
        i for i, (r, s) in enumerate(zip(found, short, strict=True))
        if s and any(
            _near(r.a_start, r.a_end, a, gap) and _near(r.b_start, r.b_end, b, gap)
            for a, b in anchors
        )
    ]
