"""The text pipeline: extracted documents of two works in, matches, file pairs, file
entries and the documents report out (merged into the one result by ``merge``)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict, dataclass, replace
from typing import Literal

import numpy as np

from fingerprints.minhash import estimate_jaccard
from fingerprints.words import WORD

from ..filter.corpus import References
from ..filter.options import FilterOptions
from ..ingest.model import IngestedFile
from ..match.candidates import candidate_pairs
from ..progress import Progress, silent
from ..result import (
    AliasUse,
    DocumentCoverage,
    DocumentInfo,
    DocumentsReport,
    FileEntry,
    FilePair,
    Match,
    NormalisationStep,
    SectionOrder,
    SharedElement,
    TextEvidence,
)
from ..spelling import dictionary_name
from .aliases import Alias, parse_alias
from .align import Passage, align
from .anomalies import shared_anomalies
from .elements import shared_elements
from .evidence import Side, passage_match
from .filtration import (
    KEEP,
    Finder,
    ReferenceText,
    WordLevels,
    ledger_rows,
    reference_texts,
    verdict,
)
from .formats import document_format
from .model import Document
from .order import section_order
from .prepare import TextFile, prepare_text
from .settings import DocumentSettings


@dataclass(frozen=True)
class DocumentComparison:
    entries: list[FileEntry]
    matches: list[Match]
    file_pairs: list[FilePair]
    report: DocumentsReport
    references: tuple[ReferenceText, ...] = ()  # the references' documents, as prepared


def _entry(side: Literal["left", "right"], f: IngestedFile) -> FileEntry:
    """The file list's row for a file routed to the text pipeline, read or not."""
    doc = f.document if isinstance(f.document, Document) else None
    words = sum(len(WORD.findall(b.text)) for b in doc.blocks) if doc is not None else 0
    fmt = doc.format if doc is not None else document_format(f.path)
    return FileEntry(
        side=side,
        path=f.path,
        status="compared" if doc is not None else ("failed" if f.state == "failed" else "skipped"),
        reason=(None if words else "the document holds no words") if doc is not None else f.reason,
        sha256=f.sha256,
        size=f.size,
        language=fmt,
        encoding=f.encoding,
        lines=len(doc.source_lines) if doc is not None else 0,
        tokens=words,
        tokenizer="words" if doc is not None else None,
    )


def _info(side: Literal["left", "right"], t: TextFile) -> DocumentInfo:
    d = t.document
    return DocumentInfo(
        side=side,
        path=t.path,
        format=d.format,
        pages=d.pages,
        paragraphs=len(d.blocks),
        words=len(t.words),
        headings=sum(1 for b in d.blocks if b.kind == "heading"),
        tables=len({b.table for b in d.blocks if b.table is not None}),
        normalisation=[NormalisationStep(e.rule, e.count, list(e.examples)) for e in d.log],
        notes=list(d.notes) + ([f"read as {d.encoding}"] if d.encoding else []),
    )


def _coverage(files: Sequence[TextFile], masks: Sequence[np.ndarray]) -> DocumentCoverage:
    words = matched = paras = paras_matched = 0
    for f, m in zip(files, masks, strict=True):
        words += len(f.words)
        matched += int(np.count_nonzero(m))
        paras += len(f.document.blocks)
        paras_matched += int(np.unique(f.block[m]).size)
    return DocumentCoverage(len(files), words, matched, paras, paras_matched)


def _filtered(c: DocumentCoverage, words: int, paragraphs: int) -> DocumentCoverage:
    return DocumentCoverage(c.documents, c.words_total, words, c.paragraphs_total, paragraphs)


def _mark(mask: np.ndarray, f: TextFile, sentences: list[int]) -> set[int]:
    marked: set[int] = set()
    for i in sentences:
        lo, hi = int(f.s_word_start[i]), int(f.s_word_end[i])
        mask[lo:hi] = True
        marked.update(range(lo, hi))
    return marked


def compare_documents(
    left: Sequence[IngestedFile],
    right: Sequence[IngestedFile],
    settings: DocumentSettings,
    max_file_frequency: int,
    first_id: int,
    prefix: str,
    progress: Progress = silent,
    references: References | None = None,
    filtration: FilterOptions | None = None,
    code_names: frozenset[str] = frozenset(),
) -> DocumentComparison:
    """The documents of two works compared; each match classified by the documents' filter
    stages against the documents of ``references`` (base and excluded corpora)."""
    aliases: tuple[Alias, ...] = tuple(parse_alias(a) for a in settings.aliases)
    names = tuple(a.given for a in aliases)
    options = filtration or FilterOptions()

    def prepared(files: Sequence[IngestedFile]) -> list[TextFile]:
        return [
            prepare_text(f.path, f.document, aliases, settings.k, settings.window)
            for f in files
            if isinstance(f.document, Document)
        ]

    lt, rt = prepared(left), prepared(right)
    refs = reference_texts(references or References())
    finder = Finder(refs, settings.align)
    lmasks = [np.zeros(len(f.words), dtype=bool) for f in lt]
    rmasks = [np.zeros(len(f.words), dtype=bool) for f in rt]
    # Matched words with the stage that explains them, per file of each side (a word
    # matched in two document pairs counts while one of its matches is unexplained).
    lwords, rwords = WordLevels.empty(), WordLevels.empty()
    candidates = candidate_pairs(
        [f.fingerprints for f in lt], [f.fingerprints for f in rt], max_file_frequency
    )
    advance = progress("Aligning documents", len(candidates))
    aligned: list[tuple[int, int, list[Passage]]] = []
    for c in candidates:
        passages: list[Passage] = align(lt[c.left], rt[c.right], settings.align)
        advance(1)
        if passages:
            aligned.append((c.left, c.right, passages))
    # Only the reference documents sharing a shingle with a matched document are read.
    finder.need([lt[i] for i in sorted({a[0] for a in aligned})]
                + [rt[j] for j in sorted({a[1] for a in aligned})])
    matches: list[Match] = []
    pairs: list[FilePair] = []
    related: list[tuple[TextFile, TextFile, list[tuple[str, set[int], set[int]]]]] = []
    orders: list[SectionOrder] = []
    elements: list[SharedElement] = []
    for left_index, right_index, passages in aligned:
        lf, rf = lt[left_index], rt[right_index]
        ls, rs = Side(lf), Side(rf)
        pair_l = np.zeros(len(lf.words), dtype=bool)
        pair_r = np.zeros(len(rf.words), dtype=bool)
        lpair, rpair = WordLevels.empty(), WordLevels.empty()
        ids, words_of, labels = [], [], []
        for passage in passages:
            match_id = f"{prefix}{first_id + len(matches):04d}"
            match = passage_match(match_id, ls, rs, passage, names)
            levels, judged = verdict(finder, lf, rf, passage, match.segments,
                                     options.explained_fraction, options.max_citations)
            matches.append(replace(match, filter=judged))
            labels.append(judged.classification)
            ids.append(match_id)
            lw = _mark(pair_l, lf, [i for p in passage.pairs for i in p.lefts])
            rw = _mark(pair_r, rf, [j for p in passage.pairs for j in p.rights])
            words_of.append((match_id, lw, rw))
            for p, level in zip(passage.pairs, levels, strict=True):
                lwords.add(left_index, lf, p.lefts, level)
                rwords.add(right_index, rf, p.rights, level)
                lpair.add(0, lf, p.lefts, level)
                rpair.add(0, rf, p.rights, level)
        lmasks[left_index] |= pair_l
        rmasks[right_index] |= pair_r
        nl, nr = len(lf.words), len(rf.words)
        ml, mr = int(pair_l.sum()), int(pair_r.sum())
        # One pair's aligned sentences are each used once: its words are distinct.
        (lpw,), (lpp,) = (x.tolist() for x in lpair.counts(1, distinct=True))
        (rpw,), (rpp,) = (x.tolist() for x in rpair.counts(1, distinct=True))
        pairs.append(FilePair(
            left=lf.path, right=rf.path,
            left_coverage=ml / nl if nl else 0.0, right_coverage=mr / nr if nr else 0.0,
            similarity=(ml + mr) / (nl + nr) if nl + nr else 0.0,
            tokens_matched=ml,
            jaccard_estimate=estimate_jaccard(lf.minhash, rf.minhash),
            matches=ids,
            tokens_filtered=lpw[KEEP],
            left_coverage_filtered=lpw[KEEP] / nl if nl else 0.0,
            right_coverage_filtered=rpw[KEEP] / nr if nr else 0.0,
            ledger=ledger_rows((lpw, lpp), (rpw, rpp), labels),
        ))
        related.append((lf, rf, words_of))
        orders.append(section_order(lf, rf, passages))
        elements.extend(shared_elements(lf, rf, matches[-len(passages):]))

    anomalies = shared_anomalies(related, code_names)
    by_match: dict[str, list[str]] = {}
    for word, a in anomalies.items():
        for m in a.matches:
            by_match.setdefault(m, []).append(word)
    matches = [
        replace(m, text=replace(m.text, anomalies=sorted(by_match.get(m.id, []))))
        if isinstance(m.text, TextEvidence) else m
        for m in matches
    ]
    lcov, rcov = _coverage(lt, lmasks), _coverage(rt, rmasks)
    total = lcov.words_total + rcov.words_total
    # Overall: per file (distinct words), then summed over the files.
    lw, lp = (x.sum(axis=0).tolist() for x in lwords.counts(len(lt)))
    rw, rp = (x.sum(axis=0).tolist() for x in rwords.counts(len(rt)))
    lkept, rkept = _filtered(lcov, lw[KEEP], lp[KEEP]), _filtered(rcov, rw[KEEP], rp[KEEP])
    report = DocumentsReport(
        mode=settings.mode,
        settings={
            "word_shingle_words": settings.k,
            "winnowing_window": settings.window,
            "guarantee_words": settings.k + settings.window - 1,
            "max_document_bytes": settings.max_document_bytes,
            "extract_seconds": settings.extract_seconds,
            **{f"align.{k}": round(v, 6) if isinstance(v, float) else v
               for k, v in asdict(settings.align).items()},
            "dictionary": dictionary_name() if anomalies else "not used",
        },
        left=lcov,
        right=rcov,
        similarity=(lcov.words_matched + rcov.words_matched) / total if total else 0.0,
        documents=[_info("left", f) for f in lt] + [_info("right", f) for f in rt],
        aliases=_alias_uses(aliases, lt, rt, matches),
        anomalies=list(anomalies.values()),
        shared_elements=elements,
        section_order=orders,
        left_filtered=lkept,
        right_filtered=rkept,
        similarity_filtered=(lkept.words_matched + rkept.words_matched) / total if total
        else 0.0,
        ledger=ledger_rows((lw, lp), (rw, rp), [m.filter.classification for m in matches]),
    )
    entries = [_entry("left", f) for f in left] + [_entry("right", f) for f in right]
    pairs.sort(key=lambda p: (-p.similarity, p.left, p.right))
    return DocumentComparison(entries, matches, pairs, report, refs)


def _alias_uses(
    aliases: tuple[Alias, ...], lt: list[TextFile], rt: list[TextFile], matches: list[Match]
) -> list[AliasUse]:
    out = []
    for i, a in enumerate(aliases):
        out.append(AliasUse(
            given=a.given,
            left_term=a.left_term,
            right_term=a.right_term,
            left_occurrences=sum(int(np.count_nonzero(f.alias == i)) for f in lt),
            right_occurrences=sum(int(np.count_nonzero(f.alias == i)) for f in rt),
            matches=[m.id for m in matches if m.text is not None and a.given in m.text.aliases],
        ))
    return out

