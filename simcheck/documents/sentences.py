"""Sentences of a block's text, as character spans: the unit passages are aligned in."""

from __future__ import annotations

import re

# A sentence ends at . ! ? (and closing quotes/brackets) followed by space and the start
# of a new sentence; ";" and ":" do not end one.
_END = re.compile(r"[.!?][\"')\]]*\s+(?=[\"'(\[]?[A-Z0-9\u00c0-\u00de])")
# Words whose trailing dot is not a sentence end.
_ABBREVIATIONS = frozenset(
    "e.g i.e etc fig figs no nos vs cf approx ca min max dr mr mrs ms st p pp ch sec vol rev"
    " ref para art resp incl excl nr tab eq al".split()
)
_LAST_WORD = re.compile(r"([\w.]+)[.!?][\"')\]]*\s*$")
MAX_WORDS = 60  # longer runs without a full stop (lists, tables) are cut at clause marks
_CLAUSE = re.compile(r"[,;:]\s+")


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Character spans [start, end) of the sentences of ``text`` (whitespace trimmed)."""
    spans: list[tuple[int, int]] = []
    start = 0
    for m in _END.finditer(text):
        head = text[start : m.start() + 1]
        last = _LAST_WORD.search(head)
        if last:
            word = last.group(1).lower().rstrip(".")
            # "Fig. 3", "e.g. the", single initials ("J. Smith") and "3.2 Wiring"
            if word in _ABBREVIATIONS or (len(word) == 1 and word.isalpha()):
                continue
        spans.append((start, m.end()))
        start = m.end()
    spans.append((start, len(text)))
    out: list[tuple[int, int]] = []
    for s, e in spans:
        out.extend(_cut_long(text, s, e))
    return [(s, e) for s, e in (_trim(text, s, e) for s, e in out) if e > s]


def _cut_long(text: str, start: int, end: int) -> list[tuple[int, int]]:
    if len(text[start:end].split()) <= MAX_WORDS:
        return [(start, end)]
    pieces: list[tuple[int, int]] = []
    piece = start
    words = 0
    for m in re.finditer(r"\S+\s*", text[start:end]):
        words += 1
        at = start + m.end()
        if words >= MAX_WORDS or (words >= MAX_WORDS // 2 and _CLAUSE.search(m.group())):
            pieces.append((piece, at))
            piece, words = at, 0
    if piece < end:
        pieces.append((piece, end))
    return pieces


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end
