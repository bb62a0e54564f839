"""Real derivations and real independent work: what `simcheck compare` reports on each.

The labelled datasets are student programs and synthetic obfuscations; the region benchmark
injects functions by script. This one compares published packages whose relation their
own authors state: a project that began as a copy of another and was developed on for
years (derived), and separately written projects of the same domain (independent). The
packages are fetched at pinned versions from PyPI and npm into benchmarks/_cache (never
committed) and compared with the default options, exactly as `simcheck compare` runs.

For each pair it prints the filtered similarity (what the expert reports), each side's
filtered coverage, how many matches count after filtration, and the largest. A derived
pair should keep some counted code after years of change; an independent pair should keep
none, or only short matches an expert can look at one by one.

Usage: python benchmarks/derivations.py [--only NAME,...]
"""

from __future__ import annotations

import argparse
import csv
import time
from dataclasses import dataclass
from pathlib import Path

from regions.corpora import Package
from regions.fetch import fetch, select, write_tree

from simcheck.compare import CompareOptions, compare_paths
from simcheck.result import Result

CACHE = Path(__file__).resolve().parent / "_cache"
WORK = CACHE / "derivations"


@dataclass(frozen=True)
class Pair:
    name: str
    relation: str  # "derived" or "independent"
    left: Package  # the earlier project, for a derived pair
    right: Package
    source: str  # where the relation is stated


PAIRS = (
    Pair("pycrypto-pycryptodome", "derived",
         Package("pypi", "pycrypto", "2.6.1", ("lib/Crypto/**/*.py", "src/*.c")),
         Package("pypi", "pycryptodome", "3.20.0", ("lib/Crypto/**/*.py", "src/*.c")),
         "PyCryptodome's README: a fork of PyCrypto"),
    Pair("pyyaml-ruamel.yaml", "derived",
         Package("pypi", "PyYAML", "6.0.1", ("lib/yaml/*.py",)),
         Package("pypi", "ruamel.yaml", "0.18.6", ("*.py",)),
         "ruamel.yaml's README: a derivative of PyYAML"),
    Pair("uglify-es-terser", "derived",
         Package("npm", "uglify-es", "3.3.9", ("lib/**/*.js",)),
         Package("npm", "terser", "5.31.0", ("lib/**/*.js",)),
         "terser's README: a fork of uglify-es"),
    Pair("underscore-lodash", "derived",
         Package("npm", "underscore", "1.3.3", ("underscore.js",)),
         Package("npm", "lodash", "0.1.0", ("lodash.js",)),
         "lodash.js 0.1.0's header: based on Underscore.js 1.3.3"),
    Pair("toml-tomli", "independent",
         Package("pypi", "toml", "0.10.2", ("toml/*.py",)),
         Package("pypi", "tomli", "2.0.1", ("src/tomli/*.py",)),
         "two TOML parsers by different authors"),
    Pair("docopt-click", "independent",
         Package("pypi", "docopt", "0.6.2", ("docopt.py",)),
         Package("pypi", "click", "8.1.7", ("src/click/*.py",)),
         "two command-line parsers by different authors"),
    Pair("lz4-brotli", "independent",
         Package("pypi", "lz4", "4.3.3", ("lz4libs/*.[ch]",)),
         Package("pypi", "Brotli", "1.1.0", ("c/**/*.[ch]",)),
         "two compression libraries in C by different authors"),
    Pair("acorn-esprima", "independent",
         Package("npm", "acorn", "8.12.1", ("dist/acorn.js",)),
         Package("npm", "esprima", "4.0.1", ("dist/esprima.js",)),
         "two JavaScript parsers by different authors"),
)


@dataclass(frozen=True)
class Outcome:
    pair: Pair
    result: Result
    seconds: float

    @property
    def counted(self) -> list:
        return [m for m in self.result.matches if m.filter.classification == "none"]


def _tree(package: Package, target: Path) -> Path:
    files = select(fetch(package, CACHE), package.include)
    if not files:
        raise RuntimeError(f"{package.key}: nothing matches {package.include}")
    write_tree(files, target)
    return target


def run(pair: Pair) -> Outcome:
    left = _tree(pair.left, WORK / pair.name / "left")
    right = _tree(pair.right, WORK / pair.name / "right")
    start = time.perf_counter()
    result = compare_paths(str(left), str(right), CompareOptions())
    return Outcome(pair, result, time.perf_counter() - start)


def _pct(x: float) -> str:
    return f"{100 * x:.1f}%"


def report(outcomes: list[Outcome]) -> None:
    print("| pair | relation | files (left / right) | similarity | after filtration |"
          " left / right after filtration | counted matches | largest counted (tokens,"
          " kind) |")
    print("|---|---|---|---|---|---|---|---|")
    for o in outcomes:
        r = o.result
        largest = max(o.counted, key=lambda m: m.filter.tokens_filtered, default=None)
        biggest = f"{largest.filter.tokens_filtered} {largest.kind}" if largest else "none"
        print(f"| {o.pair.name} | {o.pair.relation} | {r.left.files_compared} /"
              f" {r.right.files_compared} | {_pct(r.similarity)} |"
              f" {_pct(r.similarity_filtered)} | {_pct(r.left.coverage_filtered.fraction)} /"
              f" {_pct(r.right.coverage_filtered.fraction)} | {len(o.counted)} | {biggest} |")
    derived = [o.result.similarity_filtered for o in outcomes if o.pair.relation == "derived"]
    independent = [o.result.similarity_filtered for o in outcomes
                   if o.pair.relation == "independent"]
    if derived and independent:
        print(f"\nLowest derived pair {_pct(min(derived))} after filtration; highest"
              f" independent pair {_pct(max(independent))}.")
    for o in outcomes:
        print(f"  {o.pair.name}: {o.pair.source} ({o.seconds:.1f} s)")


def write_csv(outcomes: list[Outcome], path: Path) -> None:
    """Every counted match of every pair, so each figure can be checked against code."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", newline="") as f:
        out = csv.writer(f)
        out.writerow(["pair", "relation", "match", "kind", "tokens_counted", "left",
                      "right"])
        for o in outcomes:
            for m in o.counted:
                out.writerow([
                    o.pair.name, o.pair.relation, m.id, m.kind, m.filter.tokens_filtered,
                    f"{m.left.path}:{m.left.start_line}-{m.left.end_line}",
                    f"{m.right.path}:{m.right.start_line}-{m.right.end_line}",
                ])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--only", default="", help="comma-separated pair names")
    args = parser.parse_args()
    names = [x for x in args.only.split(",") if x]
    known = {p.name for p in PAIRS}
    for x in names:
        if x not in known:
            parser.error(f"unknown pair {x!r}; known: {', '.join(sorted(known))}")
    outcomes = [run(p) for p in PAIRS if not names or p.name in names]
    report(outcomes)
    write_csv(outcomes, WORK / "matches.csv")
    print(f"\nEvery counted match: {WORK / 'matches.csv'}")


if __name__ == "__main__":
    main()
