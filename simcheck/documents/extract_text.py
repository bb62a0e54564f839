"""Plain text: paragraphs are runs of non-blank lines; form feeds separate pages (text
dumps of printed manuals), whose running headers, footers and page numbers are removed;
headings are recognised by an underline, a section number or capitals."""

from __future__ import annotations

import re

from .builder import DocumentBuilder
from .model import Document
from .normalise import running_lines

_UNDERLINE = re.compile(r"^\s*([=\-~^*#+])\1{2,}\s*$")
_NUMBERED = re.compile(
    r"^\s*(?:(?:chapter|section|part|appendix)\s+[0-9A-Z]+\b|([0-9]+(?:\.[0-9]+)*)[.)]?\s+\S)",
    re.IGNORECASE,
)
_SENTENCE_END = re.compile(r"[.,;:!?]\s*$")
MAX_HEADING_WORDS = 12


def extract_text(text: str, encoding: str | None = None) -> Document:
    b = DocumentBuilder("text", "file", dehyphenate=True)
    lines = text.split("\n")
    pages = _pages(lines)
    numbered = [(n, line) for n, line in enumerate(lines, start=1)]
    drop: set[int] = set()
    if len(pages) > 1:
        page_lines = [[numbered[i][1] for i in p if numbered[i][1].strip()] for p in pages]
        page_index = [[i for i in p if numbered[i][1].strip()] for p in pages]
        for p, removed in enumerate(running_lines(page_lines, b.log)):
            drop.update(page_index[p][i] for i in removed)
    page_of = {i: p + 1 for p, idx in enumerate(pages) for i in idx}
    run: list[int] = []

    def flush() -> None:
        if run:
            _block(b, [lines[i].replace("\f", "") for i in run], run[0] + 1,
                   page_of[run[0]] if len(pages) > 1 else None)
            run.clear()

    for i, line in enumerate(lines):
        if "\f" in line:  # a page ends a paragraph
            flush()
        if i in drop:
            continue
        if not line.replace("\f", "").strip() or "\f" in line:
            flush()
            if "\f" in line and line.replace("\f", "").strip():
                run.append(i)
            continue
        if _UNDERLINE.match(line) and len(run) == 1:
            b.add("heading", [lines[run[0]]], None if len(pages) < 2 else page_of[run[0]],
                  run[0] + 1, level=1 if line.strip()[0] in "=#*" else 2)
            run.clear()
            continue
        run.append(i)
    flush()
    return b.build(pages=len(pages) if len(pages) > 1 else None, encoding=encoding)


def _pages(lines: list[str]) -> list[list[int]]:
    """Line indices per page; a form feed starts a new page."""
    pages: list[list[int]] = [[]]
    for i, line in enumerate(lines):
        if "\f" in line and pages[-1]:
            pages.append([])
        pages[-1].append(i)
    return pages


def _block(b: DocumentBuilder, run: list[str], first_line: int, page: int | None) -> None:
    if len(run) == 1 and is_heading(run[0]):
        number = _NUMBERED.match(run[0])
        level = number.group(1).count(".") + 1 if number and number.group(1) else 1
        b.add("heading", run, page, first_line, level=level)
    else:
        b.add("paragraph", run, page, first_line)


def is_heading(line: str) -> bool:
    """A short line without closing punctuation that is numbered or in capitals."""
    s = line.strip()
    words = s.split()
    if not words or len(words) > MAX_HEADING_WORDS or _SENTENCE_END.search(s):
        return False
    letters = [c for c in s if c.isalpha()]
    capitals = bool(letters) and all(c.isupper() for c in letters) and len(letters) > 2
    return capitals or bool(_NUMBERED.match(s))
