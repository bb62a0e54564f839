"""The terminal summary's document part: coverage in words, the aliases applied, shared
anomalies, section order and what normalisation removed."""

from __future__ import annotations

from rich.console import Console
from rich.markup import escape
from rich.table import Table

from ..result import DocumentCoverage, MatchSide, Result


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


def _coverage(c: DocumentCoverage) -> str:
    return (f"{_pct(c.fraction)} of words ({c.words_matched:,}/{c.words_total:,}), "
            f"{c.paragraphs_matched:,}/{c.paragraphs_total:,} paragraphs")


def render_documents(result: Result, console: Console, top: int = 10) -> None:
    docs = result.documents
    if docs is None or docs.left.documents + docs.right.documents == 0:
        return
    table = Table(title="Documents (compared as prose)", title_justify="left")
    for column in ("side", "documents", "found in the other side's documents"):
        table.add_column(column)
    table.add_row("LEFT", str(docs.left.documents), _coverage(docs.left))
    table.add_row("RIGHT", str(docs.right.documents), _coverage(docs.right))
    console.print(table)
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
