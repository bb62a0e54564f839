"""Selection and arrangement: which sections of one document reappear in the other, and
whether they keep their order (the longest subsequence in the original order is kept,
the rest moved)."""

from __future__ import annotations

from bisect import bisect_right

from ..result import SectionOrder, SectionPair
from .align import Passage
from .prepare import TextFile


def _number(f: TextFile, heading_block: int) -> int:
    """Ordinal of a heading among the document's headings (0: text before the first)."""
    if heading_block < 0:
        return 0
    return sum(1 for b in f.document.blocks[: heading_block + 1] if b.kind == "heading")


def _sections(f: TextFile) -> int:
    """Sections of a document: one per heading, and the text before the first heading
    (section 0) when there is any, since its passages are reported as a section too."""
    blocks = f.document.blocks
    headings = sum(1 for b in blocks if b.kind == "heading")
    return headings + (1 if blocks and blocks[0].kind != "heading" else 0)


def _kept(values: list[int]) -> list[bool]:
    """Which elements form a longest non-decreasing subsequence (earliest such)."""
    tails: list[int] = []
    tail_at: list[int] = []
    parent = [-1] * len(values)
    for i, v in enumerate(values):
        k = bisect_right(tails, v)
        if k == len(tails):
            tails.append(v)
            tail_at.append(i)
        else:
            tails[k] = v
            tail_at[k] = i
        parent[i] = tail_at[k - 1] if k else -1
    keep = [False] * len(values)
    i = tail_at[-1] if tail_at else -1
    while i >= 0:
        keep[i] = True
        i = parent[i]
    return keep


def section_order(left: TextFile, right: TextFile, passages: list[Passage]) -> SectionOrder:
    words: dict[int, dict[int, int]] = {}
    for passage in passages:
        for p, n in zip(passage.pairs, passage.words, strict=True):
            ls = left.section[int(left.s_block[p.left])]
            rs = right.section[int(right.s_block[p.right])]
            words.setdefault(ls, {}).setdefault(rs, 0)
            words[ls][rs] += n
    rows = []
    for ls in sorted(words):
        rs, n = min(words[ls].items(), key=lambda kv: (-kv[1], kv[0]))
        rows.append((ls, rs, n))
    kept = _kept([_number(right, rs) for _, rs, _ in rows])
    sections = [
        SectionPair(
            left_number=_number(left, ls),
            left_heading=None if ls < 0 else left.document.blocks[ls].text,
            right_number=_number(right, rs),
            right_heading=None if rs < 0 else right.document.blocks[rs].text,
            words=n,
            in_order=k,
        )
        for (ls, rs, n), k in zip(rows, kept, strict=True)
    ]
    return SectionOrder(
        left=left.path,
        right=right.path,
        left_sections=_sections(left),
        right_sections=_sections(right),
        sections=sections,
        kept_in_order=sum(kept),
        moved=len(kept) - sum(kept),
    )
