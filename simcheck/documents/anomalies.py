"""Shared anomalies: the same unusual word form in both documents of a related pair.

Identical misspellings are what courts weigh most: independent authors rarely make the
same error. A word is a *misspelling* when it is not in the dictionary, is written in
lower case wherever it occurs (names and product codes are not), is not the name of a
package or module either work imports or declares (``simcheck.package_names``), and is
one edit from a common dictionary word; such a word counts wherever it occurs in the two documents.
Other words absent from the dictionary (*not-in-dictionary*: coined terms, jargon) and
dictionary words used less than ``RARE_COUNT`` times in its corpus (*rare*) count only
where they lie inside matched sentences on both sides. The dictionary is pyspellchecker's
English word-frequency list (offline, in the package); British spellings of its words
count as known."""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable
from dataclasses import dataclass, field

from fingerprints.words import STOPWORDS

from ..result import Place, SharedAnomaly
from ..spelling import frequency, known, misspelling_of
from .prepare import TextFile

MIN_LENGTH = 4
RARE_COUNT = 100  # corpus occurrences (of 1.6 billion words) below which a word is rare
MAX_PLACES = 10
KIND_ORDER = {"misspelling": 0, "not-in-dictionary": 1, "rare": 2}


@dataclass
class _Found:
    left: dict[tuple[str, int], Place] = field(default_factory=dict)
    right: dict[tuple[str, int], Place] = field(default_factory=dict)
    left_count: int = 0
    right_count: int = 0
    matches: set[str] = field(default_factory=set)
    counted_left: set[str] = field(default_factory=set)
    counted_right: set[str] = field(default_factory=set)


def _places(f: TextFile, positions: Iterable[int]) -> list[Place]:
    out = []
    for w in positions:
        b = int(f.block[w])
        out.append(Place(f.path, f.document.blocks[b].page, b + 1, f.heading(b)))
    return out


def _positions(f: TextFile) -> dict[str, list[int]]:
    """Where each candidate word of the document's prose occurs. Words of code blocks
    (a README's examples) and words written in camelCase ("addIssue", "JavaScript") are
    names, not the author's spelling; so is a word used as a part of a path, a URL or a
    file name ("docs/conf.py", "court-exif.jpg"), where it is used so."""
    out: dict[str, list[int]] = {}
    names: set[str] = set()  # written in camelCase somewhere: a name wherever it occurs
    code = [b.kind == "code" for b in f.document.blocks]
    paths: dict[int, list[tuple[int, int]]] = {}  # per block: its path-like chunks
    for i, (word, alias) in enumerate(zip(f.words, f.alias.tolist(), strict=True)):
        b = int(f.block[i])
        if (alias < 0 and len(word) >= MIN_LENGTH and word.isalpha()
                and word not in STOPWORDS and not code[b]):
            if _CAMEL.search(_original(f, i)):
                names.add(word)
            elif not _in_path(f, b, int(f.start[i]), paths):
                out.setdefault(word, []).append(i)
    return {word: at for word, at in out.items() if word not in names}


_CAMEL = re.compile(r"[a-z][A-Z]")
_CHUNK = re.compile(r"\S+")
# A chunk between spaces, its surrounding punctuation aside, that holds a slash or ends in
# a file name's extension ("theme.conf", "court-exif.jpg"; not "etc." or "end.").
_PATH = re.compile(r"[^\s]*[/\\][^\s]*|[\w.-]*\w\.[A-Za-z][A-Za-z0-9]{0,4}")
_AROUND = "([{<\"'`*_)]}>.,;:!?"


def _in_path(f: TextFile, block: int, start: int, paths: dict[int, list[tuple[int, int]]]
             ) -> bool:
    """Whether the word starting at ``start`` of ``block``'s text lies in a path-like chunk."""
    spans = paths.get(block)
    if spans is None:
        spans = paths[block] = []
        for m in _CHUNK.finditer(f.document.blocks[block].text):
            if _PATH.fullmatch(m.group().strip(_AROUND)):
                spans.append((m.start(), m.end()))
    at = bisect_right(spans, (start, _END)) - 1  # the last chunk starting at or before it
    return at >= 0 and start < spans[at][1]


_END = 1 << 62


def _original(f: TextFile, i: int) -> str:
    block = f.document.blocks[int(f.block[i])]
    return block.text[int(f.start[i]) : int(f.end[i])]


def _classify(word: str, lower_everywhere: bool) -> tuple[str, str | None] | None:
    dictionary_form = known(word)
    if dictionary_form is not None:
        return ("rare", None) if frequency(dictionary_form) < RARE_COUNT else None
    if lower_everywhere:
        suggestion = misspelling_of(word)
        if suggestion is not None:
            return "misspelling", suggestion
    return "not-in-dictionary", None


def shared_anomalies(
    pairs: list[tuple[TextFile, TextFile, list[tuple[str, set[int], set[int]]]]],
    code_names: frozenset[str] = frozenset(),
) -> dict[str, SharedAnomaly]:
    """``pairs``: related document pairs, each with its matches as (id, left word
    indices, right word indices). Returns anomalies by word. ``code_names``: packages and
    modules the works import or declare ("axios"): names, like a capitalised word, so
    never misspellings, however close to a dictionary word."""
    found: dict[str, _Found] = {}
    kinds: dict[str, tuple[str, str | None] | None] = {}
    # A document in several related pairs is read once (files are keyed by identity).
    positions: dict[TextFile, dict[str, list[int]]] = {}
    for left, right, matches in pairs:
        for f in (left, right):
            if f not in positions:
                positions[f] = _positions(f)
        lpos, rpos = positions[left], positions[right]
        in_left = set().union(*(m[1] for m in matches)) if matches else set()
        in_right = set().union(*(m[2] for m in matches)) if matches else set()
        for word in sorted(lpos.keys() & rpos.keys()):
            if word not in kinds:
                lower = word not in code_names and all(
                    _original(left, i).islower() for i in lpos[word]) and all(
                    _original(right, i).islower() for i in rpos[word])
                kinds[word] = _classify(word, lower)
            kind = kinds[word]
            if kind is None:
                continue
            matched_l = [i for i in lpos[word] if i in in_left]
            matched_r = [i for i in rpos[word] if i in in_right]
            if kind[0] != "misspelling" and not (matched_l and matched_r):
                continue
            entry = found.setdefault(word, _Found())
            for place in _places(left, lpos[word]):
                entry.left.setdefault((place.path, place.paragraph), place)
            for place in _places(right, rpos[word]):
                entry.right.setdefault((place.path, place.paragraph), place)
            if left.path not in entry.counted_left:  # a document is counted once
                entry.counted_left.add(left.path)
                entry.left_count += len(lpos[word])
            if right.path not in entry.counted_right:
                entry.counted_right.add(right.path)
                entry.right_count += len(rpos[word])
            for match_id, lw, rw in matches:
                if lw.intersection(lpos[word]) or rw.intersection(rpos[word]):
                    entry.matches.add(match_id)
    out = {}
    for word, e in found.items():
        kind, suggestion = kinds[word]  # type: ignore[misc]
        out[word] = SharedAnomaly(
            word=word,
            kind=kind,
            suggestion=suggestion,
            left=[e.left[k] for k in sorted(e.left)][:MAX_PLACES],
            right=[e.right[k] for k in sorted(e.right)][:MAX_PLACES],
            left_count=e.left_count,
            right_count=e.right_count,
            matches=sorted(e.matches),
        )
    return dict(sorted(out.items(), key=lambda kv: (KIND_ORDER[kv[1].kind], kv[0])))
