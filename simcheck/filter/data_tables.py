"""Literal data that both sides hold value for value: content, not idiom.

A table of numbers or strings (a calibration curve, a lookup or CRC table, a register map,
test vectors, a word list) has the shape of every other table: a list of literals, whose
k-grams recur in many files and many times in one, so they lie in common k-grams. What a
copy of it shares is the values, in their order, and those are not idiom: the common-idiom
stage leaves them counted (a reference corpus can still explain them, citing its file).
"""

from __future__ import annotations

import numpy as np

from fingerprints.languages.spec import LITERAL_KINDS
from fingerprints.tokens import STRING, FileTokens, symbol_of

from ..match.sets import member
from ..prepare import PreparedFile
from .masks import covered

LITERAL_SYMBOLS = np.sort(np.asarray(
    [symbol_of(STRING)] + [symbol_of(f"<{k}>") for k in LITERAL_KINDS], dtype=np.uint64,
))
# In a stretch of the match twice the fingerprints' k long (40 tokens by default), at
# least this share of the tokens are literals with the same text on both sides: a list
# ``1, 2, 3`` has one in two, a call ``f(1, 2)`` one in three, a loop header
# ``for (i = 0; i < 10; i++)`` two in 13. The stretch is long so that a short idiomatic
# array (``dx = {0, 1, 0, -1}``) is not a table.
DATA_SHARE = 0.4


def literal_mask(tokens: FileTokens) -> np.ndarray:
    """Which tokens of a file are literals (numbers, strings, characters...)."""
    return member(tokens.symbols, LITERAL_SYMBOLS)


def same_text(left: PreparedFile, right: PreparedFile, la: np.ndarray, rb: np.ndarray
              ) -> list[bool]:
    """For each token pair (``la[i]`` on the left, ``rb[i]`` on the right), whether the two
    tokens have the same original text."""
    lt, rt, ltext, rtext = left.fp.tokens, right.fp.tokens, left.text, right.text
    return [
        ltext[lt.start_byte[i] : lt.end_byte[i]] == rtext[rt.start_byte[j] : rt.end_byte[j]]
        for i, j in zip(la.tolist(), rb.tolist(), strict=True)
    ]


def identical_data(left: PreparedFile, right: PreparedFile, la: np.ndarray, rb: np.ndarray,
                   literals: tuple[np.ndarray, np.ndarray], width: int) -> np.ndarray:
    """Which matched token pairs (positions ``la`` on the left, ``rb`` on the right, in
    match order) lie in a stretch of ``width`` pairs of which at least ``DATA_SHARE`` are
    literals whose text is the same on both sides; ``literals``: each file's
    ``literal_mask``."""
    n = la.size
    width = max(1, min(width, n))
    both = np.flatnonzero(literals[0][la] & literals[1][rb])
    if both.size < DATA_SHARE * width:
        return np.zeros(n, dtype=bool)
    same = np.zeros(n, dtype=np.int64)
    same[both] = same_text(left, right, la[both], rb[both])
    # Identical literals in the stretch starting at each pair.
    per_stretch = np.convolve(same, np.ones(width, dtype=np.int64), mode="valid")
    return covered(per_stretch >= DATA_SHARE * width, n, width)
