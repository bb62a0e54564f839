"""One entry point for every format: bytes or text in, a ``Document`` out."""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import replace
from typing import IO

from .extract_text import extract_text
from .model import Document

# Text formats and the module and function reading each: imported on first use (markdown
# and reStructuredText parsers take a noticeable part of every start of simcheck).
TEXT_EXTRACTORS: dict[str, tuple[str, str]] = {
    "html": ("extract_html", "extract_html"),
    "markdown": ("extract_markdown", "extract_markdown"),
    "rst": ("extract_rst", "extract_rst"),
    "man": ("extract_man", "extract_man"),
}


def _text_extractor(fmt: str) -> Callable[[str, str | None], Document]:
    if fmt not in TEXT_EXTRACTORS:
        return extract_text
    module, name = TEXT_EXTRACTORS[fmt]
    extractor: Callable[[str, str | None], Document] = getattr(
        importlib.import_module(f"{__package__}.{module}"), name
    )
    return extractor


def extract_binary(fmt: str, stream: IO[bytes], max_part_bytes: int) -> Document:
    """A PDF or DOCX read from a seekable stream (raises ``ExtractionError``)."""
    # Imported here: their libraries (pdfminer, lxml) take a noticeable part of every
    # start of simcheck, and most runs read no PDF or DOCX.
    if fmt == "pdf":
        from .extract_pdf import extract_pdf

        return extract_pdf(stream)
    from .extract_docx import extract_docx

    return extract_docx(stream, max_part_bytes)


def extract_from_text(fmt: str, text: str, encoding: str | None) -> Document:
    """A text-format document. A markup parser that fails on a file leaves it compared
    as plain text, and the document says so."""
    extractor = _text_extractor(fmt)
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
