"""A filter citation located in words, the same in the terminal, the CSV and the HTML
report: a code reference by file and lines, a reference document also by page and
paragraphs."""

from __future__ import annotations

from ..result import FilterEvidence, Match


def _span(a: int | None, b: int | None) -> str:
    return f"{a}" if a == b else f"{a}-{b}"


def cited_place(e: FilterEvidence) -> str:
    """``corpus:path:lines`` for code; ``corpus:path p.N ¶N lines N-M`` for a document
    (lines only where the document has file lines; a PDF or DOCX is cited by paragraph)."""
    place = f"{e.where}:{e.path}" if e.path else e.where
    d = e.document
    if d is None:
        lines = f":{e.start_line}-{e.end_line}" if e.path and e.start_line is not None else ""
        return place + lines
    parts = [place]
    if d.page_start is not None:
        parts.append(f"p.{_span(d.page_start, d.page_end)}")
    parts.append(f"¶{_span(d.paragraph_start, d.paragraph_end)}")
    if d.line_basis == "file" and e.start_line is not None:
        parts.append(f"lines {_span(e.start_line, e.end_line)}")
    return " ".join(parts)


def filter_evidence(m: Match) -> str:
    """A match's filter citations in one CSV cell: ``stage place (note)``, '; '-separated."""
    return "; ".join(f"{e.stage} {cited_place(e)} ({e.note})" for e in m.filter.evidence)
