"""Region-level recall and line precision of `simcheck compare` on disguised copies.

For each language, real third-party code is fetched from a package registry (cached in
benchmarks/_cache, never committed): functions of a donor package are disguised by each
transformation of issue 3 and injected into an unrelated host package of the same
language, with the ground truth recorded. simcheck then compares the donor package with the
modified host, with default options (exactly what `simcheck compare` runs), and every
injected region is scored: recovered when simcheck's matches that point to it cover at least
50 % of its lines in the host and of the original function's lines in the donor; line
precision is the share of matched host lines (in files that received injections) that lie
in injected code. Both count only the matches simcheck counts as evidence after its own
filtration (what the expert reports); line precision before filtration is shown beside.
Seeded (numpy Generator), so runs are reproducible.

Usage: python benchmarks/region_recall.py [--quick] [--per-cell N] [--seed S]
           [--languages python,c,...] [--transforms verbatim,reformat,...]
"""

from __future__ import annotations

import argparse
import csv
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from regions.corpora import CORPORA
from regions.fetch import fetch, select, write_tree
from regions.inject import Donated, Region, anchors, inject
from regions.score import THRESHOLD, CellScore, score
from regions.syntax import Definition, Language, error_count
from regions.transforms import TRANSFORM, TRANSFORMS, Names, Site, identifiers_of, in_place

from simcheck.compare import CompareOptions, compare_paths

CACHE = Path(__file__).resolve().parent / "_cache"
WORK = CACHE / "region_recall"
LANGUAGES = ("python", "c", "javascript", "java")
TARGET = 0.95
MIN_LINES, MAX_LINES, MIN_TOKENS = 8, 80, 50  # which donor functions are copied
GROUP = 3  # reorder: functions placed together in a permuted order


@dataclass(frozen=True)
class Candidate:
    path: str
    source: bytes
    definition: Definition
    tokens: int

    @property
    def start_line(self) -> int:
        return self.definition.outer.start_point[0] + 1

    @property
    def end_line(self) -> int:
        return self.definition.outer.end_point[0] + 1


def candidates(lang: Language, donor: dict[str, bytes], kinds: set[str]) -> list[Candidate]:
    """Donor definitions of a sensible size, parsed without error, of a kind the host has
    a place for; in file and source order."""
    found = []
    for path, source in donor.items():
        tree = lang.parse(source)
        for d in lang.definitions(tree.root_node):
            if d.outer.has_error:
                continue
            lines = d.outer.end_point[0] - d.outer.start_point[0] + 1
            if d.inner.type not in kinds or not MIN_LINES <= lines <= MAX_LINES:
                continue
            tokens = lang.code_tokens(d.outer)
            if tokens >= MIN_TOKENS:
                found.append(Candidate(path, source, d, tokens))
    return found


def disguise(lang: Language, transform: str, cand: Candidate, rng: np.random.Generator,
             group: int = -1) -> Donated | None:
    """The candidate under ``transform``; None if it offers nothing to change or (a defect
    this benchmark reports) the disguised code no longer parses."""
    d = cand.definition
    site = Site(lang, cand.source, d.outer, d.container)
    root = d.outer
    while root.parent is not None:
        root = root.parent
    names = Names(rng, lang.rules.naming, identifiers_of(lang, root))
    snippet = TRANSFORM[transform](site, rng, names)
    if snippet is None:
        return None
    if error_count(lang.parse(in_place(site, snippet))) > error_count(lang.parse(cand.source)):
        print(f"  ! {transform} broke the syntax of {cand.path}:{cand.start_line}", file=sys.stderr)
        return None
    return Donated(cand.path, cand.start_line, cand.end_line, d.inner.type, cand.tokens,
                   snippet, group)


def choose(lang: Language, transform: str, pool: list[Candidate], n: int,
           rng: np.random.Generator) -> list[list[Donated]]:
    """``n`` disguised definitions (reorder: groups of GROUP, permuted) from distinct donors."""
    groups: list[list[Donated]] = []
    if transform == "reorder":
        windows = [pool[k : k + GROUP] for k in range(len(pool) - GROUP + 1)
                   if len({(c.path, c.definition.container, c.definition.inner.type)
                           for c in pool[k : k + GROUP]}) == 1]
        used: set[int] = set()
        for k in rng.permutation(len(windows)):
            if sum(len(g) for g in groups) >= n:
                break
            window = windows[int(k)]
            if any(id(c) in used for c in window):
                continue
            done = [disguise(lang, transform, c, rng, len(groups)) for c in window]
            if any(x is None for x in done):
                continue
            used.update(id(c) for c in window)
            order = rng.permutation(GROUP)
            while (order == np.arange(GROUP)).all():
                order = rng.permutation(GROUP)
            groups.append([done[int(i)] for i in order])  # type: ignore[misc]
        return groups
    for k in rng.permutation(len(pool)):
        if len(groups) >= n:
            break
        donated = disguise(lang, transform, pool[int(k)], rng)
        if donated is not None:
            groups.append([donated])
    return groups


def run_language(language: str, transforms: list[str], per_cell: int, seed: int
                 ) -> dict[str, tuple[CellScore, list[Region]]]:
    corpus = CORPORA[language]
    lang = Language(language)
    donor = select(fetch(corpus.donor, CACHE), corpus.donor.include)
    host = select(fetch(corpus.host, CACHE), corpus.host.include)
    kinds = {a.kind for a in anchors(lang, host)}
    pool = candidates(lang, donor, kinds)
    print(f"{language}: donor {corpus.donor.name} {corpus.donor.version} ({len(donor)} files, "
          f"{len(pool)} candidate functions), host {corpus.host.name} {corpus.host.version} "
          f"({len(host)} files)", file=sys.stderr)
    left = WORK / language / "left"
    write_tree(donor, left)
    cells: dict[str, tuple[CellScore, list[Region]]] = {}
    for transform in transforms:
        rng = np.random.default_rng([seed, LANGUAGES.index(language),
                                     TRANSFORMS.index(transform)])
        groups = choose(lang, transform, pool, per_cell, rng)
        if sum(len(g) for g in groups) < per_cell:
            print(f"  ! {transform}: only {sum(len(g) for g in groups)} of {per_cell} donor "
                  "functions offer it something to change", file=sys.stderr)
        modified, regions = inject(language, transform, host, groups, rng, lang)
        broken = [p for p in sorted(modified) if modified[p] != host[p]
                  and error_count(lang.parse(modified[p])) > error_count(lang.parse(host[p]))]
        if broken:
            print(f"  ! injection broke the syntax of {broken}", file=sys.stderr)
        right = WORK / language / transform
        write_tree(modified, right)
        started = time.perf_counter()
        result = compare_paths(str(left), str(right), CompareOptions())
        cell = score(result, regions, donor, modified)
        print(f"  {transform:20s} {len(regions):3d} regions  recall {cell.recall:6.1%}  "
              f"precision {cell.precision:6.1%} (before filtration "
              f"{cell.precision_unfiltered:6.1%})  ({time.perf_counter() - started:.1f} s)",
              file=sys.stderr)
        cells[transform] = (cell, regions)
    return cells


def _row(label: str, cells: list[CellScore]) -> str:
    regs = [r for c in cells for r in c.regions]
    got = sum(r.recovered for r in regs)
    matched = sum(c.matched_lines for c in cells)
    inside = sum(c.matched_inside for c in cells)
    matched_all = sum(c.matched_lines_unfiltered for c in cells)
    inside_all = sum(c.matched_inside_unfiltered for c in cells)
    unfiltered = inside_all / matched_all if matched_all else 1.0
    recall = got / len(regs) if regs else 0.0
    precision = inside / matched if matched else 1.0
    right = float(np.mean([r.right for r in regs])) if regs else 0.0
    wrong = sum(r.wrong_source for r in regs)
    spill = sum(c.spill_lines for c in cells)
    background = sum(c.background_lines for c in cells)
    flag = "" if recall >= TARGET and precision >= TARGET else " <"
    return (f"| {label} | {len(regs)} | {got} | {recall:.1%} | {len(regs) - got - wrong} / "
            f"{wrong} | {precision:.1%} | {inside}/{matched} | {spill} / {background} | "
            f"{right:.1%} | {unfiltered:.1%} |{flag}")


def report(results: dict[str, dict[str, tuple[CellScore, list[Region]]]],
           transforms: list[str]) -> None:
    head = ("| language / transformation | regions | recovered | recall | "
            "misses: fragmented / wrong source | line precision | injected/matched lines | "
            "false lines: overshoot / background | mean right coverage | "
            "line precision before filtration |\n"
            "|---|---|---|---|---|---|---|---|---|---|")
    print(head)
    for language, cells in results.items():
        for t in transforms:
            print(_row(f"{language} / {t}", [cells[t][0]]))
    print("\nPer transformation (all languages)\n" + head)
    for t in transforms:
        print(_row(t, [cells[t][0] for cells in results.values()]))
    print("\nPer language (all transformations)\n" + head)
    for language, cells in results.items():
        print(_row(language, [c for c, _ in cells.values()]))
    print("\nOverall\n" + head)
    print(_row("all", [c for cells in results.values() for c, _ in cells.values()]))


def diagnose(results: dict[str, dict[str, tuple[CellScore, list[Region]]]]) -> None:
    """A few misses and false matches of each cell below target, and every region in CSV."""
    WORK.mkdir(parents=True, exist_ok=True)
    with open(WORK / "regions.csv", "w", newline="") as f:
        out = csv.writer(f)
        out.writerow(["language", "transform", "donor", "donor_lines", "host", "host_lines",
                      "tokens", "group", "right_coverage", "left_coverage", "recovered",
                      "right_coverage_any_source", "matches_touching", "elsewhere"])
        for cells in results.values():
            for cell, _ in cells.values():
                for r in cell.regions:
                    g = r.region
                    out.writerow([g.language, g.transform, g.donor_path,
                                  f"{g.donor_start}-{g.donor_end}", g.host_path,
                                  f"{g.host_start}-{g.host_end}", g.tokens, g.group,
                                  f"{r.right:.3f}", f"{r.left:.3f}", r.recovered,
                                  f"{r.right_any:.3f}", r.touching,
                                  " ".join(r.elsewhere)])
    with open(WORK / "matches.csv", "w", newline="") as f:
        out = csv.writer(f)
        out.writerow(["language", "transform", "id", "host", "host_lines", "lines_inside",
                      "lines_outside", "tokens", "segments", "kind", "channels",
                      "identifiers_shared", "identifiers_left", "identifiers_right",
                      "strings_shared", "comments_shared", "literal_similarity", "filter",
                      "rarity_left_files", "rarity_right_files"])
        for language, cells in results.items():
            for t, (cell, _) in cells.items():
                for inside, outside, m in cell.host_matches:
                    e = m.evidence
                    out.writerow([language, t, m.id, m.right.path,
                                  f"{m.right.start_line}-{m.right.end_line}", inside, outside,
                                  m.tokens, len(m.segments), m.kind, " ".join(e.channels),
                                  e.identifiers_shared, e.identifiers_left,
                                  e.identifiers_right, e.strings_shared, e.comments_shared,
                                  m.literal_similarity, m.filter.classification,
                                  m.rarity.left_files, m.rarity.right_files])
    print(f"\nEvery region: {WORK / 'regions.csv'}, every match in a host file that received"
          f" injections: {WORK / 'matches.csv'}; compared trees under {WORK}")
    for language, cells in results.items():
        for t, (cell, _) in cells.items():
            if cell.recall >= TARGET and cell.precision >= TARGET:
                continue
            print(f"\n{language} / {t}: recall {cell.recall:.1%}, "
                  f"precision {cell.precision:.1%}")
            for r in [r for r in cell.regions if not r.recovered][:4]:
                g = r.region
                print(f"  miss {g.donor_path}:{g.donor_start}-{g.donor_end} -> {g.host_path}:"
                      f"{g.host_start}-{g.host_end} ({g.tokens} tokens): right {r.right:.0%}, "
                      f"left {r.left:.0%}, any source {r.right_any:.0%}, "
                      f"{r.touching} matches touch it"
                      + (f", from {' '.join(r.elsewhere[:3])}" if r.elsewhere else ""))
            for outside, m in cell.false_matches[:3]:
                print(f"  false {m.id} {m.left.path}:{m.left.start_line}-{m.left.end_line} -> "
                      f"{m.right.path}:{m.right.start_line}-{m.right.end_line} "
                      f"({m.tokens} tokens, {m.kind}): {outside} lines outside injected code")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="5 regions per cell")
    parser.add_argument("--per-cell", type=int, default=20, help="regions per cell (default 20)")
    parser.add_argument("--seed", type=int, default=20261122)
    parser.add_argument("--languages", default=",".join(LANGUAGES))
    parser.add_argument("--transforms", default=",".join(TRANSFORMS))
    args = parser.parse_args()
    per_cell = 5 if args.quick else args.per_cell
    languages = [x for x in args.languages.split(",") if x]
    transforms = [x for x in args.transforms.split(",") if x]
    for x in languages:
        if x not in LANGUAGES:
            parser.error(f"unknown language {x!r}; known: {', '.join(LANGUAGES)}")
    for x in transforms:
        if x not in TRANSFORMS:
            parser.error(f"unknown transformation {x!r}; known: {', '.join(TRANSFORMS)}")
    results = {x: run_language(x, transforms, per_cell, args.seed) for x in languages}
    print(f"\nRecovered: matches pointing to the region cover >= {THRESHOLD:.0%} of its lines "
          f"on both sides. Target: recall and line precision >= {TARGET:.0%}; '<' marks a "
          f"row below it. seed={args.seed}, {per_cell} regions per cell.\n")
    report(results, transforms)
    diagnose(results)


if __name__ == "__main__":
    main()
