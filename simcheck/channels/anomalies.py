"""Oddities two works share: the same misspelt word in their comments, strings or names,
and code one side has live while the other has it commented out (a copier's leftovers,
or the original's abandoned code carried along)."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from fingerprints.literals import form_hash, words_of

from ..match.order_free import union
from ..prepare import PreparedFile
from ..result import CodeAnomaly
from ..spelling import known, misspelling_of
from .items import item_sets, locate, place

MAX_LISTED = 50  # of each kind


def misspellings(left: Sequence[PreparedFile], right: Sequence[PreparedFile]
                 ) -> list[CodeAnomaly]:
    """Words of both sides' comments or strings that the dictionary lacks and that are one
    edit from a common word ("threshhold", "recieve"), alphabetically. A word either side
    uses as a whole name is programming vocabulary ("strlen", "stdout"), not a typo."""
    lsets, rsets = item_sets(left, lambda lit: lit.words), item_sets(right, lambda lit: lit.words)
    shared = np.intersect1d(union([s.symbols for s in lsets]), union([s.symbols for s in rsets]),
                            assume_unique=True)
    lplaces, rplaces = locate(left, lsets, shared), locate(right, rsets, shared)
    found = []
    for symbol in shared.tolist():
        (lf, lraw, lline), (rf, _, rline) = lplaces[symbol], rplaces[symbol]
        word = _word(lraw, symbol)
        if word is None or known(word) is not None:
            continue
        suggestion = misspelling_of(word)
        if suggestion is not None:
            found.append(CodeAnomaly(
                kind="misspelling", text=word, suggestion=suggestion,
                left=place(lf, lline), right=place(rf, rline),
                note="the same misspelling in both works' comments or strings",
            ))
    found.sort(key=lambda a: a.text)
    return found[:MAX_LISTED]


def commented_out(left: Sequence[PreparedFile], right: Sequence[PreparedFile]
                  ) -> list[CodeAnomaly]:
    """Lines of code live on one side and inside a comment on the other (whitespace
    ignored), in the order of the side that has them commented out."""
    out = []
    for live, dead, where in ((right, left, "left"), (left, right, "right")):
        dsets = item_sets(dead, lambda lit: lit.commented)
        lsets = item_sets(live, lambda lit: lit.code_lines)
        shared = np.intersect1d(union([s.symbols for s in dsets]),
                                union([s.symbols for s in lsets]), assume_unique=True)
        dplaces, lplaces = locate(dead, dsets, shared), locate(live, lsets, shared)
        found = []
        for symbol in shared.tolist():
            (df, _, dline), (lf, lraw, lline) = dplaces[symbol], lplaces[symbol]
            found.append(((df.entry.path, dline), CodeAnomaly(
                kind="commented-out code", text=" ".join(lraw.split())[:200], suggestion=None,
                left=place(df, dline) if where == "left" else place(lf, lline),
                right=place(lf, lline) if where == "left" else place(df, dline),
                note=f"commented out on the {where}, live code on the other side",
            )))
        found.sort(key=lambda x: x[0])
        out.extend(a for _, a in found[:MAX_LISTED])
    return out


def _word(raw: str, symbol: int) -> str | None:
    """The word of ``raw`` (a comment or string) whose hash is ``symbol``."""
    return next((w for w in words_of(raw) if form_hash(w) == symbol), None)
