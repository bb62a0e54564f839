"""Run a few independent array computations at once, in threads of this process.

numpy releases the GIL in sorts, binary searches, gathers and arithmetic on large arrays,
so the two sides of a comparison (or two halves of one join) are processed on two cores
with nothing copied or pickled. The answers are the same, in the same order, however
the calls are scheduled."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from typing import TypeVar

R = TypeVar("R")


def together(calls: Sequence[Callable[[], R]], workers: int = 2) -> list[R]:
    """``[call() for call in calls]``, the first in this thread while up to ``workers - 1``
    threads take the others (in order, each as soon as it is free)."""
    if workers < 2 or len(calls) < 2:
        return [call() for call in calls]
    with ThreadPoolExecutor(max_workers=min(workers, len(calls)) - 1) as pool:
        rest = [pool.submit(call) for call in calls[1:]]
        first = calls[0]()
        return [first, *(future.result() for future in rest)]
