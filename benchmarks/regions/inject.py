"""Place disguised definitions into host files and record where each one landed.

A definition goes after a host definition of the same node type (a method after a method in a
class body, a function after a top-level function), at that definition's indentation, so the
host stays syntactically valid. The ground truth is the 1-based line range of each injected
snippet in the modified host file, beside the definition's line range in its donor file.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .syntax import Language, indent_of, line_end, reindent
from .transforms import Snippet


@dataclass(frozen=True)
class Anchor:
    path: str
    kind: str  # node type of the host definition
    pos: int  # byte offset of the end of its last line
    line: int  # 1-based number of that line
    indent: str


@dataclass(frozen=True)
class Donated:
    """One disguised definition with where it came from."""

    donor_path: str
    donor_start: int  # 1-based lines of the original definition in the donor file
    donor_end: int
    kind: str  # node type of the definition
    tokens: int  # code tokens of the original definition
    snippet: Snippet
    group: int = -1  # reorder: definitions placed together, permuted


@dataclass(frozen=True)
class Region:
    """The ground truth of one injection."""

    language: str
    transform: str
    donor_path: str
    donor_start: int
    donor_end: int
    host_path: str
    host_start: int  # 1-based lines of the whole snippet in the modified host file
    host_end: int
    tokens: int
    group: int


def anchors(lang: Language, files: dict[str, bytes]) -> list[Anchor]:
    """Top-level definitions of host files, parsed without error, after which code can go."""
    found: list[Anchor] = []
    for path, source in files.items():
        tree = lang.parse(source)
        for d in lang.definitions(tree.root_node):
            if d.outer.has_error:
                continue
            pos = line_end(source, d.outer.end_byte)
            found.append(Anchor(path, d.inner.type, pos, source.count(b"\n", 0, pos) + 1,
                                indent_of(source, d.outer.start_byte)))
    return found


def _indented(text: str, indent: str) -> str:
    return indent + reindent(text, "", indent)


def inject(
    language: str,
    transform: str,
    host: dict[str, bytes],
    groups: list[list[Donated]],
    rng: np.random.Generator,
    lang: Language,
) -> tuple[dict[str, bytes], list[Region]]:
    """Each group (one definition, or several to be placed together) goes after a distinct
    random host anchor of the same node type. Returns the modified host files and the regions.
    """
    free = anchors(lang, host)
    placed: dict[str, list[tuple[Anchor, list[Donated]]]] = {}
    for group in groups:
        fits = [k for k, a in enumerate(free) if a.kind == group[0].kind]
        if not fits:
            raise RuntimeError(f"no host anchor left for a {group[0].kind}")
        anchor = free.pop(fits[int(rng.integers(len(fits)))])
        placed.setdefault(anchor.path, []).append((anchor, group))
    out = dict(host)
    regions: list[Region] = []
    for path, items in sorted(placed.items()):
        items.sort(key=lambda item: item[0].pos)
        source = host[path]
        parts: list[bytes] = []
        pos = 0
        added = 0  # lines inserted above the current anchor
        for anchor, group in items:
            parts.append(source[pos : anchor.pos])
            pos = anchor.pos
            line = anchor.line + added + 2  # after the anchor's last line and a blank line
            texts = []
            for donated in group:
                text = _indented(donated.snippet.text(), anchor.indent)
                n = text.count("\n") + 1
                regions.append(Region(language, transform, donated.donor_path,
                                      donated.donor_start, donated.donor_end, path, line,
                                      line + n - 1, donated.tokens, donated.group))
                line += n + 1
                texts.append(text)
            block = "\n\n" + "\n\n".join(texts)
            parts.append(block.encode())
            added += block.count("\n")
        parts.append(source[pos:])
        out[path] = b"".join(parts)
    return out, regions
