"""Page weight and browser timings of the HTML report for a large comparison.

Compares a Django 4.2 subtree with the same subtree of 5.0 (fetched like django_speed.py
does), writes the report, and loads it in Debian's chromium through Playwright. The
baseline, measured in the same run, is a bare page holding the same evidence (every match
side's text, escaped, in a <pre>): what the evidence weighs with no report around it.
Prints, for both: bytes, load time and time until the first exhibit is shown; for the
report also the time to jump to the last exhibit and to sort the file-pair table.
Usage: python benchmarks/report_weight.py [SUBTREE]   (default: django/contrib)
"""

from __future__ import annotations

import html
import shutil
import sys
import time
from pathlib import Path

from django_speed import CACHE, fetch
from playwright.sync_api import Page, sync_playwright

from simcheck.compare import compare_paths
from simcheck.render.html import write_html
from simcheck.result import Result

ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking"]


def bare_page(result: Result, path: Path) -> Path:
    parts = ["<!DOCTYPE html><meta charset=utf-8><title>evidence</title>"]
    for m in result.matches:
        for side in (m.left, m.right):
            parts.append(f'<pre class="exhibit">{html.escape(side.text, quote=False)}</pre>')
    path.write_text("\n".join(parts), encoding="utf-8")
    return path


def timings(page: Page, url: str) -> tuple[float, float]:
    """Seconds until the first exhibit is visible, and until the load event."""
    start = time.perf_counter()
    page.goto(url, wait_until="commit", timeout=600_000)
    page.locator(".exhibit").first.wait_for(state="visible", timeout=600_000)
    first = time.perf_counter() - start
    page.wait_for_load_state("load", timeout=600_000)
    return first, time.perf_counter() - start


def main() -> None:
    subtree = sys.argv[1] if len(sys.argv) > 1 else "django/contrib"
    old, new = (fetch(v) / subtree for v in ("4.2", "5.0"))
    result = compare_paths(str(old), str(new))
    start = time.perf_counter()
    report = write_html(result, CACHE / "report-weight.html", legend="CONFIDENTIAL")
    rendered = time.perf_counter() - start
    bare = bare_page(result, CACHE / "report-weight-bare.html")
    browser_path = shutil.which("chromium")
    if browser_path is None:
        raise SystemExit("needs Debian's chromium (apt-get install chromium)")
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=browser_path, args=ARGS)
        figures = {}
        for name, path in (("baseline", bare), ("report", report)):
            page = browser.new_page()
            figures[name] = timings(page, path.as_uri())
            page.close()
        page = browser.new_page()
        page.goto(report.as_uri(), wait_until="load", timeout=600_000)
        # Timed inside the page: following a link to the last exhibit until two frames are
        # drawn; then the sort itself and the layout it causes.
        jump = page.evaluate("""async id => { const t = performance.now();
            location.hash = id;
            await new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)));
            return (performance.now() - t) / 1000; }""", result.matches[-1].id)
        sort = page.evaluate("""() => { const t = performance.now();
            document.querySelector('#pair-table th:nth-child(5)').click();
            document.body.offsetHeight; return (performance.now() - t) / 1000; }""")
        browser.close()
    sizes = {"baseline": bare.stat().st_size, "report": report.stat().st_size}
    print(f"{subtree}: {len(result.matches):,} exhibits, {len(result.file_pairs):,} file pairs;"
          f" report written in {rendered:.1f} s")
    for name in ("baseline", "report"):
        first, loaded = figures[name]
        print(f"{name:8}: {sizes[name] / 1e6:6.1f} MB, first exhibit shown {first:5.2f} s,"
              f" load {loaded:5.2f} s")
    b_first, b_load = figures["baseline"]
    r_first, r_load = figures["report"]
    print(f"report / baseline: bytes {sizes['report'] / sizes['baseline']:.2f},"
          f" first exhibit {r_first / b_first:.2f}, load {r_load / b_load:.2f}")
    print(f"report: jump to the last exhibit {jump:.2f} s; sort the pair table {sort:.2f} s")


if __name__ == "__main__":
    main()
