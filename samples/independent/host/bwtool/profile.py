"""Ramp/soak setpoint programs for the BT-40.

Brightwater Controls, 2023.

The BT-40 firmware only knows a fixed setpoint, so ramps are executed by
the host: a program is a list of segments, each either a ramp (move the
setpoint linearly to a target at a given rate) or a soak (hold for a
duration). Programs are stored as JSON:

    {"name": "anneal-A", "start": 20.0,
     "segments": [{"ramp_to": 450, "rate_per_min": 5},
                  {"soak_min": 90},
                  {"ramp_to": 80, "rate_per_min": 2}]}
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Segment:
    target: float | None  # None for a soak
    rate_per_min: float
    soak_min: float

    @property
    def is_soak(self) -> bool:
        return self.target is None


@dataclass(frozen=True)
class Program:
    name: str
    start: float
    segments: tuple[Segment, ...]

    def duration_min(self) -> float:
        total, level = 0.0, self.start
        for seg in self.segments:
            if seg.is_soak:
                total += seg.soak_min
            else:
                total += abs(seg.target - level) / seg.rate_per_min
                level = seg.target
        return total

    def setpoint_at(self, minute: float) -> float | None:
        """Setpoint at a time since start, or None when the program is over."""
        level = self.start
        for seg in self.segments:
            if seg.is_soak:
                if minute < seg.soak_min:
                    return level
                minute -= seg.soak_min
                continue
            span = abs(seg.target - level) / seg.rate_per_min
            if minute < span:
                step = seg.rate_per_min * minute
                return level + step if seg.target > level else level - step
            minute -= span
            level = seg.target
        return None

    def schedule(self, every_s: float = 10.0) -> Iterator[tuple[float, float]]:
        """(seconds since start, setpoint) pairs at a fixed interval."""
        t = 0.0
        while True:
            sp = self.setpoint_at(t / 60.0)
            if sp is None:
                return
            yield t, round(sp, 1)
            t += every_s


class ProgramError(ValueError):
    pass


def parse(doc: dict) -> Program:
    try:
        segments = []
        for i, raw in enumerate(doc["segments"]):
            if "soak_min" in raw:
                segments.append(Segment(None, 0.0, float(raw["soak_min"])))
            else:
                rate = float(raw["rate_per_min"])
                if rate <= 0:
                    raise ProgramError(f"segment {i}: rate must be positive")
                segments.append(Segment(float(raw["ramp_to"]), rate, 0.0))
        return Program(str(doc.get("name", "unnamed")), float(doc["start"]), tuple(segments))
    except (KeyError, TypeError) as exc:
        raise ProgramError(f"malformed program: {exc}") from exc


def load(path: str | Path) -> Program:
    return parse(json.loads(Path(path).read_text(encoding="utf-8")))
