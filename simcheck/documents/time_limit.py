"""Extraction under a time limit: a PDF or DOCX parser can loop or crawl on a hostile or
broken file, and one file must never stop a run. The extraction runs in a forked child
(it inherits the open file: nothing is copied); past the limit the child is killed and the
file is reported as failed."""

from __future__ import annotations

from collections.abc import Callable
from multiprocessing.connection import Connection
from typing import TypeVar

from ..fork_split import fork_child, forkable, reap

T = TypeVar("T")


class TimeLimitExceeded(Exception):
    pass


def within(seconds: float, compute: Callable[[], T]) -> T:
    """``compute()``, in a child process where fork exists, killed after ``seconds``.
    Exceptions raised by ``compute`` are raised here (as the same type where it pickles).
    Without fork (Windows) it runs here, with no limit."""
    if not forkable():
        return compute()

    def send_all(conn: Connection) -> None:
        try:
            conn.send((True, compute()))
        except BaseException as exc:  # noqa: BLE001 - the parent decides what it means
            conn.send((False, exc))

    receive, process = fork_child(send_all)
    try:
        if not receive.poll(seconds):
            raise TimeLimitExceeded(f"extraction took longer than {seconds:g} s")
        ok, value = receive.recv()
    except EOFError:
        raise RuntimeError("extraction process died") from None
    finally:
        reap(receive, process, wait=0)
    if not ok:
        raise value
    return value
