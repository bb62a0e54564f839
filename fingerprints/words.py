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
from .ranges import range_positions
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


def segment_dice(
    a: np.ndarray, a_lo: np.ndarray, a_hi: np.ndarray,
    b: np.ndarray, b_lo: np.ndarray, b_hi: np.ndarray,
    left: np.ndarray, right: np.ndarray, chunk: int = 1 << 20,
) -> np.ndarray:
    """``multiset_dice(a[a_lo[i]:a_hi[i]], b[b_lo[j]:b_hi[j]])`` for every pair (i, j) of
    ``zip(left, right)``, as float64 with the same rounding: one sort per side instead of
    one per pair. ``chunk`` bounds the rows expanded at once (memory)."""
    left = np.asarray(left, dtype=np.int64)
    right = np.asarray(right, dtype=np.int64)
    out = np.zeros(left.size, dtype=np.float64)
    if left.size == 0:
        return out
    vocab = np.unique(np.concatenate([a, b]))
    width = np.int64(max(vocab.size, 1))

    def rows(sym: np.ndarray, lo: np.ndarray, hi: np.ndarray) -> tuple[np.ndarray, ...]:
        # Distinct (segment, word) keys with their counts, sorted by segment then word.
        n = (hi - lo).astype(np.int64)
        seg = np.repeat(np.arange(lo.size, dtype=np.int64), n)
        at = range_positions(lo, n)
        ids = np.searchsorted(vocab, sym[at]).astype(np.int64)
        keys, counts = np.unique(seg * width + ids, return_counts=True)
        first = np.searchsorted(keys // width, np.arange(lo.size + 1, dtype=np.int64))
        return keys, counts, first, n

    ka, ca, fa, na = rows(a, np.asarray(a_lo), np.asarray(a_hi))
    kb, cb, _, nb = rows(b, np.asarray(b_lo), np.asarray(b_hi))
    total = (na[left] + nb[right]).astype(np.float64)
    distinct = fa[left + 1] - fa[left]
    start = 0
    while start < left.size:
        # Pairs [start, stop) expand to at most ``chunk`` rows (at least one pair).
        ends = np.cumsum(distinct[start:])
        stop = start + max(1, int(np.searchsorted(ends, chunk, side="right")))
        d = distinct[start:stop]
        pair = np.repeat(np.arange(start, stop, dtype=np.int64), d)
        at = range_positions(fa[left[start:stop]], d)
        want = right[pair] * width + ka[at] % width
        pos = np.minimum(np.searchsorted(kb, want), max(kb.size - 1, 0))
        hit = kb[pos] == want if kb.size else np.zeros(pair.size, dtype=bool)
        both = np.where(hit, np.minimum(ca[at], cb[pos] if kb.size else 0), 0)
        shared = np.bincount(pair - start, weights=both, minlength=stop - start)
        part = total[start:stop]
        with np.errstate(invalid="ignore", divide="ignore"):
            out[start:stop] = np.where(part > 0, 2.0 * shared / part, 0.0)
        start = stop
    return out
