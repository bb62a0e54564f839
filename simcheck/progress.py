"""Progress reporting for long work: rich bars on a terminal, nothing in pipes."""

from __future__ import annotations

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
