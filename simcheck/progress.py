"""Progress reporting for long work: rich bars on a terminal, nothing in pipes."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, TextColumn, TimeElapsedColumn
from rich.progress import Progress as RichProgress

# A progress sink: called with a description and a total, returns "advance by n".
Advance = Callable[[int], None]
Progress = Callable[[str, int], Advance]


def silent(_description: str, _total: int) -> Advance:
    return lambda _n: None


@contextmanager
def terminal_progress(console: Console) -> Iterator[Progress]:
    """Rich progress bars when ``console`` is a terminal; silent otherwise."""
    if not console.is_terminal:
        yield silent
        return
    bars = RichProgress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=console,
        transient=True,
    )
    with bars:

        def start(description: str, total: int) -> Advance:
            task = bars.add_task(description, total=total)
            return lambda n: bars.advance(task, n)

        yield start


class StageClock:
    """Wall-clock seconds of each stage of a run, for the manifest (never the result).

    Wraps a progress sink: a stage reported through it is timed from its announcement to
    its last step, and the time before each announcement gets a stage of its own
    ("before aligning": the work between the previous stage and that one). ``mark`` ends
    a stage by name."""

    def __init__(self, inner: Progress = silent) -> None:
        self._inner = inner
        self._last = time.perf_counter()
        self.seconds: dict[str, float] = {}

    def mark(self, stage: str) -> None:
        now = time.perf_counter()
        self.seconds[stage] = round(self.seconds.get(stage, 0.0) + now - self._last, 3)
        self._last = now

    def progress(self, description: str, total: int) -> Advance:
        stage = description.lower()
        self.mark(f"before {stage}")
        advance = self._inner(description, total)
        left = total

        def step(n: int) -> None:
            nonlocal left
            advance(n)
            left -= n
            if left == 0:
                self.mark(stage)

        return step
