"""Passage alignment between two documents.

1. Sentence pairs are nominated by an exact index (the same words in the same order, any
   length: headings, table rows) and by an inverted index of content words (a pair must
   share at least two content words, and a third of the shorter sentence's).
2. rapidfuzz scores each nominated pair on its words: Indel similarity in word order,
   and word overlap (Dice) whatever the order. A pair is verbatim (same words), near-
   verbatim (in-order similarity >= 0.8: small edits) or a paraphrase (overlap >= 0.5,
   of content words too: substituted words and reordered clauses).
3. Each sentence is used once: pairs are taken best first.
4. Pairs close to each other on both sides (at most ``gap`` unmatched sentences between,
   reordering inside the passage allowed) and in the same section on each side form a
   passage. A passage is reported when it
   holds at least ``min_words`` words and either a verbatim or near-verbatim sentence of
   ``min_strong_words`` words or two aligned sentences: a lone short or loosely similar
   sentence is what unrelated texts on one subject share by chance.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from rapidfuzz.distance import Indel

from fingerprints.ranges import range_positions
from fingerprints.words import multiset_dice, segment_dice

from ..match.sets import counts_of
from .prepare import TextFile

TEXT_KIND_MEANING: dict[str, str] = {
    "near-verbatim": "the same sentences with small edits (words inserted, deleted or"
    " substituted in place)",
    "paraphrase": "the sentences were reworded: words substituted or clauses reordered,"
    " half or more of the words still shared",
}


@dataclass(frozen=True)
class AlignSettings:
    near_verbatim: float = 0.8  # in-order word similarity of a small edit
    paraphrase: float = 0.5  # word overlap (all words and content words) of a paraphrase
    min_shared_content: int = 2  # content words a nominated pair shares at least
    shared_content_share: float = 1 / 3  # ... and this share of the shorter sentence's
    max_word_sentences: int = 200  # a content word in more sentences nominates no pair
    gap: int = 2  # unmatched sentences allowed between two sentences of one passage
    min_words: int = 10  # words (left side) of a reported passage
    min_strong_words: int = 8  # words of the verbatim/near-verbatim sentence that anchors one


@dataclass(frozen=True)
class SentencePair:
    left: int  # (first) sentence index in the left file
    right: int
    kind: str  # verbatim | near-verbatim | paraphrase
    similarity: float  # Indel over words, in order
    overlap: float  # Dice over words, any order
    # Consecutive sentences aligned as one: a sentence split in two, or two merged.
    left_count: int = 1
    right_count: int = 1

    @property
    def lefts(self) -> range:
        return range(self.left, self.left + self.left_count)

    @property
    def rights(self) -> range:
        return range(self.right, self.right + self.right_count)


@dataclass(frozen=True)
class Passage:
    pairs: tuple[SentencePair, ...]  # in left order
    words: tuple[int, ...]  # words of each pair's left sentence

    @property
    def kind(self) -> str:
        return passage_kind(self.pairs, self.words)


def _sentence_keys(f: TextFile) -> list[bytes]:
    return [f.sentence_symbols(i).tobytes() for i in range(f.sentences)]


def _content_postings(f: TextFile) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(symbol, sentence) rows for the distinct content words of each sentence, and the
    number of distinct content words per sentence."""
    n = (f.s_word_end - f.s_word_start).astype(np.int64)
    sent = np.repeat(np.arange(f.sentences, dtype=np.int64), n)
    at = range_positions(f.s_word_start, n)
    keep = f.content[at]
    sent, sym = sent[keep], f.symbols[at][keep]
    order = np.lexsort((sym, sent))
    sent, sym = sent[order], sym[order]
    first = np.ones(sent.size, dtype=bool)
    first[1:] = (sent[1:] != sent[:-1]) | (sym[1:] != sym[:-1])
    sent, sym = sent[first], sym[first]
    return sym, sent, np.bincount(sent, minlength=f.sentences).astype(np.int64)


def nominate(left: TextFile, right: TextFile, s: AlignSettings) -> set[tuple[int, int]]:
    """Sentence pairs worth scoring."""
    out: set[tuple[int, int]] = set()
    by_key: dict[bytes, list[int]] = {}
    for j, key in enumerate(_sentence_keys(right)):
        by_key.setdefault(key, []).append(j)
    for i, key in enumerate(_sentence_keys(left)):
        for j in by_key.get(key, ()):
            out.add((i, j))
    ls, li, lsize = _content_postings(left)
    rs, ri, rsize = _content_postings(right)
    if ls.size == 0 or rs.size == 0:
        return out
    order = np.argsort(rs, kind="stable")
    rs, ri = rs[order], ri[order]
    lo = np.searchsorted(rs, ls, side="left")
    hi = np.searchsorted(rs, ls, side="right")
    counts = hi - lo
    _, inverse, per = counts_of(ls)
    limit = s.max_word_sentences
    usable = (counts > 0) & (counts <= limit) & (per[inverse] <= limit)
    if not usable.any():
        return out
    c = counts[usable]
    pl = np.repeat(li[usable], c)
    starts = np.repeat(lo[usable], c)
    offsets = np.arange(pl.size) - np.repeat(np.cumsum(c) - c, c)
    pr = ri[starts + offsets]
    keys = pl * (right.sentences + 1) + pr
    unique, _, shared = counts_of(keys)
    a = unique // (right.sentences + 1)
    b = unique % (right.sentences + 1)
    need = np.maximum(
        s.min_shared_content,
        np.ceil(s.shared_content_share * np.minimum(lsize[a], rsize[b]) - 1e-9),
    )
    keep = shared >= need
    out.update(zip(a[keep].tolist(), b[keep].tolist(), strict=True))
    return out


def score(
    left: TextFile, right: TextFile, i: int, j: int, s: AlignSettings, ni: int = 1, nj: int = 1,
    overlap: float | None = None, content_overlap: float | None = None,
) -> SentencePair | None:
    """Sentences i..i+ni-1 against j..j+nj-1: a pair with its kind, or None. ``overlap``
    and ``content_overlap``: their word overlaps when already measured (``score_pairs``)."""
    la, lb = int(left.s_word_start[i]), int(left.s_word_end[i + ni - 1])
    ra, rb = int(right.s_word_start[j]), int(right.s_word_end[j + nj - 1])
    a, b = left.symbols[la:lb], right.symbols[ra:rb]
    if a.size == b.size and bool(np.array_equal(a, b)):
        return SentencePair(i, j, "verbatim", 1.0, 1.0, ni, nj)
    similarity = Indel.normalized_similarity(a.tolist(), b.tolist())
    if overlap is None:
        overlap = multiset_dice(a, b)
    if similarity >= s.near_verbatim:
        return SentencePair(i, j, "near-verbatim", round(similarity, 4), round(overlap, 4), ni, nj)
    if overlap >= s.paraphrase:
        if content_overlap is None:
            content_overlap = multiset_dice(a[left.content[la:lb]], b[right.content[ra:rb]])
        if content_overlap >= s.paraphrase:
            return SentencePair(i, j, "paraphrase", round(similarity, 4), round(overlap, 4),
                                ni, nj)
    return None


def _content_ranges(f: TextFile) -> np.ndarray:
    """Per word offset: the number of content words before it (so a sentence's content
    words are ``symbols[content][r[start]:r[end]]``)."""
    r = np.zeros(f.content.size + 1, dtype=np.int64)
    np.cumsum(f.content, out=r[1:])
    return r


def score_pairs(
    left: TextFile, right: TextFile, pairs: set[tuple[int, int]], s: AlignSettings
) -> list[SentencePair]:
    """``score`` of every pair of single sentences, those that are a pair, in (left, right)
    order. The word overlap of all pairs is measured at once; the in-order similarity
    (2 x longest common subsequence / words) never exceeds the overlap (2 x shared words /
    words), so a pair whose overlap is below both thresholds is no pair and is not scored
    further."""
    if not pairs:
        return []
    ij = np.array(sorted(pairs), dtype=np.int64)
    overlap = segment_dice(
        left.symbols, left.s_word_start, left.s_word_end,
        right.symbols, right.s_word_start, right.s_word_end, ij[:, 0], ij[:, 1],
    )
    # The margin keeps a rounding difference between the two figures from dropping a pair.
    maybe = np.flatnonzero((overlap >= s.paraphrase) | (overlap >= s.near_verbatim - 1e-9))
    content = np.full(ij.shape[0], -1.0)
    para = maybe[overlap[maybe] >= s.paraphrase]
    lc, rc = _content_ranges(left), _content_ranges(right)
    content[para] = segment_dice(
        left.symbols[left.content], lc[left.s_word_start], lc[left.s_word_end],
        right.symbols[right.content], rc[right.s_word_start], rc[right.s_word_end],
        ij[para, 0], ij[para, 1],
    )
    out = []
    for k, i, j in zip(maybe.tolist(), ij[maybe, 0].tolist(), ij[maybe, 1].tolist(),
                       strict=True):
        c = float(content[k])
        p = score(left, right, i, j, s, overlap=float(overlap[k]),
                  content_overlap=c if c >= 0 else None)
        if p is not None:
            out.append(p)
    return out


MAX_MERGED = 3  # sentences on one side aligned as one sentence on the other


def _extend(
    left: TextFile, right: TextFile, p: SentencePair, used_l: set[int], used_r: set[int],
    s: AlignSettings,
) -> SentencePair:
    """Grow a pair by a neighbouring unaligned sentence on either side while that makes
    the two sides more alike: a sentence split in two, or two sentences merged."""
    while True:
        options = []
        for dl in (1, 0):
            for before in (False, True):
                i, ni = p.left, p.left_count
                j, nj = p.right, p.right_count
                if dl:
                    new = i - 1 if before else i + ni
                    if ni >= MAX_MERGED or not 0 <= new < left.sentences or new in used_l:
                        continue
                    if left.s_block[new] != left.s_block[i]:
                        continue
                    i, ni = min(i, new), ni + 1
                else:
                    new = j - 1 if before else j + nj
                    if nj >= MAX_MERGED or not 0 <= new < right.sentences or new in used_r:
                        continue
                    if right.s_block[new] != right.s_block[j]:
                        continue
                    j, nj = min(j, new), nj + 1
                q = score(left, right, i, j, s, ni, nj)
                if q is not None and q.similarity + q.overlap > p.similarity + p.overlap + 0.02:
                    options.append(q)
        if not options:
            return p
        p = max(options, key=lambda q: (q.similarity + q.overlap, -q.left, -q.right))
        used_l.update(p.lefts)
        used_r.update(p.rights)


def _words(f: TextFile, p: SentencePair) -> int:
    return int(f.s_word_end[p.left + p.left_count - 1] - f.s_word_start[p.left])


def passage_kind(pairs: tuple[SentencePair, ...], words: tuple[int, ...]) -> str:
    """verbatim when every sentence is; paraphrase when paraphrased sentences hold at
    least half the words; near-verbatim otherwise."""
    if all(p.kind == "verbatim" for p in pairs):
        return "verbatim"
    para = sum(w for p, w in zip(pairs, words, strict=True) if p.kind == "paraphrase")
    return "paraphrase" if 2 * para >= sum(words) else "near-verbatim"


def _same_sections(left: TextFile, right: TextFile, a: SentencePair, b: SentencePair) -> bool:
    """A passage stays inside one section on each side, so that each exhibit names its
    section (a section copied whole is one exhibit)."""
    return (
        left.section[int(left.s_block[a.left])] == left.section[int(left.s_block[b.left])]
        and right.section[int(right.s_block[a.right])] == right.section[int(right.s_block[b.right])]
    )


def align(left: TextFile, right: TextFile, s: AlignSettings) -> list[Passage]:
    """The passages of ``left`` found in ``right``, in left order."""
    scored = score_pairs(left, right, nominate(left, right, s), s)
    # Best first; among equals the pair nearest the diagonal, then a fixed order.
    nl, nr = max(left.sentences, 1), max(right.sentences, 1)
    scored.sort(key=lambda p: (-(p.similarity + p.overlap), abs(p.left / nl - p.right / nr),
                               p.left, p.right))
    used_l: set[int] = set()
    used_r: set[int] = set()
    chosen: list[SentencePair] = []
    for p in scored:
        if p.left not in used_l and p.right not in used_r:
            used_l.add(p.left)
            used_r.add(p.right)
            chosen.append(p)
    chosen = [_extend(left, right, p, used_l, used_r, s) for p in chosen]
    chosen.sort(key=lambda p: p.left)
    groups: list[list[SentencePair]] = []
    for p in chosen:
        g = groups[-1] if groups else None
        if g is not None and _same_sections(left, right, g[0], p):
            lo = min(q.right for q in g)
            hi = max(q.right for q in g)
            if p.left - g[-1].left <= s.gap + 1 and lo - s.gap - 1 <= p.right <= hi + s.gap + 1:
                g.append(p)
                continue
        groups.append([p])
    passages = []
    for g in groups:
        words = tuple(_words(left, p) for p in g)
        strong = max(
            (w for p, w in zip(g, words, strict=True) if p.kind != "paraphrase"), default=0
        )
        if sum(words) >= s.min_words and (strong >= s.min_strong_words or len(g) >= 2):
            passages.append(Passage(tuple(g), words))
    return passages

