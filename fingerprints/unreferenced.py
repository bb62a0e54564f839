"""Definitions a program never mentions: functions, methods and classes whose name occurs
nowhere in the work outside their own body.

In a program with an entry point, such a definition can only run implicitly (a method the
library calls, reflection): it adds code without adding behaviour. The unused helpers of
a personal template (sieves, gcd, readers nobody calls) are of this kind, and so are
inserted dead methods. Two programs sharing their working code but carrying different
unused templates are told apart from it by these definitions alone, so the order-free
structure channel leaves them out. Without an entry point (a library, a class handed in
for a test harness), or when more than half of the work would be left out (the entry
point is a stub), nothing is: what is unused there is the work itself.

Pure function of the token streams and the sources: a definition's name is the last
identifier of its header (from its start, past any annotations, to the first ``(``,
``{``, ``:`` or ``=``: past modifiers and return types); it is referenced when that name
occurs as an identifier anywhere in the work outside the definition. Overloads share a
name, so any use keeps all; a definition whose header shows no name is kept.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence

import numpy as np

from .tokens import LEXICAL_CATEGORIES, FileTokens

# Names a runtime calls without the program mentioning them.
ENTRY_POINTS = frozenset({b"main"})
# Leaving out more than this share of a work means its entry point is a stub.
MAX_SHARE = 0.5
_IDENTIFIER = LEXICAL_CATEGORIES.index("identifier")
_ANNOTATIONS = re.compile(rb"(?:\s*@[\w.]+\s*(?:\([^()]*\))?)*")
_HEADER_END = re.compile(rb"[({:=]")


def unreferenced(files: Sequence[tuple[FileTokens, bytes]]) -> list[np.ndarray]:
    """For each file of one work, a boolean mask over its structure tokens: True inside a
    definition whose name the work never mentions elsewhere (all False when the work has
    no entry point or the definitions found would exceed ``MAX_SHARE`` of its tokens)."""
    names: list[list[bytes]] = []
    starts: list[np.ndarray] = []
    counts: Counter[bytes] = Counter()
    for tokens, source in files:
        pick = np.flatnonzero(tokens.lex_category == _IDENTIFIER)
        begin, end = tokens.lex_start_byte[pick], tokens.lex_end_byte[pick]
        found = [source[b:e] for b, e in zip(begin.tolist(), end.tolist(), strict=True)]
        names.append(found)
        starts.append(begin)
        counts.update(found)
    definitions = [_definitions(t, s, n, b)
                   for (t, s), n, b in zip(files, names, starts, strict=True)]
    masks = [np.zeros(len(tokens), dtype=bool) for tokens, _ in files]
    if not any(ENTRY_POINTS.intersection(d[2]) for found in definitions for d in found):
        return masks
    for mask, found, file_names in zip(masks, definitions, names, strict=True):
        entries = [first for first, _, header, _ in found if ENTRY_POINTS.intersection(header)]
        for first, last, header, inside in found:
            if not header or mask[first] or any(first <= e < last for e in entries):
                continue
            own = Counter(file_names[inside[0]:inside[1]])
            if all(counts[name] == own[name] for name in header):
                mask[first:last] = True
    total = sum(m.size for m in masks)
    if sum(int(m.sum()) for m in masks) > MAX_SHARE * total:
        return [np.zeros(m.size, dtype=bool) for m in masks]
    return masks


def _definitions(
    tokens: FileTokens, source: bytes, names: list[bytes], starts: np.ndarray
) -> list[tuple[int, int, frozenset[bytes], tuple[int, int]]]:
    """Each definition of a file: its token range, its header names and the range of the
    file's identifiers inside it."""
    found = []
    for first, last in zip(tokens.def_start.tolist(), tokens.def_end.tolist(), strict=True):
        if first >= last:
            continue
        begin, end = int(tokens.start_byte[first]), int(tokens.end_byte[last - 1])
        head = _ANNOTATIONS.match(source, begin, end)
        after = head.end() if head else begin
        stop = _HEADER_END.search(source, after, end)
        header_end = stop.start() if stop else end
        lo, hi = np.searchsorted(starts, [after, header_end]).tolist()
        inside = tuple(np.searchsorted(starts, [begin, end]).tolist())
        # The name right before the parameters or body: past return types and modifiers.
        found.append((first, last, frozenset(names[hi - 1:hi] if hi > lo else ()),
                      (inside[0], inside[1])))
    return found
