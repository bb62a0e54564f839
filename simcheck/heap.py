"""Keep the garbage collector off the long-lived heap while a stage builds many objects.

After fingerprinting, the process holds millions of objects that live until the end (the
prepared files, the matches). A full collection walks every one of them, and building a
large result (tens of thousands of matches, ledgers and file pairs) triggers many: on a
large comparison they cost more than the building itself. None of those objects can be
garbage yet, so they are moved out of the collector's sight for the stage.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager

_depth = 0  # open ``long_lived`` blocks: the outermost one gives the objects back


@contextmanager
def long_lived() -> Iterator[None]:
    """Objects that exist on entry are left out of garbage collection until the
    outermost such block ends (then they are collected as usual again)."""
    global _depth
    gc.freeze()
    _depth += 1
    try:
        yield
    finally:
        _depth -= 1
        if _depth == 0:
            gc.unfreeze()
