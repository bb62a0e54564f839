"""What extraction hands to alignment: a document as an ordered list of blocks (headings,
paragraphs, list items, table rows, captions) with their page, section and line
coordinates, and the log of what normalisation changed or removed."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

BlockKind = Literal["heading", "paragraph", "list_item", "table_row", "caption", "code"]
LineBasis = Literal["file", "page"]


class ExtractionError(Exception):
    """The document cannot be read; ``reason`` is short, stable and free of paths."""

    def __init__(self, reason: str, status: Literal["failed", "skipped"] = "failed") -> None:
        super().__init__(reason)
        self.reason = reason
        self.status = status


@dataclass(frozen=True)
class Block:
    kind: BlockKind
    text: str  # normalised text: what words are taken from
    raw: str  # the text as extracted, before normalisation (shown in exhibits)
    page: int | None = None  # 1-based; None where the format has no pages
    level: int = 0  # heading level (1 = top) for headings, 0 otherwise
    # Lines: for text formats the file's own lines, for PDF the line on the page counted
    # from the top; ``line_offsets[i]`` is where line ``line_start + i`` begins in ``text``.
    line_start: int | None = None
    line_offsets: tuple[int, ...] = (0,)
    table: int | None = None  # which table (0-based, per document) a row belongs to
    cells: tuple[str, ...] = ()  # a table row's cells, normalised

    def line_at(self, offset: int) -> int | None:
        """The line holding character ``offset`` of ``text``."""
        if self.line_start is None:
            return None
        line = 0
        for i, start in enumerate(self.line_offsets):
            if start <= offset:
                line = i
        return self.line_start + line

    @property
    def line_end(self) -> int | None:
        return None if self.line_start is None else self.line_start + len(self.line_offsets) - 1


@dataclass(frozen=True)
class LogEntry:
    """One normalisation rule's effect on one document."""

    rule: str
    count: int
    examples: tuple[str, ...]


@dataclass
class NormalisationLog:
    """Counts and a few examples per rule, in the order rules were first applied."""

    max_examples: int = 3
    counts: dict[str, int] = field(default_factory=dict)
    examples: dict[str, list[str]] = field(default_factory=dict)

    def add(self, rule: str, example: str, count: int = 1) -> None:
        self.counts[rule] = self.counts.get(rule, 0) + count
        seen = self.examples.setdefault(rule, [])
        if len(seen) < self.max_examples and example not in seen:
            seen.append(example)

    def entries(self) -> tuple[LogEntry, ...]:
        return tuple(
            LogEntry(rule, n, tuple(self.examples.get(rule, ()))) for rule, n in self.counts.items()
        )


@dataclass(frozen=True)
class Document:
    format: str  # pdf | docx | html | markdown | rst | man | text
    blocks: tuple[Block, ...]
    line_basis: LineBasis | None  # what Block line numbers count; None: no lines (DOCX)
    pages: int | None = None  # page count where the format has pages
    log: tuple[LogEntry, ...] = ()
    notes: tuple[str, ...] = ()  # e.g. pages without a text layer, tracked changes
    encoding: str | None = None  # for text formats: the encoding the bytes were decoded from
    source_lines: tuple[str, ...] = ()  # text formats: the file's lines, shown in exhibits
