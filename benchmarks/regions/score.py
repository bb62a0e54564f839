"""Score simcheck's matches against the injected regions.

Lines are non-blank lines. A match *points to* a region when its right side overlaps the
region's lines in the host file and its left side overlaps the original definition's lines
in the right donor file. A region is **recovered** when the matches pointing to it cover at
least ``THRESHOLD`` of its lines on the right side and of the original definition's lines on
the left side. **Line precision** is, over the host files that received injections, the
share of lines inside simcheck's matched ranges (right side) that lie inside injected code.

Both are scored on the matches simcheck *counts* (filter classification "none"): those are
what the expert reports as evidence; matches a filter stage explains stay in the result,
listed with their reason, but are not claimed as copying. Line precision over every match,
before filtration, is kept beside it (``precision_unfiltered``).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from simcheck.result import Match, Result

from .inject import Region

THRESHOLD = 0.5


def nonblank(text: bytes) -> set[int]:
    return {i for i, line in enumerate(text.split(b"\n"), start=1) if line.strip()}


def _span(start: int, end: int, lines: set[int]) -> set[int]:
    return {n for n in range(start, end + 1) if n in lines}


@dataclass
class RegionScore:
    region: Region
    right: float  # share of the region's lines covered by matches pointing to it
    left: float  # share of the original definition's lines covered by those matches
    touching: int  # matches whose right side overlaps the region, from anywhere on the left
    elsewhere: list[str]  # left files/lines of touching matches not pointing to the region
    right_any: float = 0.0  # share of the region's lines covered by any match at all

    @property
    def recovered(self) -> bool:
        return self.right >= THRESHOLD and self.left >= THRESHOLD

    @property
    def wrong_source(self) -> bool:
        """Missed, yet found: the matches cover it but cite other donor code (typically a
        sibling function with the same structure)."""
        return not self.recovered and self.right_any >= THRESHOLD


@dataclass
class CellScore:
    regions: list[RegionScore] = field(default_factory=list)
    matched_lines: int = 0  # right-side matched lines in host files with injections
    matched_inside: int = 0  # ... of which inside injected code
    # Matched lines outside injected code, from matches that also cover injected code (the
    # region overshoots) and from matches that cover none (chance or idiom, "background").
    spill_lines: int = 0
    background_lines: int = 0
    false_matches: list[tuple[int, Match]] = field(default_factory=list)  # (lines outside, m)
    # Every match (counted or not) in those host files: (lines inside, lines outside, m).
    host_matches: list[tuple[int, int, Match]] = field(default_factory=list)
    # The same line counts over every match, before filtration.
    matched_lines_unfiltered: int = 0
    matched_inside_unfiltered: int = 0

    @property
    def recall(self) -> float:
        return sum(r.recovered for r in self.regions) / len(self.regions) if self.regions else 0.0

    @property
    def precision(self) -> float:
        return self.matched_inside / self.matched_lines if self.matched_lines else 1.0

    @property
    def precision_unfiltered(self) -> float:
        if not self.matched_lines_unfiltered:
            return 1.0
        return self.matched_inside_unfiltered / self.matched_lines_unfiltered


def counted(match: Match) -> bool:
    """A match simcheck counts as evidence: no filter stage explains it."""
    return match.filter.classification == "none"


def _overlaps(a0: int, a1: int, b0: int, b1: int) -> bool:
    return a0 <= b1 and b0 <= a1


def score(
    result: Result, regions: list[Region], donor: dict[str, bytes], host: dict[str, bytes]
) -> CellScore:
    """``donor`` and ``host`` are the files as compared (host with the injections)."""
    matches = [m for m in result.matches if counted(m)]
    donor_lines = {p: nonblank(t) for p, t in donor.items()}
    host_lines = {p: nonblank(t) for p, t in host.items()}
    cell = CellScore()
    for reg in regions:
        mine_r = _span(reg.host_start, reg.host_end, host_lines[reg.host_path])
        mine_l = _span(reg.donor_start, reg.donor_end, donor_lines[reg.donor_path])
        got_r: set[int] = set()
        got_l: set[int] = set()
        any_r: set[int] = set()
        touching = 0
        elsewhere: list[str] = []
        for m in matches:
            if m.right.path != reg.host_path or not _overlaps(
                    m.right.start_line, m.right.end_line, reg.host_start, reg.host_end):
                continue
            touching += 1
            any_r |= _span(m.right.start_line, m.right.end_line, mine_r)
            if m.left.path == reg.donor_path and _overlaps(
                    m.left.start_line, m.left.end_line, reg.donor_start, reg.donor_end):
                got_r |= _span(m.right.start_line, m.right.end_line, mine_r)
                got_l |= _span(m.left.start_line, m.left.end_line, mine_l)
            else:
                elsewhere.append(f"{m.left.path}:{m.left.start_line}-{m.left.end_line}")
        cell.regions.append(RegionScore(
            reg, len(got_r) / len(mine_r) if mine_r else 0.0,
            len(got_l) / len(mine_l) if mine_l else 0.0, touching, elsewhere,
            len(any_r) / len(mine_r) if mine_r else 0.0,
        ))
    injected: dict[str, set[int]] = {}
    for reg in regions:
        injected.setdefault(reg.host_path, set()).update(
            _span(reg.host_start, reg.host_end, host_lines[reg.host_path]))
    matched: dict[str, set[int]] = {p: set() for p in injected}
    spill: dict[str, set[int]] = {p: set() for p in injected}
    background: dict[str, set[int]] = {p: set() for p in injected}
    for m in matches:
        path = m.right.path
        if path in injected:
            lines = _span(m.right.start_line, m.right.end_line, host_lines[path])
            matched[path] |= lines
            outside = lines - injected[path]
            if outside:
                cell.false_matches.append((len(outside), m))
                (spill if lines & injected[path] else background)[path].update(outside)
    for path, lines in matched.items():
        cell.matched_lines += len(lines)
        cell.matched_inside += len(lines & injected[path])
        cell.spill_lines += len(spill[path])
        cell.background_lines += len(background[path] - spill[path])
    everything: dict[str, set[int]] = {p: set() for p in injected}
    for m in result.matches:
        if m.right.path in injected:
            lines = _span(m.right.start_line, m.right.end_line, host_lines[m.right.path])
            everything[m.right.path] |= lines
            inside = len(lines & injected[m.right.path])
            cell.host_matches.append((inside, len(lines) - inside, m))
    for path, lines in everything.items():
        cell.matched_lines_unfiltered += len(lines)
        cell.matched_inside_unfiltered += len(lines & injected[path])
    cell.false_matches.sort(key=lambda item: (-item[0], item[1].id))
    return cell
