"""The HTML report: one self-contained file (inline CSS and JS, no URL of any kind) that a
legal team can open offline, read with JavaScript off, navigate and print.

It renders the result and nothing else: the evidence text comes from the result's match
excerpts, never from the inputs."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, fields, is_dataclass
from pathlib import Path

from jinja2 import Environment, PackageLoader, select_autoescape
from markupsafe import Markup, escape

from fingerprints.words import WORD, fold

from ..documents.align import TEXT_KIND_MEANING
from ..match.classify import KIND_MEANING
from ..result import (
    TEXT_CONTEXT_CHARS,
    DocumentLocation,
    FilePair,
    FilterEvidence,
    Match,
    MatchSide,
    Place,
    Result,
)

# C0 controls (and DEL) are shown as their Unicode "control picture" so that nothing in the
# evidence is invisible; a tab stays a tab, and a CR ending a CRLF line is layout, dropped.
_VISIBLE = {c: chr(0x2400 + c) for c in range(32) if c != 9} | {127: "\u2421"}
# Only these three are special in element text; escaping quotes too would add ~4 bytes to
# every quote of every code line (megabytes in a large report) for no safety gain.
_TEXT = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;"} | _VISIBLE)


def code_text(line: str) -> str:
    """One line of evidence as HTML element text (never as attribute text)."""
    return line.removesuffix("\r").translate(_TEXT)


@dataclass(frozen=True)
class Exhibit:
    """A match as the report shows it. Its code tables' rows are built when the template
    reaches them, not all at once: a large report (numpy against numpy: 29,000 exhibits,
    300 MB) would otherwise hold every exhibit's rows in memory before writing a byte."""

    match: Match
    pair_anchor: str

    @property
    def left(self) -> Markup:  # the rows of the left side's code table
        m = self.match
        return _rows(m.left, [(s.left_start_line, s.left_end_line) for s in m.segments],
                     [(f.left_start_line, f.left_end_line, f.stage) for f in m.filter.spans])

    @property
    def right(self) -> Markup:
        m = self.match
        return _rows(m.right, [(s.right_start_line, s.right_end_line) for s in m.segments],
                     [(f.right_start_line, f.right_end_line, f.stage) for f in m.filter.spans])


def _cut(count: int) -> str:
    return f"<span class=cut>[{count:,} characters not shown]</span>"


def _line_html(line: str, first: bool, last: bool, side: MatchSide) -> str:
    """A code line as HTML text. On the match's first and last line the unmatched text
    before and after the match is set apart (``x``), and what the result left out of a
    long line is counted."""
    line = line.removesuffix("\r")
    before = side.text_cut_before if first else 0  # the text starts that far into the line
    after = side.text_cut_after if last else 0
    lo = side.start_column - 1 - before if first else 0
    hi = side.end_column - before if last and side.end_column is not None else len(line)
    if lo == 0 and hi >= len(line) and not before and not after:
        return code_text(line)
    head, body, tail = line[:lo], line[lo:hi], line[hi:]
    parts = [_cut(before)] if before else []
    if head:
        parts.append(f"<span class=x>{code_text(head)}</span>")
    parts.append(code_text(body))
    if tail:
        parts.append(f"<span class=x>{code_text(tail)}</span>")
    if after:
        parts.append(_cut(after))
    return "".join(parts)


def _explained(n: int, spans: Sequence[tuple[int, int, str]]) -> str | None:
    """The filter stage explaining line ``n``: only when no counted token shares it."""
    stages = {stage for lo, hi, stage in spans if lo <= n <= hi}
    if not stages or "none" in stages:
        return None
    return min(stages)


def _rows(
    side: MatchSide,
    segments: list[tuple[int, int]],
    explained: Sequence[tuple[int, int, str]] = (),
) -> Markup:
    """Compact rows, one per line: ``<tr><td>12<td>code</tr>``. The cells' end tags are
    implied by ``</tr>`` (valid HTML), which keeps a 1,000-exhibit report light. Most lines
    lie inside one of the match's exact segments: the others are the ones marked (``o``).
    Lines a filter stage explains are marked ``e`` (their stage in the title)."""
    rows = []
    lines = side.text.split("\n")
    for i, line in enumerate(lines):
        n = side.start_line + i
        hit = any(lo <= n <= hi for lo, hi in segments)
        stage = _explained(n, explained) if explained else None
        mark = f' class=e title="{stage}"' if stage else ("" if hit else " class=o")
        text = _line_html(line, i == 0, i == len(lines) - 1, side)
        rows.append(f"<tr{mark}><td>{n}<td>{text}</tr>")
    return Markup("\n".join(rows))


def _exhibits(result: Result) -> tuple[list[tuple[str, FilePair]], list[Exhibit]]:
    anchors = [(f"pair-{i + 1}", p) for i, p in enumerate(result.file_pairs)]
    pair_of = {mid: anchor for anchor, p in anchors for mid in p.matches}
    exhibits = [Exhibit(match=m, pair_anchor=pair_of[m.id]) for m in result.matches]
    return anchors, exhibits


def css_string(text: str) -> str:
    """``text`` as the inside of a CSS double-quoted string: everything but plain letters,
    digits and spaces is a hex escape, so nothing can close the string or the stylesheet."""
    return "".join(
        c if c.isascii() and (c.isalnum() or c == " ") else f"\\{ord(c):x} " for c in text
    )


def location(d: DocumentLocation, side: MatchSide) -> str:
    """A document match side located in words: page, section, paragraphs, lines."""
    parts = []
    if d.page_start is not None:
        pages = f"{d.page_start}" if d.page_start == d.page_end else f"{d.page_start}–{d.page_end}"
        parts.append(("page " if d.page_start == d.page_end else "pages ") + pages)
    if d.section:
        parts.append(f"section “{d.section}”")
    paras = (f"{d.paragraph_start}" if d.paragraph_start == d.paragraph_end
             else f"{d.paragraph_start}–{d.paragraph_end}")
    parts.append(f"¶ {paras}")
    if d.line_basis == "file":
        parts.append(f"lines {side.start_line}–{side.end_line}")
    elif d.line_basis == "page" and d.line_start is not None:
        parts.append(f"lines {d.line_start}–{d.line_end} of the page")
    return ", ".join(parts)


def cited_location(e: FilterEvidence) -> str:
    """A cited reference document located in words, as a match side is (``location``)."""
    assert e.document is not None
    side = MatchSide(e.path, e.start_line or 1, e.end_line or 1, 0, 0, 0, "")
    return location(e.document, side)


def place(p: Place) -> str:
    page = f"p. {p.page}, " if p.page is not None else ""
    return f"{p.path}: {page}¶ {p.paragraph}"


def places(items: list[Place]) -> str:
    """Places grouped by document: "a.pdf: p. 3 ¶ 12, p. 4 ¶ 20; b.docx: ¶ 7"."""
    by_path: dict[str, list[str]] = {}
    for p in items:
        where = f"p. {p.page} ¶ {p.paragraph}" if p.page is not None else f"¶ {p.paragraph}"
        by_path.setdefault(p.path, []).append(where)
    return "; ".join(f"{path}: {', '.join(spots)}" for path, spots in by_path.items())


def marked(text: str, words: list[str]) -> Markup:
    """``text`` escaped, with the listed words (case-folded) in <mark>."""
    wanted = set(words)
    out: list[str] = []
    last = 0
    for m in WORD.finditer(text):
        if fold(m.group()) in wanted:
            out.append(str(escape(text[last : m.start()])))
            out.append(f"<mark>{escape(m.group())}</mark>")
            last = m.end()
    out.append(str(escape(text[last:])))
    return Markup("".join(out))


def setting(value: object) -> str:
    """A setting as the method appendix lists it, in words rather than Python's notation:
    a list's items joined, a group of settings as its name: value pairs, None as none."""
    if value is None:
        return "none"
    if is_dataclass(value) and not isinstance(value, type):
        return "; ".join(f"{f.name}: {setting(getattr(value, f.name))}" for f in fields(value))
    if isinstance(value, dict):
        return "; ".join(f"{name}: {setting(v)}" for name, v in value.items())
    if isinstance(value, (list, tuple)):
        return ", ".join(map(setting, value)) if value else "none"
    return str(value)


def render_html(result: Result, legend: str = "", caption: str = "") -> str:
    return "".join(_render(result, legend, caption))


def _render(result: Result, legend: str, caption: str) -> Iterator[str]:
    """The report in pieces, as the template produces them (``write_html`` writes each
    piece as it comes, so a large report is never whole in memory)."""
    env = Environment(
        loader=PackageLoader("simcheck", "render/templates"),
        autoescape=select_autoescape(default=True, default_for_string=True),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["css_string"] = css_string
    env.filters["n"] = "{:,}".format  # 10,399 rather than 10399
    env.filters["location"] = location
    env.filters["cited_location"] = cited_location
    env.filters["place"] = place
    env.filters["places"] = places
    env.filters["marked"] = marked
    env.filters["setting"] = setting
    pairs, exhibits = _exhibits(result)
    by_match = {e.match.id: e for e in exhibits}
    return env.get_template("report.html.j2").generate(
        result=result,
        pairs=pairs,
        exhibits=by_match,
        kinds={**KIND_MEANING, **TEXT_KIND_MEANING},
        context_chars=TEXT_CONTEXT_CHARS,
        # "filter.<stage>" definitions of the result: the meaning of each filter stage.
        stage_meanings={
            k.removeprefix("filter."): v
            for k, v in result.definitions.items() if k.startswith("filter.")
        },
        # The same for document exhibits, which only the base and corpus stages explain.
        document_stage_meanings={
            k.removeprefix("documents.filter."): v
            for k, v in result.definitions.items() if k.startswith("documents.filter.")
        },
        legend=legend,
        caption=caption,
        not_compared=[f for f in result.files if f.status != "compared"],
        with_notes=[f for f in result.files if f.status == "compared" and f.reason],
        has_documents=result.has_documents,
        # Documents only: the code figures and channels would be tables of zeros.
        has_code=result.has_code,
        documents_only=result.has_documents and not result.has_code,
    )


def write_html(result: Result, path: Path, legend: str = "", caption: str = "") -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8") as out:
        out.writelines(_render(result, legend, caption))
    return path
