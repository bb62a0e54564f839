"""The terminal summary's document part: coverage in words, the aliases applied, shared
anomalies, section order and what normalisation removed."""

from __future__ import annotations

from rich.console import Console
from rich.markup import escape
from rich.table import Table

from ..result import DocumentCoverage, MatchSide, Result
from .citation import cited_place

TOP_CITED = 5  # explained document exhibits whose first citation the summary shows


def _pct(x: float) -> str:
    return f"{100 * x:.1f}%"


def where(side: MatchSide) -> str:
    """A match side located for a reader: path, page, paragraphs (and lines)."""
    d = side.document
    if d is None:
        return f"{side.path}:{side.start_line}-{side.end_line}"
    parts = [side.path]
    if d.page_start is not None:
        pages = d.page_start if d.page_start == d.page_end else f"{d.page_start}-{d.page_end}"
        parts.append(f"p.{pages}")
    paras = d.paragraph_start if d.paragraph_start == d.paragraph_end else (
        f"{d.paragraph_start}-{d.paragraph_end}")
    parts.append(f"¶{paras}")
    if d.line_basis == "file":
        parts.append(f"lines {side.start_line}-{side.end_line}")
    return " ".join(parts)


def document_coverage(c: DocumentCoverage) -> str:
    return (f"{_pct(c.fraction)} of words ({c.words_matched:,}/{c.words_total:,}), "
            f"{c.paragraphs_matched:,}/{c.paragraphs_total:,} paragraphs")


def _amount(words: int, paragraphs: int, sign: str = "") -> str:
    return f"{sign}{words:,} / {sign}{paragraphs:,}" if words or paragraphs else "0 / 0"


def _ledger(result: Result, console: Console) -> None:
    """The documents' filtration ledger, when there is something to account for."""
    docs = result.documents
    if docs is None or not docs.ledger or not (
            result.references and any(m.text is not None for m in result.matches)):
        return
    table = Table(title="Document filtration ledger (matched words / paragraphs)",
                  title_justify="left")
    for column in ("stage", "exhibits", "left", "right"):
        table.add_column(column)
    first, last = docs.ledger[0], docs.ledger[-1]
    table.add_row("matched (unfiltered)", str(sum(m.text is not None for m in result.matches)),
                  _amount(first.left.tokens_before, first.left.lines_before),
                  _amount(first.right.tokens_before, first.right.lines_before))
    for row in docs.ledger:
        table.add_row(
            row.stage, str(row.matches),
            _amount(row.left.tokens_before - row.left.tokens_after,
                    row.left.lines_before - row.left.lines_after, "-"),
            _amount(row.right.tokens_before - row.right.tokens_after,
                    row.right.lines_before - row.right.lines_after, "-"),
        )
    table.add_row("counted after filtration", "",
                  _amount(last.left.tokens_after, last.left.lines_after),
                  _amount(last.right.tokens_after, last.right.lines_after))
    console.print(table)
    explained = [m for m in result.matches if m.text is not None and m.filter.evidence]
    for m in explained[:TOP_CITED]:
        e = m.filter.evidence[0]
        more = len(m.filter.evidence) - 1
        console.print(f"{m.id} {m.filter.classification}: {escape(cited_place(e))}"
                      + (f" (+{more} more)" if more else ""))
    if len(explained) > TOP_CITED:
        console.print(f"... {len(explained) - TOP_CITED} more explained document exhibit(s)"
                      " (see the JSON, CSV or HTML report for every citation).")


def render_documents(
    result: Result, console: Console, top: int = 10, coverage_shown: bool = False
) -> None:
    """The document part; ``coverage_shown``: the works table already gave the documents'
    coverage (a comparison of documents only)."""
    docs = result.documents
    if docs is None or docs.left.documents + docs.right.documents == 0:
        return
    if not coverage_shown:
        table = Table(title="Documents (compared as prose)", title_justify="left")
        for column in ("side", "documents", "found in the other side's documents",
                       "after filtration"):
            table.add_column(column)
        table.add_row("LEFT", str(docs.left.documents), document_coverage(docs.left),
                      document_coverage(docs.left_filtered))
        table.add_row("RIGHT", str(docs.right.documents), document_coverage(docs.right),
                      document_coverage(docs.right_filtered))
        console.print(table)
    _ledger(result, console)
    for a in docs.aliases:
        console.print(
            f"Alias applied before matching: {escape(a.left_term)!r} (left) = "
            f"{escape(a.right_term)!r} (right): {a.left_occurrences} left and "
            f"{a.right_occurrences} right occurrences; {len(a.matches)} exhibit(s) depend on it."
        )
    if docs.anomalies:
        anomalies = Table(title=f"Shared anomalies (of {len(docs.anomalies)})",
                          title_justify="left")
        for column in ("word", "kind", "left", "right", "exhibits"):
            anomalies.add_column(column, overflow="fold")
        for a in docs.anomalies[:top]:
            kind = a.kind + (f" of {a.suggestion!r}" if a.suggestion else "")
            anomalies.add_row(escape(a.word), kind, f"{a.left_count}x", f"{a.right_count}x",
                              " ".join(a.matches[:5]))
        console.print(anomalies)
    for order in docs.section_order[:top]:
        console.print(
            f"Section order {escape(order.left)} -> {escape(order.right)}: "
            f"{len(order.sections)} of {order.left_sections} sections found, "
            f"{order.kept_in_order} in the original order, {order.moved} moved."
        )
    for info in docs.documents:
        removed = ", ".join(f"{s.rule} {s.count}" for s in info.normalisation)
        if removed:
            console.print(f"Normalised {info.side} {escape(info.path)}: {escape(removed)}.")
