"""Warnings about inputs with nothing to compare, or whose compiled code was not compared:
the run finishes (an empty side is an answer, not bad usage), but the reader is told
before reading any figure."""

from __future__ import annotations

from collections import Counter

from .ingest.reasons import BINARY
from .result import Result

# Compiled code by its file name: skipped as binary, it is code no figure counts.
_COMPILED = (".class", ".dex", ".jar", ".pyc", ".pyo", ".o", ".obj", ".a", ".lib", ".so",
             ".dll", ".dylib", ".exe", ".wasm", ".beam")


def input_warnings(result: Result) -> list[str]:
    """A warning per input with nothing that could be compared (no file, or none that was
    read and held a token or word): the run still finishes, but its figures for that
    input are 0 by construction, not a finding, and the reader must be told."""
    warnings = []
    for side, work in (("left", result.left), ("right", result.right)):
        files = [f for f in result.files if f.side == side]
        compared = [f for f in files if f.status == "compared"]
        if not files:
            why = "holds no files"
        elif not compared:
            why = (f"holds no file that can be compared: its {len(files)} file(s) were all"
                   " skipped or failed (reasons in the file list)")
        elif not any(f.tokens for f in compared):
            why = (f"holds no file that can be compared: its {len(compared)} file(s) read"
                   " hold no code token or word (empty)")
        else:
            continue
        warnings.append(f"the {side} input {work.label!r} {why}: nothing can match it, so every"
                        " similarity figure is 0 by construction, not a finding")
    for side, work in (("left", result.left), ("right", result.right)):
        kinds = Counter(_compiled(f.path) for f in result.files
                        if f.side == side and f.status == "skipped" and f.reason == BINARY)
        kinds.pop(None, None)
        if kinds:
            listed = ", ".join(f"{n:,} {kind}" for kind, n in sorted(kinds.items()))
            warnings.append(
                f"the {side} input {work.label!r} holds {kinds.total():,} compiled file(s)"
                f" ({listed}) skipped as binary: simcheck compares source code, so the code"
                " they hold is in no figure (decompile or disassemble them to compare it)")
    return warnings


def _compiled(path: str) -> str | None:
    """The extension of a compiled file (".class"), or None."""
    name = path.rsplit("/", 1)[-1].lower()
    # A shared library's version follows its extension: libfoo.so.1.2.
    name = name.split(".so.", 1)[0] + ".so" if ".so." in name else name
    return next((ext for ext in _COMPILED if name.endswith(ext)), None)
