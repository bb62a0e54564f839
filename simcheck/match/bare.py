"""The bare structure stream: structure tokens without delimiters and declaration modifiers.

Copies often add or remove braces around single statements, split or join statements, or
add and drop access and storage modifiers (``public``, ``static``, ``final``...); an
obfuscator or an LLM rewrite does it everywhere. Each such token breaks every k-gram it
falls in, so the order-free channel loses far more than the token itself. The bare stream
drops those tokens, so that the order-free channel can also be measured on what is left:
the statements, operators and calls. The kinds are leaf kinds of the grammars (the
structure stream keeps a leaf's kind as its token), the same for every language that has
them; a language without them is unchanged.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from fingerprints.tokens import symbol_of

from .order_free import kgram_set

# Block and statement delimiters: optional braces and statement splitting change them.
DELIMITERS = ("{", "}", ";")
# Declaration modifiers: visibility and storage, added or dropped without changing what
# the code computes.
MODIFIERS = (
    "abstract", "const", "final", "inline", "override", "private", "protected", "public",
    "readonly", "static", "synchronized", "transient", "virtual", "volatile",
)
IGNORED_KINDS = DELIMITERS + MODIFIERS

_IGNORED = np.array(sorted({symbol_of(kind) for kind in IGNORED_KINDS}), dtype=np.uint64)


# Which low 16 bits an ignored kind has: most tokens are ruled out by one table look-up.
_LOW = np.zeros(1 << 16, dtype=bool)
_LOW[(_IGNORED & np.uint64(0xFFFF)).astype(np.int64)] = True


def bare_mask(symbols: np.ndarray) -> np.ndarray:
    """Which tokens of a structure stream the bare stream keeps."""
    keep = np.ones(symbols.shape, dtype=bool)
    maybe = np.flatnonzero(_LOW[(symbols & np.uint64(0xFFFF)).astype(np.int64)])
    if maybe.size:
        candidates = symbols[maybe]
        index = np.minimum(np.searchsorted(_IGNORED, candidates), _IGNORED.size - 1)
        keep[maybe] = _IGNORED[index] != candidates
    return keep


def bare(symbols: np.ndarray) -> np.ndarray:
    """The structure stream without the ignored kinds (order kept)."""
    return symbols[bare_mask(symbols)]


def bare_kgram_set(symbol_streams: Sequence[np.ndarray]) -> np.ndarray:
    """Distinct order-free k-grams of one unit's bare streams (a file or a whole work)."""
    return kgram_set([bare(s) for s in symbol_streams])
