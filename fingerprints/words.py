"""Words of prose with their coordinates: the text channel of the engine. Pure functions.

A document's normalised text becomes a stream of word symbols (stable 64-bit hashes of the
case-folded word) with the character span of each word, so that every later figure can be
traced back to the exact characters. Word shingles are k-grams over that stream, hashed
and winnowed by the same functions as code tokens (``kgrams``, ``winnow``).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from .kgrams import kgram_hashes
from .tokens import symbol_of
from .winnow import winnow

# A word: letters and digits, with inner apostrophes ("don't", "operator's") kept inside.
# Hyphens and dots split words ("NPC-200" is "npc" "200"): how compounds are written
# varies between copies ("set-point", "set point"), and a split never loses a shared run.
WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")

# English function words: they carry no evidence on their own, so they never nominate a
# sentence pair (they still count in every similarity figure).
STOPWORDS: frozenset[str] = frozenset(
    """a about above after again against all also am an and any are as at be because been
    before being below between both but by can could did do does doing down during each
    either few for from further had has have having he her here hers him his how i if in
    into is it its itself just may me might more most must my no nor not now of off on once
    only or other our ours out over own same shall she should so some such than that the
    their theirs them then there these they this those through to too under until up upon
    us very was we were what when where which while who whom why will with within without
    would you your yours""".split()
)


@dataclass(frozen=True)
class Words:
    """Parallel arrays, one element per word, in text order."""

    symbols: np.ndarray  # uint64: symbol_of(casefolded word)
    start: np.ndarray  # int64 character offset of the word in the text
    end: np.ndarray  # int64, exclusive
    content: np.ndarray  # bool: not a stopword

    def __len__(self) -> int:
        return int(self.symbols.shape[0])


def fold(word: str) -> str:
    """The form words are compared in: case-folded, typographic apostrophe made plain."""
    return word.replace("’", "'").casefold()


def tokenize_words(text: str) -> tuple[list[str], Words]:
    """The words of ``text`` (case-folded) and their symbols and character spans."""
    folded: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    for m in WORD.finditer(text):
        folded.append(fold(m.group()))
        starts.append(m.start())
        ends.append(m.end())
    return folded, Words(
        symbols=np.asarray([symbol_of(w) for w in folded], dtype=np.uint64),
        start=np.asarray(starts, dtype=np.int64),
        end=np.asarray(ends, dtype=np.int64),
        content=np.asarray([w not in STOPWORDS for w in folded], dtype=bool),
    )


def replace_phrases(
    words: Sequence[str], phrases: Sequence[tuple[tuple[str, ...], int]]
) -> list[tuple[int, int, int]]:
    """Where each phrase (a sequence of folded words, with a label) occurs in ``words``:
    ``(first word, word count, label)`` for non-overlapping occurrences, longest phrase
    first at each position, left to right."""
    by_first: dict[str, list[tuple[tuple[str, ...], int]]] = {}
    for phrase, label in sorted(phrases, key=lambda p: (-len(p[0]), p[0], p[1])):
        if phrase:
            by_first.setdefault(phrase[0], []).append((phrase, label))
    found: list[tuple[int, int, int]] = []
    i, n = 0, len(words)
    while i < n:
        for phrase, label in by_first.get(words[i], ()):
            if tuple(words[i : i + len(phrase)]) == phrase:
                found.append((i, len(phrase), label))
                i += len(phrase)
                break
        else:
            i += 1
    return found


def word_shingles(symbols: np.ndarray, k: int) -> np.ndarray:
    """Hash of every run of ``k`` consecutive words (element i covers words [i, i+k))."""
    return kgram_hashes(symbols, k)


def word_fingerprints(symbols: np.ndarray, k: int, w: int) -> np.ndarray:
    """The winnowed word shingles: any shared run of at least k + w - 1 words yields one."""
    hashes = word_shingles(symbols, k)
    return hashes[winnow(hashes, w)]


def multiset_dice(a: np.ndarray, b: np.ndarray) -> float:
    """2 x shared words (counted with multiplicity) / all words: the word overlap of two
    passages whatever their order."""
    if a.size + b.size == 0:
        return 0.0
    ua, ca = np.unique(a, return_counts=True)
    ub, cb = np.unique(b, return_counts=True)
    _, ia, ib = np.intersect1d(ua, ub, assume_unique=True, return_indices=True)
    shared = int(np.minimum(ca[ia], cb[ib]).sum())
    return 2.0 * shared / float(a.size + b.size)
