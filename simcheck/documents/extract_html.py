"""HTML (lxml's HTML parser, which accepts real-world markup): headings, paragraphs, list
items, table rows, captions and preformatted blocks, with the file line each starts on.
Scripts, styles and other non-text elements are never taken for text."""

from __future__ import annotations

import re

import lxml.html
from lxml import etree

from .builder import DocumentBuilder
from .model import BlockKind, Document

_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>")
_SKIP = frozenset("script style noscript template head svg math iframe object button select "
                  "option textarea".split())
_HEADINGS = {f"h{i}": i for i in range(1, 7)}
_BLOCKS: dict[str, BlockKind] = {
    "p": "paragraph", "li": "list_item", "dt": "paragraph", "dd": "paragraph",
    "blockquote": "paragraph", "caption": "caption", "figcaption": "caption",
    "pre": "code", "address": "paragraph", "summary": "paragraph",
}
# Containers: text directly inside them (not in a child block) is a paragraph of its own.
_CONTAINERS = frozenset("div section article main aside header footer nav body html figure "
                        "details form fieldset ul ol dl table thead tbody tfoot center".split())


class _Walker:
    def __init__(self, b: DocumentBuilder) -> None:
        self.b = b
        self.parts: list[str] = []
        self.line: int | None = None
        self.new_table = False

    def flush(self, kind: BlockKind = "paragraph", level: int = 0) -> None:
        text = "".join(self.parts)
        self.parts = []
        if text.strip():
            lines = [ln for ln in text.split("\n")]
            while lines and not lines[0].strip():
                lines.pop(0)
                if self.line is not None:
                    self.line += 1
            self.b.add(kind, lines, line_start=self.line, level=level)
        self.line = None

    def inline(self, text: str | None, line: int | None) -> None:
        if text:
            if self.line is None and text.strip():
                self.line = line
            self.parts.append(text)

    def element(self, el: etree._Element) -> None:
        tag = el.tag if isinstance(el.tag, str) else ""
        tag = tag.lower()
        if not tag or tag in _SKIP:
            return  # comments and processing instructions have a non-string tag
        if tag == "br":
            self.parts.append("\n")
        elif tag in _HEADINGS or tag in _BLOCKS:
            self.flush()
            self.line = el.sourceline
            self.collect(el)
            if tag in _HEADINGS:
                self.flush("heading", _HEADINGS[tag])
            else:
                self.flush(_BLOCKS[tag])
        elif tag == "tr":
            self.flush()
            cells = [_cell_text(c) for c in el if isinstance(c.tag, str) and c.tag in ("td", "th")]
            self.b.row(cells, line_start=el.sourceline, new_table=self.new_table)
            self.new_table = False
        elif tag in _CONTAINERS:
            self.flush()
            if tag == "table":
                self.new_table = True
            self.children(el)
            self.flush()
            if tag == "table":
                self.b.end_table()
        else:
            self.inline(el.text, el.sourceline)
            self.children(el)
        return

    def children(self, el: etree._Element) -> None:
        if el.text and el.text.strip():
            self.inline(el.text, el.sourceline)
        for child in el:
            self.element(child)
            if child.tail and child.tail.strip() or (child.tail and self.parts):
                self.inline(child.tail, child.sourceline)

    def collect(self, el: etree._Element) -> None:
        """All text inside a block element, block children included (a list item's
        nested list, a paragraph's spans)."""
        self.parts.append(el.text or "")
        for child in el:
            tag = child.tag.lower() if isinstance(child.tag, str) else ""
            if tag == "br":
                self.parts.append("\n")
            elif tag and tag not in _SKIP:
                self.collect(child)
            self.parts.append(child.tail or "")


def _cell_text(cell: etree._Element) -> str:
    return " ".join(t for t in cell.itertext() if t.strip())


def extract_html(text: str, encoding: str | None = None) -> Document:
    b = DocumentBuilder("html", "file")
    if not text.strip():
        return b.build(encoding=encoding)
    # lxml refuses text that still declares a byte encoding; it was decoded already.
    root = lxml.html.document_fromstring(_XML_DECLARATION.sub("", text, count=1) or " ")
    walker = _Walker(b)
    walker.element(root)
    walker.flush()
    return b.build(encoding=encoding)
