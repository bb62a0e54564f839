"""The bundled samples: every derived region of the knock-off is found with the right
line ranges, and the independent codebase scores low."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from simcheck.compare import CompareOptions, compare_paths
from simcheck.filter.options import FilterOptions
from simcheck.result import Result

SAMPLES = Path(__file__).resolve().parent.parent / "samples"
EXPECTED = json.loads((SAMPLES / "expected.json").read_text())


@pytest.fixture(scope="module")
def knockoff() -> Result:
    return compare_paths(str(SAMPLES / "original"), str(SAMPLES / "knockoff"))


@pytest.fixture(scope="module")
def filtered(tmp_path_factory) -> Result:
    """The README's comparison: with the base and the third-party library as references."""
    options = CompareOptions(filtration=FilterOptions(
        base=str(SAMPLES / "base"), corpora=(str(SAMPLES / "thirdparty"),),
        labels=("samples/base", "samples/thirdparty"),
        cache_dir=str(tmp_path_factory.mktemp("cache")),
    ))
    return compare_paths(str(SAMPLES / "original"), str(SAMPLES / "knockoff"), options)


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
    for d in EXPECTED["derived"] + EXPECTED["explained"]["regions"]:
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


def test_no_match_with_the_independent_codebase_survives_filtration():
    # EXPECTED.md: the BT-40 shares no code; Modbus frames and constants are convention.
    assert EXPECTED["independent"]["derived"] == []
    independent = compare_paths(str(SAMPLES / "original"), str(SAMPLES / "independent"))
    counted = [m for m in independent.matches if m.filter.classification == "none"]
    assert counted == []
    assert independent.left.coverage_filtered.fraction == 0.0


def _filter_lines(result: Result, region: dict) -> dict[str, set[int]]:
    """Original-side lines of ``region`` by the filter stage of the match tokens on them."""
    lines: dict[str, set[int]] = {}
    lo, hi = region["original_lines"]
    for m in result.matches:
        if (m.left.path, m.right.path) != (region["original"], region["knockoff"]):
            continue
        for span in m.filter.spans:
            inside = set(range(span.left_start_line, span.left_end_line + 1)) & set(
                range(lo, hi + 1)
            )
            lines.setdefault(span.stage, set()).update(inside)
    return lines


@pytest.mark.parametrize(
    "region", EXPECTED["explained"]["regions"],
    ids=lambda d: f"{d['original']}:{d['original_lines'][0]}",
)
def test_base_and_third_party_code_is_explained_citing_the_reference(filtered, region):
    stage = {"base": "explained-by-base", "corpus": "explained-by-corpus"}[region["source"]]
    lo, hi = region["original_lines"]
    explained = _filter_lines(filtered, region).get(stage, set())
    assert len(explained) / (hi - lo + 1) >= 0.9
    ref_lo, ref_hi = region["reference_lines"]
    cited = [
        e for m in filtered.matches for e in m.filter.evidence
        if m.left.path == region["original"] and e.stage == stage
        and (e.where, e.path) == (region["reference"], region["reference_path"])
    ]
    assert any(e.start_line <= ref_hi and ref_lo <= e.end_line for e in cited)


def test_the_copied_additions_to_the_base_still_count(filtered):
    for region in EXPECTED["derived"]:
        by_stage = _filter_lines(filtered, region)
        explained = set().union(*(v for k, v in by_stage.items() if k != "none"))
        explained -= by_stage.get("none", set())  # a line with a counted token counts
        lo, hi = region["original_lines"]
        assert len(explained) / (hi - lo + 1) <= 0.1, region["note"]


def test_filtered_coverage_excludes_the_explained_code(filtered, knockoff):
    assert filtered.left.coverage == knockoff.left.coverage  # filtering changes no match
    assert [m.id for m in filtered.matches] == [m.id for m in knockoff.matches]
    by_stage = {row.stage: row for row in filtered.ledger}
    for stage in ("explained-by-base", "explained-by-corpus"):
        row = by_stage[stage]
        assert row.matches >= 2 and row.left.tokens_after < row.left.tokens_before
    explained_tokens = sum(
        x.tokens for m in filtered.matches for x in m.filter.explained
        if x.stage in ("explained-by-base", "explained-by-corpus")
    )
    removed = sum(by_stage[s].left.tokens_before - by_stage[s].left.tokens_after
                  for s in ("explained-by-base", "explained-by-corpus"))
    assert removed == explained_tokens  # no token of these files is matched twice
    assert filtered.left.coverage_filtered.tokens_matched < (
        filtered.left.coverage.tokens_matched - explained_tokens + 1
    )
    assert filtered.similarity_filtered < filtered.similarity
    assert [(r.role, r.label) for r in filtered.references] == [
        ("base", "samples/base"), ("corpus", "samples/thirdparty")
    ]


def test_planted_misspellings_are_shared_oddities_and_software_words_are_not(knockoff):
    # EXPECTED.md's markers ("oscilation" and "seperator" are not found: "oscillation"
    # and "separator" are rarer in the dictionary's corpus than a correction must be);
    # "stdout" (a help text on both sides) is one edit from "stout" but software's own.
    found = {a.text for a in knockoff.code_anomalies if a.kind == "misspelling"}
    assert found == {"recieve", "recieved", "threshhold", "succesfully"}


def test_without_references_the_vendored_copy_is_still_classified(knockoff):
    vendored = [m for m in knockoff.matches if m.filter.classification == "vendored"]
    assert {m.left.path for m in vendored} == {
        "firmware/third_party/tinyring/tinyring.c", "firmware/third_party/tinyring/tinyring.h"
    }
    assert all(e.note.endswith("firmware/third_party/") for m in vendored
               for e in m.filter.evidence)
