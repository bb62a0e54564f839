"""Score a labelled pair set with the default settings: the error rate of the method.

Each side of a pair is a file or a folder (one multi-file work). Every distinct work is
ingested and fingerprinted once; each pair is then compared exactly as ``compare`` would.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass, replace
from pathlib import Path

from fingerprints.literals import CHANNELS

from .compare import CompareOptions, compare_prepared
from .errors import InputError
from .ingest import ingest
from .match.bare import bare_kgram_set
from .match.common import common_kgrams
from .match.order_free import KgramRarity, kgram_set, rarity, union
from .match.referenced import referenced_streams
from .metrics import Metrics, evaluate
from .prepare import PreparedWork, prepare
from .progress import Progress, silent
from .result import Result, WorkSummary

# A k-gram in more than this share of the dataset's works is common (idiom, template).
COMMON_FRACTION = 0.1


def pair_score(result: Result) -> float:
    """Three lines of evidence combined as independent: 1 - (1-s)(1-c)(1-t).

    s, structure: the mean of two containments, each the larger of its two directions:
    the share of tokens inside the matches that count after filtration (ordered runs;
    too short, keyword-only and short structure-only matches set aside, as in the
    expert's filtered figures), and the order-free structure channel (short k-grams
    anywhere, rarity-weighted; the larger of its measurements with and without braces,
    semicolons and modifiers), which still sees copies whose functions or statements were
    reordered or re-punctuated. Both leave out the definitions a program never reaches
    (a personal template's unused helpers, inserted dead methods): they add code, not
    behaviour, and would dilute a copied core or lift two works that share only an
    unused template. Containment
    rather than overlap: a copy padded with new code, or cut down to its essentials,
    still scores high.
    c, comments: the larger rarity-weighted share of one side's comments found on the
    other: a copy rewritten until its structure is gone often keeps its author's comments.
    Independent works started from one IDE or judge template share its comments too, and
    often nothing else; how common a comment is cannot tell the two apart (a task's given
    comment that its copies keep is as common in a set as a template's). So a shared
    comment that no other work of the reference has counts in full, and one that other
    works also have counts as far as the rest of the evidence corroborates it:
    1 - (1-s)(1-u), u the larger share of string literals found on the other side.
    t, strings: the smaller rarity-weighted share of string literals found on the other
    side, times s. Independent programs for one task print the strings the task dictates,
    so shared strings count only as far as the structure corroborates them."""
    runs = max(reached_coverage(result.left), reached_coverage(result.right))
    order_free = max(result.left.order_free, result.right.order_free)
    structure = (runs + order_free) / 2
    channel = {c.name: c for c in result.channels}
    strings_shares = (channel["strings"].left_share, channel["strings"].right_share)
    corroboration = 1 - (1 - structure) * (1 - max(strings_shares))
    c = channel["comments"]
    comments = max(
        exclusive + (share - exclusive) * corroboration
        for share, exclusive in ((c.left_share, c.left_share_exclusive),
                                 (c.right_share, c.right_share_exclusive))
    )
    strings = min(strings_shares) * structure
    return 1 - (1 - structure) * (1 - comments) * (1 - strings)


def reached_coverage(side: WorkSummary) -> float:
    """A side's filtered coverage without the definitions its program never reaches: their
    matched tokens and their tokens left out (all of the work when there are none)."""
    total = side.coverage_filtered.tokens_total - side.order_free_set_aside
    matched = side.coverage_filtered.tokens_matched - side.matched_set_aside
    return matched / total if total > 0 else 0.0


@dataclass(frozen=True)
class LabelledPair:
    left: str
    right: str
    label: int


@dataclass(frozen=True)
class ScoredPair:
    left: str
    right: str
    label: int
    score: float


def read_truth(path: Path) -> list[LabelledPair]:
    try:
        with path.open(newline="", encoding="utf-8-sig") as f:
            rows = list(csv.DictReader(f))
    except OSError as exc:
        raise InputError(f"{path}: cannot read truth file ({exc.strerror})") from exc
    if not rows or not {"left", "right", "label"} <= set(rows[0]):
        raise InputError(f"{path}: needs a header with columns left,right,label")
    return [LabelledPair(r["left"].strip(), r["right"].strip(), int(r["label"])) for r in rows]


def run_benchmark(
    dataset: Path,
    truth: list[LabelledPair],
    options: CompareOptions | None = None,
    progress: Progress = silent,
) -> tuple[list[ScoredPair], Metrics]:
    options = options or CompareOptions()
    if not dataset.is_dir():
        raise InputError(f"{dataset}: not a directory")
    names = sorted({p.left for p in truth} | {p.right for p in truth})
    works = [ingest(str(dataset / name), options.ingest) for name in names]
    fingerprinted = prepare(works, options.fingerprint, options.workers, progress)
    prepared = dict(zip(names, fingerprinted, strict=True))
    # The dataset's works are each other's reference corpus (never their labels).
    corpus = [[f.fp.kgrams for f in w.compared] for w in fingerprinted]
    # The order-free channel's streams: without the definitions a program never reaches.
    streams = [referenced_streams(w.compared, w.unreferenced)[0] for w in fingerprinted]
    options = replace(
        options,
        common=common_kgrams(corpus, COMMON_FRACTION),
        rarity=rarity([kgram_set(s) for s in streams]),
        rarity_bare=rarity([bare_kgram_set(s) for s in streams]),
        literal_rarity={name: _literal_rarity(fingerprinted, name) for name in CHANNELS},
        rarity_reference=f"the {len(fingerprinted)} works of the benchmark set",
    )
    advance = progress("Comparing pairs", len(truth))
    scored = []
    for pair in truth:
        result = compare_prepared(prepared[pair.left], prepared[pair.right], options)
        scored.append(ScoredPair(pair.left, pair.right, pair.label, pair_score(result)))
        advance(1)
    return scored, evaluate([s.label for s in scored], [s.score for s in scored])


def _literal_rarity(works: list[PreparedWork], channel: str) -> KgramRarity:
    """Frequencies of a literal channel's items among the works (a work counts once)."""
    return rarity([
        union([f.fp.literals.channel(channel).symbols for f in w.compared
               if f.fp.literals is not None])
        for w in works
    ])


def _key(left: str, right: str) -> tuple[str, str]:
    """A pair as an unordered key of normalised paths ('\\' -> '/', no leading './' or
    trailing '/'), so that a metadata file matches however it spells the pair."""

    def norm(p: str) -> str:
        p = p.strip().replace("\\", "/")
        while p.startswith("./"):
            p = p[2:]
        while len(p) > 1 and p.endswith("/"):
            p = p[:-1]
        return p

    a, b = norm(left), norm(right)
    return (a, b) if a <= b else (b, a)


def read_meta(path: Path, column: str) -> dict[tuple[str, str], str]:
    """``column``'s value for each pair of a metadata CSV (columns left, right, COLUMN)."""
    try:
        with path.open(newline="", encoding="utf-8-sig") as f:
            rows = list(csv.DictReader(f))
    except OSError as exc:
        raise InputError(f"{path}: cannot read metadata file ({exc.strerror})") from exc
    if not rows or not {"left", "right", column} <= set(rows[0]):
        raise InputError(f"{path}: needs a header with columns left,right,{column}")
    return {_key(r["left"], r["right"]): r[column] for r in rows}


NOT_IN_META = "(not in the metadata)"


def breakdown(
    scored: list[ScoredPair], meta: dict[tuple[str, str], str]
) -> list[tuple[str, Metrics]]:
    """For each value found on positive pairs: those positives against all negatives
    (the definition of ``evaluate.py --by-positive``), values sorted as text."""
    negatives = [s for s in scored if s.label == 0]
    if not negatives:
        raise ValueError("a breakdown needs negative pairs")
    groups: dict[str, list[ScoredPair]] = {}
    for s in scored:
        if s.label == 1:
            groups.setdefault(meta.get(_key(s.left, s.right), NOT_IN_META), []).append(s)
    rows = []
    for value in sorted(groups):
        subset = groups[value] + negatives
        rows.append((value, evaluate([s.label for s in subset], [s.score for s in subset])))
    return rows


def write_scores(path: Path, scored: list[ScoredPair]) -> None:
    with path.open("w", newline="", encoding="utf-8") as f:
        writer = csv.writer(f, lineterminator="\n")
        writer.writerow(["left", "right", "score"])
        for s in scored:
            writer.writerow([s.left, s.right, f"{s.score:.6f}"])
