"""Which language a file is in, from its name and its first bytes. Pure: no I/O.

Order: exact file name, then extension (case-insensitive; a shared extension such as `.h` or
`.m` is settled by the candidates' content hints), then the `#!` line for files whose extension
is unknown or absent, then None. A candidate whose content excludes match is never chosen.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from .catalog import LANGUAGES
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
    if any(_EXCLUDES[s.name] for s in candidates):
        text = _text(head)
        candidates = tuple(
            s for s in candidates if not any(rx.search(text) for rx in _EXCLUDES[s.name]))
        if not candidates:
            return None
    if len(candidates) == 1:
        return candidates[0]
    text = _text(head)
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


def detect_language(path: str, head: bytes) -> LanguageSpec | None:
    """The language of the file at `path` whose first bytes (up to 4 KiB) are `head`."""
    name = _basename(path)
    by_name = _BY_FILENAME.get(name)
    if by_name:
        return _choose(by_name, head)
    by_ext = _BY_EXTENSION.get(_extension(name))
    if by_ext:
        return _choose(by_ext, head)
    prog = interpreter(head)
    if prog is None:
        return None
    by_prog = _BY_INTERPRETER.get(prog) or _BY_INTERPRETER.get(_VERSION_SUFFIX.sub("", prog))
    return _choose(by_prog, head) if by_prog else None
