"""Token streams with exact source spans: what every later stage is computed from."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Literal

import numpy as np
import xxhash

LexicalCategory = Literal["identifier", "string", "comment"]

# Structure symbols that stand in for normalised tokens.
IDENT = "<id>"
STRING = "<string>"


LEXICAL_CATEGORIES: tuple[LexicalCategory, ...] = ("identifier", "string", "comment")


@dataclass(frozen=True)
class LexicalToken:
    """An identifier, string literal or comment with its real text (the channels an expert
    cites: shared rare names, identical comments, shared typos)."""

    category: LexicalCategory
    text: str
    start_byte: int
    end_byte: int
    start_line: int  # 1-based
    end_line: int  # 1-based, inclusive


@dataclass(frozen=True)
class FileTokens:
    """All token streams of one file, as parallel arrays (cheap to ship between processes).

    The structure stream (``symbols`` + spans) has identifiers and literals normalised to
    their category, comments and layout dropped, so it survives renaming and reformatting.
    The lexical stream (``lex_*``) locates identifiers, strings and comments; their real
    text is sliced from the source on demand. Byte offsets index the file's UTF-8 text.
    ``def_start``/``def_end`` are the structure-token ranges of the file's definitions
    (functions, methods, classes: the registry's ``definitions``), sorted by start, outer
    before inner; empty when the file was not parsed (lexical tokens).
    """

    symbols: np.ndarray  # uint64: stable hash of each normalised token
    start_byte: np.ndarray  # int64
    end_byte: np.ndarray  # int64, exclusive
    start_line: np.ndarray  # int32, 1-based
    end_line: np.ndarray  # int32, 1-based inclusive
    lex_category: np.ndarray  # uint8 index into LEXICAL_CATEGORIES
    lex_start_byte: np.ndarray  # int64
    lex_end_byte: np.ndarray  # int64
    lex_start_line: np.ndarray  # int32
    lex_end_line: np.ndarray  # int32
    tokenizer: str  # "tree-sitter" or "lexical"
    line_count: int
    note: str | None = None  # why the fallback was used, parse errors seen...
    def_start: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.int32))
    def_end: np.ndarray = field(  # exclusive
        default_factory=lambda: np.zeros(0, dtype=np.int32)
    )
    # Structure tokens (sorted indexes) naming a constant, whose symbol is its literal's.
    inlined: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.int64))

    def __len__(self) -> int:
        return int(self.symbols.shape[0])

    def lexical(self, source: bytes) -> list[LexicalToken]:
        """The lexical stream with its text, in source order."""
        return [
            LexicalToken(
                LEXICAL_CATEGORIES[c],
                source[s:e].decode("utf-8", errors="replace"),
                s,
                e,
                a,
                b,
            )
            for c, s, e, a, b in zip(
                self.lex_category.tolist(),
                self.lex_start_byte.tolist(),
                self.lex_end_byte.tolist(),
                self.lex_start_line.tolist(),
                self.lex_end_line.tolist(), strict=True,
            )
        ]


_symbol_cache: dict[str, int] = {}


def symbol_of(text: str) -> int:
    """64-bit stable hash of a normalised token (xxhash: unsalted, the same on every run)."""
    value = _symbol_cache.get(text)
    if value is None:
        value = xxhash.xxh3_64_intdigest(text.encode("utf-8"))
        _symbol_cache[text] = value
    return value


def count_lines(source: bytes) -> int:
    if not source:
        return 0
    return source.count(b"\n") + (0 if source.endswith(b"\n") else 1)


def file_tokens_from_arrays(
    source: bytes,
    symbols: np.ndarray,
    starts: np.ndarray,
    ends: np.ndarray,
    lex_category: np.ndarray,
    lex_start: np.ndarray,
    lex_end: np.ndarray,
    tokenizer: str,
    note: str | None = None,
    definitions: np.ndarray | None = None,
) -> FileTokens:
    """Assemble a ``FileTokens`` from its span arrays (uint64 symbols, int64 byte offsets,
    uint8 lexical categories); line numbers are derived here. ``definitions`` (int64, n x 2)
    are the [start, end) byte ranges of the file's definitions, in any order."""
    return file_tokens_many([RawTokens(source, symbols, starts, ends, lex_category, lex_start,
                                       lex_end, tokenizer, note, definitions)])[0]


@dataclass(frozen=True)
class RawTokens:
    """What a tokenizer reads from one file (the arguments of ``file_tokens_from_arrays``),
    before line numbers and definition token ranges are worked out."""

    source: bytes
    symbols: np.ndarray  # uint64
    starts: np.ndarray  # int64
    ends: np.ndarray  # int64
    lex_category: np.ndarray  # uint8
    lex_start: np.ndarray  # int64
    lex_end: np.ndarray  # int64
    tokenizer: str
    note: str | None = None
    definitions: np.ndarray | None = None  # int64, n x 2 byte ranges, any order
    inlined: np.ndarray | None = None  # int64, FileTokens.inlined


def file_tokens_many(raws: Sequence[RawTokens]) -> list[FileTokens]:
    """``file_tokens_from_arrays`` of several files, worked out together: numpy runs once
    for all of them (over the sources joined) rather than once per file."""
    files = len(raws)
    if not files:
        return []
    offset = _bounds([len(r.source) for r in raws])
    text = b"".join(r.source for r in raws)
    # Newlines before each offset of the joined sources: a span's line in its file is one
    # more than the newlines between the file's start and the span's.
    newlines = np.zeros(len(text) + 1, dtype=np.int32)
    np.cumsum(np.frombuffer(text, dtype=np.uint8) == 0x0A, dtype=np.int32, out=newlines[1:])

    def joined(field: str) -> np.ndarray:
        return np.concatenate([getattr(r, field) for r in raws])

    def lines(bounds: np.ndarray, starts: np.ndarray, ends: np.ndarray
              ) -> tuple[np.ndarray, np.ndarray]:
        """1-based first and last line of each span (byte offsets within its file)."""
        counts = np.diff(bounds)
        base = np.repeat(offset[:-1], counts)
        before = np.repeat(newlines[offset[:-1]] - 1, counts)
        return (newlines[starts + base] - before,
                newlines[np.maximum(ends - 1, starts) + base] - before)

    bounds = _bounds([r.symbols.shape[0] for r in raws])
    starts, ends = joined("starts"), joined("ends")
    first, last = lines(bounds, starts, ends)
    lex_bounds = _bounds([r.lex_category.shape[0] for r in raws])
    lex_start, lex_end = joined("lex_start"), joined("lex_end")
    lex_first, lex_last = lines(lex_bounds, lex_start, lex_end)
    def_bounds, def_start, def_end = _definition_tokens(raws, offset, bounds, starts)
    symbols, lex_category = joined("symbols"), joined("lex_category")
    t, x, d = bounds.tolist(), lex_bounds.tolist(), def_bounds.tolist()
    return [
        FileTokens(
            symbols=symbols[t[i] : t[i + 1]],
            start_byte=starts[t[i] : t[i + 1]],
            end_byte=ends[t[i] : t[i + 1]],
            start_line=first[t[i] : t[i + 1]],
            end_line=last[t[i] : t[i + 1]],
            lex_category=lex_category[x[i] : x[i + 1]],
            lex_start_byte=lex_start[x[i] : x[i + 1]],
            lex_end_byte=lex_end[x[i] : x[i + 1]],
            lex_start_line=lex_first[x[i] : x[i + 1]],
            lex_end_line=lex_last[x[i] : x[i + 1]],
            tokenizer=r.tokenizer,
            line_count=count_lines(r.source),
            note=r.note,
            def_start=def_start[d[i] : d[i + 1]],
            def_end=def_end[d[i] : d[i + 1]],
            inlined=_NONE_INLINED if r.inlined is None else r.inlined,
        )
        for i, r in enumerate(raws)
    ]


_NONE_INLINED = np.zeros(0, dtype=np.int64)


def _bounds(counts: list[int]) -> np.ndarray:
    bounds = np.zeros(len(counts) + 1, dtype=np.int64)
    np.cumsum(counts, out=bounds[1:])
    return bounds


def _definition_tokens(
    raws: Sequence[RawTokens], offset: np.ndarray, bounds: np.ndarray, starts: np.ndarray
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Token ranges [start, end) of every file's definitions (given as byte ranges: the
    tokens that start inside each; a range holding no token is dropped), sorted by start,
    outer first: where each file's ranges are, then the ranges (token indexes within the
    file), one file after the other."""
    ranges = [np.zeros((0, 2), dtype=np.int64) if r.definitions is None else r.definitions
              for r in raws]
    counts = [d.shape[0] for d in ranges]
    owner = np.repeat(np.arange(len(raws)), counts)
    byte_range = np.concatenate(ranges).reshape(-1, 2) + offset[owner][:, None]
    # Tokens that start inside each range: every file's tokens are in order, and before
    # those of the next file, so one search over all of them finds them (bar a token at the
    # very end of the previous file, where this one starts: hence the floor at 0).
    token_start = starts + np.repeat(offset[:-1], np.diff(bounds))
    first = np.searchsorted(token_start, byte_range[:, 0], side="left") - bounds[owner]
    end = np.searchsorted(token_start, byte_range[:, 1], side="left") - bounds[owner]
    first, end = np.maximum(first, 0), np.maximum(end, 0)
    keep = end > first
    owner, first, end = owner[keep], first[keep], end[keep]
    # Distinct ranges, by file, then start, outer (longer) first.
    order = np.lexsort((-end, first, owner))
    owner, first, end = owner[order], first[order], end[order]
    new = np.ones(owner.size, dtype=bool)
    new[1:] = (owner[1:] != owner[:-1]) | (first[1:] != first[:-1]) | (end[1:] != end[:-1])
    owner = owner[new]
    return (np.searchsorted(owner, np.arange(len(raws) + 1)), first[new].astype(np.int32),
            end[new].astype(np.int32))
