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
