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
from collections.abc import Iterable
from dataclasses import dataclass
from itertools import chain, compress, repeat

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
Where = tuple[int, int, int]  # start byte, end byte, line of a form's first occurrence
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


def _item_set(found: dict[str, int], where: np.ndarray) -> ItemSet:
    """``found``: form -> the row of ``where`` (start, end, line) of its first occurrence."""
    hashes = np.fromiter(map(xxhash.xxh3_64_intdigest, map(str.encode, found)),
                         dtype=np.uint64, count=len(found))
    rows = np.fromiter(found.values(), dtype=np.int64, count=len(found))
    return _rows_item_set(hashes, where[rows])


def _rows_item_set(hashes: np.ndarray, where: np.ndarray) -> ItemSet:
    """The item set of forms hashed to ``hashes`` (in first-occurrence order), each first
    seen at its row of ``where``. Were two forms to share a hash, the later one's place is
    kept, as a dict built in that order would."""
    # Sorted by hash; of equal hashes the first read backwards (the last) is kept.
    backwards = hashes[::-1]
    order = np.argsort(backwards, kind="stable")
    symbols = backwards[order]
    keep = np.ones(symbols.size, dtype=bool)
    np.not_equal(symbols[1:], symbols[:-1], out=keep[1:])
    picked = where[::-1][order[keep]].astype(np.int32)
    return ItemSet(symbols[keep], picked[:, 0].copy(), picked[:, 1].copy(),
                   picked[:, 2].copy())


def _first_wins(keys: list[str], values: list[int]) -> dict[str, int]:
    """key -> the value beside its first occurrence, keys in first-occurrence order (what
    ``setdefault`` in a loop gives), built without a Python loop over repeats."""
    first = dict(zip(reversed(keys), reversed(values), strict=True))
    return {key: first[key] for key in dict.fromkeys(keys)}


# Words for misspellings that are long enough: the same matches as _ALPHA_WORD, filtered.
_LONG_ALPHA_WORD = re.compile(rf"(?<![^\W\d_])[a-z]{{{MIN_WORD},}}(?![^\W\d_])")
# The same on ASCII text, lower-cased: its letters are [a-z], so no look-around is needed.
_ASCII_LONG_WORD = re.compile(rf"[a-z]{{{MIN_WORD},}}")
# An alphabetic identifier part (``_PART`` without its digit runs, which are never kept).
_ALPHA_PART = re.compile(r"[A-Z]+(?=[A-Z][a-z])|[A-Z]?[a-z]+|[A-Z]+")
# At least MIN_STRING letters or digits (str.isalnum characters: [^\W_]).
_ENOUGH_LETTERS = re.compile(rf"(?:[\W_]*[^\W_]){{{MIN_STRING}}}")
# Whitespace inside the text, not only around it (``_INNER_SPACE`` in ``text.strip()``).
_INNER_SPACE_RUN = re.compile(r"\S\s+\S")


def _commented_code(raw: bytes, line: int, bodies: list[bytes], wheres: list[Where],
                    start: int, end: int) -> None:
    """Collects the comment's lines that read like code (hashed later, all at once)."""
    for offset, text in enumerate(raw.split(b"\n")):
        body = _COMMENT_MARKERS.sub(b"", text.strip()).strip()
        body = body.removesuffix(b"*/").translate(None, _SPACE)
        if len(body) >= MIN_CODE_LINE and _CODE_MARKS.search(body):
            bodies.append(body)
            wheres.append((start, end, line + offset))


def _decode(raws: Iterable[bytes]) -> list[str]:
    return list(map(bytes.decode, raws, repeat("utf-8"), repeat("replace")))


def literals(source: bytes, tokens: FileTokens) -> Literals:
    """The file's literal channels (see the module's docstring)."""
    cat = tokens.lex_category
    spans = (tokens.lex_start_byte, tokens.lex_end_byte, tokens.lex_start_line)
    is_name = cat == _IDENTIFIER
    idents, parts, names = _names(source, *(a[is_name] for a in spans))
    strings, comments, words, commented, others = _strings_and_comments(
        source, *(a[~is_name] for a in (cat, *spans)))
    return Literals(
        channels=(_item_set(idents, names), _item_set(parts, names),
                  _item_set(strings, others), _item_set(comments, others)),
        words=_item_set(words, others),
        code_lines=_code_lines(source, tokens),
        commented=_hashed_item_set(commented),
    )


def _names(source: bytes, starts: np.ndarray, ends: np.ndarray, lines: np.ndarray
           ) -> tuple[dict[str, int], dict[str, int], np.ndarray]:
    """The identifiers and identifier parts channels, as form -> row of the distinct names'
    places (returned too). Names are most tokens: hashed in one vectorised pass, decoded
    once per distinct name; no Python loop runs per name."""
    buf = np.frombuffer(source, dtype=np.uint8)
    _, first = np.unique(span_hashes(buf, starts, ends), return_index=True)
    first.sort()
    where = np.stack((starts[first], ends[first], lines[first]), axis=1)
    raws = _decode(map(source.__getitem__, map(slice, where[:, 0].tolist(),
                                                where[:, 1].tolist())))
    long = [len(raw) >= MIN_IDENTIFIER for raw in raws]
    raws = list(compress(raws, long))
    rows = list(compress(range(len(long)), long))
    idents = dict(zip(raws, rows, strict=True))  # equal texts: the last one's place
    found = list(map(_ALPHA_PART.findall, raws))
    found_parts = list(chain.from_iterable(found))
    long = [len(part) >= MIN_PART for part in found_parts]
    parts = _first_wins(
        list(map(str.lower, compress(found_parts, long))),  # ASCII: lower() is casefold()
        list(compress(chain.from_iterable(map(repeat, rows, map(len, found))), long)),
    )
    return idents, parts, where


def _strings_and_comments(
    source: bytes, cat: np.ndarray, starts: np.ndarray, ends: np.ndarray, lines: np.ndarray
) -> tuple[dict[str, int], dict[str, int], dict[str, int], dict[int, Where], np.ndarray]:
    """The strings and comments channels and the words of the prose among them, as form ->
    row of the distinct strings' and comments' places (returned too), and the comment
    lines that read like code."""
    raw_bytes = list(map(source.__getitem__, map(slice, starts.tolist(), ends.tolist())))
    # A string or comment repeated verbatim adds nothing its first occurrence did not
    # (every form keeps its first occurrence), so only first occurrences are read.
    keys = list(zip(cat.tolist(), raw_bytes, strict=True))
    first_of = dict(zip(reversed(keys), range(len(keys) - 1, -1, -1), strict=True))
    first = np.asarray(sorted(first_of.values()), dtype=np.int64)
    where = np.stack((starts[first], ends[first], lines[first]), axis=1)
    raw_bytes = [raw_bytes[i] for i in first.tolist()]
    raws = _decode(raw_bytes)
    is_string = [c == _STRING for c in cat[first].tolist()]
    texts = [raw.strip(_QUOTES) if raw[:1] in _QUOTES else string_text(raw)
             for raw in compress(raws, is_string)]
    enough = list(map(_ENOUGH_LETTERS.match, texts))
    strings = _first_wins(list(compress(texts, enough)),
                          list(compress(compress(range(len(raws)), is_string), enough)))
    # A string without inner space is a key, a path or a format, not prose: its words
    # are no typos. Every comment is prose.
    inner = map(_INNER_SPACE_RUN.search, texts)
    prose = [next(inner) is not None if string else True for string in is_string]

    comments: dict[str, int] = {}
    bodies: list[bytes] = []  # comment lines that read like code
    body_wheres: list[Where] = []
    is_comment = [not string for string in is_string]
    for row, raw, raw_b in zip(compress(range(len(raws)), is_comment),
                               compress(raws, is_comment), compress(raw_bytes, is_comment),
                               strict=True):
        text = comment_text(raw)
        if len(text) - text.count(" ") >= MIN_COMMENT:
            comments.setdefault(text, row)
        start, end, line = where[row].tolist()
        _commented_code(raw_b, line, bodies, body_wheres, start, end)
    commented = dict(zip(reversed(bytes_hashes(bodies).tolist()), reversed(body_wheres),
                         strict=True))  # the first line of each form wins

    found = [_ASCII_LONG_WORD.findall(raw.lower()) if raw.isascii()
             else _LONG_ALPHA_WORD.findall(raw.casefold()) for raw in compress(raws, prose)]
    words = _first_wins(
        list(chain.from_iterable(found)),
        list(chain.from_iterable(map(repeat, compress(range(len(raws)), prose),
                                     map(len, found)))),
    )
    return strings, comments, words, commented, where


def bytes_hashes(items: list[bytes]) -> np.ndarray:
    """``span_hashes`` of whole byte strings (uint64, one each), in one vectorised pass."""
    lengths = np.fromiter(map(len, items), dtype=np.int64, count=len(items))
    ends = np.cumsum(lengths)
    buf = np.frombuffer(b"".join(items), dtype=np.uint8)
    return span_hashes(buf, ends - lengths, ends)


_P = np.uint64(0x100000001B3)  # FNV prime: a polynomial hash of a line's bytes
IS_SPACE = np.zeros(256, dtype=bool)  # per byte value: what bytes.split() splits at
IS_SPACE[np.frombuffer(_SPACE, dtype=np.uint8)] = True


def line_form_hash(body: bytes) -> int:
    """The hash ``_code_lines`` gives a line whose bytes, whitespace removed, are ``body``."""
    return int(bytes_hashes([body])[0])


def span_hashes(buf: np.ndarray, starts: np.ndarray, ends: np.ndarray) -> np.ndarray:
    """A polynomial hash of each byte span [start, end) of ``buf`` (vectorised): sum of
    byte * P**position (mod 2**64), mixed with the length.

    Computed from one prefix sum over ``buf`` (sum of byte * P**offset): a span's sum,
    multiplied by the inverse of P**start (P is odd, so invertible mod 2**64), is its hash.
    """
    starts = starts.astype(np.int64, copy=False)
    lengths = ends - starts
    if buf.size == 0:
        return np.zeros(lengths.size, dtype=np.uint64)
    powers, inverses = _powers(buf.size + 1)  # an empty span may start at the end
    with np.errstate(over="ignore"):
        prefix = np.zeros(buf.size + 1, dtype=np.uint64)
        np.cumsum(buf * powers[:-1], out=prefix[1:])
        spans = (prefix[ends] - prefix[starts]) * inverses[starts]
        return spans ^ (lengths.astype(np.uint64) * np.uint64(0x9E3779B97F4A7C15))


_power_table = (np.ones(1, dtype=np.uint64), np.ones(1, dtype=np.uint64))
_P_INVERSE = np.uint64(pow(int(_P), -1, 1 << 64))
_MAX_KEPT_POWERS = 1 << 22  # entries (32 MB per table): larger tables are not kept


def _powers(n: int) -> tuple[np.ndarray, np.ndarray]:
    """P ** i and P ** -i mod 2**64 for i < n (tables kept for the next file)."""
    global _power_table
    if _power_table[0].size >= n:
        return _power_table[0][:n], _power_table[1][:n]
    size = max(n, 2 * _power_table[0].size)
    with np.errstate(over="ignore"):
        tables = tuple(np.cumprod(np.concatenate(([np.uint64(1)], np.full(size - 1, factor))))
                       for factor in (_P, _P_INVERSE))
    if size <= _MAX_KEPT_POWERS:
        _power_table = tables
    return tables[0][:n], tables[1][:n]


def _code_lines(source: bytes, tokens: FileTokens) -> ItemSet:
    """The lines where a structural token starts, hashed without their whitespace
    (vectorised: every line of a large tree is hashed)."""
    buf = np.frombuffer(source, dtype=np.uint8)
    if len(tokens) == 0 or buf.size == 0:
        return _hashed_item_set({})
    line_start = np.concatenate(([0], np.flatnonzero(buf == 10) + 1))
    keep = ~IS_SPACE[buf]
    kept = buf[keep]  # the lines' bytes without whitespace, each line a span of it
    kept_before = np.zeros(buf.size + 1, dtype=np.int64)  # kept bytes before each offset
    np.cumsum(keep, out=kept_before[1:])
    bounds = kept_before[np.append(line_start, buf.size)]
    has_token = np.zeros(line_start.size, dtype=bool)
    code = tokens.start_line.astype(np.int64) - 1
    has_token[code[(code >= 0) & (code < line_start.size)]] = True
    code = np.flatnonzero(has_token)
    first, last = bounds[code], bounds[code + 1]
    long = last - first >= MIN_CODE_LINE
    code = code[long]
    # The first line (in file order) of each distinct form.
    symbols, first_of = np.unique(span_hashes(kept, first[long], last[long]),
                                  return_index=True)
    lines = code[first_of]
    ends = np.append(line_start[1:] - 1, buf.size)
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
