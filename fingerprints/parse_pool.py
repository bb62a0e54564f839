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
from dataclasses import dataclass, field
from multiprocessing import forkserver
from multiprocessing.connection import Connection, wait
from typing import Any

from .fileprint import (
    FileFingerprint,
    FingerprintSettings,
    fingerprint_source,
    from_tokens_many,
    read_tokens,
)
from .stacking import stack, unstack
from .tokens import file_tokens_many


@dataclass(frozen=True)
class Job:
    source: bytes
    language: str | None


# Jobs go to workers in batches: fewer round trips, and a batch is fingerprinted as one
# (``from_tokens_many``) and sent back as one (``stacking``), which for small files costs
# far less than one at a time. The time limit still applies to each file's parse: the
# worker records in shared memory how many files it has tokenised and when it finished the
# last one, which the parent reads when a deadline passes (no message, no wake-up per file).
BATCH_FILES = 32
BATCH_BYTES = 512 * 1024
_COUNT, _WHEN = 0, 1  # slots of a worker's progress record


def _worker_main(conn: Connection, progress: Any, settings: FingerprintSettings) -> None:
    tokenised = 0
    while True:
        try:
            batch = conn.recv()
        except EOFError:
            return
        if batch is None:
            return
        raws = []
        for job in batch:
            raws.append(read_tokens(job.source, job.language))
            tokenised += 1
            progress[_WHEN] = time.monotonic()  # system-wide clock: the parent reads it
            progress[_COUNT] = tokenised
        tokens = file_tokens_many(raws)
        conn.send(stack(from_tokens_many(tokens, settings, [job.source for job in batch])))


@dataclass
class _Worker:
    process: mp.process.BaseProcess
    conn: Connection
    progress: Any  # RawArray("d", 2): files tokenised since start, when the last was
    batch: list[int] = field(default_factory=list)  # sent, not yet answered, in order
    done: int = 0  # files tokenised in earlier batches
    seen: int = 0  # files of this batch seen tokenised
    deadline: float = 0.0

    def tokenised(self) -> int:
        """Files of the current batch tokenised so far."""
        return int(self.progress[_COUNT]) - self.done


def _context() -> mp.context.BaseContext:
    # forkserver: workers fork from a clean, single-threaded server (the main process may
    # run a progress-bar thread), with the engine already imported.
    ctx = mp.get_context("forkserver")
    ctx.set_forkserver_preload(["fingerprints.fileprint"])
    return ctx


def warm_up() -> None:
    """Start the server the parser processes fork from now, so that its start-up (a fresh
    interpreter importing the engine) overlaps what the caller does before parsing."""
    _context()
    forkserver.ensure_running()


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
    # Largest first: the last batches are then small ones, and the workers finish together.
    queue = deque(sorted(range(len(jobs)), key=lambda i: -len(jobs[i].source)))
    pool: list[_Worker] = []

    def start() -> _Worker:
        parent, child = ctx.Pipe()
        progress = ctx.RawArray("d", 2)
        process = ctx.Process(target=_worker_main, args=(child, progress, settings), daemon=True)
        process.start()
        child.close()
        return _Worker(process, parent, progress)

    def send_batch(w: _Worker) -> None:
        size = 0
        while queue and len(w.batch) < BATCH_FILES and size < BATCH_BYTES:
            w.batch.append(queue.popleft())
            size += len(jobs[w.batch[-1]].source)
        w.conn.send([jobs[i] for i in w.batch])
        w.seen = 0
        w.deadline = time.monotonic() + settings.parse_timeout

    def finish(index: int, result: FileFingerprint) -> None:
        results[index] = result
        if on_done:
            on_done(index)

    def replace_worker(i: int, why: str) -> None:
        """The worker's current file is given up (lexical fallback), the rest of its
        batch goes back to the front of the queue, and a fresh worker takes its place."""
        w = pool[i]
        w.process.kill()
        w.process.join()
        w.conn.close()
        at = w.tokenised()
        if at >= len(w.batch):  # every file was tokenised: fingerprinting them failed
            at = 0
            why = "fingerprinting failed in the parser process; lexical tokens used"
        stuck = w.batch[at]
        queue.extendleft(reversed(w.batch[:at] + w.batch[at + 1 :]))
        pool[i] = start()
        job = jobs[stuck]
        finish(stuck, fingerprint_source(job.source, job.language, settings, why))

    def in_time(w: _Worker) -> bool:
        """Whether a worker past its deadline has tokenised a file since it was set: the
        limit then runs from that file's end."""
        tokenised = w.tokenised()
        if tokenised > w.seen:
            w.seen = tokenised
            w.deadline = float(w.progress[_WHEN]) + settings.parse_timeout
        return time.monotonic() < w.deadline

    try:
        pool = [start() for _ in range(max(1, min(workers, len(jobs))))]
        while queue or any(w.batch for w in pool):
            for w in pool:
                if not w.batch and queue:
                    send_batch(w)
            busy = [w for w in pool if w.batch]
            timeout = max(0.0, min(w.deadline for w in busy) - time.monotonic())
            ready = wait([w.conn for w in busy], timeout)
            for i, w in enumerate(pool):
                if not w.batch:
                    continue
                if w.conn in ready:
                    try:
                        stacked = w.conn.recv()
                    except (EOFError, OSError):
                        replace_worker(i, "parser process crashed; lexical tokens used")
                        continue
                    for index, result in zip(w.batch, unstack(stacked), strict=True):
                        finish(index, result)
                    w.done += len(w.batch)
                    w.batch = []
                elif time.monotonic() >= w.deadline and not in_time(w):
                    replace_worker(
                        i, f"parse exceeded {settings.parse_timeout:g} s; lexical tokens used"
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
