"""Day/night targets for the greenhouse, read from a small TOML-like text file.

    [day]            [night]
    from = 06:30     from = 20:15
    air = 24.5       air = 17.0
"""

import datetime as dt
import re

from .vents import Targets

_SECTION = re.compile(r"^\[(day|night)\]$")
_SETTING = re.compile(r"^(\w+)\s*=\s*(\S+)$")


def parse_schedule(text):
    sections = {}
    current = None
    for number, raw in enumerate(text.splitlines(), 1):
        line = raw.split("#", 1)[0].strip()
        if not line:
            continue
        header = _SECTION.match(line)
        if header:
            current = sections.setdefault(header.group(1), {})
            continue
        setting = _SETTING.match(line)
        if setting is None or current is None:
            raise ValueError(f"line {number}: cannot read {raw!r}")
        current[setting.group(1)] = setting.group(2)
    if set(sections) != {"day", "night"}:
        raise ValueError("need both a [day] and a [night] section")
    return sections


def _clock(value):
    hours, minutes = value.split(":")
    return dt.time(int(hours), int(minutes))


def targets_at(sections, when):
    day_from = _clock(sections["day"]["from"])
    night_from = _clock(sections["night"]["from"])
    name = "day" if day_from <= when.time() < night_from else "night"
    chosen = sections[name]
    return name, Targets(
        air_c=float(chosen.get("air", 24.0)),
        humidity_low=float(chosen.get("humidity_low", 60.0)),
        humidity_high=float(chosen.get("humidity_high", 72.0)),
    )
