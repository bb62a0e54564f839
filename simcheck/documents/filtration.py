"""The documents' filter stages: a document match's sentences that the base or an excluded
corpus also holds (a compliance statement, a published standard's warnings, a template
manual both sides received) are explained, with the reference document cited.

A sentence of a work document is *found* in a reference document when the aligner, with
the settings used between the two works, aligns it verbatim or near-verbatim inside a
passage it reports between the two documents. A paraphrase of the reference explains
nothing: a rewording that one side wrote and the other repeats is evidence. A matched
sentence pair is explained by a stage when every sentence of it, on both sides, is found
in a document of that stage's references (not necessarily the same document); its words
are credited to the first such stage (base, then corpora), as code tokens are."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from ..filter import stages as st
from ..filter.corpus import References
from ..filter.ledger import Occurrences, counts, rows
from ..match.candidates import candidate_pairs
from ..result import FilterEvidence, FilterSpan, LedgerRow, MatchFilter, Segment, StageTokens
from .align import AlignSettings, Passage, SentencePair, align
from .evidence import Side
from .prepare import TextFile
from .reference_documents import ReferenceDocuments

# The stages that apply to documents, in the order applied; the others read code.
DOCUMENT_STAGES: tuple[str, ...] = (st.BASE, st.CORPUS)
KEEP = len(DOCUMENT_STAGES)  # the "stage index" of a word no stage explains
# How closely a reference must hold a sentence for it to count as found there.
FOUND_KINDS = frozenset({"verbatim", "near-verbatim"})


@dataclass(frozen=True)
class ReferenceText:
    """One reference's documents, prepared with the works' document settings (those that
    share no word shingle with the works are never extracted on a cached run)."""

    stage: str  # st.BASE or st.CORPUS
    label: str
    source: ReferenceDocuments

    @property
    def documents(self) -> int:
        return len(self.source.documents)

    @property
    def words(self) -> int:
        return self.source.words


@dataclass(frozen=True)
class _Hit:
    """Where a work sentence is found: a reference document's aligned sentences."""

    ref: int  # index into the references
    file: int  # index into that reference's documents
    sentence: int  # its first aligned sentence
    count: int  # how many (a sentence split in two counts both)
    kind: str  # verbatim | near-verbatim


def reference_texts(refs: References) -> tuple[ReferenceText, ...]:
    """The base's and the corpora's documents."""
    return tuple(
        ReferenceText(
            st.BASE if r.role == "base" else st.CORPUS,
            r.label,
            r.documents if isinstance(r.documents, ReferenceDocuments)
            else ReferenceDocuments.none(),
        )
        for r in refs.all
    )


class Finder:
    """Which sentences of each work document are found in the reference documents,
    computed once per document, on demand (only documents with a match need it)."""

    def __init__(self, refs: Sequence[ReferenceText], settings: AlignSettings) -> None:
        self.refs = refs
        self.settings = settings
        self._owner = [(ri, fi) for ri, r in enumerate(refs) for fi in range(r.documents)]
        self._prints = [p for r in refs for p in r.source.fingerprints]
        self._found: dict[TextFile, dict[int, list[_Hit]]] = {}

    @property
    def active(self) -> bool:
        return bool(self._owner)

    def _candidates(self, files: Sequence[TextFile]) -> list[tuple[int, int, int]]:
        """(work file, reference, reference document) sharing a winnowed word shingle."""
        # No cap: a statement reproduced in many reference documents is still found.
        return [(c.left, *self._owner[c.right]) for c in candidate_pairs(
            [f.fingerprints for f in files], self._prints, len(self._prints) + 1)]

    def need(self, files: Sequence[TextFile]) -> None:
        """Extract, one pass per reference, the reference documents that ``files`` (the
        work documents with a match) share a shingle with: ``found`` aligns only those."""
        if not self.active or not files:
            return
        wanted: dict[int, set[int]] = {}
        for _, ri, fi in self._candidates(files):
            wanted.setdefault(ri, set()).add(fi)
        for ri in sorted(wanted):
            self.refs[ri].source.load(wanted[ri])

    def _file(self, ri: int, fi: int) -> TextFile:
        return self.refs[ri].source.file(fi)

    def found(self, f: TextFile) -> dict[int, list[_Hit]]:
        """Per sentence of ``f`` found in a reference document, where."""
        if f in self._found:
            return self._found[f]
        hits: dict[int, list[_Hit]] = {}
        # Every reference document sharing a winnowed word shingle is aligned.
        for _, ri, fi in self._candidates([f]):
            for passage in align(f, self._file(ri, fi), self.settings):
                for p in passage.pairs:
                    if p.kind in FOUND_KINDS:
                        for s in p.lefts:
                            hits.setdefault(s, []).append(_Hit(ri, fi, p.right, p.right_count,
                                                               p.kind))
        self._found[f] = hits
        return hits

    def _holds(self, f: TextFile, sentences: range, stage: str) -> bool:
        found = self.found(f)
        return all(
            any(self.refs[h.ref].stage == stage for h in found.get(s, ())) for s in sentences
        )

    def level(self, lf: TextFile, rf: TextFile, p: SentencePair) -> int:
        """The index (in DOCUMENT_STAGES) of the first stage explaining a sentence pair,
        KEEP when none does."""
        if not self.active:
            return KEEP
        for level, stage in enumerate(DOCUMENT_STAGES):
            if self._holds(lf, p.lefts, stage) and self._holds(rf, p.rights, stage):
                return level
        return KEEP

    def cite(self, lf: TextFile, rf: TextFile, pairs: Sequence[SentencePair], stage: str,
             limit: int) -> list[FilterEvidence]:
        """Up to ``limit`` reference passages holding the sentences of ``pairs`` (those a
        stage explained), documents accounting for more of their words first."""
        # (ref, file) -> reference sentence -> how it holds the explained sentences
        places: dict[tuple[int, int], dict[int, _Cited]] = {}
        for side, f, sentences in (
            (0, lf, [s for p in pairs for s in p.lefts]),
            (1, rf, [s for p in pairs for s in p.rights]),
        ):
            found = self.found(f)
            for s in sentences:
                words = int(f.s_word_end[s] - f.s_word_start[s])
                for h in found.get(s, ()):
                    if self.refs[h.ref].stage != stage:
                        continue
                    at = places.setdefault((h.ref, h.file), {})
                    for r in range(h.sentence, h.sentence + h.count):
                        entry = at.setdefault(r, _Cited(set(), [0, 0]))
                        entry.kinds.add(h.kind)
                        entry.words[side] += words if r == h.sentence else 0
        ranked = sorted(
            (-sum(sum(e.words) for e in at.values()), ri, self._file(ri, fi).path, fi, at)
            for (ri, fi), at in places.items()
        )
        out: list[FilterEvidence] = []
        for _, ri, path, fi, at in ranked:
            ref = self.refs[ri]
            side = Side(self._file(ri, fi))
            for run in _runs(sorted(at)):
                if len(out) >= limit:
                    return out
                located = side.side(run)
                kinds = set().union(*(at[r].kinds for r in run))
                kind = "verbatim" if kinds == {"verbatim"} else "near-verbatim"
                lw, rw = (sum(at[r].words[i] for r in run) for i in (0, 1))
                out.append(FilterEvidence(
                    stage, ref.label, path, located.start_line, located.end_line,
                    f"{kind}: holds {lw} explained word(s) of the left side and {rw} of the"
                    " right side",
                    document=located.document,
                ))
        return out


@dataclass(frozen=True)
class _Cited:
    """How one reference sentence holds a match's explained sentences."""

    kinds: set[str]  # verbatim | near-verbatim
    words: list[int]  # explained words of the left and the right side aligned with it


def _runs(sentences: list[int]) -> list[list[int]]:
    """Sorted sentence indices cut into runs of consecutive ones."""
    out: list[list[int]] = []
    for s in sentences:
        if out and s == out[-1][-1] + 1:
            out[-1].append(s)
        else:
            out.append([s])
    return out


def verdict(
    finder: Finder, lf: TextFile, rf: TextFile, passage: Passage, segments: Sequence[Segment],
    explained_fraction: float, max_citations: int,
) -> tuple[list[int], MatchFilter]:
    """The stage index of each sentence pair of a passage, and the match's filter
    verdict (classification, words that still count, citations, explained lines)."""
    levels = [finder.level(lf, rf, p) for p in passage.pairs]
    n = sum(passage.words)
    by_level = [0] * (KEEP + 1)
    for level, words in zip(levels, passage.words, strict=True):
        by_level[level] += words
    kept = by_level[KEEP]
    removed = n - kept
    label = st.NONE
    if removed and removed >= explained_fraction * n:
        label = DOCUMENT_STAGES[int(np.argmax(by_level[:KEEP]))]
    evidence: list[FilterEvidence] = []
    for level, stage in enumerate(DOCUMENT_STAGES):
        pairs = [p for p, lv in zip(passage.pairs, levels, strict=True) if lv == level]
        if pairs:
            evidence += finder.cite(lf, rf, pairs, stage, max_citations)
    names = (*DOCUMENT_STAGES, st.NONE)
    spans = [] if not removed else [
        FilterSpan(names[level], s.left_start_line, s.left_end_line, s.right_start_line,
                   s.right_end_line, s.tokens)
        for level, s in zip(levels, segments, strict=True)
    ]
    return levels, MatchFilter(
        classification=label,
        tokens_filtered=kept,
        explained=[StageTokens(s, w) for s, w in zip(DOCUMENT_STAGES, by_level, strict=False)
                   if w],
        evidence=evidence,
        spans=spans,
    )


@dataclass
class WordLevels:
    """One side's matched word occurrences with the stage index that explains each, for
    the ledger: ``group`` (a file or a file pair), word position, paragraph (block)."""

    group: list[np.ndarray]
    position: list[np.ndarray]
    block: list[np.ndarray]
    level: list[np.ndarray]

    @classmethod
    def empty(cls) -> WordLevels:
        return cls([], [], [], [])

    def add(self, group: int, f: TextFile, sentences: range, level: int) -> None:
        lo, hi = int(f.s_word_start[sentences[0]]), int(f.s_word_end[sentences[-1]])
        pos = np.arange(lo, hi, dtype=np.int64)
        self.group.append(np.full(pos.size, group, dtype=np.int64))
        self.position.append(pos)
        self.block.append(f.block[lo:hi].astype(np.int64))
        self.level.append(np.full(pos.size, level, dtype=np.int64))

    def counts(self, n_groups: int, distinct: bool = False) -> tuple[np.ndarray, np.ndarray]:
        """Per group and stage index s: matched words and paragraphs with level >= s."""
        def cat(parts: list[np.ndarray]) -> np.ndarray:
            return np.concatenate(parts) if parts else np.zeros(0, dtype=np.int64)

        block = cat(self.block)
        occ = Occurrences(cat(self.group), cat(self.position), block, block, cat(self.level))
        return counts(occ, max(n_groups, 1), KEEP, distinct)


def ledger_rows(left: tuple[list[int], list[int]], right: tuple[list[int], list[int]],
                labels: Sequence[str]) -> list[LedgerRow]:
    """The documents' ledger rows from one group's (words, paragraphs) counts per side."""
    tally: dict[str, int] = {}
    for label in labels:
        tally[label] = tally.get(label, 0) + 1
    return rows(left, right, DOCUMENT_STAGES, tally)

