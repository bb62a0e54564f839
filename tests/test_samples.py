"""The bundled samples: every derived region of the knock-off is found with the right
line ranges, and the independent codebase scores low."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from simcheck.compare import compare_paths
from simcheck.result import Result

SAMPLES = Path(__file__).resolve().parent.parent / "samples"
EXPECTED = json.loads((SAMPLES / "expected.json").read_text())


@pytest.fixture(scope="module")
def knockoff() -> Result:
    return compare_paths(str(SAMPLES / "original"), str(SAMPLES / "knockoff"))


def _covered(result: Result, left: str, right: str, side: str) -> set[int]:
    lines: set[int] = set()
    for m in result.matches:
        if (m.left.path, m.right.path) == (left, right):
            s = getattr(m, side)
            lines.update(range(s.start_line, s.end_line + 1))
    return lines


@pytest.mark.parametrize(
    "region", EXPECTED["derived"], ids=lambda d: f"{d['original']}:{d['original_lines'][0]}"
)
def test_each_derived_region_is_found_on_both_sides(knockoff, region):
    left, right = region["original"], region["knockoff"]
    want_left = set(range(region["original_lines"][0], region["original_lines"][1] + 1))
    want_right = set(range(region["knockoff_lines"][0], region["knockoff_lines"][1] + 1))
    got_left = _covered(knockoff, left, right, "left")
    got_right = _covered(knockoff, left, right, "right")
    assert len(got_left & want_left) / len(want_left) >= 0.8
    assert len(got_right & want_right) / len(want_right) >= 0.8


def test_reported_lines_lie_mostly_inside_the_true_regions(knockoff):
    truth: dict[tuple[str, str], list[tuple[int, int]]] = {}
    for d in EXPECTED["derived"]:
        truth.setdefault((d["original"], d["knockoff"]), []).append(tuple(d["original_lines"]))
    inside = total = 0
    for m in knockoff.matches:
        spans = truth.get((m.left.path, m.right.path), [])
        for line in range(m.left.start_line, m.left.end_line + 1):
            total += 1
            inside += any(lo <= line <= hi for lo, hi in spans)
    assert inside / total >= 0.8


def test_the_verbatim_file_is_reported_verbatim(knockoff):
    for left, right in EXPECTED["verbatim"]:
        pair = next(p for p in knockoff.file_pairs if (p.left, p.right) == (left, right))
        assert pair.left_coverage == 1.0 and pair.right_coverage == 1.0
        kinds = {m.kind for m in knockoff.matches if m.id in pair.matches}
        assert kinds == {"verbatim"}


def test_the_independent_codebase_scores_low(knockoff):
    independent = compare_paths(str(SAMPLES / "original"), str(SAMPLES / "independent"))
    assert knockoff.similarity > 0.8
    assert independent.similarity < 0.1
    assert independent.left.coverage.fraction < knockoff.left.coverage.fraction / 5
