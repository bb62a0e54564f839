"""The HTML report: one self-contained file (inline CSS and JS, no URL of any kind) that a
legal team can open offline, read with JavaScript off, navigate and print.

It renders the result and nothing else: the evidence text comes from the result's match
excerpts, never from the inputs."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from jinja2 import Environment, PackageLoader, select_autoescape

from ..match.classify import KIND_MEANING
from ..result import FilePair, Match, MatchSide, Result


@dataclass(frozen=True)
class CodeLine:
    number: int
    text: str
    matched: bool  # inside one of the match's exact segments
    explained: str | None = None  # the filter stage explaining this line, if one does


@dataclass(frozen=True)
class Exhibit:
    match: Match
    pair_anchor: str
    left: list[CodeLine]
    right: list[CodeLine]


def _explained(n: int, spans: Sequence[tuple[int, int, str]]) -> str | None:
    """The stage explaining line ``n``: only when no counted token shares the line."""
    stages = {stage for lo, hi, stage in spans if lo <= n <= hi}
    if not stages or "none" in stages:
        return None
    return min(stages)


def _lines(
    side: MatchSide,
    segments: list[tuple[int, int]],
    explained: Sequence[tuple[int, int, str]] = (),
) -> list[CodeLine]:
    text = side.text.split("\n")
    return [
        CodeLine(
            n, line, any(lo <= n <= hi for lo, hi in segments),
            _explained(n, explained),
        )
        for n, line in enumerate(text, start=side.start_line)
    ]


def _exhibits(result: Result) -> tuple[list[tuple[str, FilePair]], list[Exhibit]]:
    anchors = [(f"pair-{i + 1}", p) for i, p in enumerate(result.file_pairs)]
    pair_of = {mid: anchor for anchor, p in anchors for mid in p.matches}
    exhibits = [
        Exhibit(
            match=m,
            pair_anchor=pair_of[m.id],
            left=_lines(
                m.left, [(s.left_start_line, s.left_end_line) for s in m.segments],
                [(f.left_start_line, f.left_end_line, f.stage) for f in m.filter.spans],
            ),
            right=_lines(
                m.right, [(s.right_start_line, s.right_end_line) for s in m.segments],
                [(f.right_start_line, f.right_end_line, f.stage) for f in m.filter.spans],
            ),
        )
        for m in result.matches
    ]
    return anchors, exhibits


def css_string(text: str) -> str:
    """``text`` as the inside of a CSS double-quoted string: everything but plain letters,
    digits and spaces is a hex escape, so nothing can close the string or the stylesheet."""
    return "".join(
        c if c.isascii() and (c.isalnum() or c == " ") else f"\\{ord(c):x} " for c in text
    )


def render_html(result: Result, legend: str = "", caption: str = "") -> str:
    env = Environment(
        loader=PackageLoader("simcheck", "render/templates"),
        autoescape=select_autoescape(default=True, default_for_string=True),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["css_string"] = css_string
    pairs, exhibits = _exhibits(result)
    by_match = {e.match.id: e for e in exhibits}
    return env.get_template("report.html.j2").render(
        result=result,
        pairs=pairs,
        exhibits=by_match,
        kinds=KIND_MEANING,
        # "filter.<stage>" definitions of the result: the meaning of each filter stage.
        stage_meanings={
            k.removeprefix("filter."): v
            for k, v in result.definitions.items() if k.startswith("filter.")
        },
        legend=legend,
        caption=caption,
        not_compared=[f for f in result.files if f.status != "compared"],
        with_notes=[f for f in result.files if f.status == "compared" and f.reason],
    )


def write_html(result: Result, path: Path, legend: str = "", caption: str = "") -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(render_html(result, legend, caption), encoding="utf-8")
    return path
