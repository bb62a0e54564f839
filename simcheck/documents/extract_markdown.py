"""Markdown (CommonMark with tables, via markdown-it-py): headings, paragraphs, list items,
table rows and code blocks, each with the file lines it came from."""

from __future__ import annotations

import re

from markdown_it import MarkdownIt
from markdown_it.token import Token

from .builder import DocumentBuilder
from .model import Document

_TAGS = re.compile(r"<[^>]*>")


def extract_markdown(text: str, encoding: str | None = None) -> Document:
    b = DocumentBuilder("markdown", "file")
    md = MarkdownIt("commonmark").enable("table")
    tokens = md.parse(text)
    kind_stack: list[str] = []
    heading_level = 0
    cells: list[str] = []
    row_line: int | None = None
    new_table = False
    for i, t in enumerate(tokens):
        if t.type == "heading_open":
            heading_level = int(t.tag[1:])
        elif t.type == "list_item_open":
            kind_stack.append("list_item")
        elif t.type == "list_item_close":
            kind_stack.pop()
        elif t.type == "table_open":
            new_table = True
        elif t.type == "tr_open":
            cells, row_line = [], (t.map[0] + 1 if t.map else None)
        elif t.type == "tr_close":
            b.row(cells, line_start=row_line, new_table=new_table)
            new_table = False
        elif t.type == "table_close":
            b.end_table()
        elif t.type == "inline":
            lines = _inline_lines(t)
            if i > 0 and tokens[i - 1].type in ("th_open", "td_open"):
                cells.append(" ".join(lines))
                continue
            first = t.map[0] + 1 if t.map else None
            if heading_level:
                b.add("heading", lines, line_start=first, level=heading_level)
                heading_level = 0
            else:
                b.add("list_item" if kind_stack else "paragraph", lines, line_start=first)
        elif t.type in ("fence", "code_block"):
            first = t.map[0] + 1 + (1 if t.type == "fence" else 0) if t.map else None
            b.add("code", t.content.rstrip("\n").split("\n"), line_start=first)
        elif t.type == "html_block":
            stripped = [_TAGS.sub(" ", line) for line in t.content.rstrip("\n").split("\n")]
            b.add("paragraph", stripped, line_start=t.map[0] + 1 if t.map else None)
    return b.build(encoding=encoding)


def _inline_lines(t: Token) -> list[str]:
    """The inline's plain text, one string per source line (soft and hard breaks)."""
    lines = [""]
    for c in t.children or []:
        if c.type in ("softbreak", "hardbreak"):
            lines.append("")
        elif c.type in ("text", "code_inline"):
            lines[-1] += c.content
        elif c.type == "image":
            lines[-1] += c.content  # the alt text
        elif c.type == "html_inline":
            lines[-1] += " "
    return lines
