"""Wall time of a comparison against a reference corpus of documents, with an empty cache
(the baseline, measured in the same run: every reference document is extracted, as
before the documents were cached) and then with the cache that run filled (only the
reference documents sharing a word shingle with the works' matched documents are
extracted). Each run is a fresh ``simcheck compare`` process; the two JSON results must
be byte-identical.

    python benchmarks/reference_documents.py CORPUS [LEFT RIGHT] [--repeat 2]

LEFT and RIGHT default to the bundled manuals (samples/manuals/original and knockoff);
CORPUS is any directory or archive of documents (PDF, DOCX, Markdown...), e.g. the docs of
a few PyPI sdists; it is never copied into the project.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MANUALS = ROOT / "samples" / "manuals"


def _run(left: str, right: str, corpus: str, cache: Path, out: Path) -> float:
    started = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "simcheck.cli", "compare", left, right, "--exclude-corpus",
         corpus, "--cache-dir", str(cache), "--json", str(out)],
        check=True, capture_output=True, cwd=ROOT,
    )
    return time.perf_counter() - started


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("corpus")
    parser.add_argument("left", nargs="?", default=str(MANUALS / "original"))
    parser.add_argument("right", nargs="?", default=str(MANUALS / "knockoff"))
    parser.add_argument("--repeat", type=int, default=2)
    args = parser.parse_args()
    cold, warm = [], []
    with tempfile.TemporaryDirectory() as tmp:
        for i in range(args.repeat):
            cache = Path(tmp) / "cache"
            shutil.rmtree(cache, ignore_errors=True)
            cold.append(_run(args.left, args.right, args.corpus, cache, Path(tmp) / "cold.json"))
            warm.append(_run(args.left, args.right, args.corpus, cache, Path(tmp) / "warm.json"))
            same = (Path(tmp) / "cold.json").read_bytes() == (Path(tmp) / "warm.json").read_bytes()
            print(f"run {i + 1}: empty cache {cold[-1]:.2f} s, warm cache {warm[-1]:.2f} s,"
                  f" results byte-identical: {same}")
            if not same:
                return 1
    c, w = min(cold), min(warm)
    print(f"best of {args.repeat}: empty cache {c:.2f} s, warm cache {w:.2f} s,"
          f" warm/empty {w / c:.3f} (x{c / w:.1f} faster)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
