"""A plain, tool-independent yardstick for a labelled dataset: how far can its labels be
told apart by whole-work token similarity alone?

Each side of a pair (a file, or a folder read as its files in path order) is cut into
C-family tokens by one regular expression, comments dropped, and the two token lists are
compared by their normalised edit similarity (rapidfuzz's Indel: 2 x the longest common
subsequence over the total length). Once with the tokens as written, once with every
identifier replaced by one placeholder (a renaming undone). Nothing of simcheck's engine
is used, so where this yardstick ranks a group of copies *below* the independent works
(ROC AUC under 0.5), the dataset's independent works are textually closer to their
counterpart than those copies are: a fact about the data that any similarity method
meets, not a parameter to tune.

With ``--scores S.csv --kept-below F`` (a ``left,right,score`` file, e.g. from
``simcheck benchmark --scores-out``) it also counts the positives whose right side (the
copy, in these datasets) keeps fewer than F of its left side's tokens, and scores S again
without them: how much of a method's error such near-empty "copies" explain.

Usage: python benchmarks/plain_similarity.py DATASET_DIR --truth PAIRS.csv
           [--meta META.csv --by COLUMN] [--scores S.csv --kept-below 0.3]
"""

from __future__ import annotations

import argparse
import csv
import re
from functools import cache
from pathlib import Path

from rapidfuzz.distance import Indel

from simcheck.benchmark import LabelledPair, ScoredPair, breakdown, read_meta, read_truth
from simcheck.metrics import evaluate

TOKEN = re.compile(
    r'"(?:\\.|[^"\\\n])*"'  # string literal
    r"|'(?:\\.|[^'\\\n])*'"  # character literal
    r"|[A-Za-z_]\w*"  # word: keyword or identifier
    r"|\d[\w.]*"  # number
    r"|\S"  # any other character
)
COMMENT = re.compile(r"//[^\n]*|/\*.*?\*/", re.S)
# Java and C++ keywords and common type names: kept as written when identifiers are masked.
KEYWORDS = frozenset(
    "abstract auto bool boolean break byte case catch char class const continue default "
    "delete do double else enum extends final finally float for friend goto if implements "
    "import include int interface long namespace new operator package private protected "
    "public return short signed sizeof static struct super switch template this throw "
    "throws try typedef typename union unsigned using virtual void volatile while".split()
)


def _read(path: Path) -> str:
    files = [path] if path.is_file() else sorted(p for p in path.rglob("*") if p.is_file())
    return "\n".join(p.read_text(encoding="utf-8", errors="replace") for p in files)


@cache
def tokens(path: Path, masked: bool) -> tuple[str, ...]:
    found = TOKEN.findall(COMMENT.sub(" ", _read(path)))
    if not masked:
        return tuple(found)
    return tuple(
        "ID" if (t[0].isalpha() or t[0] == "_") and t not in KEYWORDS else t for t in found
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("dataset", type=Path)
    parser.add_argument("--truth", type=Path, required=True)
    parser.add_argument("--meta", type=Path)
    parser.add_argument("--by")
    parser.add_argument("--scores", type=Path)
    parser.add_argument("--kept-below", type=float, default=0.3)
    args = parser.parse_args()
    truth = read_truth(args.truth)
    meta = read_meta(args.meta or args.truth, args.by) if args.by else None
    for masked, title in ((False, "tokens as written"), (True, "identifiers masked")):
        scored = [
            ScoredPair(p.left, p.right, p.label, Indel.normalized_similarity(
                tokens(args.dataset / p.left, masked), tokens(args.dataset / p.right, masked)))
            for p in truth
        ]
        m = evaluate([s.label for s in scored], [s.score for s in scored])
        print(f"{title}: ROC AUC {m.roc_auc:.4f}, best F1 {m.best_f1:.4f} ({m.pairs} pairs)")
        for value, g in breakdown(scored, meta) if meta else ():
            print(f"  {args.by} {value}: ROC AUC {g.roc_auc:.4f}")
    if args.scores:
        _without_near_empty_copies(args.dataset, truth, args.scores, args.kept_below)


def _without_near_empty_copies(
    dataset: Path, truth: list[LabelledPair], scores_csv: Path, fraction: float
) -> None:
    with scores_csv.open(newline="", encoding="utf-8") as f:
        score = {(r["left"], r["right"]): float(r["score"]) for r in csv.DictReader(f)}
    kept = [
        len(tokens(dataset / p.right, False)) / max(len(tokens(dataset / p.left, False)), 1)
        for p in truth
    ]
    dropped = [p.label == 1 and k < fraction for p, k in zip(truth, kept, strict=True)]
    rest = [p for p, d in zip(truth, dropped, strict=True) if not d]
    before = evaluate([p.label for p in truth], [score[p.left, p.right] for p in truth])
    after = evaluate([p.label for p in rest], [score[p.left, p.right] for p in rest])
    print(
        f"{sum(dropped)} of {sum(p.label for p in truth)} positives keep under {fraction:.0%}"
        f" of their left side's tokens. {scores_csv.name}: ROC AUC {before.roc_auc:.4f},"
        f" best F1 {before.best_f1:.4f}; without them {after.roc_auc:.4f}, {after.best_f1:.4f}"
    )


if __name__ == "__main__":
    main()
