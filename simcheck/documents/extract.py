"""One entry point for every format: bytes or text in, a ``Document`` out."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import IO

from .extract_docx import extract_docx
from .extract_html import extract_html
from .extract_man import extract_man
from .extract_markdown import extract_markdown
from .extract_pdf import extract_pdf
from .extract_rst import extract_rst
from .extract_text import extract_text
from .model import Document

TEXT_EXTRACTORS: dict[str, Callable[[str, str | None], Document]] = {
    "html": extract_html,
    "markdown": extract_markdown,
    "rst": extract_rst,
    "man": extract_man,
    "text": extract_text,
}


def extract_binary(fmt: str, stream: IO[bytes], max_part_bytes: int) -> Document:
    """A PDF or DOCX read from a seekable stream (raises ``ExtractionError``)."""
    if fmt == "pdf":
        return extract_pdf(stream)
    return extract_docx(stream, max_part_bytes)


def extract_from_text(fmt: str, text: str, encoding: str | None) -> Document:
    """A text-format document. A markup parser that fails on a file leaves it compared
    as plain text, and the document says so."""
    extractor = TEXT_EXTRACTORS.get(fmt, extract_text)
    lines = tuple(text.split("\n"))
    try:
        return replace(extractor(text, encoding), source_lines=lines)
    except RecursionError:
        reason = "markup nested too deeply"
    except Exception as exc:  # noqa: BLE001 - any parser failure falls back to plain text
        reason = type(exc).__name__
    doc = extract_text(text, encoding)
    note = f"{fmt} markup could not be parsed ({reason}); read as plain text"
    return replace(doc, notes=doc.notes + (note,), source_lines=lines)
