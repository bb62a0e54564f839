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

Usage: python benchmarks/plain_similarity.py DATASET_DIR --truth PAIRS.csv
                                             [--meta META.csv --by COLUMN]
"""

from __future__ import annotations

import argparse
import re
from functools import cache
from pathlib import Path

from rapidfuzz.distance import Indel

from simcheck.benchmark import ScoredPair, breakdown, read_meta, read_truth
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


if __name__ == "__main__":
    main()
