"""Speed and memory of `simcheck compare` on two real trees: Django 4.2 vs Django 5.0.

Fetches both source distributions from the package index at benchmark time (cached in
benchmarks/_cache, never committed), then measures in the same run:
  1. the baseline: tree-sitter parse-only throughput over the same .py files (one core);
  2. `simcheck compare` wall time and peak memory (max RSS over all its processes).
Prints lines/s per core for both and their ratio. Usage: python benchmarks/django_speed.py
"""

from __future__ import annotations

import resource
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


def main() -> None:
    trees = [fetch(v) for v in VERSIONS]
    py_lines, parse_s = parse_only(trees)
    out = CACHE / "django-result.json"
    start = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "simcheck.cli", "compare", str(trees[0]), str(trees[1]),
         "--json", str(out)],
        check=True, stdout=subprocess.DEVNULL,
    )
    wall = time.perf_counter() - start
    peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    parse_rate = py_lines / parse_s
    ours = py_lines / wall / CORES
    print(f"Python lines in both trees:         {py_lines:,}")
    print(f"tree-sitter parse only (1 core):    {parse_s:.1f} s = {parse_rate:,.0f} lines/s/core")
    print(f"simcheck compare ({CORES} cores):         {wall:.1f} s wall, peak RSS {peak_mb:,.0f} MB"
          " (largest single process)")
    print(f"simcheck throughput:                {ours:,.0f} lines/s/core")
    print(f"ratio simcheck / parse-only:        {ours / parse_rate:.3f}")


if __name__ == "__main__":
    main()
