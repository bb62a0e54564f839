"""Collects a document's blocks while a format is read: normalises each block's lines,
drops blocks without a single word, and numbers tables."""

from __future__ import annotations

from collections.abc import Sequence

from fingerprints.words import WORD

from .model import Block, BlockKind, Document, LineBasis, NormalisationLog
from .normalise import join_lines


class DocumentBuilder:
    def __init__(self, fmt: str, line_basis: LineBasis | None, dehyphenate: bool = False) -> None:
        self.format = fmt
        self.line_basis = line_basis
        self.dehyphenate = dehyphenate
        self.log = NormalisationLog()
        self.blocks: list[Block] = []
        self.notes: list[str] = []
        self.tables = 0
        self._open_table: int | None = None

    def add(
        self,
        kind: BlockKind,
        lines: Sequence[str],
        page: int | None = None,
        line_start: int | None = None,
        level: int = 0,
    ) -> None:
        """One block from its raw lines (a paragraph's lines, a heading...)."""
        self._open_table = None
        text, offsets = join_lines(lines, self.log, self.dehyphenate and kind != "code")
        if not WORD.search(text):
            return
        raw = "\n".join(line.rstrip() for line in lines).strip("\n")
        self.blocks.append(
            Block(kind, text, raw, page, level if kind == "heading" else 0,
                  line_start, offsets if line_start is not None else (0,))
        )

    def row(
        self,
        cells: Sequence[str],
        page: int | None = None,
        line_start: int | None = None,
        new_table: bool = False,
    ) -> None:
        """One table row; consecutive rows belong to one table until ``new_table`` or
        another kind of block."""
        if new_table or self._open_table is None:
            self._open_table = self.tables
            self.tables += 1
        normalised = tuple(join_lines(c.split("\n"), self.log, False)[0] for c in cells)
        text = " | ".join(normalised)
        if not WORD.search(text):
            return
        raw = " | ".join(" ".join(c.split()) for c in cells)
        self.blocks.append(
            Block("table_row", text, raw, page, 0, line_start, (0,), self._open_table, normalised)
        )

    def end_table(self) -> None:
        self._open_table = None

    def note(self, text: str) -> None:
        if text not in self.notes:
            self.notes.append(text)

    def build(self, pages: int | None = None, encoding: str | None = None) -> Document:
        return Document(
            format=self.format,
            blocks=tuple(self.blocks),
            line_basis=self.line_basis,
            pages=pages,
            log=self.log.entries(),
            notes=tuple(self.notes),
            encoding=encoding,
        )
