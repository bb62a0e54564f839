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
# Words for misspellings: the dictionary is English, so only ASCII letters.
_ALPHA_WORD = re.compile(r"(?<![^\W\d_])[a-z]+(?![^\W\d_])")
_QUOTES = "\"'`"
_INNER_SPACE = re.compile(r"\s")
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
    # int32 (files are far below 2 GB; large trees hold millions of items):
    start: np.ndarray  # byte span of the first occurrence (a part: its identifier)
    end: np.ndarray  # exclusive
    line: np.ndarray  # 1-based


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
    return sum(map(str.isalnum, text))


def _item_set(found: dict[str, tuple[int, int, int]]) -> ItemSet:
    """``found``: form -> (start, end, line) of its first occurrence."""
    return _hashed_item_set({form_hash(form): span for form, span in found.items()})


def _commented_code(raw: bytes, line: int, out: dict[int, tuple[int, int, int]],
                    start: int, end: int) -> None:
    for offset, text in enumerate(raw.split(b"\n")):
        body = _COMMENT_MARKERS.sub(b"", text.strip()).strip()
        body = body.removesuffix(b"*/").translate(None, _SPACE)
        if len(body) >= MIN_CODE_LINE and _CODE_MARKS.search(body):
            out.setdefault(line_form_hash(body), (start, end, line + offset))


def literals(source: bytes, tokens: FileTokens) -> Literals:
    """The file's literal channels (see the module's docstring)."""
    found: list[dict[str, tuple[int, int, int]]] = [{} for _ in CHANNELS]
    idents, parts, strings, comments = found
    words: dict[str, tuple[int, int, int]] = {}
    commented: dict[int, tuple[int, int, int]] = {}
    cat = tokens.lex_category
    spans = (tokens.lex_start_byte, tokens.lex_end_byte, tokens.lex_start_line)
    is_name = cat == _IDENTIFIER
    # Names are most tokens: hashed in one vectorised pass, decoded once per distinct name.
    buf = np.frombuffer(source, dtype=np.uint8)
    starts, ends, lines = (a[is_name] for a in spans)
    _, first = np.unique(_span_hashes(buf, starts, ends), return_index=True)
    first.sort()
    names = {source[s:e]: (s, e, line) for s, e, line in zip(
        starts[first].tolist(), ends[first].tolist(), lines[first].tolist(), strict=True)}
    others = ~is_name
    for cat_, s, e, line in zip(cat[others].tolist(), *(a[others].tolist() for a in spans),
                                strict=True):
        raw = source[s:e].decode("utf-8", errors="replace")
        where = (s, e, line)
        if cat_ == _STRING:
            text = string_text(raw)
            if _letters(text) >= MIN_STRING:
                strings.setdefault(text, where)
            if not _INNER_SPACE.search(text.strip()):
                continue  # a key, a path or a format, not prose: its words are no typos
        else:
            text = comment_text(raw)
            if len(text) - text.count(" ") >= MIN_COMMENT:
                comments.setdefault(text, where)
            _commented_code(source[s:e], line, commented, s, e)
        for word in _ALPHA_WORD.findall(raw.casefold()):
            if len(word) >= MIN_WORD:
                words.setdefault(word, where)
    for name, where in names.items():
        raw = name.decode("utf-8", errors="replace")
        if len(raw) >= MIN_IDENTIFIER:
            idents[raw] = where
            for part in identifier_parts(raw):
                if len(part) >= MIN_PART and part.isalpha():
                    parts.setdefault(part, where)
    return Literals(
        channels=tuple(_item_set(f) for f in found),
        words=_item_set(words),
        code_lines=_code_lines(source, tokens),
        commented=_hashed_item_set(commented),
    )


_P = np.uint64(0x100000001B3)  # FNV prime: a polynomial hash of a line's bytes
_SPACE_BYTES = np.frombuffer(_SPACE, dtype=np.uint8)


def line_form_hash(body: bytes) -> int:
    """The hash ``_code_lines`` gives a line whose bytes, whitespace removed, are ``body``."""
    buf = np.frombuffer(body, dtype=np.uint8)
    return int(_span_hashes(buf, np.zeros(1, np.int64), np.full(1, buf.size, np.int64))[0])


def _span_hashes(buf: np.ndarray, starts: np.ndarray, ends: np.ndarray) -> np.ndarray:
    """A polynomial hash of each byte span [start, end) of ``buf`` (vectorised): sum of
    byte * P**position (mod 2**64), mixed with the length."""
    lengths = (ends - starts).astype(np.int64)
    if lengths.size == 0 or int(lengths.sum()) == 0:
        return np.zeros(lengths.size, dtype=np.uint64)
    first = np.concatenate(([0], np.cumsum(lengths)[:-1]))
    pos = np.arange(int(lengths.sum())) - np.repeat(first, lengths)
    data = buf[np.repeat(starts, lengths) + pos].astype(np.uint64)
    powers = _powers(int(lengths.max()))
    out = np.zeros(lengths.size, dtype=np.uint64)
    nonempty = lengths > 0
    with np.errstate(over="ignore"):
        out[nonempty] = np.add.reduceat(data * powers[pos], first[nonempty])
        return out ^ (lengths.astype(np.uint64) * np.uint64(0x9E3779B97F4A7C15))


def _powers(n: int) -> np.ndarray:
    """_P ** i mod 2**64 for i < n."""
    with np.errstate(over="ignore"):
        return np.cumprod(np.concatenate(([np.uint64(1)], np.full(max(n - 1, 0), _P,
                                                                 dtype=np.uint64))))


def _code_lines(source: bytes, tokens: FileTokens) -> ItemSet:
    """The lines where a structural token starts, hashed without their whitespace
    (vectorised: every line of a large tree is hashed)."""
    buf = np.frombuffer(source, dtype=np.uint8)
    if len(tokens) == 0 or buf.size == 0:
        return _hashed_item_set({})
    newline = buf == 10
    line_of = np.cumsum(newline) - newline  # 0-based line of each byte
    line_start = np.concatenate(([0], np.flatnonzero(newline) + 1))
    keep = ~np.isin(buf, _SPACE_BYTES)
    kept = buf[keep]  # the lines' bytes without whitespace, each line a span of it
    lengths = np.bincount(line_of[keep], minlength=line_start.size)
    first = np.concatenate(([0], np.cumsum(lengths)[:-1]))
    hashes = _span_hashes(kept, first, first + lengths)
    code = np.unique(tokens.start_line) - 1
    code = code[(code >= 0) & (code < line_start.size)]
    code = code[lengths[code] >= MIN_CODE_LINE]
    ends = np.append(line_start[1:] - 1, buf.size)
    # The first line (in file order) of each distinct form.
    symbols, first_of = np.unique(hashes[code], return_index=True)
    lines = code[first_of]
    return ItemSet(symbols, line_start[lines].astype(np.int32), ends[lines].astype(np.int32),
                   (lines + 1).astype(np.int32))


def _hashed_item_set(found: dict[int, tuple[int, int, int]]) -> ItemSet:
    """Like ``_item_set`` for forms already hashed."""
    keyed = sorted(found.items())
    return ItemSet(
        symbols=np.asarray([k for k, _ in keyed], dtype=np.uint64),
        start=np.asarray([s[0] for _, s in keyed], dtype=np.int32),
        end=np.asarray([s[1] for _, s in keyed], dtype=np.int32),
        line=np.asarray([s[2] for _, s in keyed], dtype=np.int32),
    )
