"""Definitions a program never reaches: functions, methods and classes that no chain of
mentions by name leads to from its entry point.

The program's roots are its ``main`` definitions (with the definitions around them: a
class holding ``main``) and its code outside every definition. A definition is reached
when a reached one, or a root, mentions its name; running it needs the definitions around
it, so they are reached too. Whatever is left can only run implicitly (a method the
library calls, reflection): it adds code without adding behaviour. The unused helpers of
a personal template (sieves, gcd, readers nobody calls, and the helpers only they call)
are of this kind, and so are inserted dead methods. Two programs sharing their working
code but carrying different unused templates are told apart from it by these definitions
alone, so the order-free structure channel leaves them out. Without an entry point (a
library, a class handed in for a test harness), or when more than half of the work would
be left out (the entry point is a stub), nothing is: what is unused there is the work.

Pure function of the token streams and the sources: a definition's name is the last
identifier of its header (from its start, past any annotations, to the first ``(``,
``{``, ``:`` or ``=``: past modifiers and return types). Names are matched as text, so
overloads and same-named methods of different classes are reached together; a
definition whose header shows no name (a lambda) belongs to the one around it.
"""

from __future__ import annotations

import re
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
    definition the program never reaches by name (all False when the work has no entry
    point or the definitions found would exceed ``MAX_SHARE`` of its tokens)."""
    names: list[list[bytes]] = []
    nodes: list[tuple[int, int, int, bytes]] = []  # file, first token, last token, name
    parent: list[int] = []  # the nearest enclosing named definition, -1 at top level
    direct: list[list[bytes]] = []  # names mentioned in a definition, not in a nested one
    top: list[bytes] = []  # names mentioned outside every definition
    for index, (tokens, source) in enumerate(files):
        pick = np.flatnonzero(tokens.lex_category == _IDENTIFIER)
        begin, end = tokens.lex_start_byte[pick], tokens.lex_end_byte[pick]
        found = [source[b:e] for b, e in zip(begin.tolist(), end.tolist(), strict=True)]
        names.append(found)
        owner = np.full(len(found), -1, dtype=np.int64)
        # Outer definitions come first, so an inner one takes its identifiers over.
        for first, last, name, (lo, hi) in _definitions(tokens, source, found, begin):
            if name is None:  # anonymous: its mentions are its enclosing definition's
                continue
            parent.append(int(owner[lo]) if lo < hi else -1)
            owner[lo:hi] = len(nodes)
            nodes.append((index, first, last, name))
        direct.extend([] for _ in range(len(nodes) - len(direct)))
        for name, who in zip(found, owner.tolist(), strict=True):
            (top if who < 0 else direct[who]).append(name)
    masks = [np.zeros(len(tokens), dtype=bool) for tokens, _ in files]
    entries = [i for i, node in enumerate(nodes) if node[3] in ENTRY_POINTS]
    if not entries:
        return masks
    by_name: dict[bytes, list[int]] = {}
    for i, node in enumerate(nodes):
        by_name.setdefault(node[3], []).append(i)
    reached: set[int] = set()
    pending = list(top)

    def reach(i: int) -> None:
        # Running a definition needs the definitions around it (a method its class).
        while i >= 0 and i not in reached:
            reached.add(i)
            pending.extend(direct[i])
            i = parent[i]

    for i in entries:
        reach(i)
    seen: set[bytes] = set()
    while pending:
        name = pending.pop()
        if name not in seen:
            seen.add(name)
            for i in by_name.get(name, ()):
                reach(i)
    for i, (index, first, last, _) in enumerate(nodes):
        if i not in reached:
            masks[index][first:last] = True
    total = sum(m.size for m in masks)
    if sum(int(m.sum()) for m in masks) > MAX_SHARE * total:
        return [np.zeros(m.size, dtype=bool) for m in masks]
    return masks


def _definitions(
    tokens: FileTokens, source: bytes, names: list[bytes], starts: np.ndarray
) -> list[tuple[int, int, bytes | None, tuple[int, int]]]:
    """Each definition of a file: its token range, its name (None when its header shows
    none) and the range of the file's identifiers inside it."""
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
        found.append((first, last, names[hi - 1] if hi > lo else None,
                      (inside[0], inside[1])))
    return found
