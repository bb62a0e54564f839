"""The HTML report in a real browser: Debian's chromium driven by Playwright, offline."""

from __future__ import annotations

import json
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


SECTIONS = ("Overview", "File pairs", "Exhibits", "Files not compared", "Method")
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
