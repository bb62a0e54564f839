"""The dictionary both pipelines consult for misspellings: pyspellchecker's English
word-frequency list (offline, in the package). British spellings of its words count as
known. A *misspelling* is a word the dictionary lacks that is one edit from a common
dictionary word; identical misspellings on both sides are what courts weigh most."""

from __future__ import annotations

import re
from functools import lru_cache
from importlib.metadata import version
from importlib.resources import files
from typing import Any

COMMON_COUNT = 1000  # a misspelling is one edit from a word used at least this often

# British spellings the (American) dictionary lacks: a word that is a dictionary word
# after one of these rewrites is a spelling variant, not an anomaly.
_BRITISH = [
    (re.compile(r"tre(s?)$"), r"ter\1"),  # millimetres
    (re.compile(r"our(s|ed|ing|able)?$"), r"or\1"),  # colour, behaviour
    (re.compile(r"is(e|es|ed|ing|ation|ations)$"), r"iz\1"),  # energised, organisation
    (re.compile(r"ys(e|es|ed|ing)$"), r"yz\1"),  # analyse
    (re.compile(r"ogue(s?)$"), r"og\1"),  # catalogue
    (re.compile(r"ence(s?)$"), r"ense\1"),  # licence, defence
    (re.compile(r"ll(ed|ing|er|ers)$"), r"l\1"),  # travelled, labelling
    (re.compile(r"ae"), "e"),  # anaesthetic
    (re.compile(r"oe"), "e"),  # manoeuvre
]


@lru_cache(maxsize=1)
def _speller() -> Any:
    from spellchecker import SpellChecker

    return SpellChecker(language="en", distance=1)


def dictionary_name() -> str:
    return f"pyspellchecker {version('pyspellchecker')} (English)"


def in_dictionary(word: str) -> bool:
    return word in _speller().word_frequency.dictionary


# Inflections the frequency list often lacks for technical words (``globals``,
# ``representer``, ``encodings``): suffix and what replaces it to give the stem.
_INFLECTIONS = [
    (re.compile(r"(?<=[a-z]{3})(s|es|ed|er|ers|ing|ings)$"), ""),
    (re.compile(r"(?<=[a-z]{3})(d|r|rs)$"), ""),  # "initialized" -> "initialize"
    (re.compile(r"(?<=[a-z]{3})(ed|er|ers|ing|ings)$"), "e"),  # "encoding" -> "encode"
]


@lru_cache(maxsize=1)
def _computing_words() -> frozenset[str]:
    text = files("simcheck").joinpath("spelling_data/computing.txt").read_text("utf-8")
    return frozenset(
        line.strip() for line in text.splitlines() if line.strip() and line[0] != "#"
    )


# Prefixes software and English attach to words freely ("unschedule", "refactor",
# "debounced"): such a word is known when the rest is a known word of at least
# PREFIXED_STEM letters (a typo rarely leaves a prefix and a whole long word; "untill"
# keeps a four-letter rest and stays a typo).
_PREFIXES = ("un", "re", "de", "pre", "sub", "non")
PREFIXED_STEM = 5


def known(word: str) -> str | None:
    """The dictionary form of ``word`` (itself, its American spelling, the dictionary
    word it inflects, or a prefix and a known word), if any. Software's own words
    (``spelling_data/computing.txt``) and their inflections are known too."""
    form = _known_form(word)
    if form is not None:
        return form
    for prefix in _PREFIXES:
        stem = word[len(prefix):]
        if word.startswith(prefix) and len(stem) >= PREFIXED_STEM:
            form = _known_form(stem)
            if form is not None:
                return prefix + form
    return None


def _known_form(word: str) -> str | None:
    spell, computing = _speller(), _computing_words()
    if word in spell or word in computing:
        return word
    for pattern, repl in _BRITISH + _INFLECTIONS:
        variant = pattern.sub(repl, word)
        if variant != word and (variant in spell or variant in computing):
            return variant
    return None


def frequency(word: str) -> int:
    """Occurrences of a dictionary word in the dictionary's corpus."""
    return int(_speller().word_frequency[word])


def misspelling_of(word: str) -> str | None:
    """The common word ``word`` (lower case, not in the dictionary) is one edit from (one
    deletion, insertion, replacement or transposition that ``_kept`` allows): the most
    frequent such dictionary word used at least COMMON_COUNT times (ties: alphabetical),
    or None."""
    if not word.strip("abcdef"):
        return None  # hexadecimal digits ("acfebe"), not a word
    counts = _speller().word_frequency.dictionary
    index = _deletions_index()
    candidates = {c for d in _deletions(word) for c in index.get(d, ())
                  if _kept(word, c) and _one_edit(word, c)}
    hits = [(counts[c], c) for c in candidates]
    best = min(hits, key=lambda h: (-h[0], h[1]), default=None)
    return best[1] if best is not None else None


def _deletions(word: str) -> set[str]:
    """The word and every form of it with one character deleted."""
    return {word, *(word[:i] + word[i + 1 :] for i in range(len(word)))}


@lru_cache(maxsize=1)
def _deletions_index() -> dict[str, tuple[str, ...]]:
    """Common dictionary words by each of their deletion forms: two words one edit apart
    share a deletion form, so a lookup costs one probe per letter, not one per edit."""
    index: dict[str, list[str]] = {}
    for w, count in _speller().word_frequency.dictionary.items():
        if count >= COMMON_COUNT:
            for d in _deletions(w):
                index.setdefault(d, []).append(w)
    return {d: tuple(ws) for d, ws in index.items()}


def _kept(word: str, other: str) -> bool:
    """Whether ``other`` keeps ``word``'s first letter and, when one is a letter longer,
    its second: typing errors rarely touch a word's first letter, while names made of a
    word and a prefix letter do (``nbits``, ``mhash``, ``lname``)."""
    return other[0] == word[0] and (len(other) == len(word) or other[1] == word[1])


def _one_edit(a: str, b: str) -> bool:
    """Exactly one deletion, insertion, replacement or adjacent transposition apart."""
    if a == b or abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        diff = [i for i, (x, y) in enumerate(zip(a, b, strict=True)) if x != y]
        return len(diff) == 1 or (
            len(diff) == 2 and diff[1] == diff[0] + 1
            and a[diff[0]] == b[diff[1]] and a[diff[1]] == b[diff[0]]
        )
    short, long = (a, b) if len(a) < len(b) else (b, a)
    i = 0
    while i < len(short) and short[i] == long[i]:
        i += 1
    return short[i:] == long[i + 1 :]
