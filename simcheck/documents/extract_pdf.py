"""PDF text layer (pdfplumber on pdfminer.six), page by page: lines rebuilt from the
characters, running headers, footers and page numbers removed, lines grouped into
paragraphs by spacing and font, headings recognised by size or weight, ruled tables read
cell by cell. Pages are read one at a time and released, so memory stays bounded.

A PDF whose pages carry no text at all (a scan) is reported as such: nothing is
recognised optically, and nothing is compared silently empty."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from typing import IO, Any

import pdfplumber
from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
from pdfminer.pdfparser import PDFSyntaxError
from pdfplumber.utils.exceptions import PdfminerException

from .builder import DocumentBuilder
from .model import Document, ExtractionError
from .normalise import running_lines

LINE_TOLERANCE = 3.0  # points: characters whose tops differ less share a line
CAPTION = re.compile(r"^(?:table|fig\.?|figure|abb\.?|abbildung|tabelle)\s*\d+", re.IGNORECASE)
MAX_HEADING_WORDS = 14


@dataclass
class _Line:
    text: str
    top: float
    bottom: float
    size: float  # dominant character size
    bold: bool

    @property
    def height(self) -> float:
        return max(self.bottom - self.top, 1.0)


@dataclass
class _Table:
    top: float
    rows: list[tuple[list[str], float, float]]  # cells, row top, row bottom


@dataclass
class _Page:
    lines: list[_Line] = field(default_factory=list)
    tables: list[_Table] = field(default_factory=list)
    in_table: set[int] = field(default_factory=set)  # line indices inside a table
    images: int = 0


def _bold(fontname: str) -> bool:
    name = fontname.split("+")[-1].lower()
    return any(w in name for w in ("bold", "black", "heavy", "semibold", "demi"))


def _line_text(chars: list[dict[str, Any]]) -> str:
    """A line's text from its characters in x order: a space glyph overlapping the next
    letter (a soft hyphen printed as nothing) is dropped; a gap of a fifth of
    the font size is a space (pdfplumber leaves space characters out of lines)."""
    out: list[str] = []
    for i, c in enumerate(chars):
        t = c["text"]
        nxt = chars[i + 1] if i + 1 < len(chars) else None
        if t.isspace():
            if nxt is not None and nxt["x0"] < c["x1"] - 0.5 * (c["x1"] - c["x0"]):
                continue
            if out and not out[-1].isspace():
                out.append(" ")
            continue
        if out and i > 0 and not out[-1].isspace():
            gap = c["x0"] - chars[i - 1]["x1"]
            if gap >= 0.2 * max(c.get("size", 10.0), 1.0):
                out.append(" ")
        out.append(t)
    return "".join(out).strip()


def _cell_text(chars: list[dict[str, Any]], box: tuple[float, float, float, float]) -> str:
    """The text of the characters whose centre lies in ``box``, line by line."""
    x0, top, x1, bottom = box
    inside = [
        c for c in chars
        if x0 <= (c["x0"] + c["x1"]) / 2 <= x1 and top <= (c["top"] + c["bottom"]) / 2 <= bottom
    ]
    lines: list[list[dict[str, Any]]] = []
    for c in sorted(inside, key=lambda c: (c["top"], c["x0"])):
        if lines and abs(lines[-1][0]["top"] - c["top"]) <= LINE_TOLERANCE:
            lines[-1].append(c)
        else:
            lines.append([c])
    return "\n".join(_line_text(sorted(line, key=lambda c: c["x0"])) for line in lines)


def _dedupe(chars: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Drop a glyph printed again at (nearly) the same place: how some producers fake bold.
    (pdfplumber's own dedupe_chars does the same, several times slower.)"""
    seen: set[tuple[str, int, int]] = set()
    out = []
    for c in chars:
        key = (c["text"], round(c["x0"]), round(c["top"]))
        if key not in seen:
            seen.add(key)
            out.append(c)
    return out


def _lines(chars: list[dict[str, Any]]) -> list[list[dict[str, Any]]]:
    """Characters grouped into lines (tops within LINE_TOLERANCE), each in x order."""
    lines: list[list[dict[str, Any]]] = []
    top = None
    for c in sorted(chars, key=lambda c: (c["top"], c["x0"])):
        if top is None or c["top"] - top > LINE_TOLERANCE:
            lines.append([])
            top = c["top"]
        lines[-1].append(c)
    return [sorted(line, key=lambda c: c["x0"]) for line in lines]


def _read_page(page: Any) -> _Page:
    p = _Page(images=len(page.images))
    chars = _dedupe([c for c in page.chars if c.get("upright", True) and not c["text"].isspace()])
    try:
        tables = page.find_tables()
    except Exception:  # noqa: BLE001 - a table finder failure must not lose the page's text
        tables = []
    boxes = []
    for t in tables:
        rows = []
        for row in t.rows:
            cells = ["" if cell is None else _cell_text(chars, cell) for cell in row.cells]
            if any(c.strip() for c in cells):
                rows.append((cells, float(row.bbox[1]), float(row.bbox[3])))
        if rows and max(len(r[0]) for r in rows) >= 2:
            p.tables.append(_Table(float(t.bbox[1]), rows))
            boxes.append(t.bbox)
    for line in _lines(chars):
        text = _line_text(line)
        if not text:
            continue
        sizes = Counter(
            round(float(c.get("size", 0.0)), 1) for c in line if not c["text"].isspace()
        )
        size = sizes.most_common(1)[0][0] if sizes else 0.0
        letters = [c for c in line if c["text"].isalnum()]
        heavy = sum(_bold(c.get("fontname", "")) for c in letters)
        bold = bool(letters) and heavy > len(letters) / 2
        index = len(p.lines)
        top = min(float(c["top"]) for c in line)
        bottom = max(float(c["bottom"]) for c in line)
        p.lines.append(_Line(text, top, bottom, size, bold))
        mid, x0 = (top + bottom) / 2, line[0]["x0"]
        if any(b[1] <= mid <= b[3] and b[0] - 1 <= x0 <= b[2] + 1 for b in boxes):
            p.in_table.add(index)
    return p


def _open(stream: IO[bytes]) -> Any:
    try:
        return pdfplumber.open(stream)
    except PdfminerException as exc:
        raise _reason(exc.args[0] if exc.args else exc) from None
    except (PDFPasswordIncorrect, PDFEncryptionError, PDFSyntaxError) as exc:
        raise _reason(exc) from None


def _reason(exc: object) -> ExtractionError:
    if isinstance(exc, PDFPasswordIncorrect):
        return ExtractionError("encrypted PDF (password required)")
    if isinstance(exc, PDFEncryptionError):
        return ExtractionError("encrypted PDF (unsupported encryption)")
    if isinstance(exc, PDFSyntaxError):
        return ExtractionError("corrupt PDF (no readable document structure)")
    return ExtractionError(f"corrupt PDF ({type(exc).__name__})")


def extract_pdf(stream: IO[bytes]) -> Document:
    pdf = _open(stream)
    pages: list[_Page] = []
    try:
        for page in pdf.pages:
            try:
                pages.append(_read_page(page))
            finally:
                page.close()  # releases the page's parsed objects: one page in memory
    except ExtractionError:
        raise
    except Exception as exc:  # noqa: BLE001 - any parser failure is this document's failure
        if isinstance(exc, PdfminerException) and exc.args:
            raise _reason(exc.args[0]) from None
        raise _reason(exc) from None
    finally:
        pdf.close()
    return _assemble(pages)


def _assemble(pages: list[_Page]) -> Document:
    b = DocumentBuilder("pdf", "page", dehyphenate=True)
    if not pages:
        raise ExtractionError("PDF has no pages")
    blank = [i + 1 for i, p in enumerate(pages) if not p.lines and not p.tables]
    if len(blank) == len(pages):
        imaged = sum(1 for p in pages if p.images)
        raise ExtractionError(
            f"no text layer on any of its {len(pages)} pages"
            + (" (scanned images)" if imaged else "")
            + "; OCR is not performed, nothing was compared",
            status="skipped",
        )
    if blank:
        scanned = [n for n in blank if pages[n - 1].images]
        if scanned:
            b.note(f"no text layer on page(s) {_ranges(scanned)} (scanned images?): not compared")
    removed = running_lines([[ln.text for ln in p.lines] for p in pages], b.log)
    sizes: Counter[float] = Counter()
    for p in pages:
        for ln in p.lines:
            sizes[ln.size] += len(ln.text)
    body = sizes.most_common(1)[0][0] if sizes else 0.0
    heading_sizes = sorted({ln.size for p in pages for ln in p.lines if ln.size > body * 1.1},
                           reverse=True)
    for number, (p, drop) in enumerate(zip(pages, removed, strict=True), start=1):
        _page_blocks(b, p, drop, number, body, heading_sizes)
    return b.build(pages=len(pages))


def _page_blocks(
    b: DocumentBuilder, p: _Page, drop: set[int], page: int, body: float, heading_sizes: list[float]
) -> None:
    tables = sorted(p.tables, key=lambda t: t.top)
    run: list[int] = []

    def flush() -> None:
        if not run:
            return
        lines = [p.lines[i] for i in run]
        texts = [ln.text for ln in lines]
        first = lines[0]
        words = sum(len(t.split()) for t in texts)
        if first.size > body * 1.1 and words <= MAX_HEADING_WORDS:
            b.add("heading", texts, page, run[0] + 1, level=heading_sizes.index(first.size) + 1)
        elif (first.bold and len(lines) == 1 and words <= MAX_HEADING_WORDS
              and not texts[0].endswith(".")):
            b.add("heading", texts, page, run[0] + 1, level=len(heading_sizes) + 1)
        elif CAPTION.match(texts[0]) and words <= 30:
            b.add("caption", texts, page, run[0] + 1)
        else:
            b.add("paragraph", texts, page, run[0] + 1)
        run.clear()

    for i, ln in enumerate(p.lines):
        while tables and tables[0].top <= ln.top:
            flush()
            _emit_table(b, tables.pop(0), p, page)
        if i in drop or i in p.in_table:
            continue
        if run:
            prev = p.lines[run[-1]]
            gap = ln.top - prev.bottom
            larger = (ln.size > body * 1.1) != (prev.size > body * 1.1)
            heading_like = larger or ln.bold != prev.bold
            if gap > 0.7 * max(prev.size, 1.0) or abs(ln.size - prev.size) > 0.5 or heading_like:
                flush()
        run.append(i)
    flush()
    for t in tables:
        _emit_table(b, t, p, page)


def _emit_table(b: DocumentBuilder, t: _Table, p: _Page, page: int) -> None:
    first = True
    for cells, top, bottom in t.rows:
        line = next((i + 1 for i, ln in enumerate(p.lines) if top - 1 <= ln.top <= bottom), None)
        b.row(cells, page, line, new_table=first)
        first = False
    b.end_table()


def _ranges(numbers: list[int]) -> str:
    out: list[str] = []
    start = prev = numbers[0]
    for n in numbers[1:] + [None]:  # type: ignore[list-item]
        if n is not None and n == prev + 1:
            prev = n
            continue
        out.append(str(start) if start == prev else f"{start}-{prev}")
        if n is not None:
            start = prev = n
    return ", ".join(out)
