"""The terminal summary: works, coverage both ways, top file pairs, top regions."""

from __future__ import annotations

from rich.console import Console
from rich.table import Table

from ..result import ChanceRate, Coverage, Result, WorkSummary
from .terminal_documents import document_coverage, render_documents, where

ODDITIES_SHOWN = 12  # of each kind; the HTML report and the CSV list them all


def _pct(x: float) -> str:
    return f"{100 * x:.1f}%"


def _coverage(c: Coverage) -> str:
    lines = c.lines_matched / c.lines_total if c.lines_total else 0.0
    return (
        f"{_pct(c.fraction)} of tokens ({c.tokens_matched:,}/{c.tokens_total:,}), "
        f"{_pct(lines)} of code lines ({c.lines_matched:,}/{c.lines_total:,})"
    )


def _work_row(name: str, w: WorkSummary, coverage: tuple[str, str]) -> list[str]:
    files = f"{w.files_compared} compared, {w.files_skipped} skipped, {w.files_failed} failed"
    return [name, w.label, files, *coverage]


def _amount(tokens: int, lines: int, sign: str = "") -> str:
    if not (tokens or lines):
        return "0 / 0"
    return f"{sign}{tokens:,} / {sign}{lines:,}"


def _references(result: Result) -> str:
    refs = ", ".join(f"{r.role} {r.label} ({r.files_compared} files)" for r in result.references)
    return f"Filtered against {refs}." if refs else "No base or reference corpus given."


def _ledger(result: Result, console: Console) -> None:
    """The filtration ledger: matched amounts, what each stage took out, what is left."""
    if not result.ledger:
        return
    table = Table(
        title="Filtration ledger (matched tokens / code lines; matches are classified, never"
        " deleted)",
        title_justify="left",
        caption=_references(result),
        caption_justify="left",
    )
    for column in ("stage", "regions", "left", "right"):
        table.add_column(column)
    first, last = result.ledger[0], result.ledger[-1]
    code_matches = sum(1 for m in result.matches if m.text is None)  # documents: their own
    table.add_row(
        "matched (unfiltered)", str(code_matches),
        _amount(first.left.tokens_before, first.left.lines_before),
        _amount(first.right.tokens_before, first.right.lines_before),
    )
    for row in result.ledger:
        table.add_row(
            row.stage,
            str(row.matches),
            _amount(row.left.tokens_before - row.left.tokens_after,
                    row.left.lines_before - row.left.lines_after, "-"),
            _amount(row.right.tokens_before - row.right.tokens_after,
                    row.right.lines_before - row.right.lines_after, "-"),
        )
    table.add_row(
        "counted after filtration", "",
        _amount(last.left.tokens_after, last.left.lines_after),
        _amount(last.right.tokens_after, last.right.lines_after),
    )
    console.print(table)


def _channels(result: Result, console: Console) -> None:
    if not result.channels:
        return
    table = Table(title="Evidence channels (whole works, rarity-weighted)", title_justify="left")
    table.add_column("channel", no_wrap=True, min_width=16)
    for column in ("shared", "left %", "right %", "near"):
        table.add_column(column, no_wrap=True, min_width=len(column))
    # The example gives way first on a narrow terminal; the figures never do.
    table.add_column("e.g.", overflow="ellipsis", no_wrap=True, max_width=20)
    for c in result.channels:
        table.add_row(c.name.replace("_", " "), str(c.shared), _pct(c.left_share),
                      _pct(c.right_share), str(c.similar), c.items[0].text if c.items else "")
    console.print(table)
    if result.code_anomalies:
        kinds = sorted({a.kind for a in result.code_anomalies})
        console.print("Shared oddities: " + "; ".join(
            f"{kind}: " + _first_texts([a.text for a in result.code_anomalies if a.kind == kind])
            for kind in kinds
        ), markup=False, highlight=False)


def _first_texts(texts: list[str]) -> str:
    """The first ODDITIES_SHOWN distinct texts, and how many more the HTML report lists.
    A line commented out on each side and live on the other is two entries of one text:
    named once here."""
    distinct = list(dict.fromkeys(t[:40] for t in texts))
    more = len(distinct) - ODDITIES_SHOWN
    shown = ", ".join(distinct[:ODDITIES_SHOWN])
    return shown + (f" and {more:,} more (in the HTML report and code_anomalies.csv)"
                    if more > 0 else "")


def chance_text(c: ChanceRate) -> str:
    """A chance rate in words: "0 of 10 (< 1/10; 95% bound 25.9%)"."""
    if c.reached == 0:
        return f"0 of {c.comparisons} (< 1/{c.comparisons}; 95% bound {_pct(c.upper_95)})"
    return f"{c.reached} of {c.comparisons} ({_pct(c.rate)}; 95% bound {_pct(c.upper_95)})"


def _chance(result: Result, console: Console) -> None:
    c = result.chance
    if c is None:
        return
    largest = c.largest_match_tokens[-1].value if c.largest_match_tokens else 0
    top_cov = c.coverage[-1].value if c.coverage else 0.0
    console.print(
        f"Chance baseline ({c.reference}: {c.works_used} independent works, "
        f"{c.comparisons} comparisons): largest independent match {largest:.0f} tokens, "
        f"highest independent coverage {_pct(top_cov)}. Independent code reached LEFT's "
        f"coverage in {chance_text(c.left)}, RIGHT's in {chance_text(c.right)}."
    )


def render(result: Result, console: Console, top: int = 10) -> None:
    for warning in result.warnings:  # before any figure: they read 0 by construction
        console.print(f"Warning: {warning}.", style="bold yellow", highlight=False,
                      markup=False)
    # Documents only: the works' coverage is the documents' (in words), not code zeros.
    documents_only = result.has_documents and not result.has_code
    works = Table(title="Works", title_justify="left")
    found = "found in the other side's documents" if documents_only else "found in the other side"
    for column in ("side", "input", "files", found, "after filtration"):
        works.add_column(column)
    docs = result.documents
    for i, (name, w) in enumerate((("LEFT", result.left), ("RIGHT", result.right))):
        if documents_only and docs is not None:
            found, kept = ((docs.left, docs.left_filtered), (docs.right, docs.right_filtered))[i]
            coverage = (document_coverage(found), document_coverage(kept))
        else:
            coverage = (_coverage(w.coverage), _coverage(w.coverage_filtered))
        works.add_row(*_work_row(name, w, coverage))
    console.print(works)
    console.print(
        f"Overall similarity {_pct(result.similarity)}, {_pct(result.similarity_filtered)} "
        f"after filtration ({len(result.file_pairs)} file pairs, {len(result.matches)} matched"
        " regions)"
    )
    if result.has_code:
        _ledger(result, console)
        _channels(result, console)
    elif documents_only:  # a code ledger and code channels would be rows of zeros
        console.print(f"No code on either side: documents only. {_references(result)}",
                      highlight=False)
    _chance(result, console)

    if result.file_pairs:
        pairs = Table(title=f"Top file pairs (of {len(result.file_pairs)})", title_justify="left")
        for column in ("left", "right", "left cov.", "right cov.", "similarity", "regions"):
            pairs.add_column(column, overflow="fold")
        for p in result.file_pairs[:top]:
            pairs.add_row(
                p.left,
                p.right,
                _pct(p.left_coverage),
                _pct(p.right_coverage),
                _pct(p.similarity),
                str(len(p.matches)),
            )
        console.print(pairs)

    if result.matches:
        biggest = sorted(result.matches, key=lambda m: (-m.tokens, m.id))[:top]
        regions = Table(title=f"Largest regions (of {len(result.matches)})", title_justify="left")
        columns = ["id", "left", "right", "tokens", "kind", "literal sim.", "filter"]
        if result.chance is not None:
            columns.append("chance")
        for column in columns:
            regions.add_column(column, overflow="fold")
        for m in biggest:
            row = [
                m.id,
                where(m.left),
                where(m.right),
                str(m.tokens),
                m.kind,
                f"{m.literal_similarity:.2f}",
                m.filter.classification,
            ]
            if result.chance is not None:
                c = m.chance
                row.append(f"{c.reached}/{c.comparisons}, ≤{_pct(c.upper_95)}" if c else "")
            regions.add_row(*row)
        console.print(regions)
        if result.chance is not None:
            console.print(
                "chance: independent comparisons holding a match at least this large, of all"
                " made, and the 95% upper bound on that rate."
            )

    if result.identical_files:
        shown = ", ".join(f"{g.left[0]} = {g.right[0]}" for g in result.identical_files[:3])
        more = len(result.identical_files) - 3
        console.print(
            f"Byte-identical files too small to match (counted in no figure): "
            f"{len(result.identical_files)}: {shown}" + (f" and {more} more" if more > 0 else ""),
            highlight=False, markup=False,
        )

    render_documents(result, console, top, coverage_shown=documents_only)

    unusual = [f for f in result.files if f.status != "compared" or f.reason]
    if unusual:
        console.print(
            f"{sum(f.status == 'skipped' for f in result.files)} skipped, "
            f"{sum(f.status == 'failed' for f in result.files)} failed, "
            f"{sum(f.status == 'compared' and bool(f.reason) for f in result.files)} compared"
            " with a note (see the JSON 'files' list for every file and its reason)."
        )
