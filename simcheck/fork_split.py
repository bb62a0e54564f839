"""Run a pure per-item computation on two cores: a forked child takes every other item.

The work after fingerprinting (aligning each file pair, judging each match) is a loop over
independent items in one process; on a large comparison it is most of the wall time. A
forked child inherits the fingerprints for free (copy-on-write), computes its share and
sends back only the answers. The answers are the same, in the same order, whichever
process computed them, so the result never depends on the split.
"""

from __future__ import annotations

import gc
import multiprocessing as mp
import os
import sys
import time
from collections.abc import Callable, Sequence
from multiprocessing.connection import Connection
from typing import TypeVar

try:
    import fcntl
except ImportError:  # not on Windows, where nothing is forked anyway
    fcntl = None  # type: ignore[assignment]

T = TypeVar("T")
R = TypeVar("R")

# Below this many items a fork costs more than it saves.
MIN_ITEMS = 256


# Pipe capacity asked for (Linux's default limit for it): answers are megabytes, and with
# the default 64 KiB the two processes would take turns for every 64 KiB.
PIPE_BYTES = 1 << 20


def _pipe(ctx: mp.context.BaseContext) -> tuple[Connection, Connection]:
    """A one-way pipe (receiving end, sending end) with a larger buffer where possible."""
    receive, send = ctx.Pipe(duplex=False)
    set_size = getattr(fcntl, "F_SETPIPE_SZ", None) if fcntl else None
    if set_size is not None:
        try:
            fcntl.fcntl(send.fileno(), set_size, PIPE_BYTES)
        except OSError:  # over the system's limit: the default buffer still works
            pass
    return receive, send


def _start(process: mp.process.BaseProcess) -> None:
    """Fork with every existing object frozen out of the garbage collector: otherwise the
    child's first full collection would touch (and so copy) most of the inherited heap."""
    gc.freeze()
    try:
        process.start()
    finally:
        gc.unfreeze()


# A second process pays (copying, pickling its answers) only when a core is idle: on a
# machine busy with other work the two would share one core's time and finish later.
SPARE_CORE = 0.7  # idle cores (of the whole machine) needed to split
_SAMPLE_SECONDS = 0.1


def _idle_cores() -> float | None:
    """Idle cores over a short sample of /proc/stat; None where it cannot be read."""

    def times() -> tuple[int, int] | None:
        try:
            with open("/proc/stat", encoding="ascii") as f:
                ticks = [int(x) for x in f.readline().split()[1:]]
        except (OSError, ValueError):
            return None
        idle = ticks[3] + (ticks[4] if len(ticks) > 4 else 0)  # idle + iowait
        return idle, sum(ticks)

    before = times()
    time.sleep(_SAMPLE_SECONDS)
    after = times()
    if before is None or after is None or after[1] <= before[1]:
        return None
    cores = os.cpu_count() or 1
    return cores * (after[0] - before[0]) / (after[1] - before[1])


def spare_core() -> bool:
    """Whether a core is idle now (assumed so where it cannot be measured)."""
    idle = _idle_cores()
    return idle is None or idle >= SPARE_CORE


def fork_child(send_all: Callable[[Connection], None]
               ) -> tuple[Connection, mp.process.BaseProcess]:
    """A forked daemon child that runs ``send_all`` on its end of a one-way pipe and
    closes it; returns this process's receiving end and the child."""
    ctx = mp.get_context("fork")
    # Text still buffered here would be written a second time by the child as it exits.
    sys.stdout.flush()
    sys.stderr.flush()
    receive, send = _pipe(ctx)

    def child(conn: Connection) -> None:
        try:
            send_all(conn)
        finally:
            conn.close()

    process = ctx.Process(target=child, args=(send,), daemon=True)
    _start(process)
    send.close()
    return receive, process


def reap(receive: Connection, process: mp.process.BaseProcess, wait: float = 5.0) -> None:
    """Close the receiving end; give the child ``wait`` seconds to exit, then kill it."""
    receive.close()
    process.join(timeout=wait)
    if process.is_alive():
        process.kill()
        process.join()


def forkable() -> bool:
    # A daemonic process (a pool worker) may not start children; without fork (Windows)
    # the child would have to re-import and re-receive everything.
    return "fork" in mp.get_all_start_methods() and not mp.current_process().daemon


def split_map(
    compute: Callable[[Sequence[T]], list[R]],
    items: Sequence[T],
    workers: int = 2,
    min_items: int = MIN_ITEMS,
) -> list[R]:
    """``compute(items)`` (one answer per item, in order), the odd-indexed items computed
    in a forked child while this process computes the even ones, when a core is idle.
    ``compute`` must be pure: a child that fails or dies has its share computed here."""
    if workers < 2 or len(items) < min_items or not forkable() or not spare_core():
        return compute(items)
    theirs = items[1::2]
    receive, process = fork_child(lambda conn: conn.send(compute(theirs)))
    try:
        ours = compute(items[0::2])
        try:
            answers: list[R] = receive.recv()
        except (EOFError, OSError):  # the child failed: its share is computed here
            answers = compute(theirs)
    finally:
        reap(receive, process)
    merged: list[R] = []
    for i in range(len(items)):
        merged.append(ours[i // 2] if i % 2 == 0 else answers[i // 2])
    return merged


def beside(compute: Callable[[], R], workers: int = 2, worth_it: bool = True
           ) -> Callable[[], R]:
    """Start ``compute()`` in a forked child, when a core is idle, while this process goes
    on; the returned function waits for its answer. ``compute`` must be pure: where no
    child runs (one worker, not ``worth_it``, no idle core, no fork) or the child fails,
    the answer is computed here when asked for."""
    if workers < 2 or not worth_it or not forkable() or not spare_core():
        return compute
    receive, process = fork_child(lambda conn: conn.send(compute()))

    def answer() -> R:
        try:
            return receive.recv()
        except (EOFError, OSError):  # the child failed: computed here
            return compute()
        finally:
            reap(receive, process)

    return answer
