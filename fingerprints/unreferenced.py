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

# Leaving out more than this share of a work means its entry point is a stub.
MAX_SHARE = 0.5
_IDENTIFIER = LEXICAL_CATEGORIES.index("identifier")
_ANNOTATIONS = re.compile(rb"(?:\s*@[\w.]+\s*(?:\([^()]*\))?)*")
_HEADER_END = re.compile(rb"[({:=]")


def unreferenced(
    files: Sequence[tuple[FileTokens, bytes, frozenset[str]]],
) -> list[np.ndarray]:
    """For each file of one work (its tokens, its source and the names its language's
    runtime starts a program at, the registry's ``entry_points``), a boolean mask over its
    structure tokens: True inside a definition the program never reaches by name (all
    False when the work has no entry point or the definitions found would exceed
    ``MAX_SHARE`` of its tokens)."""
    masks = [np.zeros(len(tokens), dtype=bool) for tokens, _, _ in files]
    if not any(entry for _, _, entry in files):
        return masks  # no language of the work starts at a named definition
    spans = []  # per file: its identifiers' byte spans and its definitions
    entries: list[tuple[int, int]] = []  # (file, definition) of each entry point
    for index, (tokens, source, entry) in enumerate(files):
        pick = np.flatnonzero(tokens.lex_category == _IDENTIFIER)
        begin, end = tokens.lex_start_byte[pick], tokens.lex_end_byte[pick]
        defs = _definitions(tokens, source, begin, end)
        spans.append((begin, end, defs))
        starts = {name.encode() for name in entry}
        entries.extend((index, j) for j, d in enumerate(defs) if d[2] in starts)
    if not entries:
        return masks  # no entry point (a library): the common case, decided cheaply
    nodes: list[tuple[int, int, int, bytes]] = []  # file, first token, last token, name
    parent: list[int] = []  # the nearest enclosing named definition, -1 at top level
    direct: list[set[bytes]] = []  # names mentioned in a definition, not in a nested one
    top: set[bytes] = set()  # names mentioned outside every definition
    node_of: dict[tuple[int, int], int] = {}  # (file, definition) -> node
    for index, ((_, source, _), (begin, end, defs)) in enumerate(
            zip(files, spans, strict=True)):
        found = [source[b:e] for b, e in zip(begin.tolist(), end.tolist(), strict=True)]
        owner = np.full(len(found), -1, dtype=np.int64)
        # Outer definitions come first, so an inner one takes its identifiers over.
        for j, (first, last, name, (lo, hi)) in enumerate(defs):
            if name is None:  # anonymous: its mentions are its enclosing definition's
                continue
            node_of[index, j] = len(nodes)
            parent.append(int(owner[lo]) if lo < hi else -1)
            owner[lo:hi] = len(nodes)
            nodes.append((index, first, last, name))
        # Each owner's mentions as one set: identifiers grouped by owner (-1 first).
        order = np.argsort(owner, kind="stable")
        grouped = [found[i] for i in order.tolist()]
        who, at = np.unique(owner[order], return_index=True)
        bounds = [*at.tolist(), len(grouped)]
        direct.extend(set() for _ in range(len(nodes) - len(direct)))
        for w, b, e in zip(who.tolist(), bounds, bounds[1:], strict=False):
            (top if w < 0 else direct[w]).update(grouped[b:e])
    by_name: dict[bytes, list[int]] = {}
    for i, node in enumerate(nodes):
        by_name.setdefault(node[3], []).append(i)
    reached: set[int] = set()
    pending = set(top)  # names mentioned by what is reached, not yet followed

    def reach(i: int) -> None:
        # Running a definition needs the definitions around it (a method its class).
        while i >= 0 and i not in reached:
            reached.add(i)
            pending.update(direct[i])
            i = parent[i]

    for key in entries:
        reach(node_of[key])
    seen: set[bytes] = set()
    while pending:
        names = pending - seen
        seen |= names
        pending.clear()
        for name in names & by_name.keys():
            for i in by_name[name]:
                reach(i)
    for i, (index, first, last, _) in enumerate(nodes):
        if i not in reached:
            masks[index][first:last] = True
    total = sum(m.size for m in masks)
    if sum(int(m.sum()) for m in masks) > MAX_SHARE * total:
        return [np.zeros(m.size, dtype=bool) for m in masks]
    return masks


def _definitions(
    tokens: FileTokens, source: bytes, starts: np.ndarray, ends: np.ndarray
) -> list[tuple[int, int, bytes | None, tuple[int, int]]]:
    """Each definition of a file: its token range, its name (None when its header shows
    none) and the range of the file's identifiers inside it."""
    keep = tokens.def_start < tokens.def_end
    first, last = tokens.def_start[keep], tokens.def_end[keep]
    if not first.size:
        return []
    begin = tokens.start_byte[first].tolist()
    end = tokens.end_byte[last - 1].tolist()
    after, header_end = [], []
    for b, e in zip(begin, end, strict=True):
        head = _ANNOTATIONS.match(source, b, e)
        a = head.end() if head else b
        stop = _HEADER_END.search(source, a, e)
        after.append(a)
        header_end.append(stop.start() if stop else e)
    lo, hi, inside_lo, inside_hi = (
        np.searchsorted(starts, x).tolist() for x in (after, header_end, begin, end))
    found = []
    for f, la, l0, h0, i0, i1 in zip(first.tolist(), last.tolist(), lo, hi, inside_lo,
                                     inside_hi, strict=True):
        # The name right before the parameters or body: past return types and modifiers.
        name = source[int(starts[h0 - 1]) : int(ends[h0 - 1])] if h0 > l0 else None
        found.append((f, la, name, (i0, i1)))
    return found
