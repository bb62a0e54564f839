"""Which language a file is in, from its name and its first bytes. Pure: no I/O.

Order: exact file name, then extension (case-insensitive; a shared extension such as `.h` or
`.m` is settled by the candidates' content hints), then, for a template (`config.h.in`,
`loops.c.src`: the catalog's TEMPLATE_SUFFIXES), the name without its template suffix by
the same two rules, then the `#!` line for files whose extension is unknown or absent, then
None. A candidate whose content excludes match is never chosen.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from .catalog import LANGUAGES, TEMPLATE_SUFFIXES
from .spec import LanguageSpec

# Compiled once: content hints are searched in every ambiguous file.
_HINTS: dict[str, tuple[re.Pattern[str], ...]] = {
    spec.name: tuple(re.compile(h, re.MULTILINE) for h in spec.content_hints)
    for spec in LANGUAGES
}
_EXCLUDES: dict[str, tuple[re.Pattern[str], ...]] = {
    spec.name: tuple(re.compile(h, re.MULTILINE) for h in spec.content_excludes)
    for spec in LANGUAGES
}


def _index(pairs: Iterable[tuple[str, LanguageSpec]]) -> dict[str, tuple[LanguageSpec, ...]]:
    out: dict[str, list[LanguageSpec]] = {}
    for key, spec in pairs:
        out.setdefault(key, []).append(spec)
    return {k: tuple(v) for k, v in out.items()}


# Catalog order is kept within each bucket: the first candidate is the default when no hint
# decides (C for `.h`, Objective-C for `.m`).
_BY_FILENAME = _index((f, s) for s in LANGUAGES for f in s.filenames)
_BY_EXTENSION = _index((e.lower(), s) for s in LANGUAGES for e in s.extensions)
_BY_INTERPRETER = _index((i, s) for s in LANGUAGES for i in s.shebangs)

_VERSION_SUFFIX = re.compile(r"[\d.]+$")  # python3.11 -> python, perl5 -> perl


def _basename(path: str) -> str:
    # Paths may come from archives or Windows trees: split on either separator.
    return re.split(r"[\\/]", path)[-1]


def _extension(name: str) -> str:
    dot = name.rfind(".")
    if dot <= 0:  # no dot, or a dotfile such as ".bashrc" (handled by filenames)
        return ""
    return name[dot:].lower()


def _text(head: bytes) -> str:
    return head[:4096].decode("utf-8", errors="replace")


def _choose(candidates: tuple[LanguageSpec, ...], head: bytes) -> LanguageSpec | None:
    """The candidate whose content hints match most; ties go to the earliest candidate.
    None if the content rules every candidate out."""
    if len(candidates) == 1 and not _EXCLUDES[candidates[0].name]:
        return candidates[0]  # most files: nothing in their content to read
    text = _text(head)
    candidates = tuple(
        s for s in candidates if not any(rx.search(text) for rx in _EXCLUDES[s.name]))
    if len(candidates) <= 1:
        return candidates[0] if candidates else None
    best, best_score = candidates[0], 0
    for spec in candidates:
        score = sum(1 for rx in _HINTS[spec.name] if rx.search(text))
        if score > best_score:
            best, best_score = spec, score
    return best


def interpreter(head: bytes) -> str | None:
    """The interpreter named by a `#!` line (`#!/usr/bin/env -S python3 -u` -> "python3")."""
    if not head.startswith(b"#!"):
        return None
    line = head[2:].split(b"\n", 1)[0].decode("utf-8", errors="replace").strip()
    words = line.split()
    if not words:
        return None
    prog = _basename(words[0])
    rest = words[1:]
    if prog == "env":
        # Skip env's own options (-S, -i, -u NAME) and VAR=value assignments.
        while rest and (rest[0].startswith("-") or "=" in rest[0]):
            opt = rest.pop(0)
            if opt in ("-u", "--unset", "-C", "--chdir") and rest:
                rest.pop(0)
        if not rest:
            return None
        prog = _basename(rest[0])
    return prog or None


def _by_name(name: str) -> tuple[LanguageSpec, ...] | None:
    return _BY_FILENAME.get(name) or _BY_EXTENSION.get(_extension(name))


def template_suffix(path: str) -> str | None:
    """The template suffix (".in") of a file whose language is that of its name without it
    (`config.h.in` is C), or None: the file is no template, or its name is a language's own
    (Buildroot's `Config.in` is Kconfig), or the name without the suffix says nothing."""
    name = _basename(path)
    suffix = _extension(name)
    if suffix not in TEMPLATE_SUFFIXES or name in _BY_FILENAME:
        return None
    return suffix if _by_name(name[: -len(suffix)]) else None


def detect_language(path: str, head: bytes) -> LanguageSpec | None:
    """The language of the file at `path` whose first bytes (up to 4 KiB) are `head`."""
    name = _basename(path)
    candidates = _by_name(name)
    if not candidates and template_suffix(name):
        candidates = _by_name(name[: -len(_extension(name))])
    if candidates:
        return _choose(candidates, head)
    prog = interpreter(head)
    if prog is None:
        return None
    by_prog = _BY_INTERPRETER.get(prog) or _BY_INTERPRETER.get(_VERSION_SUFFIX.sub("", prog))
    return _choose(by_prog, head) if by_prog else None
