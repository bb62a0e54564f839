"""Page weight and browser render time of the HTML report for a large comparison.

Compares a Django 4.2 subtree with the same subtree of 5.0 (fetched like
django_speed.py does), writes the report, loads it in Debian's chromium through
Playwright and times the load and one click on a sortable column.
Usage: python benchmarks/report_weight.py [SUBTREE]   (default: django/contrib)
"""

from __future__ import annotations

import shutil
import sys
import time
from pathlib import Path

from django_speed import CACHE, fetch
from playwright.sync_api import sync_playwright

from simcheck.compare import compare_paths
from simcheck.render.html import write_html

ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking"]


def main() -> None:
    subtree = sys.argv[1] if len(sys.argv) > 1 else "django/contrib"
    old, new = (fetch(v) / subtree for v in ("4.2", "5.0"))
    result = compare_paths(str(old), str(new))
    start = time.perf_counter()
    page_file = write_html(result, CACHE / "report-weight.html", legend="CONFIDENTIAL")
    rendered = time.perf_counter() - start
    browser_path = shutil.which("chromium")
    if browser_path is None:
        raise SystemExit("needs Debian's chromium (apt-get install chromium)")
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=browser_path, args=ARGS)
        page = browser.new_page()
        start = time.perf_counter()
        page.goto(page_file.as_uri(), wait_until="load", timeout=600_000)
        loaded = time.perf_counter() - start
        start = time.perf_counter()
        page.click("#pair-table th:nth-child(5)")
        sorted_in = time.perf_counter() - start
        browser.close()
    size = Path(page_file).stat().st_size / 1e6
    print(f"{subtree}: {len(result.matches)} exhibits, {len(result.file_pairs)} file pairs")
    print(f"HTML {size:.1f} MB written in {rendered:.1f} s; chromium load {loaded:.1f} s;"
          f" sort click {sorted_in:.2f} s")


if __name__ == "__main__":
    main()
