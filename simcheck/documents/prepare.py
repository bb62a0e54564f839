"""A document prepared for alignment: its words (aliases applied) with their block and
character span, its sentences as word ranges, the section each block lies in, and its
winnowed word fingerprints."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from fingerprints.minhash import signature
from fingerprints.tokens import symbol_of
from fingerprints.words import (
    STOPWORDS,
    replace_phrases,
    tokenize_words,
    word_fingerprints,
    word_shingles,
)

from .aliases import Alias, phrases
from .model import Document
from .sentences import split_sentences


@dataclass(frozen=True, eq=False)  # identity: a file is cached by object, not by value
class TextFile:
    path: str
    document: Document
    words: list[str]  # folded words; an alias occurrence is its left term
    symbols: np.ndarray  # uint64 per word
    content: np.ndarray  # bool per word: not a stopword
    block: np.ndarray  # int32 per word: index of its block
    start: np.ndarray  # int64 per word: character offsets in its block's text
    end: np.ndarray
    alias: np.ndarray  # int16 per word: index of the alias it stands for, -1 if none
    # Sentences: block, character span in the block's text, word range [word_start, word_end).
    s_block: np.ndarray
    s_start: np.ndarray
    s_end: np.ndarray
    s_word_start: np.ndarray
    s_word_end: np.ndarray
    section: list[int]  # per block: index of the heading block it lies under, -1 if none
    fingerprints: np.ndarray  # winnowed word shingle hashes
    minhash: np.ndarray

    @property
    def sentences(self) -> int:
        return int(self.s_block.shape[0])

    def sentence_text(self, i: int) -> str:
        block = self.document.blocks[int(self.s_block[i])]
        return block.text[int(self.s_start[i]) : int(self.s_end[i])]

    def sentence_symbols(self, i: int) -> np.ndarray:
        return self.symbols[int(self.s_word_start[i]) : int(self.s_word_end[i])]

    def heading(self, block: int) -> str | None:
        h = self.section[block]
        return None if h < 0 else self.document.blocks[h].text


def alias_symbol(index: int) -> int:
    return symbol_of(f"\x00alias {index}")


def prepare_text(
    path: str, document: Document, aliases: tuple[Alias, ...], k: int, w: int
) -> TextFile:
    alias_phrases = phrases(aliases)
    words: list[str] = []
    symbols: list[int] = []
    block_of: list[int] = []
    starts: list[int] = []
    ends: list[int] = []
    alias_of: list[int] = []
    sb: list[int] = []
    ss: list[int] = []
    se: list[int] = []
    sws: list[int] = []
    swe: list[int] = []
    section: list[int] = []
    heading = -1
    for b, block in enumerate(document.blocks):
        if block.kind == "heading":
            heading = b
        section.append(heading)
        folded, found = tokenize_words(block.text)
        spans_s, spans_e = found.start.tolist(), found.end.tolist()
        base = len(words)
        hits = replace_phrases(folded, alias_phrases) if alias_phrases else []
        i = 0
        for first, count, label in hits + [(len(folded), 0, -1)]:
            for j in range(i, first):
                words.append(folded[j])
                symbols.append(int(found.symbols[j]))
                starts.append(spans_s[j])
                ends.append(spans_e[j])
                alias_of.append(-1)
                block_of.append(b)
            if count:
                words.append(" ".join(aliases[label].left))
                symbols.append(alias_symbol(label))
                starts.append(spans_s[first])
                ends.append(spans_e[first + count - 1])
                alias_of.append(label)
                block_of.append(b)
            i = first + count
        block_starts = np.asarray(starts[base:], dtype=np.int64)
        for s, e in split_sentences(block.text):
            lo = base + int(np.searchsorted(block_starts, s, side="left"))
            hi = base + int(np.searchsorted(block_starts, e, side="left"))
            if hi > lo:
                sb.append(b)
                ss.append(s)
                se.append(e)
                sws.append(lo)
                swe.append(hi)
    sym = np.asarray(symbols, dtype=np.uint64)
    return TextFile(
        path=path,
        document=document,
        words=words,
        symbols=sym,
        content=np.asarray([w not in STOPWORDS for w in words], dtype=bool),
        block=np.asarray(block_of, dtype=np.int32),
        start=np.asarray(starts, dtype=np.int64),
        end=np.asarray(ends, dtype=np.int64),
        alias=np.asarray(alias_of, dtype=np.int16),
        s_block=np.asarray(sb, dtype=np.int32),
        s_start=np.asarray(ss, dtype=np.int64),
        s_end=np.asarray(se, dtype=np.int64),
        s_word_start=np.asarray(sws, dtype=np.int64),
        s_word_end=np.asarray(swe, dtype=np.int64),
        section=section,
        fingerprints=word_fingerprints(sym, k, w),
        minhash=signature(word_shingles(sym, k)),
    )
