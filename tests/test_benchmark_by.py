"""`benchmark --by`: each value's positives against all negatives, the definition of
``evaluate.py --by-positive``, checked on hand-computed pair sets."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from simcheck.benchmark import NOT_IN_META, ScoredPair, breakdown, read_meta

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "copies"


def _scored() -> list[ScoredPair]:
    return [
        ScoredPair("a1", "b1", 1, 0.9),
        ScoredPair("a2", "b2", 1, 0.8),
        ScoredPair("a3", "b3", 1, 0.3),
        ScoredPair("a4", "b4", 1, 0.7),
        ScoredPair("n1", "m1", 0, 0.5),
        ScoredPair("n2", "m2", 0, 0.1),
    ]


def test_each_group_is_its_positives_against_all_negatives(tmp_path):
    meta_csv = tmp_path / "meta.csv"
    # Pairs spelled the other way round, with './', still match; a4 is not listed.
    meta_csv.write_text(
        "left,right,label,group\n./b1,a1,1,A\na2,b2/,1,A\na3,b3,1,B\nn1,m1,0,none\n"
    )
    rows = dict(breakdown(_scored(), read_meta(meta_csv, "group")))
    assert list(rows) == sorted(rows) == [NOT_IN_META, "A", "B"]
    a, b = rows["A"], rows["B"]
    assert (a.pairs, a.positives, a.roc_auc, a.average_precision, a.best_f1) == (4, 2, 1, 1, 1)
    # B's one positive (0.3) beats one negative (0.1) and loses to one (0.5).
    assert (b.pairs, b.positives, b.roc_auc) == (3, 1, 0.5)
    assert b.average_precision == pytest.approx(0.5)
    assert b.best_f1 == pytest.approx(2 / 3) and b.threshold == 0.3
    assert rows[NOT_IN_META].positives == 1


def test_a_breakdown_without_negatives_is_refused():
    with pytest.raises(ValueError, match="negative"):
        breakdown([s for s in _scored() if s.label == 1], {})


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "simcheck.cli", *args], capture_output=True, text=True, timeout=300
    )


def test_benchmark_prints_one_row_per_group(tmp_path):
    data = tmp_path / "set"
    data.mkdir()
    for name in ("original.py", "renamed.py", "reformatted.c", "reformatted_copy.c"):
        (data / name).write_bytes((FIXTURES / name).read_bytes())
    truth = tmp_path / "pairs.csv"
    truth.write_text(
        "left,right,label\noriginal.py,renamed.py,1\nreformatted.c,reformatted_copy.c,1\n"
        "original.py,reformatted.c,0\nrenamed.py,reformatted_copy.c,0\n"
    )
    meta = tmp_path / "pairs_meta.csv"
    meta.write_text(
        "left,right,label,kind\noriginal.py,renamed.py,1,renaming\n"
        "reformatted.c,reformatted_copy.c,1,layout\n"
        "original.py,reformatted.c,0,none\nrenamed.py,reformatted_copy.c,0,none\n"
    )
    run = _run("benchmark", str(data), "--truth", str(truth), "--meta", str(meta),
               "--by", "kind")
    assert run.returncode == 0, run.stderr
    lines = run.stdout.splitlines()
    rows = {line.split()[1]: line for line in lines if line.startswith("│")}
    assert {"all", "renaming", "layout"} <= set(rows) and "none" not in rows
    assert rows["renaming"].split("│")[2].strip() == "3"  # 1 positive + 2 negatives
    assert "Each kind row: the positive pairs of that kind against all negative" in run.stdout

    bad = _run("benchmark", str(data), "--truth", str(truth), "--meta", str(meta),
               "--by", "nope")
    assert bad.returncode == 2 and "nope" in bad.stderr
