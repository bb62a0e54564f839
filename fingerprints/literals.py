"""The literal channels of one file: its identifiers, the parts of its identifiers, its
string literals and its comments, each as a set of normalised forms with where each
first occurs; the words of its comments and strings (for shared misspellings); and
its code lines and the comment lines that read like code, in one form (whitespace
removed), to find code that one side has live and the other commented out.

These are the channels an examiner cites beside the structure: "the same rare names",
"the same odd comment", "the same typo". Computed with the fingerprints, in the parse
workers; pure function of the source and its tokens."""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np
import xxhash

from .tokens import LEXICAL_CATEGORIES, FileTokens

# Scored channels, in the order results list them.
CHANNELS = ("identifiers", "identifier_parts", "strings", "comments")
_IDENTIFIER, _STRING, _COMMENT = (LEXICAL_CATEGORIES.index(c)
                                  for c in ("identifier", "string", "comment"))
_WORD = re.compile(r"[^\W_]+")
_PART = re.compile(r"[A-Z]+(?=[A-Z][a-z])|[A-Z]?[a-z]+|[A-Z]+|[0-9]+")
_ALPHA_WORD = re.compile(r"[^\W\d_]+")
_QUOTES = "\"'`"
_SPACE = b" \t\r\n\f\v"
# Below these sizes a literal says nothing: "i", "ok", "# ---", "}".
MIN_IDENTIFIER = 3  # characters
MIN_PART = 3  # letters
MIN_STRING = 3  # letters or digits
MIN_COMMENT = 4  # letters or digits
MIN_WORD = 5  # letters, for misspellings
MIN_CODE_LINE = 12  # bytes without whitespace
_CODE_MARKS = re.compile(rb"[;(){}=\[\]]")
_COMMENT_MARKERS = re.compile(rb"^(?://+|/\*+|\*+/?|#+|--+|;+|%+|!+|'+|REM\b|\*)")


@dataclass(frozen=True)
class ItemSet:
    """Distinct normalised forms (sorted) and where each first occurs in the file."""

    symbols: np.ndarray  # uint64
    start: np.ndarray  # int64 byte span of the first occurrence (a part: its identifier)
    end: np.ndarray  # int64, exclusive
    line: np.ndarray  # int64, 1-based


@dataclass(frozen=True)
class Literals:
    channels: tuple[ItemSet, ...]  # parallel to CHANNELS
    words: ItemSet  # case-folded alphabetic words of comments and strings (the prose)
    code_lines: ItemSet  # lines holding code, whitespace removed
    commented: ItemSet  # comment lines that read like code, in the same form

    def channel(self, name: str) -> ItemSet:
        return self.channels[CHANNELS.index(name)]


def form_hash(text: str | bytes) -> int:
    """64-bit stable hash of a normalised form (not cached: forms rarely repeat)."""
    data = text.encode("utf-8") if isinstance(text, str) else text
    return xxhash.xxh3_64_intdigest(data)


def comment_text(raw: str) -> str:
    """A comment's words, case-folded and joined by single spaces (markers dropped)."""
    return " ".join(_WORD.findall(raw.casefold()))


def string_text(raw: str) -> str:
    """A string literal's text without its quotes (and prefixes such as b, f, r, L, @)."""
    start = 0
    while start < len(raw) and raw[start] not in _QUOTES:
        start += 1
    if start == len(raw):
        return raw
    return raw[start:].strip(_QUOTES)


def identifier_parts(name: str) -> list[str]:
    """camelCase, PascalCase, snake_case and digits split apart, case-folded."""
    return [p.casefold() for p in _PART.findall(name)]


def words_of(raw: str) -> list[str]:
    """The case-folded alphabetic words of a comment or string."""
    return _ALPHA_WORD.findall(raw.casefold())


def _letters(text: str) -> int:
    return sum(c.isalnum() for c in text)


def _item_set(found: dict[str, tuple[int, int, int]] | dict[bytes, tuple[int, int, int]]
              ) -> ItemSet:
    """``found``: form -> (start, end, line) of its first occurrence."""
    keyed = sorted((form_hash(form), span) for form, span in found.items())
    return ItemSet(
        symbols=np.asarray([k for k, _ in keyed], dtype=np.uint64),
        start=np.asarray([s[0] for _, s in keyed], dtype=np.int64),
        end=np.asarray([s[1] for _, s in keyed], dtype=np.int64),
        line=np.asarray([s[2] for _, s in keyed], dtype=np.int64),
    )


def _commented_code(raw: bytes, line: int, out: dict[str, tuple[int, int, int]],
                    start: int, end: int) -> None:
    for offset, text in enumerate(raw.split(b"\n")):
        body = _COMMENT_MARKERS.sub(b"", text.strip()).strip()
        body = body.removesuffix(b"*/").translate(None, _SPACE)
        if len(body) >= MIN_CODE_LINE and _CODE_MARKS.search(body):
            out.setdefault(body.decode("utf-8", "replace"), (start, end, line + offset))


def literals(source: bytes, tokens: FileTokens) -> Literals:
    """The file's literal channels (see the module's docstring)."""
    found: list[dict[str, tuple[int, int, int]]] = [{} for _ in CHANNELS]
    idents, parts, strings, comments = found
    words: dict[str, tuple[int, int, int]] = {}
    commented: dict[str, tuple[int, int, int]] = {}
    for cat, s, e, line in zip(
        tokens.lex_category.tolist(), tokens.lex_start_byte.tolist(),
        tokens.lex_end_byte.tolist(), tokens.lex_start_line.tolist(), strict=True,
    ):
        raw = source[s:e].decode("utf-8", errors="replace")
        where = (s, e, line)
        if cat == _IDENTIFIER:
            if len(raw) < MIN_IDENTIFIER or raw in idents:
                continue
            idents[raw] = where
            for part in identifier_parts(raw):
                if len(part) >= MIN_PART and part.isalpha():
                    parts.setdefault(part, where)
            continue
        if cat == _STRING:
            text = string_text(raw)
            if _letters(text) >= MIN_STRING:
                strings.setdefault(text, where)
            if not any(c.isspace() for c in text.strip()):
                continue  # a key, a path or a format, not prose: its words are no typos
        else:
            text = comment_text(raw)
            if _letters(text) >= MIN_COMMENT:
                comments.setdefault(text, where)
            _commented_code(source[s:e], line, commented, s, e)
        for word in _ALPHA_WORD.findall(raw.casefold()):
            if len(word) >= MIN_WORD:
                words.setdefault(word, where)
    return Literals(
        channels=tuple(_item_set(f) for f in found),
        words=_item_set(words),
        code_lines=_code_lines(source, tokens),
        commented=_item_set(commented),
    )


def _code_lines(source: bytes, tokens: FileTokens) -> ItemSet:
    """The lines where a structural token starts, whitespace removed."""
    lines = source.split(b"\n")
    starts = np.concatenate(([0], np.cumsum([len(line) + 1 for line in lines])))
    found: dict[bytes, tuple[int, int, int]] = {}
    for n in np.unique(tokens.start_line).tolist():
        if 1 <= n <= len(lines):
            body = lines[n - 1].translate(None, _SPACE)
            if len(body) >= MIN_CODE_LINE:
                found.setdefault(body, (int(starts[n - 1]), int(starts[n]) - 1, n))
    return _item_set(found)
