"""Warnings about inputs with nothing to compare: the run finishes (an empty side is an
answer, not bad usage), but the reader is told before reading any figure."""

from __future__ import annotations

from .result import Result


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
    return warnings
