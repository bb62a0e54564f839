"""Normalisation of extracted text, every change counted: Unicode NFKC, ligatures, soft
hyphens, invisible characters, curly quotes, end-of-line hyphenation, and the running
headers, footers and page numbers repeated on the pages of paged documents.

Normalisation only ever makes two renderings of the same words compare equal; what it
changed is logged per document so the report can say so."""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Sequence
from functools import lru_cache
from typing import Any

from .model import NormalisationLog

LIGATURES = re.compile("[\ufb00-\ufb06]")
SOFT_HYPHEN = "\u00ad"
# Zero-width space/joiners, word joiner, BOM: invisible, and they split words.
INVISIBLE = re.compile("[\u200b-\u200d\u2060\ufeff]")
QUOTES = str.maketrans({
    "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'",
    "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u2033": '"',
    "\u00ab": '"', "\u00bb": '"',
})
QUOTE_CHARS = re.compile("[" + "".join(map(chr, QUOTES)) + "]")
SPACES = re.compile(r"\s+")
# A line ending in a word broken by a hyphen, and a line continuing it in lower case.
# Typesetting prints U+2010 (HYPHEN) at a break; some producers put a space before it.
BROKEN_WORD = re.compile(r"([^\W\d_]{2,}) ?[-\u2010\u2011\u00ad]$")
CONTINUATION = re.compile(r"^([^\W\d_]*[a-z\u00df-\u00ff][^\W\d_]*)")
PAGE_NUMBER = re.compile(
    r"^(?:(?:page|p\.|seite|pagina|página)\s*)?(?:\d{1,5}|[ivxlcdm]{1,7})"
    r"(?:\s*(?:of|/|von|de|sur)\s*\d{1,5})?$|^[-–—]\s*\d{1,5}\s*[-–—]$",
    re.IGNORECASE,
)
DIGITS = re.compile(r"\d+")
EDGE_LINES = 2  # lines at the top and at the bottom of a page that may be running lines


def normalise_line(text: str, log: NormalisationLog) -> str:
    """One line (or one run of text without line breaks) normalised; changes logged."""
    if LIGATURES.search(text):
        for m in LIGATURES.finditer(text):
            expanded = unicodedata.normalize("NFKC", m.group())
            log.add("ligature expanded", f"{m.group()} -> {expanded}")
    if SOFT_HYPHEN in text:
        where = _around(text, text.index(SOFT_HYPHEN))
        log.add("soft hyphen removed", where, text.count(SOFT_HYPHEN))
        text = text.replace(SOFT_HYPHEN, "")
    if INVISIBLE.search(text):
        log.add("invisible character removed", f"U+{ord(INVISIBLE.search(text).group()):04X}",
                len(INVISIBLE.findall(text)))
        text = INVISIBLE.sub("", text)
    nfkc = unicodedata.normalize("NFKC", text)
    if nfkc != text:
        changed = [c for c in text if unicodedata.normalize("NFKC", c) != c]
        others = [c for c in changed if not LIGATURES.match(c) and not c.isspace()]
        if others:
            c = others[0]
            log.add("Unicode NFKC", f"U+{ord(c):04X} {c} -> {unicodedata.normalize('NFKC', c)}",
                    len(others))
        text = nfkc
    if QUOTE_CHARS.search(text):
        found = QUOTE_CHARS.findall(text)
        log.add("curly quote straightened", found[0], len(found))
        text = text.translate(QUOTES)
    return SPACES.sub(" ", text).strip()


def join_lines(
    lines: Sequence[str], log: NormalisationLog, dehyphenate: bool
) -> tuple[str, tuple[int, ...]]:
    """Normalised lines joined into one paragraph text, and where each line starts in it.
    With ``dehyphenate``, a word broken across a line end ("instal-" + "lation") is
    rejoined; a line break is otherwise a space."""
    text = ""
    offsets: list[int] = []
    for raw in lines:
        line = normalise_line(raw, log)
        if text and dehyphenate:
            broken = broken_word(text)
            cont = CONTINUATION.match(line)
            if broken and cont and cont.group(1):
                example = f"{broken.group(1)}-|{cont.group(1)}"
                if compound(broken.group(1), cont.group(1)):
                    log.add("end-of-line hyphen kept (compound word)", example)
                else:
                    log.add("end-of-line hyphenation joined", example)
                    text = text[: broken.start(0)] + broken.group(1)
                offsets.append(len(text))
                text += line
                continue
        if text and line:
            text += " "
        offsets.append(len(text))
        text += line
    return text, tuple(offsets) or (0,)


_HYPHENS = "-\u2010\u2011\u00ad"
_LETTER = re.compile(r"[^\W\d_]")


def broken_word(text: str) -> re.Match[str] | None:
    """``BROKEN_WORD.search(text)``, reading only the end of ``text``: the pattern is
    anchored there, so its match is the run of letters before a final hyphen. (Searching
    the whole paragraph again for each line added to it was quadratic: minutes for one
    300 KB list of file names.)"""
    if text.endswith("\n"):  # `$` also matches before a final newline: the plain way
        return BROKEN_WORD.search(text)
    if not text or text[-1] not in _HYPHENS:
        return None
    end = len(text) - 1  # the letters end before the hyphen, or before a space before it
    if end and text[end - 1] == " ":
        end -= 1
    start = end
    while start and _LETTER.match(text, start - 1):
        start -= 1
    return BROKEN_WORD.match(text, start) if end - start >= 2 else None


@lru_cache(maxsize=1)
def _dictionary() -> Any:
    from spellchecker import SpellChecker

    return SpellChecker(language="en", distance=1)


def compound(first: str, second: str) -> bool:
    """Whether a hyphen at a line end belongs to a compound ("anti-|windup") rather than
    to a word broken by typesetting ("instal-|lation"): the joined word is not in the
    dictionary while both parts are."""
    spell = _dictionary()
    joined = (first + second).lower()
    return joined not in spell and first.lower() in spell and second.lower() in spell


def _around(text: str, i: int) -> str:
    return text[max(0, i - 12) : i + 12].replace(SOFT_HYPHEN, "\u00b7").strip()


def running_lines(pages: Sequence[Sequence[str]], log: NormalisationLog) -> list[set[int]]:
    """For each page, the indices of its lines that are running headers, footers or page
    numbers: the top or bottom lines whose text (digits ignored) recurs at the same edge
    of at least half the pages (and of two or more), or that are a bare page number."""
    n = len(pages)
    keys: list[dict[int, tuple[str, str]]] = []
    seen: dict[tuple[str, str], set[int]] = {}
    for p, lines in enumerate(pages):
        edge: dict[int, tuple[str, str]] = {}
        count = len(lines)
        edges = list(range(min(EDGE_LINES, count)))
        edges += list(range(max(0, count - EDGE_LINES), count))
        for i in edges:
            where = "top" if i < EDGE_LINES and i < count - EDGE_LINES else "bottom"
            key = (where, DIGITS.sub("#", SPACES.sub(" ", lines[i]).strip().casefold()))
            if key[1]:
                edge[i] = key
                seen.setdefault(key, set()).add(p)
        keys.append(edge)
    needed = max(2, math.ceil(0.5 * n))
    removed: list[set[int]] = []
    for p, lines in enumerate(pages):
        drop: set[int] = set()
        for i, key in keys[p].items():
            text = SPACES.sub(" ", lines[i]).strip()
            if PAGE_NUMBER.match(text):
                log.add("page number removed", text)
                drop.add(i)
            elif n >= 2 and len(seen[key]) >= needed:
                rule = "running header removed" if key[0] == "top" else "running footer removed"
                log.add(rule, text)
                drop.add(i)
        removed.append(drop)
    return removed
