"""Files with the same bytes on both sides that no match can report: smaller than the
minimum match (one-line headers, re-export stubs). They are listed as a fact with the
files named; no similarity figure counts them, since the minimum is there on purpose
(such short runs recur between independent works)."""

from __future__ import annotations

from collections.abc import Sequence

from .ingest.model import IngestedFile
from .result import IdenticalFiles, Result


def identical_files(
    result: Result, left: Sequence[IngestedFile], right: Sequence[IngestedFile]
) -> list[IdenticalFiles]:
    """Per SHA-256 held by a compared, non-blank file of fewer tokens than the minimum
    match on each side and by no file pair of the result, the files holding it on each
    side (``left``/``right``: the works' ingested files, read for blankness)."""
    blank = {(side, f.path) for side, files in (("left", left), ("right", right))
             for f in files if f.text is not None and not f.text.strip()}
    groups: dict[str, tuple[list[str], list[str], int, int]] = {}
    for f in result.files:
        if (f.status != "compared" or f.sha256 is None or f.size == 0
                or f.tokens >= result.settings.min_match_tokens or (f.side, f.path) in blank):
            continue
        lpaths, rpaths, _, _ = groups.setdefault(f.sha256, ([], [], f.size, f.tokens))
        (lpaths if f.side == "left" else rpaths).append(f.path)
    paired = {(p.left, p.right) for p in result.file_pairs}
    found = []
    for sha256, (lpaths, rpaths, size, tokens) in sorted(groups.items()):
        if lpaths and rpaths and not any((lp, rp) in paired for lp in lpaths
                                         for rp in rpaths):
            found.append(IdenticalFiles(sha256, size, tokens, sorted(lpaths), sorted(rpaths)))
    found.sort(key=lambda g: (g.left[0], g.right[0]))
    return found
