"""Memory and speed of PDF extraction as a document grows: the sample manual printed once
(the baseline, measured in the same run) and repeated N times, each read by simcheck's
PDF reader in a fresh process. Bounded memory means the peak stays near the baseline's
while the page count grows; only the extracted text itself grows.

    python benchmarks/document_memory.py [--repeat 20]

Needs Debian's chromium and python-docx (the test extras): the PDFs are printed by
samples/manuals/generate.py's code.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MEASURE = """
import resource, sys, time
from simcheck.documents.extract_pdf import extract_pdf
started = time.perf_counter()
with open(sys.argv[1], "rb") as f:
    doc = extract_pdf(f)
seconds = time.perf_counter() - started
print(doc.pages, len(doc.blocks), seconds, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
"""


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=20)
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT / "samples" / "manuals"))
    import generate  # the sample manuals' own generator

    blocks = generate.parse((ROOT / "samples/manuals/source/original.md").read_text("utf-8"))
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for n in (1, args.repeat):
            pdf = Path(tmp) / f"manual-x{n}.pdf"
            generate.print_pdf(generate.to_html(blocks * n, "Memory benchmark"), pdf)
            run = subprocess.run([sys.executable, "-c", MEASURE, str(pdf)], check=True,
                                 capture_output=True, text=True, cwd=ROOT)
            pages, paragraphs, seconds, rss_kib = run.stdout.split()
            rows.append((n, int(pages), int(paragraphs), float(seconds), int(rss_kib) / 1024,
                         pdf.stat().st_size / 1e6))
    print(f"{'copies':>6} {'pages':>6} {'paragraphs':>10} {'MB file':>8} {'seconds':>8} "
          f"{'s/page':>7} {'peak RSS MB':>12}")
    for n, pages, paragraphs, seconds, rss, size in rows:
        print(f"{n:>6} {pages:>6} {paragraphs:>10} {size:>8.1f} {seconds:>8.1f} "
              f"{seconds / pages:>7.3f} {rss:>12.0f}")
    (_, p1, _, _, m1, _), (_, p2, _, _, m2, _) = rows
    print(f"pages x{p2 / p1:.1f}, peak memory x{m2 / m1:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
