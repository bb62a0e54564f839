"""Document evidence as CSV: where each document match lies on both sides (page,
section, paragraphs, lines), and the shared anomalies, with the same match ids."""

from __future__ import annotations

from pathlib import Path

from ..result import MatchSide, Place, Result
from .citation import filter_evidence
from .spreadsheet import SpreadsheetWriter

MATCH_COLUMNS = (
    "id", "kind", "words", "literal_similarity", "aliases", "anomalies",
    *(f"{side}_{c}" for side in ("left", "right") for c in (
        "path", "page_start", "page_end", "section", "paragraph_start", "paragraph_end",
        "line_basis", "line_start", "line_end")),
    # the filter stage that explained most of the match, its words that still count, and
    # the reference documents cited (as in matches.csv)
    "filter", "words_filtered", "filter_evidence",
)
ANOMALY_COLUMNS = ("word", "kind", "suggestion", "left_count", "right_count", "left_places",
                   "right_places", "matches")


def _side(s: MatchSide) -> list[object]:
    d = s.document
    assert d is not None
    lines = (s.start_line, s.end_line) if d.line_basis == "file" else (d.line_start, d.line_end)
    return [s.path, d.page_start, d.page_end, d.section, d.paragraph_start, d.paragraph_end,
            d.line_basis, *lines]


def _places(places: list[Place]) -> str:
    return "; ".join(
        f"{p.path} p.{p.page} para {p.paragraph}" if p.page is not None
        else f"{p.path} para {p.paragraph}" for p in places
    )


def write_document_csv(result: Result, directory: Path) -> list[Path]:
    """``document_matches.csv`` and ``anomalies.csv`` when documents matched (a code
    comparison whose READMEs share nothing gets no empty document files)."""
    docs = result.documents
    if docs is None or not any(m.text is not None for m in result.matches):
        return []
    matches_path = directory / "document_matches.csv"
    anomalies_path = directory / "anomalies.csv"
    with matches_path.open("w", newline="", encoding="utf-8") as f:
        writer = SpreadsheetWriter(f)
        writer.writerow(MATCH_COLUMNS)
        for m in result.matches:
            if m.text is None or m.left.document is None or m.right.document is None:
                continue
            writer.writerow([m.id, m.kind, m.tokens, f"{m.literal_similarity:.4f}",
                             " ".join(m.text.aliases), " ".join(m.text.anomalies),
                             *_side(m.left), *_side(m.right), m.filter.classification,
                             m.filter.tokens_filtered, filter_evidence(m)])
    with anomalies_path.open("w", newline="", encoding="utf-8") as f:
        writer = SpreadsheetWriter(f)
        writer.writerow(ANOMALY_COLUMNS)
        for a in docs.anomalies:
            writer.writerow([a.word, a.kind, a.suggestion or "", a.left_count, a.right_count,
                             _places(a.left), _places(a.right), " ".join(a.matches)])
    return [matches_path, anomalies_path]
