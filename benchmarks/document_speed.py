"""Speed of the document comparison on real documentation: Django 4.2 vs 5.0's docs.

Uses the Django source distributions that benchmarks/django_speed.py fetches from the
package index (cached in benchmarks/_cache, never committed) and, in each run, measures:
  1. the baseline: reading and extracting every document of both folders (one core, in
     this process; the text pipeline's input, before any comparing);
  2. `simcheck compare A B --mode text --workers 1 --json FILE` on the two folders, as a
     user runs it: wall time and the stage times the manifest records.
Prints both and their ratio; with --runs N, the median and the range.
Usage: python benchmarks/document_speed.py [--runs N] [--subtree docs/topics]
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from pathlib import Path

from django_speed import CACHE, VERSIONS, fetch, print_medians

from simcheck.documents.reader import Reader
from simcheck.documents.settings import DocumentSettings


def extract_only(folders: list[Path]) -> tuple[int, int, float]:
    """(documents, bytes, seconds) to read and extract every file of ``folders``."""
    settings = DocumentSettings()
    reader = Reader("text", settings.max_document_bytes, settings.extract_seconds)
    files = [p for folder in folders for p in sorted(folder.rglob("*")) if p.is_file()]
    size = 0
    start = time.perf_counter()
    for p in files:
        with p.open("rb") as stream:
            reader.read(p.name, stream, True)
        size += p.stat().st_size
    return len(files), size, time.perf_counter() - start


def compare_run(folders: list[Path]) -> tuple[float, dict[str, float], int]:
    """Wall seconds, the manifest's stage seconds and the number of matches of one run."""
    out = CACHE / "document-result.json"
    start = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "simcheck", "compare", str(folders[0]), str(folders[1]),
         "--mode", "text", "--workers", "1", "--json", str(out)],
        stdout=subprocess.DEVNULL, check=True,
    )
    wall = time.perf_counter() - start
    manifest = json.loads((out.parent / "manifest.json").read_text(encoding="utf-8"))
    matches = len(json.loads(out.read_text(encoding="utf-8"))["matches"])
    return wall, manifest.get("stage_seconds", {}), matches


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=1, help="measure this many times")
    parser.add_argument("--subtree", default="docs/topics",
                        help="folder of both sdists to compare (default docs/topics)")
    args = parser.parse_args()
    folders = [fetch(v) / args.subtree for v in VERSIONS]
    rows = []
    for run in range(1, args.runs + 1):
        docs, size, extract_s = extract_only(folders)
        wall, stages, matches = compare_run(folders)
        rows.append((extract_s, wall, wall / extract_s))
        print(f"run {run}: {args.subtree} of Django {' vs '.join(VERSIONS)}")
        print(f"  documents in both folders:        {docs:,} ({size / 1e6:.1f} MB)")
        print(f"  read + extract only (1 core):     {extract_s:.2f} s")
        print(f"  simcheck compare --mode text:     {wall:.1f} s wall, {matches:,} matches")
        print(f"  ratio compare / extract-only:     {wall / extract_s:.1f}")
        print("  stages (s, from the manifest):    "
              + ", ".join(f"{name} {sec:.1f}" for name, sec in stages.items()))
    if len(rows) > 1:
        print_medians(rows, (("extract-only s", 0, "{:.2f}"), ("compare wall s", 1, "{:.1f}"),
                             ("ratio compare / extract-only", 2, "{:.1f}")))


if __name__ == "__main__":
    main()
