"""Speed and memory of `simcheck compare` on two real trees: Django 4.2 vs Django 5.0.

Fetches both source distributions from the package index at benchmark time (cached in
benchmarks/_cache, never committed), then measures, in each run:
  1. the baseline: tree-sitter parse-only throughput over the same .py files (one core);
  2. `simcheck compare A B --json FILE`, exactly as a user runs it (it also writes the
     manifest beside FILE, re-reading every input to check its hash): wall time, peak
     memory of the command's process, and the stage times it records in the manifest.
Prints lines/s per core for both and their ratio; with --runs N, each run and then the
median and the range. Usage: python benchmarks/django_speed.py [--runs N] [--mode code|auto]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tarfile
import time
from pathlib import Path

from tree_sitter_language_pack import get_parser

CACHE = Path(__file__).resolve().parent / "_cache"
VERSIONS = ("4.2", "5.0")
CORES = 2


def fetch(version: str) -> Path:
    target = CACHE / f"django-{version}"
    if target.is_dir():
        return target
    CACHE.mkdir(parents=True, exist_ok=True)
    subprocess.run(
        [sys.executable, "-m", "pip", "download", "--quiet", "--no-deps", "--no-binary", ":all:",
         f"django=={version}", "-d", str(CACHE)],
        check=True,
    )
    sdist = next(p for p in CACHE.iterdir() if p.name.lower().startswith(f"django-{version}")
                 and p.name.endswith(".tar.gz"))
    with tarfile.open(sdist) as tar:
        tar.extractall(CACHE / f"_x{version}", filter="data")
    (CACHE / f"_x{version}").joinpath(sdist.name[: -len(".tar.gz")]).rename(target)
    return target


def parse_only(trees: list[Path]) -> tuple[int, float]:
    parser = get_parser("python")
    lines = 0
    files = [p for tree in trees for p in sorted(tree.rglob("*.py"))]
    sources = [p.read_bytes() for p in files]
    start = time.perf_counter()
    for source in sources:
        parser.parse(source)
        lines += source.count(b"\n")
    return lines, time.perf_counter() - start


def compare_run(trees: list[Path], mode: str) -> tuple[float, float, dict[str, float]]:
    """Wall seconds, peak RSS (MB) of the command's process (and the children it reaped),
    and the stage seconds from the manifest of one `simcheck compare` run."""
    out = CACHE / "django-result.json"
    start = time.perf_counter()
    proc = subprocess.Popen(
        [sys.executable, "-m", "simcheck", "compare", str(trees[0]), str(trees[1]),
         "--json", str(out), "--mode", mode],
        stdout=subprocess.DEVNULL,
    )
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        raise SystemExit(f"simcheck compare failed with exit code {proc.returncode}")
    manifest = json.loads((out.parent / "manifest.json").read_text(encoding="utf-8"))
    return wall, usage.ru_maxrss / 1024, manifest.get("stage_seconds", {})


def print_medians(rows: list[tuple], columns: tuple[tuple[str, int, str], ...]) -> None:
    """Each column (label, index into a row, format) over the runs: median (min..max)."""
    print(f"median of {len(rows)} runs (min..max):")
    for label, i, fmt in columns:
        values = [r[i] for r in rows]
        print(f"  {label + ':':30s} {fmt.format(statistics.median(values))}"
              f" ({fmt.format(min(values))}..{fmt.format(max(values))})")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=1, help="measure this many times")
    # The trees also hold Django's documentation (about 600 reStructuredText files a side);
    # "code" times the code comparison the 30 s target is about, "auto" adds the documents.
    parser.add_argument("--mode", choices=("code", "auto"), default="code",
                        help="simcheck's --mode: code (default) or auto (documents too)")
    args = parser.parse_args()
    trees = [fetch(v) for v in VERSIONS]
    rows = []
    for run in range(1, args.runs + 1):
        py_lines, parse_s = parse_only(trees)
        wall, peak_mb, stages = compare_run(trees, args.mode)
        parse_rate = py_lines / parse_s
        ours = py_lines / wall / CORES
        rows.append((wall, peak_mb, parse_rate, ours, ours / parse_rate, stages))
        print(f"run {run}:")
        print(f"  Python lines in both trees:         {py_lines:,}")
        print(f"  tree-sitter parse only (1 core):    {parse_s:.1f} s = {parse_rate:,.0f}"
              " lines/s/core")
        print(f"  simcheck compare ({CORES} cores):         {wall:.1f} s wall, peak RSS"
              f" {peak_mb:,.0f} MB (largest single process)")
        print(f"  simcheck throughput:                {ours:,.0f} lines/s/core")
        print(f"  ratio simcheck / parse-only:        {ours / parse_rate:.3f}")
        print("  stages (s, from the manifest):      "
              + ", ".join(f"{name} {sec:.1f}" for name, sec in stages.items()))
    if len(rows) > 1:
        print_medians(rows, (
            ("wall s", 0, "{:.1f}"), ("peak RSS MB", 1, "{:,.0f}"),
            ("parse-only lines/s/core", 2, "{:,.0f}"), ("simcheck lines/s/core", 3, "{:,.0f}"),
            ("ratio simcheck / parse-only", 4, "{:.3f}"),
        ))
        for name in rows[0][5]:
            values = [r[5].get(name, 0.0) for r in rows]
            print(f"  stage {name + ':':24s} {statistics.median(values):.1f}"
                  f" ({min(values):.1f}..{max(values):.1f})")


if __name__ == "__main__":
    main()
