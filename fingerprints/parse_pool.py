"""Fingerprint many files in worker processes, each parse under a time limit.

Some grammars never return on some inputs (the bundled COBOL grammar on the one-byte
input ``x``) and tree-sitter's progress callback does not interrupt them, so the only
reliable limit is killing the process. A file whose parse is killed or crashes is
fingerprinted by the lexical tokenizer instead, and its note says so.
"""

from __future__ import annotations

import multiprocessing as mp
import time
from collections import deque
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from multiprocessing.connection import Connection, wait

from .fileprint import FileFingerprint, FingerprintSettings, fingerprint_source


@dataclass(frozen=True)
class Job:
    source: bytes
    language: str | None


def _worker_main(conn: Connection, settings: FingerprintSettings) -> None:
    while True:
        try:
            message = conn.recv()
        except EOFError:
            return
        if message is None:
            return
        index, job = message
        conn.send((index, fingerprint_source(job.source, job.language, settings)))


@dataclass
class _Worker:
    process: mp.process.BaseProcess
    conn: Connection
    index: int | None = None
    deadline: float = 0.0


def _context() -> mp.context.BaseContext:
    # forkserver: workers fork from a clean, single-threaded server (the main process may
    # run a progress-bar thread), with the engine already imported.
    ctx = mp.get_context("forkserver")
    ctx.set_forkserver_preload(["fingerprints.fileprint"])
    return ctx


def fingerprint_all(
    jobs: Sequence[Job],
    settings: FingerprintSettings,
    workers: int = 2,
    on_done: Callable[[int], None] | None = None,
) -> list[FileFingerprint]:
    """Fingerprints of ``jobs``, in order. Never hangs: a parse running longer than
    ``settings.parse_timeout`` is killed and replaced by the lexical fallback."""
    results: list[FileFingerprint | None] = [None] * len(jobs)
    if not jobs:
        return []
    ctx = _context()
    queue = deque(range(len(jobs)))
    pool: list[_Worker] = []

    def start() -> _Worker:
        parent, child = ctx.Pipe()
        process = ctx.Process(target=_worker_main, args=(child, settings), daemon=True)
        process.start()
        child.close()
        return _Worker(process, parent)

    def finish(index: int, result: FileFingerprint) -> None:
        results[index] = result
        if on_done:
            on_done(index)

    def fallback(index: int, why: str) -> None:
        job = jobs[index]
        finish(index, fingerprint_source(job.source, job.language, settings, why))

    def retire(worker: _Worker) -> None:
        worker.process.kill()
        worker.process.join()
        worker.conn.close()

    try:
        pool = [start() for _ in range(max(1, min(workers, len(jobs))))]
        while queue or any(w.index is not None for w in pool):
            for w in pool:
                if w.index is None and queue:
                    w.index = queue.popleft()
                    w.deadline = time.monotonic() + settings.parse_timeout
                    w.conn.send((w.index, jobs[w.index]))
            busy = [w for w in pool if w.index is not None]
            timeout = max(0.0, min(w.deadline for w in busy) - time.monotonic())
            ready = wait([w.conn for w in busy], timeout)
            for i, w in enumerate(pool):
                if w.index is None:
                    continue
                if w.conn in ready:
                    try:
                        index, result = w.conn.recv()
                    except (EOFError, OSError):
                        fallback(w.index, "parser process crashed; lexical tokens used")
                        retire(w)
                        pool[i] = start()
                        continue
                    finish(index, result)
                    w.index = None
                elif time.monotonic() >= w.deadline:
                    index = w.index
                    retire(w)
                    pool[i] = start()
                    fallback(
                        index,
                        f"parse exceeded {settings.parse_timeout:g} s; lexical tokens used",
                    )
    finally:
        for w in pool:
            try:
                w.conn.send(None)
            except (OSError, BrokenPipeError):
                pass
            w.process.join(timeout=1)
            if w.process.is_alive():
                w.process.kill()
                w.process.join()
            w.conn.close()
    return [r for r in results if r is not None]
