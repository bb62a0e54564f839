"""A short piece of a copy beside its counted bulk (simcheck.match.companions): an
extracted helper's code, too short to count alone, counts as part of the copy."""

from __future__ import annotations

from pathlib import Path

from simcheck.compare import compare_paths
from simcheck.match.align import Region, Tile
from simcheck.match.companions import companions

FIXTURES = Path(__file__).parent / "fixtures" / "companions"


def test_an_extracted_helper_shorter_than_a_match_counts_beside_its_caller(fast_options):
    # host.py moved four lines of the copied method into a helper placed after it: the
    # donor has them inline (lines 12-16), in the gap of the caller's match.
    result = compare_paths(str(FIXTURES / "donor.py"), str(FIXTURES / "host.py"),
                           fast_options)
    helper = [m for m in result.matches if m.right.start_line >= 22]
    assert len(helper) == 1
    (m,) = helper
    assert (m.left.start_line, m.right.start_line) == (12, 23)
    assert m.tokens < result.settings.filtration.min_tokens  # too short on its own
    assert m.filter.classification == "none"
    assert "identifiers" in m.evidence.channels


def test_the_same_helper_far_from_its_caller_stays_too_short(tmp_path: Path, fast_options):
    # 60 lines of unrelated code between the caller and the helper: beyond the merge gap.
    host = (FIXTURES / "host.py").read_text(encoding="utf-8")
    head, helper = host.split("    def announce_length", 1)
    filler = "".join(f"    def unrelated_{i}(self):\n        return {i} * self.method\n\n"
                     for i in range(30))
    (tmp_path / "host.py").write_text(head + filler + "    def announce_length" + helper,
                                      encoding="utf-8")
    result = compare_paths(str(FIXTURES / "donor.py"), str(tmp_path / "host.py"),
                           fast_options)
    helper = [m for m in result.matches if m.left.start_line == 12]
    assert len(helper) == 1
    assert helper[0].right.text.lstrip().startswith("length = measure_length(body)")
    assert helper[0].filter.classification == "too-short"


def _region(*tiles: tuple[int, int, int]) -> Region:
    return Region(tuple(Tile(*t) for t in tiles))


def test_a_companion_lies_near_a_counted_regions_tiles_on_both_sides_in_either_order():
    anchor = _region((0, 100, 30), (50, 130, 30))  # a gap of 20 tokens on the left
    in_gap_moved_after = _region((32, 170, 12))  # the gap's code, after it on the right
    far_on_the_right = _region((33, 300, 12))
    short_alone = _region((400, 400, 12))
    found = [anchor, in_gap_moved_after, far_on_the_right, short_alone]
    counted = [True, False, False, False]
    short = [False, True, True, True]
    assert companions(found, counted, short, gap=40) == [1]
    assert companions(found, [False] * 4, short, gap=40) == []
