"""Print the HTML report to PDF through a headless Chromium (Debian's chromium here)."""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

from ..errors import InputError

BROWSERS = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
# No sandbox (runs as root in CI), and nothing that would reach the network.
FLAGS = (
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--no-pdf-header-footer",  # the report's own @page boxes carry legend and page number
)


def find_browser() -> str:
    for name in BROWSERS:
        found = shutil.which(name)
        if found:
            return found
    raise InputError(
        "--pdf needs a Chromium browser and none was found (tried: "
        + ", ".join(BROWSERS) + "); on Debian: apt-get install chromium"
    )


def write_pdf(html: Path, pdf: Path, timeout: float = 300.0) -> Path:
    browser = find_browser()
    pdf.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="simcheck-chromium-") as profile:
        run = subprocess.run(
            [browser, *FLAGS, f"--user-data-dir={profile}", f"--print-to-pdf={pdf.resolve()}",
             html.resolve().as_uri()],
            capture_output=True, text=True, timeout=timeout,
        )
    if not pdf.exists() or pdf.stat().st_size == 0:
        last = (run.stderr.strip().splitlines() or ["no output"])[-1]
        raise InputError(f"{browser} did not print {pdf}: {last}")
    return pdf
