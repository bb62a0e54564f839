"""Identical (or nearly identical) tables and captions on both sides: tables compared
row by row on their words (normalised, aliases applied), captions on their words."""

from __future__ import annotations

import numpy as np
from rapidfuzz.distance import Indel

from ..result import Match, Place, SharedElement
from .prepare import TextFile

NEAR = 0.9  # word similarity above which a table or caption is listed as near-identical
MIN_CAPTION_WORDS = 3


def _block_words(f: TextFile) -> list[np.ndarray]:
    bounds = np.searchsorted(f.block, np.arange(len(f.document.blocks) + 1), side="left")
    return [f.symbols[bounds[b] : bounds[b + 1]] for b in range(len(f.document.blocks))]


def _tables(f: TextFile) -> list[list[int]]:
    tables: dict[int, list[int]] = {}
    for b, block in enumerate(f.document.blocks):
        if block.kind == "table_row" and block.table is not None:
            tables.setdefault(block.table, []).append(b)
    return [tables[t] for t in sorted(tables)]


def _place(f: TextFile, b: int) -> Place:
    return Place(f.path, f.document.blocks[b].page, b + 1, f.heading(b))


def _covering(matches: list[Match], lb: int, rb: int) -> list[str]:
    out = []
    for m in matches:
        ld, rd = m.left.document, m.right.document
        if ld and rd and ld.paragraph_start <= lb + 1 <= ld.paragraph_end and (
            rd.paragraph_start <= rb + 1 <= rd.paragraph_end
        ):
            out.append(m.id)
    return out


def shared_elements(left: TextFile, right: TextFile, matches: list[Match]) -> list[SharedElement]:
    lw, rw = _block_words(left), _block_words(right)
    out: list[SharedElement] = []
    rtables = _tables(right)
    for lt in _tables(left):
        lrows = [lw[b].tolist() for b in lt]
        lflat = [s for row in lrows for s in row]
        best: tuple[float, int] | None = None
        for k, rt in enumerate(rtables):
            rrows = [rw[b].tolist() for b in rt]
            if lrows == rrows:
                best = (1.0, k)
                break
            sim = Indel.normalized_similarity(lflat, [s for row in rrows for s in row])
            if sim >= NEAR and (best is None or sim > best[0]):
                best = (sim, k)
        if best is None:
            continue
        rt = rtables[best[1]]
        identical = lrows == [rw[b].tolist() for b in rt]
        out.append(SharedElement(
            kind="table", identical=identical, similarity=round(best[0], 4),
            left=_place(left, lt[0]), right=_place(right, rt[0]),
            left_text=left.document.blocks[lt[0]].raw, right_text=right.document.blocks[rt[0]].raw,
            rows=len(lt), matches=_covering(matches, lt[0], rt[0]),
        ))
    rcaps = [b for b, blk in enumerate(right.document.blocks) if blk.kind == "caption"]
    for lb, block in enumerate(left.document.blocks):
        if block.kind != "caption" or lw[lb].size < MIN_CAPTION_WORDS:
            continue
        mine = lw[lb].tolist()
        scored = [(Indel.normalized_similarity(mine, rw[rb].tolist()), rb) for rb in rcaps]
        scored = [(s, rb) for s, rb in scored if s >= NEAR]
        if not scored:
            continue
        sim, rb = max(scored, key=lambda x: (x[0], -x[1]))
        out.append(SharedElement(
            kind="caption", identical=sim == 1.0, similarity=round(sim, 4),
            left=_place(left, lb), right=_place(right, rb),
            left_text=block.raw, right_text=right.document.blocks[rb].raw,
            rows=1, matches=_covering(matches, lb, rb),
        ))
    return out
