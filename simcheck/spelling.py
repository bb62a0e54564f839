"""The dictionary both pipelines consult for misspellings: pyspellchecker's English
word-frequency list (offline, in the package). British spellings of its words count as
known. A *misspelling* is a word the dictionary lacks that is one edit from a common
dictionary word; identical misspellings on both sides are what courts weigh most."""

from __future__ import annotations

import re
from functools import lru_cache
from importlib.metadata import version
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


def known(word: str) -> str | None:
    """The dictionary form of ``word`` (itself or its American spelling), if any."""
    spell = _speller()
    if word in spell:
        return word
    for pattern, repl in _BRITISH:
        variant = pattern.sub(repl, word)
        if variant != word and variant in spell:
            return variant
    return None


def frequency(word: str) -> int:
    """Occurrences of a dictionary word in the dictionary's corpus."""
    return int(_speller().word_frequency[word])


def misspelling_of(word: str) -> str | None:
    """The common word ``word`` (lower case, not in the dictionary) is one edit from."""
    suggestion = _speller().correction(word)
    if suggestion and suggestion != word and frequency(suggestion) >= COMMON_COUNT:
        return suggestion
    return None
