#!/usr/bin/env python3
"""batchstats - summary statistics for batch-plant sensor exports.

Reads one or more CSV exports (a timestamp column and one column per tag),
and prints per tag: samples, missing, min, max, mean, standard deviation
and the samples outside mean +/- k standard deviations. Uses Welford's
running algorithm so exports larger than memory are fine.
"""

import argparse
import csv
import math
import sys


class Running:
    __slots__ = ("n", "mean", "m2", "lo", "hi", "missing")

    def __init__(self):
        self.n = 0
        self.mean = 0.0
        self.m2 = 0.0
        self.lo = math.inf
        self.hi = -math.inf
        self.missing = 0

    def add(self, x):
        self.n += 1
        delta = x - self.mean
        self.mean += delta / self.n
        self.m2 += delta * (x - self.mean)
        self.lo = min(self.lo, x)
        self.hi = max(self.hi, x)

    @property
    def stdev(self):
        return math.sqrt(self.m2 / (self.n - 1)) if self.n > 1 else 0.0


def scan(paths, time_column):
    stats = {}
    for path in paths:
        with open(path, newline="", encoding="utf-8") as handle:
            reader = csv.DictReader(handle)
            tags = [c for c in reader.fieldnames or [] if c != time_column]
            for row in reader:
                for tag in tags:
                    cell = (row.get(tag) or "").strip()
                    acc = stats.setdefault(tag, Running())
                    try:
                        acc.add(float(cell))
                    except ValueError:
                        acc.missing += 1
    return stats


def outliers(paths, time_column, stats, k):
    found = {}
    for path in paths:
        with open(path, newline="", encoding="utf-8") as handle:
            for row in csv.DictReader(handle):
                for tag, acc in stats.items():
                    try:
                        x = float(row[tag])
                    except (KeyError, ValueError):
                        continue
                    if acc.stdev and abs(x - acc.mean) > k * acc.stdev:
                        found.setdefault(tag, []).append((row[time_column], x))
    return found


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("exports", nargs="+")
    parser.add_argument("--time-column", default="timestamp")
    parser.add_argument("-k", type=float, default=4.0, help="outlier distance in stdevs")
    args = parser.parse_args(argv)

    stats = scan(args.exports, args.time_column)
    if not stats:
        print("no tags found", file=sys.stderr)
        return 1
    extreme = outliers(args.exports, args.time_column, stats, args.k)
    width = max(len(tag) for tag in stats)
    print(f"{'tag':<{width}}  {'n':>7} {'miss':>5} {'min':>10} {'max':>10} {'mean':>10} {'sd':>9} out")
    for tag in sorted(stats):
        s = stats[tag]
        if s.n == 0:
            print(f"{tag:<{width}}  {0:>7} {s.missing:>5}  (no numeric samples)")
            continue
        print(f"{tag:<{width}}  {s.n:>7} {s.missing:>5} {s.lo:>10.3f} {s.hi:>10.3f} "
              f"{s.mean:>10.3f} {s.stdev:>9.3f} {len(extreme.get(tag, []))}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
