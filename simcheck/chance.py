"""Chance statistics: how often comparisons between independent works reach a figure.

Pure functions over numbers (no I/O). Each independent comparison contributes one
observation: its largest match (tokens) and its larger coverage. A figure of the real
comparison is then placed in that empirical distribution: the share of independent
comparisons that reached it, with a one-sided exact (Clopper-Pearson) upper confidence
bound so that "never seen in n comparisons" is stated with the weight n gives it.
"""

from __future__ import annotations

import bisect
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

from .result import ChanceRate, Quantile

QUANTILES = (0.5, 0.9, 0.95, 0.99, 1.0)
CONFIDENCE = 0.95


@dataclass(frozen=True)
class Observation:
    """One independent comparison: a side of the real comparison against a reference
    work. ``matches`` lists the tokens of every match it found."""

    largest_match: int
    coverage: float  # the larger of the two works' coverages
    matches: tuple[int, ...] = ()


def _log_binomial_cdf(k: int, n: int, p: float) -> float:
    """log P(X <= k) for X ~ Binomial(n, p), 0 < p < 1, summed in log space."""
    terms = [
        math.lgamma(n + 1) - math.lgamma(i + 1) - math.lgamma(n - i + 1)
        + i * math.log(p) + (n - i) * math.log1p(-p)
        for i in range(k + 1)
    ]
    top = max(terms)
    return top + math.log(sum(math.exp(t - top) for t in terms))


@lru_cache(maxsize=4096)
def upper_bound(reached: int, comparisons: int, confidence: float = CONFIDENCE) -> float:
    """One-sided exact (Clopper-Pearson) upper confidence bound on a rate after
    ``reached`` of ``comparisons``: the largest p under which seeing ``reached`` or fewer
    still has probability ``1 - confidence``. For 0 of n it is 1 - (1 - confidence)^(1/n),
    about 3/n at 95% (the rule of three). Increases with ``reached``."""
    if comparisons <= 0:
        return 1.0
    if reached >= comparisons:
        return 1.0
    alpha = 1.0 - confidence
    if reached == 0:
        return 1.0 - alpha ** (1.0 / comparisons)
    target = math.log(alpha)
    lo, hi = reached / comparisons, 1.0
    for _ in range(100):  # bisection: the CDF falls as p rises
        mid = (lo + hi) / 2
        if _log_binomial_cdf(reached, comparisons, mid) > target:
            lo = mid
        else:
            hi = mid
    return hi


def rate(reached: int, comparisons: int) -> ChanceRate:
    return ChanceRate(
        comparisons=comparisons,
        reached=reached,
        rate=reached / comparisons if comparisons else 0.0,
        upper_95=upper_bound(reached, comparisons),
    )


@dataclass(frozen=True)
class Distribution:
    """The independent comparisons' figures, sorted, for placing real figures in them."""

    largest: tuple[int, ...]  # largest match per comparison, ascending
    coverage: tuple[float, ...]  # larger coverage per comparison, ascending

    @classmethod
    def of(cls, observations: Iterable[Observation]) -> Distribution:
        obs = list(observations)
        return cls(
            tuple(sorted(o.largest_match for o in obs)),
            tuple(sorted(o.coverage for o in obs)),
        )

    @property
    def comparisons(self) -> int:
        return len(self.largest)

    def match_rate(self, tokens: int) -> ChanceRate:
        """Share of independent comparisons holding a match of at least ``tokens``."""
        reached = len(self.largest) - bisect.bisect_left(self.largest, tokens)
        return rate(reached, self.comparisons)

    def coverage_rate(self, fraction: float) -> ChanceRate:
        """Share of independent comparisons whose larger coverage was at least
        ``fraction``."""
        reached = len(self.coverage) - bisect.bisect_left(self.coverage, fraction)
        return rate(reached, self.comparisons)


def quantiles(values: Sequence[float], qs: Sequence[float] = QUANTILES) -> list[Quantile]:
    """Nearest-rank quantiles: the q-quantile is the smallest observed value with at least
    a share q of the observations at or below it (always an observed value). Empty
    input gives no quantiles."""
    ordered = sorted(values)
    if not ordered:
        return []
    n = len(ordered)
    # round() first: q * n in binary floating point can land a hair above an integer.
    return [
        Quantile(q, float(ordered[max(1, math.ceil(round(q * n, 9))) - 1])) for q in qs
    ]
