"""The HTML report in a real browser: Debian's chromium driven by Playwright, offline."""

from __future__ import annotations

import json
import random
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from playwright.sync_api import Browser, sync_playwright
from pypdf import PdfReader

from simcheck.compare import compare_paths
from simcheck.render.html import write_html

SAMPLES = Path(__file__).resolve().parent.parent / "samples"
FIXTURES = Path(__file__).resolve().parent / "fixtures" / "copies"
# Root in CI: no sandbox; background networking off so chromium itself stays silent.
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]


@pytest.fixture(scope="module")
def browser():
    executable = shutil.which("chromium")
    assert executable, "Debian's chromium is required (.ci/run installs it)"
    with sync_playwright() as p:
        instance = p.chromium.launch(executable_path=executable, args=ARGS, headless=True)
        yield instance
        instance.close()


def _report(tmp_path: Path, left: Path, right: Path) -> Path:
    result = compare_paths(str(left), str(right))
    return write_html(result, tmp_path / "report.html", legend="CONFIDENTIAL", caption="A v. B")


def test_the_report_loads_with_no_network_request_and_links_land(browser: Browser, tmp_path):
    report = _report(tmp_path, SAMPLES / "original", SAMPLES / "knockoff")
    page = browser.new_page()
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    page.goto(report.as_uri())
    assert requests == [report.as_uri()]  # the page itself, nothing else
    page.click("#pair-table tbody tr:first-child a")
    assert page.evaluate("location.hash") == "#pair-1"
    first_exhibit = page.locator("#pair-1 p a").first
    target = first_exhibit.get_attribute("href")
    first_exhibit.click()
    assert page.evaluate("location.hash") == target
    assert page.locator(f"{target} .exhibit-id").is_visible()
    page.click(f"{target} a.back >> nth=0")
    assert page.evaluate("location.hash") == "#pair-1"
    page.click(f"{target} a.back >> nth=1")
    assert page.evaluate("location.hash") == "#overview"
    assert page.locator("#overview").is_visible()
    page.click("#pair-1 a.back")
    assert page.evaluate("location.hash") == "#pairs"
    assert requests == [report.as_uri()]  # navigating fetched nothing either


def test_the_report_reads_the_same_with_javascript_off(browser: Browser, tmp_path):
    result = compare_paths(str(SAMPLES / "original"), str(SAMPLES / "knockoff"))
    report = write_html(result, tmp_path / "report.html")
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(report.as_uri())
    rows = page.locator("#pair-table tbody tr")
    assert rows.count() == len(result.file_pairs)
    for match in result.matches:  # every exhibit is there and shows both sides' code
        page.goto(f"{report.as_uri()}#{match.id}")
        exhibit = page.locator(f"#{match.id}")
        assert exhibit.locator(".exhibit-id").is_visible()
        assert exhibit.locator("table.code tbody tr").count() == (
            match.left.end_line - match.left.start_line + 1
            + match.right.end_line - match.right.start_line + 1
        )
    context.close()


def _no_space_copy(tmp_path: Path) -> tuple[Path, Path]:
    """A copied minified line of about 3,000 characters with no space to wrap at (its
    statements vary in shape: repeated token runs would be set aside as boilerplate)."""
    shapes = random.Random(7)
    line = "".join(
        f"v{i}=" + "".join(f"{shapes.choice('+-*/%&|^')}{shapes.choice(['w', '(k)', '[1]', 'q.r'])}"
                           for _ in range(shapes.randint(1, 4))) + ";"
        for i in range(250)
    )
    for name in ("a", "b"):
        (tmp_path / name).mkdir()
        (tmp_path / name / "min.js").write_text(f"var k=1;\n{line}\n")
    return tmp_path / "a", tmp_path / "b"


def test_printed_code_wraps_inside_the_page_and_is_printed_whole(browser: Browser, tmp_path):
    left, right = _no_space_copy(tmp_path)
    report = _report(tmp_path, left, right)
    page = browser.new_page(viewport={"width": 700, "height": 900})  # about a page's width
    page.goto(report.as_uri())
    for media in ("screen", "print"):
        page.emulate_media(media=media)
        overflow = page.evaluate("""() => [...document.querySelectorAll('table.code td')]
            .filter(c => c.scrollWidth > c.clientWidth + 1
                         || c.getBoundingClientRect().right > innerWidth)
            .map(c => c.textContent.slice(0, 40))""")
        assert overflow == [], media
    page.pdf(path=str(tmp_path / "r.pdf"))
    # Each page repeats both sides' headings; what follows each is that side's code on the
    # page. Joined over the pages, each side must give back every character of the line.
    sides: dict[str, str] = {"Left": "", "Right": ""}
    for pg in PdfReader(tmp_path / "r.pdf").pages:
        text = "".join(pg.extract_text().split())
        heads = list(re.finditer(r"M0001·(Left|Right):min\.js,lines\d+–\d+", text))
        for i, h in enumerate(heads):
            sides[h.group(1)] += text[h.end(): heads[i + 1].start() if i + 1 < len(heads) else None]
    line = (left / "min.js").read_text().splitlines()[1]
    assert len(line) > 2500
    assert line in sides["Left"] and line in sides["Right"]


def test_printed_kinds_and_matched_lines_are_told_apart_without_colour(browser: Browser, tmp_path):
    result = compare_paths(str(SAMPLES / "original"), str(SAMPLES / "knockoff"))
    report = write_html(result, tmp_path / "report.html")
    page = browser.new_page()
    page.goto(report.as_uri())
    page.emulate_media(media="print")
    styles = page.evaluate("""() => [...document.querySelectorAll('article.exhibit')].map(a => ({
        kind: a.querySelector('.kind').textContent,
        badge: getComputedStyle(a.querySelector('.kind')).borderLeftStyle,
        bars: [...new Set([...a.querySelectorAll('tbody tr:not(.o) td + td')]
                 .map(c => getComputedStyle(c).borderLeftStyle))],
        markers: [...new Set([...a.querySelectorAll('tbody tr:not(.o):not(.e) td:first-child')]
                 .map(c => getComputedStyle(c, '::before').content))],
        explained: [...new Set([...a.querySelectorAll('tbody tr.e td:first-child')]
                 .map(c => getComputedStyle(c, '::before').content))],
        unmarked: [...new Set([...a.querySelectorAll('tbody tr.o td:first-child')]
                 .map(c => getComputedStyle(c, '::before').content))],
    }))""")
    by_kind = {}
    explained = 0
    for s in styles:
        assert s["bars"] == [s["badge"]]  # the bar has the badge's line style
        assert s["markers"] in ([], ['"\u25b8"']) and s["unmarked"] in ([], ["none"])
        assert s["explained"] in ([], ['"\u2248"'])  # lines a filter stage explains
        explained += bool(s["explained"])
        by_kind.setdefault(s["kind"], set()).add(s["badge"])
    assert len(by_kind) >= 3  # the samples show several kinds...
    assert len({style for v in by_kind.values() for style in v}) == len(by_kind)  # ...apart
    # the vendored tinyring library and the too-short matches, without any reference given
    assert explained == sum(bool(m.filter.explained) for m in result.matches) >= 2


def test_sorting_the_pair_table_by_a_column(browser: Browser, tmp_path):
    report = _report(tmp_path, SAMPLES / "original", SAMPLES / "knockoff")
    page = browser.new_page()
    page.goto(report.as_uri())
    page.click("#pair-table th:nth-child(5)")  # similarity, descending first
    values = [float(v) for v in page.locator("#pair-table tbody td:nth-child(5)").evaluate_all(
        "cells => cells.map(c => c.getAttribute('data-v'))")]
    assert values == sorted(values, reverse=True)
    page.click("#pair-table th:nth-child(5)")
    values = [float(v) for v in page.locator("#pair-table tbody td:nth-child(5)").evaluate_all(
        "cells => cells.map(c => c.getAttribute('data-v'))")]
    assert values == sorted(values)


def test_injection_probes_in_code_and_file_names_run_nothing(
    browser: Browser, tmp_path, hostile_inputs
):
    left, right = hostile_inputs
    report = _report(tmp_path, left, right)
    page = browser.new_page()
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.goto(report.as_uri())
    page.wait_for_timeout(200)
    assert dialogs == []
    assert page.locator("img").count() == 0
    assert "<img src=x onerror=alert(1)>.py" in page.inner_text("body")


SECTIONS = ("Overview", "File pairs", "Exhibits", "Documents", "Files not compared", "Method")
EXHIBIT_HEAD = re.compile(r"Exhibit (PX\d{4}) ")
CODE_ROW = re.compile(r"^\u25b8?\d+(?: |$)", re.MULTILINE)  # a line number, marked or not


def test_the_pdf_has_legend_page_number_and_exhibit_id_on_every_page(tmp_path):
    """Every printed page carries the legend, caption, "Page N of M" and its section's name;
    every page showing (part of) an exhibit's code names that exhibit above the code."""
    legend = 'CONFIDENTIAL - SOURCE CODE "AEO" </style>'
    run = subprocess.run(
        [sys.executable, "-m", "simcheck.cli", "compare", str(SAMPLES / "original"),
         str(SAMPLES / "knockoff"), "--pdf", str(tmp_path / "report.pdf"),
         "--json", str(tmp_path / "result.json"), "--exhibit-prefix", "PX",
         "--legend", legend, "--caption", "Norvale v. Kestrel"],
        capture_output=True, text=True, timeout=600,
    )
    assert run.returncode == 0, run.stderr
    ids = {m["id"] for m in json.loads((tmp_path / "result.json").read_text())["matches"]}
    pages = PdfReader(tmp_path / "report.pdf").pages
    assert len(pages) > 3
    seen: list[str] = []
    current = None  # the exhibit the previous page ended in
    code_pages = 0
    for number, page in enumerate(pages, start=1):
        text = page.extract_text()
        assert legend in text and "Norvale v. Kestrel" in text
        assert f"Page {number} of {len(pages)}" in text
        section = [s for s in SECTIONS if text.splitlines()[0].startswith(s + " ")]
        # (a new report section needs its .part-NAME wrapper and its @page NAME rule)
        assert section, f"page {number} names no section: {text[:80]!r}"
        if section != ["Exhibits"]:
            assert not EXHIBIT_HEAD.search(text)
            continue
        # Split the page at each exhibit heading: the text before the first one continues
        # `current`; each later piece belongs to the exhibit whose heading opens it.
        heads = list(EXHIBIT_HEAD.finditer(text))
        pieces = [(current, text[: heads[0].start() if heads else len(text)])]
        pieces += [
            (h.group(1), text[h.start(): heads[i + 1].start() if i + 1 < len(heads) else None])
            for i, h in enumerate(heads)
        ]
        for exhibit, piece in pieces:
            if CODE_ROW.search(piece):
                code_pages += 1
                assert exhibit is not None, f"page {number} shows code before any exhibit"
                assert f"{exhibit} \u00b7 Left:" in piece or f"{exhibit} \u00b7 Right:" in piece, (
                    f"page {number} shows code of {exhibit} without naming it"
                )
        seen += [h.group(1) for h in heads]
        current = seen[-1] if seen else None
    assert sorted(seen) == sorted(ids)  # every exhibit printed, once
    assert code_pages >= len(ids)


def test_pdf_without_a_browser_is_one_clear_error(tmp_path):
    import os

    bare = tmp_path / "empty-path"  # a PATH on which no browser can be found
    bare.mkdir()
    run = subprocess.run(
        [sys.executable, "-m", "simcheck.cli", "compare", str(FIXTURES / "original.py"),
         str(FIXTURES / "renamed.py"), "--pdf", str(tmp_path / "r.pdf")],
        capture_output=True, text=True, timeout=300, env={**os.environ, "PATH": str(bare)},
    )
    assert run.returncode == 2
    assert "needs a Chromium browser" in run.stderr and "Traceback" not in run.stderr
