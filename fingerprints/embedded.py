"""Code embedded in a host file (a Vue or Svelte component's script, style and template
expressions): which language each region is in, and how its tokens join the host's.

The registry says where the regions are (``LanguageSpec.embedded``); the syntax tokenizer
reads each with its guest language's spec, and ``splice`` puts the guest tokens in the
host's streams. Offsets are the whole file's throughout, so lines, regions and exhibits
point into the host file.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

import numpy as np
from tree_sitter import Node

from .languages import LanguageSpec, get_spec
from .languages.spec import Embedding
from .tokens import RawTokens


@dataclass(frozen=True)
class Region:
    """One embedded region of a host file: its byte range and tree-sitter points, its
    guest language (None: the attribute choosing it, ``chosen`` (``lang="less"``), names a
    language with no grammar here) and whether the guest grammar's syntax errors are
    reported."""

    start: int
    end: int
    start_point: tuple[int, int]  # tree-sitter (row, column), 0-based
    end_point: tuple[int, int]
    guest: LanguageSpec | None
    chosen: str | None
    errors_noted: bool

    def lines(self, source: bytes) -> str:
        """Where the region's code is, for a note: "lines 17-45" (from its first to its
        last non-blank line: a script's text starts right after its tag)."""
        text = source[self.start : self.end]
        first = self.start_point[0] + 1 + text[: len(text) - len(text.lstrip())].count(b"\n")
        last = self.end_point[0] + 1 - text[len(text.rstrip()) :].count(b"\n")
        if last < first:  # blank
            last = first
        return f"line {first}" if first == last else f"lines {first}-{last}"


@cache
def _attribute_pattern(name: str) -> re.Pattern[bytes]:
    # An attribute in a start tag: lang="ts", lang='ts' or lang=ts.
    return re.compile(rb"\s" + re.escape(name.encode()) + rb"""\s*=\s*["']?([^"'\s>]*)""",
                      re.IGNORECASE)


def region_of(node: Node, source: bytes, embeddings: Sequence[Embedding]) -> Region | None:
    """The embedded region ``node`` holds, by the first of ``embeddings`` (all of its node
    type) whose ``within`` its ancestors match; None when none does."""
    for embedding in embeddings:
        outer = node
        for kind in embedding.within:
            outer = outer.parent
            if outer is None or outer.type != kind:
                break
        else:
            guest: LanguageSpec | None = get_spec(embedding.language)
            chosen = None
            if embedding.attribute:
                # The start tag is the text from the outermost node to the region.
                found = _attribute_pattern(embedding.attribute).search(
                    source, outer.start_byte, node.start_byte)
                if found:
                    value = found.group(1).decode("utf-8", "replace")
                    chosen = f'{embedding.attribute}="{value}"'
                    name = dict(embedding.choices).get(value.lower())
                    guest = get_spec(name) if name else None
            return Region(node.start_byte, node.end_byte, node.start_point, node.end_point,
                          guest, chosen, embedding.errors_noted)
    return None


def shifted(raw: RawTokens, by: int, source: bytes) -> RawTokens:
    """``raw``, read from a slice of ``source`` starting at byte ``by``, with offsets into
    ``source``."""
    definitions = None if raw.definitions is None else raw.definitions + by
    return RawTokens(source, raw.symbols, raw.starts + by, raw.ends + by, raw.lex_category,
                     raw.lex_start + by, raw.lex_end + by, raw.tokenizer, raw.note,
                     definitions, raw.inlined)


def splice(host: RawTokens, guests: Sequence[RawTokens], notes: Sequence[str]) -> RawTokens:
    """The host's streams with every guest's merged in, in source order (regions do not
    overlap the host's own tokens). Definitions and inlined constants follow their tokens;
    ``notes`` (the host's first, if any) become the file's note."""
    if not guests:
        return host
    parts = [host, *guests]
    starts = np.concatenate([r.starts for r in parts])
    order = np.argsort(starts, kind="stable")
    lex_order = np.argsort(np.concatenate([r.lex_start for r in parts]), kind="stable")

    def merged(field: str, by: np.ndarray) -> np.ndarray:
        return np.concatenate([getattr(r, field) for r in parts])[by]

    # Inlined constants are token indexes: shift each part's to its place in the concatenated
    # stream, then map through the sort.
    where = np.empty(order.size, dtype=np.int64)
    where[order] = np.arange(order.size)
    base = np.cumsum([0] + [r.symbols.size for r in parts])
    inlined = np.sort(where[np.concatenate(
        [np.zeros(0, dtype=np.int64)]
        + [r.inlined + b for r, b in zip(parts, base.tolist(), strict=False)
           if r.inlined is not None]).astype(np.int64)])
    definitions = np.concatenate([np.zeros((0, 2), dtype=np.int64)] + [
        r.definitions for r in parts if r.definitions is not None])
    return RawTokens(
        host.source, merged("symbols", order), starts[order], merged("ends", order),
        merged("lex_category", lex_order), merged("lex_start", lex_order),
        merged("lex_end", lex_order), host.tokenizer, "; ".join(notes) or None, definitions,
        inlined if inlined.size else None,
    )
