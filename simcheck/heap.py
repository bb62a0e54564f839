"""Keep the garbage collector out of a stage that builds many long-lived objects.

After fingerprinting, the process holds millions of objects that live until the end (the
prepared files, the matches). Building a large result on top of them (tens of thousands
of matches, ledgers and file pairs, all kept) triggers collection after collection, and
none of them can find garbage: on a large comparison they cost more than the building
itself (even with the old objects frozen out of the collector's sight).
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def paused() -> Iterator[None]:
    """No garbage collection during the block (reference counting still frees almost
    everything; cycles made in it are collected after it)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


# glibc's mallopt parameters (malloc.h).
_M_TRIM_THRESHOLD = -1
_M_MMAP_THRESHOLD = -3
_KEEP_BYTES = 1 << 30


def keep_freed_memory() -> None:
    """Let freed memory be reused by the next allocations instead of going back to the
    system. By default glibc gives every array above 32 MB its own mapping and unmaps it
    when freed: each new one then costs a page fault and a zeroed page per 4 KiB, which
    on a large comparison is most of the system time. No effect where the C library is
    not glibc."""
    try:
        import ctypes

        libc = ctypes.CDLL("libc.so.6")
        libc.mallopt(_M_MMAP_THRESHOLD, _KEEP_BYTES)
        libc.mallopt(_M_TRIM_THRESHOLD, _KEEP_BYTES)
    except (OSError, AttributeError):  # not glibc
        pass


def give_back_freed_memory() -> None:
    """Return the heap's free pages to the system now. ``keep_freed_memory`` keeps freed
    arrays for reuse, but Python objects are not allocated from that heap: after a stage
    frees hundreds of megabytes of arrays that later stages will not reuse, they would
    otherwise stay resident to the end. No effect where the C library is not glibc."""
    try:
        import ctypes

        ctypes.CDLL("libc.so.6").malloc_trim(0)
    except (OSError, AttributeError):  # not glibc
        pass
