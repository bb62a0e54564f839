"""Which evidence channels support a match: beyond the shared structure, do the two sides
share identifier names, string literals or comments? These are what an examiner cites
("the same misspelt variable name", "the same odd comment"), so the texts are kept."""

from __future__ import annotations

import re

import numpy as np

from fingerprints.tokens import IDENT, STRING, FileTokens, symbol_of

from ..result import Evidence

_IDENT = np.uint64(symbol_of(IDENT))
_STRING = np.uint64(symbol_of(STRING))
_COMMENT = 2  # index of "comment" in fingerprints.tokens.LEXICAL_CATEGORIES
_LISTED = 10  # shared texts listed per channel (the rest are counted)
# Identifiers support a match when at least this share of the distinct names on the
# side with fewer names reappears on the other side.
IDENTIFIER_SUPPORT = 0.5


def token_texts(source: bytes, tokens: FileTokens, start: int, end: int) -> list[bytes]:
    starts = tokens.start_byte[start:end].tolist()
    ends = tokens.end_byte[start:end].tolist()
    return [source[s:e] for s, e in zip(starts, ends, strict=True)]


def _of_kind(texts: list[bytes], symbols: np.ndarray, kind: np.uint64) -> set[bytes]:
    return {texts[i] for i in np.flatnonzero(symbols == kind).tolist()}


def _comments(source: bytes, tokens: FileTokens, span: tuple[int, int]) -> set[str]:
    """Comments among the tokens of ``span``, whitespace-normalised, trivial ones dropped."""
    first, last = int(tokens.start_byte[span[0]]), int(tokens.end_byte[span[1] - 1])
    lo, hi = np.searchsorted(tokens.lex_start_byte, [first, last])
    found = set()
    for i in range(int(lo), int(hi)):
        if tokens.lex_category[i] != _COMMENT:
            continue
        text = source[tokens.lex_start_byte[i] : tokens.lex_end_byte[i]].decode("utf-8", "replace")
        words = " ".join(text.split())
        if len(re.findall(r"\w", words)) >= 4:
            found.add(words)
    return found


def _listed(texts: set[bytes] | set[str]) -> list[str]:
    decoded = [t.decode("utf-8", "replace") if isinstance(t, bytes) else t for t in texts]
    decoded.sort(key=lambda t: (-len(t), t))
    return [t[:120] for t in decoded[:_LISTED]]


def evidence(
    a_source: bytes,
    a_tokens: FileTokens,
    a_span: tuple[int, int],
    a_texts: list[bytes],
    b_source: bytes,
    b_tokens: FileTokens,
    b_span: tuple[int, int],
    b_texts: list[bytes],
) -> Evidence:
    """Channels of one match; ``*_span`` are token ranges, ``*_texts`` their token texts."""
    a_sym = a_tokens.symbols[a_span[0] : a_span[1]]
    b_sym = b_tokens.symbols[b_span[0] : b_span[1]]
    a_ids, b_ids = _of_kind(a_texts, a_sym, _IDENT), _of_kind(b_texts, b_sym, _IDENT)
    ids = a_ids & b_ids
    strings = {
        s
        for s in _of_kind(a_texts, a_sym, _STRING) & _of_kind(b_texts, b_sym, _STRING)
        if len(re.findall(rb"\w", s)) >= 2
    }
    comments = _comments(a_source, a_tokens, a_span) & _comments(b_source, b_tokens, b_span)
    channels = ["structure"]
    fewer = min(len(a_ids), len(b_ids))
    if ids and len(ids) >= IDENTIFIER_SUPPORT * fewer:
        channels.append("identifiers")
    if strings:
        channels.append("strings")
    if comments:
        channels.append("comments")
    return Evidence(
        channels=channels,
        identifiers_shared=len(ids),
        identifiers_left=len(a_ids),
        identifiers_right=len(b_ids),
        shared_identifiers=_listed(ids),
        strings_shared=len(strings),
        shared_strings=_listed(strings),
        comments_shared=len(comments),
        shared_comments=_listed(comments),
    )
