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

from ..prepare import PreparedFile

SHOWN_CHARS = 200  # longer texts are cut in listings


_EMPTY = ItemSet(*(np.zeros(0, dtype=t) for t in (np.uint64, np.int64, np.int64, np.int64)))


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


def locate(
    files: Sequence[PreparedFile],
    sets: Sequence[ItemSet],
    symbols: np.ndarray,
) -> dict[int, tuple[PreparedFile, str, int]]:
    """For each symbol, its first place: (file, raw text, line), files in the given order."""
    found: dict[int, tuple[PreparedFile, str, int]] = {}
    wanted = np.asarray(symbols, dtype=np.uint64)
    for f, s in zip(files, sets, strict=True):
        if wanted.size == 0:
            break
        idx = np.minimum(np.searchsorted(s.symbols, wanted), max(s.symbols.size - 1, 0))
        hit = s.symbols[idx] == wanted if s.symbols.size else np.zeros(wanted.size, bool)
        for i in np.flatnonzero(hit).tolist():
            j = int(idx[i])
            raw = f.text[int(s.start[j]) : int(s.end[j])].decode("utf-8", "replace")
            found[int(wanted[i])] = (f, raw, int(s.line[j]))
        wanted = wanted[~hit]
    return found


def place(f: PreparedFile, line: int) -> str:
    return f"{f.entry.path}:{line}"
