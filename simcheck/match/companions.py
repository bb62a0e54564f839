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


def _apart(start: int, end: int, other_start: int, other_end: int) -> int:
    """Tokens between [start, end) and [other_start, other_end), whichever comes first
    (negative when they overlap)."""
    return max(other_start - end, start - other_end)


def companions(
    found: Sequence[Region], counted: Sequence[bool], short: Sequence[bool], gap: int
) -> list[int]:
    """Indices of the ``short`` regions of one file pair that lie within ``gap`` tokens,
    on both sides, of a ``counted`` region."""
    anchors = [r for r, c in zip(found, counted, strict=True) if c]
    return [
        i for i, (r, s) in enumerate(zip(found, short, strict=True))
        if s and any(
            0 <= _apart(r.a_start, r.a_end, q.a_start, q.a_end) <= gap
            and 0 <= _apart(r.b_start, r.b_end, q.b_start, q.b_end) <= gap
            for q in anchors
        )
    ]
