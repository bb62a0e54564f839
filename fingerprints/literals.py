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
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from itertools import chain, compress, repeat
from operator import itemgetter

import numpy as np
import xxhash

from .tokens import LEXICAL_CATEGORIES, FileTokens
from .vocabulary import is_standard_vocabulary

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
# Code names something: a rule of ``====`` or ``----`` under a heading has marks, no name.
_NAME = re.compile(rb"[A-Za-z_]")
_COMMENT_MARKERS = re.compile(rb"^(?://+|/\*+|\*+/?|#+|--+|;+|%+|!+|'+|REM\b|\*)")
# A documentation comment (Javadoc, JSDoc, Doxygen, Rust and C# doc lines): its code is a
# usage example, not code taken out of service.
_DOC_COMMENT = re.compile(rb"\s*(?:/\*\*(?!/)|/\*!|///|//!)")


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


# Several files are read at once (the parse workers hand over a batch): their sources are
# joined and their tokens concatenated, so that numpy runs once per batch rather than once
# per file; the forms of each file are then gathered in a dict of its own, and every
# result is split per file.
Found = list[dict[str, int]]  # per file: form -> row of the places array


def _item_sets(found: Found, where: np.ndarray) -> list[ItemSet]:
    """``found``: per file, form -> the row of ``where`` (start, end, line) of the form's
    first occurrence in that file; one item set per file."""
    counts = list(map(len, found))
    count = sum(counts)
    owner = np.repeat(np.arange(len(found)), counts)
    hashes = np.fromiter(map(xxhash.xxh3_64_intdigest, map(str.encode,
                                                           chain.from_iterable(found))),
                         dtype=np.uint64, count=count)
    rows = np.fromiter(chain.from_iterable(map(dict.values, found)), dtype=np.int64,
                       count=count)
    return _split_item_sets(owner, hashes, where[rows], len(found))


def _split_item_sets(owner: np.ndarray, hashes: np.ndarray, where: np.ndarray, files: int
                     ) -> list[ItemSet]:
    """Per file, the item set of forms hashed to ``hashes`` (in first-occurrence order),
    each first seen at its row of ``where``. Were two forms of a file to share a hash, the
    later one's place is kept, as a dict built in that order would."""
    order = np.lexsort((hashes, owner))  # by file, then hash; stable
    symbols, owner = hashes[order], owner[order]
    last = np.ones(order.size, dtype=bool)  # of equal hashes in a file, the last is kept
    last[:-1] = (symbols[1:] != symbols[:-1]) | (owner[1:] != owner[:-1])
    picked = where[order[last]].astype(np.int32)
    return _per_file(owner[last], files, symbols[last], picked[:, 0].copy(),
                     picked[:, 1].copy(), picked[:, 2].copy())


def _cuts(owner: Iterable[int], files: int) -> list[tuple[int, int]]:
    """(start, end) of each file's run of items in a list whose items' files are, in
    order, ``owner`` (non-decreasing)."""
    bounds = np.searchsorted(np.fromiter(owner, dtype=np.int64), np.arange(files + 1)).tolist()
    return list(zip(bounds[:-1], bounds[1:], strict=True))


def _per_file(owner: np.ndarray, files: int, *columns: np.ndarray) -> list[ItemSet]:
    """Item sets from columns sorted by ``owner`` (the file of each row)."""
    bounds = np.searchsorted(owner, np.arange(files + 1)).tolist()
    return [ItemSet(*(c[a:b] for c in columns))
            for a, b in zip(bounds[:-1], bounds[1:], strict=True)]


def _first_wins(keys: list[str], values: list[int]) -> dict[str, int]:
    """key -> the value beside its first occurrence, keys in first-occurrence order (what
    ``setdefault`` in a loop gives), built without a Python loop over repeats."""
    first = dict(zip(reversed(keys), reversed(values), strict=True))
    order = dict.fromkeys(keys)
    return dict(zip(order, map(first.__getitem__, order), strict=True))


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
    """Collects the comment's lines that read like code (hashed later, all at once); none
    of a documentation comment's."""
    if _DOC_COMMENT.match(raw):
        return
    for offset, text in enumerate(raw.split(b"\n")):
        body = _COMMENT_MARKERS.sub(b"", text.strip()).strip()
        body = body.removesuffix(b"*/").translate(None, _SPACE)
        if len(body) >= MIN_CODE_LINE and _CODE_MARKS.search(body) and _NAME.search(body):
            bodies.append(body)
            wheres.append((start, end, line + offset))


def _decode(raws: Iterable[bytes]) -> list[str]:
    return list(map(bytes.decode, raws, repeat("utf-8"), repeat("replace")))


def literals(source: bytes, tokens: FileTokens) -> Literals:
    """The file's literal channels (see the module's docstring)."""
    return literals_many([source], [tokens])[0]


@dataclass(frozen=True)
class _Joined:
    """Several files' sources joined and their lexical tokens concatenated."""

    text: bytes  # the sources, one after the other
    buf: np.ndarray  # uint8 view of ``text``
    offset: np.ndarray  # int64: where each file starts in ``text``, then the end
    owner: np.ndarray  # int64: the file of each lexical token
    category: np.ndarray
    start: np.ndarray  # byte offsets within the token's file
    end: np.ndarray
    line: np.ndarray

    @property
    def files(self) -> int:
        return self.offset.shape[0] - 1


def literals_many(sources: Sequence[bytes], tokens: Sequence[FileTokens]) -> list[Literals]:
    """``literals`` of several files (source i tokenised as tokens i), read together."""
    files = len(sources)
    offset = np.zeros(files + 1, dtype=np.int64)
    np.cumsum([len(s) for s in sources], out=offset[1:])
    text = b"".join(sources)
    joined = _Joined(
        text, np.frombuffer(text, dtype=np.uint8), offset,
        np.repeat(np.arange(files), [t.lex_category.shape[0] for t in tokens]),
        *(np.concatenate([getattr(t, name) for t in tokens]) for name in (
            "lex_category", "lex_start_byte", "lex_end_byte", "lex_start_line")),
    )
    is_name = joined.category == _IDENTIFIER
    idents, parts, names = _names(joined, is_name)
    strings, comments, words, commented, others = _strings_and_comments(joined, ~is_name)
    channels = zip(_item_sets(idents, names), _item_sets(parts, names),
                   _item_sets(strings, others), _item_sets(comments, others), strict=True)
    return [
        Literals(channels=c, words=w, code_lines=lines, commented=code)
        for c, w, lines, code in zip(
            channels, _item_sets(words, others), _code_lines(joined, tokens),
            _hashed_item_sets(commented, files), strict=True)
    ]


def _distinct(owner: np.ndarray, hashes: np.ndarray) -> np.ndarray:
    """Positions of the first occurrence of each (file, hash), in order."""
    order = np.lexsort((hashes, owner))
    keep = np.ones(order.size, dtype=bool)
    sorted_hashes, sorted_owner = hashes[order], owner[order]
    keep[1:] = (sorted_hashes[1:] != sorted_hashes[:-1]) | (sorted_owner[1:] != sorted_owner[:-1])
    return np.sort(order[keep])


def _names(joined: _Joined, is_name: np.ndarray) -> tuple[Found, Found, np.ndarray]:
    """The identifiers and identifier parts channels, as per file form -> row of the
    distinct names' places (returned too). Names are most tokens: hashed in one vectorised
    pass, decoded once per distinct name and file; no Python loop runs per name."""
    owner, start, end, line = (a[is_name] for a in (
        joined.owner, joined.start, joined.end, joined.line))
    base = joined.offset[owner]
    first = _distinct(owner, span_hashes(joined.buf, start + base, end + base))
    where = np.stack((start[first], end[first], line[first]), axis=1)
    raws = _decode(map(joined.text.__getitem__, map(slice, (start + base)[first].tolist(),
                                                    (end + base)[first].tolist())))
    long = list(map(MIN_IDENTIFIER.__le__, map(len, raws)))
    raws = list(compress(raws, long))
    rows = list(compress(range(len(long)), long))
    cuts = _cuts(compress(owner[first].tolist(), long), joined.files)
    # equal texts in a file: the last one's place
    idents = [dict(zip(raws[a:b], rows[a:b], strict=True)) for a, b in cuts]
    distinct = list(dict.fromkeys(raws))
    found = list(map(dict(zip(distinct, _parts_of(distinct), strict=True)).__getitem__, raws))
    counts = list(map(len, found))
    parts = [_first_wins(list(chain.from_iterable(found[a:b])),
                         list(chain.from_iterable(map(repeat, rows[a:b], counts[a:b]))))
             for a, b in cuts]
    return idents, parts, where


_LONG_LOWER_PART = re.compile(rf"[a-z]{{{MIN_PART},}}")


def _parts_of(names: list[str]) -> list[list[str]]:
    """The parts of each name that count for the identifier parts channel: alphabetic
    (ASCII: lower() is casefold()), at least MIN_PART letters. Read for all names at once:
    each name's parts spaced out on a line of their own."""
    if not names:
        return []
    lines = "\n".join(map(" ".join, map(_ALPHA_PART.findall, names))).lower().split("\n")
    return list(map(_LONG_LOWER_PART.findall, lines))


def _strings_and_comments(joined: _Joined, keep: np.ndarray
                          ) -> tuple[Found, Found, Found, dict[tuple[int, int], Where],
                                     np.ndarray]:
    """The strings and comments channels and the words of the prose among them, as per
    file form -> row of the distinct strings' and comments' places (returned too), and the
    comment lines that read like code, as (file, hash) -> place."""
    owner, cat, start, end, line = (a[keep] for a in (
        joined.owner, joined.category, joined.start, joined.end, joined.line))
    base = joined.offset[owner]
    raw_bytes = list(map(joined.text.__getitem__, map(slice, (start + base).tolist(),
                                                      (end + base).tolist())))
    # A string or comment repeated verbatim in a file adds nothing its first occurrence did
    # not (every form keeps its first occurrence), so only first occurrences are read.
    keys = list(zip(owner.tolist(), cat.tolist(), raw_bytes, strict=True))
    first_of = dict(zip(reversed(keys), range(len(keys) - 1, -1, -1), strict=True))
    first = np.asarray(sorted(first_of.values()), dtype=np.int64)
    where = np.stack((start[first], end[first], line[first]), axis=1)
    files = owner[first].tolist()
    raw_bytes = list(map(raw_bytes.__getitem__, first.tolist()))
    raws = _decode(raw_bytes)
    string_mask = cat[first] == _STRING
    is_string, is_comment = string_mask.tolist(), (~string_mask).tolist()

    texts = [raw.strip(_QUOTES) if raw[:1] in _QUOTES else string_text(raw)
             for raw in compress(raws, is_string)]
    enough: list[object] = list(map(_ENOUGH_LETTERS.match, texts))
    for i in [i for i, text in enumerate(texts) if " :: " in text]:
        if is_standard_vocabulary(texts[i]):  # a Trove classifier: no author's wording
            enough[i] = None
    string_rows = list(compress(range(len(raws)), is_string))
    strings = _per_file_first(compress(files, is_string), joined.files,
                              list(compress(texts, enough)), list(compress(string_rows, enough)),
                              enough)
    # A string without inner space is a key, a path or a format, not prose: its words
    # are no typos. Every comment is prose.
    prose_mask = np.ones(len(raws), dtype=bool)
    prose_mask[string_mask] = np.fromiter(map(bool, map(_INNER_SPACE_RUN.search, texts)),
                                          dtype=bool, count=len(texts))
    prose = prose_mask.tolist()

    comment_rows = list(compress(range(len(raws)), is_comment))
    comment_files = list(compress(files, is_comment))
    said = list(map(" ".join, map(_WORD.findall, map(str.casefold, compress(raws, is_comment)))))
    enough = [len(text) - text.count(" ") >= MIN_COMMENT for text in said]
    comments = _per_file_first(comment_files, joined.files, list(compress(said, enough)),
                               list(compress(comment_rows, enough)), enough)
    # Comment lines that read like code. A line's body is some of its bytes: without code
    # marks, or enough bytes, in the whole comment, no line of it reads like code.
    comment_bytes = list(compress(raw_bytes, is_comment))
    marked = [len(raw_b) >= MIN_CODE_LINE and _CODE_MARKS.search(raw_b) is not None
              for raw_b in comment_bytes]
    bodies: list[bytes] = []
    body_wheres: list[Where] = []
    body_files: list[int] = []
    marked_rows = np.asarray(list(compress(comment_rows, marked)), dtype=np.int64)
    for (s, e, n), file, raw_b in zip(where[marked_rows].tolist(),
                                      compress(comment_files, marked),
                                      compress(comment_bytes, marked), strict=True):
        before = len(bodies)
        _commented_code(raw_b, n, bodies, body_wheres, s, e)
        body_files.extend(repeat(file, len(bodies) - before))
    commented = dict(zip(reversed(list(zip(body_files, bytes_hashes(bodies).tolist(),
                                           strict=True))),
                         reversed(body_wheres), strict=True))  # a form's first line wins

    prose_raws = list(compress(raws, prose))
    if all(map(str.isascii, prose_raws)):
        found = list(map(_ASCII_LONG_WORD.findall, map(str.lower, prose_raws)))
    else:
        found = [_ASCII_LONG_WORD.findall(raw.lower()) if raw.isascii()
                 else _LONG_ALPHA_WORD.findall(raw.casefold()) for raw in prose_raws]
    counts = list(map(len, found))
    prose_rows = list(compress(range(len(raws)), prose))
    words = [_first_wins(list(chain.from_iterable(found[a:b])),
                         list(chain.from_iterable(map(repeat, prose_rows[a:b], counts[a:b]))))
             for a, b in _cuts(compress(files, prose), joined.files)]
    return strings, comments, words, commented, where


def _per_file_first(owner: Iterable[int], files: int, forms: list[str], rows: list[int],
                    keep: Iterable[object]) -> Found:
    """Per file, form -> the row of its first occurrence, from ``forms`` and ``rows`` (in
    file order) which are the items kept (``keep``) of a list whose files are ``owner``."""
    return [_first_wins(forms[a:b], rows[a:b])
            for a, b in _cuts(compress(owner, keep), files)]


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


def _code_lines(joined: _Joined, tokens: Sequence[FileTokens]) -> list[ItemSet]:
    """Per file, the lines where a structural token starts, hashed without their whitespace
    (vectorised: every line of a large tree is hashed)."""
    buf, offset, files = joined.buf, joined.offset, joined.files
    # Each file's lines start at its first byte and after each of its newlines (a file
    # ending in one has an empty last line, starting where the next file does).
    after_newline = np.flatnonzero(buf == 10) + 1
    at = np.searchsorted(after_newline, offset[:-1], side="right")
    line_start = np.insert(after_newline, at, offset[:-1])
    first_line = at + np.arange(files)  # index in line_start of each file's line 1
    line_count = np.diff(np.append(first_line, line_start.size))
    keep = ~IS_SPACE[buf]
    kept = buf[keep]  # the lines' bytes without whitespace, each line a span of it
    kept_before = np.zeros(buf.size + 1, dtype=np.int64)  # kept bytes before each offset
    np.cumsum(keep, out=kept_before[1:])
    # A line ends where the next begins (its file's last line: where the next file begins).
    next_start = np.append(line_start[1:], buf.size)
    bounds = kept_before[np.append(line_start, buf.size)]
    has_token = np.zeros(line_start.size, dtype=bool)
    owner = np.repeat(np.arange(files), [len(t) for t in tokens])
    code = np.concatenate([t.start_line for t in tokens]).astype(np.int64) - 1
    inside = (code >= 0) & (code < line_count[owner])
    has_token[(code + first_line[owner])[inside]] = True
    code = np.flatnonzero(has_token)
    first, last = bounds[code], bounds[code + 1]
    long = last - first >= MIN_CODE_LINE
    code = code[long]
    owner = np.searchsorted(first_line, code, side="right") - 1
    hashes = span_hashes(kept, first[long], last[long])
    # The first line (in file order) of each distinct form, sorted by form.
    order = np.lexsort((hashes, owner))
    hashes, owner, lines = hashes[order], owner[order], code[order]
    new = np.ones(order.size, dtype=bool)
    new[1:] = (hashes[1:] != hashes[:-1]) | (owner[1:] != owner[:-1])
    hashes, owner, lines = hashes[new], owner[new], lines[new]
    base = offset[owner]
    is_last = lines + 1 == first_line[owner] + line_count[owner]
    ends = np.where(is_last, offset[owner + 1], next_start[lines] - 1)
    return _per_file(owner, files, hashes, (line_start[lines] - base).astype(np.int32),
                     (ends - base).astype(np.int32),
                     (lines - first_line[owner] + 1).astype(np.int32))


def _hashed_item_sets(found: dict[tuple[int, int], Where], files: int) -> list[ItemSet]:
    """Like ``_item_sets`` for forms already hashed: (file, hash) -> place."""
    count = len(found)
    owner = np.fromiter(map(itemgetter(0), found), dtype=np.int64, count=count)
    hashes = np.fromiter(map(itemgetter(1), found), dtype=np.uint64, count=count)
    where = np.asarray(list(found.values()), dtype=np.int64).reshape(-1, 3)
    order = np.lexsort((hashes, owner))
    picked = where[order].astype(np.int32)
    return _per_file(owner[order], files, hashes[order], picked[:, 0].copy(),
                     picked[:, 1].copy(), picked[:, 2].copy())
