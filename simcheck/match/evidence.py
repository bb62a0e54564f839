"""Which evidence channels support a match: beyond the shared structure, do the two sides
share identifier names, string literals, comments or magic numbers? These are what an
examiner cites ("the same misspelt variable name", "the same odd comment", "the same
thresholds 550 and 750"), so the texts are kept."""

from __future__ import annotations

import math
import re
from bisect import bisect_left
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np

from fingerprints.literals import IS_SPACE, bytes_hashes, span_hashes
from fingerprints.tokens import IDENT, LEXICAL_CATEGORIES, STRING, FileTokens, symbol_of

from ..filter.masks import CONTENT_SYMBOLS
from ..result import Evidence
from .sets import member
from .short_runs import Support, TextKeys

_IDENT = np.uint64(symbol_of(IDENT))
_STRING = np.uint64(symbol_of(STRING))
_NUMBER = np.uint64(symbol_of("<number>"))
_COMMENT = LEXICAL_CATEGORIES.index("comment")
_LISTED = 10  # shared texts listed per channel (the rest are counted)
# Identifiers support a match when at least this share of the distinct names on the
# side with fewer names reappears on the other side.
IDENTIFIER_SUPPORT = 0.5
# At least four (comments) / two (strings) word characters: one search, no list of them.
_FOUR_WORD_CHARACTERS = re.compile(r"\w(?:\W*\w){3}")
_TWO_WORD_CHARACTERS = re.compile(rb"\w\W*\w")
_NUMBER_SUFFIX = re.compile(rb"[lufdnm]+$")  # type suffixes (10L, 0.5f, 10n), lower-cased
_HEX_SUFFIX = re.compile(rb"[lun]+$")
# Numbers support a match when at least this many distinctive ones are on both sides.
NUMBERS_SUPPORT = 2


@dataclass(frozen=True)
class FileLiterals:
    """Where one file's identifiers, string literals and comments are, read once for
    every match in it (plain lists: a match reads a slice of them, found by bisection):
    identifiers and strings by token index, comments by start byte, each with its bytes."""

    source: bytes
    name_at: list[int]
    name_bytes: tuple[list[int], list[int]]  # start and end byte of each
    string_at: list[int]
    string_bytes: tuple[list[int], list[int]]
    comment_bytes: tuple[list[int], list[int]]
    number_at: list[int]
    number_bytes: tuple[list[int], list[int]]
    end_byte: np.ndarray  # of every token


def file_literals(source: bytes, tokens: FileTokens) -> FileLiterals:
    found = []
    for symbol in (_IDENT, _STRING, _NUMBER):
        idx = np.flatnonzero(tokens.symbols == symbol)
        found.append((idx.tolist(), (tokens.start_byte[idx].tolist(),
                                     tokens.end_byte[idx].tolist())))
    (name_at, name_bytes), (string_at, string_bytes), (number_at, number_bytes) = found
    idx = np.flatnonzero(tokens.lex_category == _COMMENT)
    comment_bytes = (tokens.lex_start_byte[idx].tolist(), tokens.lex_end_byte[idx].tolist())
    return FileLiterals(source, name_at, name_bytes, string_at, string_bytes, comment_bytes,
                        number_at, number_bytes, tokens.end_byte)


def _texts(source: bytes, spans: tuple[list[int], list[int]], lo: int, hi: int) -> set[bytes]:
    starts, ends = spans
    return {source[s:e] for s, e in zip(starts[lo:hi], ends[lo:hi], strict=True)}


def _names_and_strings(f: FileLiterals, span: tuple[int, int]) -> tuple[set[bytes], set[bytes]]:
    """Distinct identifier texts and string-literal texts among the tokens of ``span``."""
    first, end = span
    return (
        _texts(f.source, f.name_bytes, bisect_left(f.name_at, first),
               bisect_left(f.name_at, end)),
        _texts(f.source, f.string_bytes, bisect_left(f.string_at, first),
               bisect_left(f.string_at, end)),
    )


def distinctive_number(text: bytes) -> bool:
    """Whether a numeric literal is a magic number rather than one every program has: at
    least 10 in size (550, 0x7f, 1e9), or with two decimals or more (0.75, 3.14); 0, 1,
    2 or 0.5 are not. A literal that does not read as a number is not."""
    t = text.replace(b"_", b"").replace(b"'", b"").lower()
    hexadecimal = t[:2] == b"0x"
    t = (_HEX_SUFFIX if hexadecimal else _NUMBER_SUFFIX).sub(b"", t)
    # An integer is compared as one, however long: a 2048-bit modulus written out (as
    # PyCryptodome's tests do) is no float.
    if t.isdigit():
        return len(t.lstrip(b"0")) >= 2
    try:
        if t[:2] in (b"0x", b"0b", b"0o"):
            return abs(int(t, 0)) >= 10
        v = float(t)
    except ValueError:
        return False
    return math.isfinite(v) and (abs(v) >= 10 or v != round(v, 1))


def _numbers(f: FileLiterals, span: tuple[int, int]) -> set[bytes]:
    """Distinct distinctive numeric literals (``distinctive_number``) in ``span``."""
    lo, hi = bisect_left(f.number_at, span[0]), bisect_left(f.number_at, span[1])
    return {t for t in _texts(f.source, f.number_bytes, lo, hi) if distinctive_number(t)}


def _comments(f: FileLiterals, span: tuple[int, int]) -> set[str]:
    """Comments among the tokens of ``span`` and right above it (after the code before it:
    the header comment of a copied function is copied with it), whitespace-normalised,
    trivial ones dropped."""
    first = int(f.end_byte[span[0] - 1]) if span[0] > 0 else 0
    last = int(f.end_byte[span[1] - 1])
    starts, ends = f.comment_bytes
    lo, hi = bisect_left(starts, first), bisect_left(starts, last)
    found = set()
    for s, e in zip(starts[lo:hi], ends[lo:hi], strict=True):
        words = " ".join(f.source[s:e].decode("utf-8", "replace").split())
        if _FOUR_WORD_CHARACTERS.search(words):
            found.add(words)
    return found


def _listed(texts: set[bytes] | set[str]) -> list[str]:
    """The longest texts first, then alphabetically; the first _LISTED, cut at 120
    characters. (Sorted by text, then stably by length, longest first: no key per item.
    ASCII bytes sort and measure as their text: only the listed ones are decoded.)"""
    items: list[Any] = list(texts)
    if items and isinstance(items[0], bytes):
        if all(map(bytes.isascii, items)):
            items.sort()
            items.sort(key=len, reverse=True)
            return [t[:120].decode("ascii") for t in items[:_LISTED]]
        items = [t.decode("utf-8", "replace") for t in items]
    items.sort()
    items.sort(key=len, reverse=True)
    return [t[:120] for t in items[:_LISTED]]


def evidence(
    a: FileLiterals, a_span: tuple[int, int], b: FileLiterals, b_span: tuple[int, int],
    identical: bool = False,
) -> Evidence:
    """Channels of one match; ``*_span`` are its token ranges on each side. ``identical``:
    both sides have the same text, so one side is read for both."""
    a_ids, a_strings = _names_and_strings(a, a_span)
    a_comments = _comments(a, a_span)
    a_numbers = _numbers(a, a_span)
    if identical:
        b_ids, b_strings, b_comments, b_numbers = a_ids, a_strings, a_comments, a_numbers
    else:
        b_ids, b_strings = _names_and_strings(b, b_span)
        b_comments = _comments(b, b_span)
        b_numbers = _numbers(b, b_span)
    ids = a_ids & b_ids
    numbers = a_numbers & b_numbers
    strings = {s for s in a_strings & b_strings if _TWO_WORD_CHARACTERS.search(s)}
    comments = a_comments & b_comments
    channels = ["structure"]
    fewer = min(len(a_ids), len(b_ids))
    if ids and len(ids) >= IDENTIFIER_SUPPORT * fewer:
        channels.append("identifiers")
    if strings:
        channels.append("strings")
    if comments:
        channels.append("comments")
    if len(numbers) >= NUMBERS_SUPPORT:
        channels.append("numbers")
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
        numbers_shared=len(numbers),
        shared_numbers=_listed(numbers),
    )


@dataclass(frozen=True)
class TokenTexts:
    """Per token of a file, hashes of its original text, to compare runs of two files
    without slicing their sources token by token: ``exact``, and ``spaced`` with whitespace
    runs collapsed (a docstring reindented with its function is the same text); and
    ``content``, whether the token is an identifier or literal."""

    exact: np.ndarray  # uint64
    spaced: np.ndarray  # uint64
    content: np.ndarray  # bool


def exact_texts(source: bytes, tokens: FileTokens) -> np.ndarray:
    """Per token of a file, a hash of its original text (uint64)."""
    return span_hashes(np.frombuffer(source, dtype=np.uint8),
                       tokens.start_byte.astype(np.int64), tokens.end_byte.astype(np.int64))


def token_texts(source: bytes, tokens: FileTokens) -> TokenTexts:
    buf = np.frombuffer(source, dtype=np.uint8)
    starts, ends = tokens.start_byte.astype(np.int64), tokens.end_byte.astype(np.int64)
    exact = exact_texts(source, tokens)
    content = member(tokens.symbols, CONTENT_SYMBOLS)
    spaces = np.concatenate(([0], np.cumsum(IS_SPACE[buf])))
    spaced = exact.copy()
    spacey = np.flatnonzero(content & (spaces[ends] > spaces[starts]))
    if spacey.size:
        spaced[spacey] = bytes_hashes([
            b" ".join(source[s:e].split())
            for s, e in zip(starts[spacey].tolist(), ends[spacey].tolist(), strict=True)
        ])
    return TokenTexts(exact, spaced, content)


def literal_support(a: TokenTexts, b: TokenTexts) -> Support:
    """What tells whether a run of two files' tokens (equal structure) is supported by its
    text too (``simcheck.match.short_runs.verdicts``): the text of each identifier and
    literal, whitespace aside. A run is supported when at least one has the same text on
    both sides and none differs. (Allowing half of them to differ let independent
    solutions of one task, which share its names, extend their chance matches: ir-plag ROC
    AUC fell 0.02.)"""
    return TextKeys(a.spaced, a.content), TextKeys(b.spaced, b.content)


def text_agreement(a: TokenTexts, b: TokenTexts) -> Callable[[int, int, int], int]:
    """For a run of ``n`` tokens at ``a`` and ``b``: how many have the same original text
    on both sides (used only to choose between competing runs)."""

    def agreement(i: int, j: int, n: int) -> int:
        return int(np.count_nonzero(a.exact[i : i + n] == b.exact[j : j + n]))

    return agreement
