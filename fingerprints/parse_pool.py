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

from .fileprint import (
    FileFingerprint,
    FingerprintSettings,
    fingerprint_source,
    from_tokens_many,
    tokenize,
)
from .stacking import stack, unstack


@dataclass(frozen=True)
class Job:
    source: bytes
    language: str | None


# Jobs go to workers in batches: fewer round trips, and a batch is fingerprinted as one
# (``from_tokens_many``) and sent back as one (``stacking``), which for small files costs
# far less than one at a time. The worker reports each file it has tokenised, so the time
# limit still applies to each file's parse.
BATCH_FILES = 32
BATCH_BYTES = 512 * 1024
_TOKENISED = None  # the message a worker sends when it has tokenised a file


def _worker_main(conn: Connection, settings: FingerprintSettings) -> None:
    while True:
        try:
            batch = conn.recv()
        except EOFError:
            return
        if batch is None:
            return
        tokens = []
        for job in batch:
            tokens.append(tokenize(job.source, job.language))
            conn.send(_TOKENISED)
        conn.send(stack(from_tokens_many(tokens, settings, [job.source for job in batch])))


@dataclass
class _Worker:
    process: mp.process.BaseProcess
    conn: Connection
    pending: deque[int] = field(default_factory=deque)  # sent, not yet tokenised, in order
    tokenised: list[int] = field(default_factory=list)  # tokenised, not yet fingerprinted
    deadline: float = 0.0

    @property
    def busy(self) -> bool:
        return bool(self.pending or self.tokenised)


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
    queue = deque(range(len(jobs)))
    pool: list[_Worker] = []

    def start() -> _Worker:
        parent, child = ctx.Pipe()
        process = ctx.Process(target=_worker_main, args=(child, settings), daemon=True)
        process.start()
        child.close()
        return _Worker(process, parent)

    def send_batch(w: _Worker) -> None:
        size = 0
        while queue and len(w.pending) < BATCH_FILES and size < BATCH_BYTES:
            w.pending.append(queue.popleft())
            size += len(jobs[w.pending[-1]].source)
        w.conn.send([jobs[i] for i in w.pending])
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
        if w.pending:  # the file being parsed
            stuck = w.pending.popleft()
        else:  # every file was parsed: fingerprinting them failed
            stuck = w.tokenised.pop(0)
            why = "fingerprinting failed in the parser process; lexical tokens used"
        queue.extendleft(reversed(w.tokenised + list(w.pending)))
        pool[i] = start()
        job = jobs[stuck]
        finish(stuck, fingerprint_source(job.source, job.language, settings, why))

    try:
        pool = [start() for _ in range(max(1, min(workers, len(jobs))))]
        while queue or any(w.busy for w in pool):
            for w in pool:
                if not w.busy and queue:
                    send_batch(w)
            busy = [w for w in pool if w.busy]
            timeout = max(0.0, min(w.deadline for w in busy) - time.monotonic())
            ready = wait([w.conn for w in busy], timeout)
            for i, w in enumerate(pool):
                if not w.busy:
                    continue
                if w.conn in ready:
                    try:
                        message = w.conn.recv()
                    except (EOFError, OSError):
                        replace_worker(i, "parser process crashed; lexical tokens used")
                        continue
                    w.deadline = time.monotonic() + settings.parse_timeout
                    if message is _TOKENISED:
                        w.tokenised.append(w.pending.popleft())
                        continue
                    for index, result in zip(w.tokenised, unstack(message), strict=True):
                        finish(index, result)
                    w.tokenised = []
                elif time.monotonic() >= w.deadline:
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
