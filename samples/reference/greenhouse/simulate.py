"""Run the vent rule against a recorded day of sensor data and print a summary."""

import argparse
import csv
import datetime as dt
import sys

from .schedule import parse_schedule, targets_at
from .vents import Climate, VentRule


def read_climate(path):
    with open(path, newline="") as handle:
        for row in csv.DictReader(handle):
            yield dt.datetime.fromisoformat(row["time"]), Climate(
                air_c=float(row["air_c"]),
                humidity_pct=float(row["rh"]),
                wind_ms=float(row.get("wind", 0) or 0),
                raining=row.get("rain", "0") == "1",
            )


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("climate_csv")
    parser.add_argument("--schedule", required=True)
    args = parser.parse_args(argv)
    with open(args.schedule) as handle:
        sections = parse_schedule(handle.read())
    rule = None
    moves = misting_minutes = 0
    last = None
    for when, climate in read_climate(args.climate_csv):
        period, targets = targets_at(sections, when)
        if rule is None or rule.targets != targets:
            rule = VentRule(targets, rule.position if rule else 0)
        position, misting = rule.step(climate)
        if last is not None and position != last:
            moves += 1
        last = position
        misting_minutes += misting
    print(f"vent moves: {moves}, misting: {misting_minutes} min")
    return 0


if __name__ == "__main__":
    sys.exit(main())
