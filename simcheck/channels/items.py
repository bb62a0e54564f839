"""Where a channel's item is and how it reads: the first file of a side that has it, its
line, and its text as written (or as compared, for fuzzy matching)."""

from __future__ import annotations

from collections.abc import Callable, Sequence

import numpy as np

from fingerprints.literals import (
    ItemSet,
    Literals,
    comment_text,
    form_hash,
    identifier_parts,
    string_text,
)

from ..match.sets import hash_sort
from ..prepare import PreparedFile

SHOWN_CHARS = 200  # longer texts are cut in listings


_EMPTY = ItemSet(*(np.zeros(0, dtype=t) for t in (np.uint64, np.int32, np.int32, np.int32)))


def item_sets(files: Sequence[PreparedFile], get: Callable[[Literals], ItemSet]
              ) -> list[ItemSet]:
    """One item set per file (empty for a file fingerprinted without its literals)."""
    return [_EMPTY if f.fp.literals is None else get(f.fp.literals) for f in files]


def _shown(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= SHOWN_CHARS else text[: SHOWN_CHARS - 1] + "…"


def displayed(channel: str, raw: str, symbol: int) -> str:
    """How an item reads in a listing: names, strings and comments as written; a name
    part as the part (found again in its identifier by its hash)."""
    if channel == "identifier_parts":
        for part in identifier_parts(raw):
            if form_hash(part) == symbol:
                return part
    return _shown(raw)


def normalised(channel: str, raw: str) -> str:
    """The form a channel compares (what was hashed)."""
    return comment_text(raw) if channel == "comments" else string_text(raw)


class ItemIndex:
    """One side's item sets in one table: every distinct symbol, in how many files it
    occurs and its first place (files in the given order)."""

    def __init__(self, files: Sequence[PreparedFile], sets: Sequence[ItemSet]) -> None:
        self.files, self.sets = files, sets
        every = np.concatenate([s.symbols for s in sets]) if sets else np.zeros(0, np.uint64)
        sizes = [s.symbols.size for s in sets]
        owner = np.repeat(np.arange(len(sets)), sizes)
        index = np.arange(every.size) - np.repeat(np.cumsum(sizes) - sizes, sizes)
        # A stable sort by symbol keeps each symbol's places in file order.
        order, every = hash_sort(every)
        self._owner, self._index = owner[order], index[order]
        new = np.ones(every.size, dtype=bool)
        np.not_equal(every[1:], every[:-1], out=new[1:])
        self._first = np.flatnonzero(new)  # each distinct symbol's first place
        self.symbols = every[self._first]
        self.files_with = np.diff(np.append(self._first, every.size))

    def locate(self, symbols: np.ndarray) -> dict[int, tuple[PreparedFile, str, int]]:
        """For each of ``symbols`` this side has: (file, raw text, line) of its first place."""
        symbols = np.asarray(symbols, dtype=np.uint64)
        if self.symbols.size == 0 or symbols.size == 0:
            return {}
        at = np.minimum(np.searchsorted(self.symbols, symbols), self.symbols.size - 1)
        found: dict[int, tuple[PreparedFile, str, int]] = {}
        for k in np.flatnonzero(self.symbols[at] == symbols).tolist():
            i = int(self._first[at[k]])
            owner, j = int(self._owner[i]), int(self._index[i])
            f, s = self.files[owner], self.sets[owner]
            raw = f.text[int(s.start[j]) : int(s.end[j])].decode("utf-8", "replace")
            found[int(symbols[k])] = (f, raw, int(s.line[j]))
        return found


def index(files: Sequence[PreparedFile], get: Callable[[Literals], ItemSet]) -> ItemIndex:
    return ItemIndex(files, item_sets(files, get))


def place(f: PreparedFile, line: int) -> str:
    return f"{f.entry.path}:{line}"
