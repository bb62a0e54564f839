"""Screenshots of the HTML report as a reader sees it: the overview, a file pair and an
exhibit, taken in Debian's chromium through Playwright (offline; nothing is downloaded).

Usage: python docs/screenshots.py OUT_DIR [LEFT RIGHT]   (default: the bundled samples)
Writes OUT_DIR/report.html and overview.png, file-pair.png, exhibit.png beside it.
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

from simcheck.compare import CompareOptions, compare_paths
from simcheck.render.html import write_html

SAMPLES = Path(__file__).resolve().parent.parent / "samples"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-sync",
        "--disable-component-update", "--no-first-run"]


def main() -> None:
    if len(sys.argv) not in (2, 4):
        raise SystemExit(__doc__)
    out = Path(sys.argv[1])
    left, right = sys.argv[2:4] if len(sys.argv) == 4 else (
        str(SAMPLES / "original"), str(SAMPLES / "knockoff"))
    browser_path = shutil.which("chromium")
    if browser_path is None:
        raise SystemExit("needs Debian's chromium (apt-get install chromium)")
    result = compare_paths(left, right, CompareOptions(exhibit_prefix="PX"))
    if not result.file_pairs:
        raise SystemExit("the two inputs share no code: nothing to show")
    report = write_html(result, out / "report.html", legend="CONFIDENTIAL - SOURCE CODE",
                        caption="Screenshot of a simcheck report")
    # The pair with the most exhibits, and an exhibit that is not verbatim: the cases where
    # a reader most needs the layout to work.
    pair = max(range(len(result.file_pairs)), key=lambda i: len(result.file_pairs[i].matches))
    exhibit = next((m for m in result.matches if m.kind != "verbatim"), result.matches[0])
    shots = {
        "overview.png": "",
        "file-pair.png": f"#pair-{pair + 1}",
        "exhibit.png": f"#{exhibit.id}",
    }
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=browser_path, args=ARGS)
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        for name, anchor in shots.items():
            page.goto(report.as_uri() + anchor)
            page.locator(anchor or "h1").first.wait_for(state="visible")
            # Exhibits are laid out lazily: let two frames be drawn before the shot.
            page.evaluate("() => new Promise(r => requestAnimationFrame("
                          "() => requestAnimationFrame(r)))")
            page.screenshot(path=str(out / name))
            print(out / name)
        browser.close()


if __name__ == "__main__":
    main()
