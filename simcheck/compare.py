"""Compare two works: the public Python API under ``simcheck compare``."""

from __future__ import annotations

import functools
import os
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from importlib.metadata import version
from pathlib import PurePath
from typing import Any, Generic, TypeVar

import numpy as np

from fingerprints.fileprint import FingerprintSettings
from fingerprints.languages import get_spec, template_suffix
from fingerprints.minhash import estimate_jaccard
from fingerprints.parse_pool import warm_up

from . import __version__
from .chance_reference import attach_chance, measure_chance, reference_entries
from .channels import channels
from .channels import settings as channel_settings
from .documents.merge import add_documents, document_reader, split_work
from .documents.reference_documents import DocumentIndexer
from .documents.settings import DocumentSettings
from .empty_inputs import input_warnings
from .filter.corpus import References, load_references
from .filter.filtrate import (
    Classified,
    classify_pair,
    counted_positions,
    filter_context,
    filter_result,
)
from .filter.frequency import of_postings
from .filter.masks import CONTENT_SYMBOLS
from .filter.options import FilterOptions
from .fork_split import beside, split_map
from .heap import give_back_freed_memory, paused
from .identical_files import identical_files
from .ingest import ingest
from .ingest.model import IngestOptions
from .match.align import MatchSettings, Region, regions
from .match.bare import IGNORED_KINDS
from .match.candidates import candidate_index
from .match.classify import KIND_MEANING, classify
from .match.common import CommonKgrams
from .match.evidence import (
    FileLiterals,
    exact_texts,
    file_literals,
    literal_support,
    text_agreement,
    token_texts,
)
from .match.order_free import (
    ORDER_FREE_K,
    Containment,
    KgramRarity,
)
from .match.referenced import referenced_streams, spans, tokens_within
from .match.seeds import Runs, drop_redundant, shared_runs, twinned
from .match.sets import member, sort_postings
from .match.trim import definition_bounds, run_cutter, trim
from .match.work_kgrams import Streams, order_free_containment
from .package_names import package_names
from .prepare import PreparedFile, PreparedWork, prepare
from .progress import Progress, silent
from .result import (
    SCHEMA_VERSION,
    TEXT_CONTEXT_CHARS,
    TEXT_CONTEXT_SLACK,
    Channel,
    CodeAnomaly,
    FileEntry,
    FilePair,
    Match,
    MatchSide,
    Result,
    Segment,
    Settings,
    Tool,
    WorkSummary,
)
from .score import coverage, mark
from .threads import together


@dataclass(frozen=True)
class CompareOptions:
    fingerprint: FingerprintSettings = field(default_factory=FingerprintSettings)
    match: MatchSettings = field(default_factory=MatchSettings)
    ingest: IngestOptions = field(default_factory=IngestOptions)
    # A fingerprint in more files than this on one side is that codebase's boilerplate:
    # it nominates no file pair and seeds no match.
    candidate_max_file_frequency: int = 5
    workers: int = 2
    # k-grams common across a reference corpus (sorted); they seed no match.
    common: CommonKgrams | None = None
    # Frequencies that weight the order-free channel; None: the files of both works.
    rarity: KgramRarity | None = None
    # The same for its bare-stream k-grams (simcheck.match.bare), from the same units.
    rarity_bare: KgramRarity | None = None
    # Frequencies that weight each literal channel (by name); None or a channel missing:
    # the files of both works.
    literal_rarity: Mapping[str, KgramRarity] | None = None
    rarity_reference: str = "the files of both works"
    exhibit_prefix: str = "M"  # match ids are the prefix and a 4+ digit number
    # A directory of works independent of both sides (one per top-level entry): each side
    # is compared with each of them to measure how often chance reaches our figures.
    chance_reference: str | None = None
    chance_label: str | None = None  # its name in the result (default: as given)
    # Which files are documents (PDF, DOCX, Markdown...) and how they are compared.
    documents: DocumentSettings = field(default_factory=DocumentSettings)
    # Base, reference corpora and thresholds of the filter stages (simcheck.filter).
    filtration: FilterOptions = field(default_factory=FilterOptions)


DEFINITIONS: dict[str, str] = {
    "coverage": "share of a side's code tokens that lie in a match with the other side",
    "similarity": "matched tokens of both sides divided by all tokens of both sides",
    "tokens": "code tokens after normalisation: identifiers and literals reduced to their"
    " kind, comments and layout removed",
    "order_free": "rarity-weighted share of a side's short structural k-grams (sequences of"
    f" {ORDER_FREE_K} normalised tokens) found anywhere in the other side, in any order:"
    " survives reordered functions and statements; rare k-grams weigh more; the larger of"
    " two measurements, on the structure tokens and on them without braces, semicolons"
    " and declaration modifiers (settings.order_free_ignored), which copies add and drop;"
    " in a program with a main entry point (in a language whose runtime starts there: C,"
    " C++, C#, Java, Go, Rust, Kotlin, Scala), definitions that no chain of mentions by name"
    " reaches from it (unused template helpers, inserted dead methods) are left out"
    " (order_free_set_aside tokens), unless that would be more than half of the work",
    "matched_set_aside": "of a side's coverage_filtered matched tokens, those inside the"
    " definitions left out of order_free (order_free_set_aside)",
    "channels": "literal evidence over the whole works: identifiers (names of at least"
    " 3 characters, exact), identifier_parts (names split at camelCase, snake_case and"
    " digits, case-folded), strings (string literals without their quotes) and comments"
    " (their words, case-folded); a side's share is the rarity-weighted share of its"
    " distinct items the other side also has, anywhere; similar: strings and comments"
    " with no identical partner but a near-identical one (rapidfuzz ratio)",
    "code_anomalies": "misspelling: a word of comments, strings or names in both works,"
    " not in the dictionary and one edit from a common word, and not the name of a package"
    " or module either work imports or declares in a manifest; commented-out code: a line"
    " of code live on one side and inside a comment on the other (whitespace ignored; not"
    " a documentation comment's usage example)",
    "evidence.channels": "what supports a match: structure (always), identifiers (at least"
    " half of the distinct names on one side reappear on the other), strings (an"
    " identical string literal), comments (an identical comment), numbers (at least two"
    " identical numeric literals of 10 or more, or with two decimals: magic numbers)",
    "literal_similarity": "Indel similarity (0..1) of the two sides' token texts in a match,"
    " whitespace and comments ignored",
    **{f"kind.{k}": v for k, v in KIND_MEANING.items()},
}


def compare_paths(
    left: str,
    right: str,
    options: CompareOptions | None = None,
    progress: Progress = silent,
    labels: tuple[str, str] | None = None,
) -> Result:
    """Ingest, fingerprint and compare two inputs (directory, file or archive each).

    ``labels`` name the works in the result (default: the paths as given); a re-run from
    a manifest passes the names the original run used."""
    options = options or CompareOptions()
    if options.chance_reference is not None:
        reference_entries(options.chance_reference)  # a bad reference fails before the work
    warm_up()  # the parser processes' server starts while the inputs are read
    reader = document_reader(options.documents)
    works = [ingest(left, options.ingest, reader), ingest(right, options.ingest, reader)]
    if labels is not None:
        works = [replace(w, label=label) for w, label in zip(works, labels, strict=True)]
    (lcode, ldocs), (rcode, rdocs) = (split_work(w, options.documents) for w in works)
    prepared = prepare([lcode, rcode], options.fingerprint, options.workers, progress)
    # The references' documents are read only when both works have documents: a document
    # match, the only thing they can explain, needs one on each side.
    references = load_references(
        options.filtration, options.fingerprint, options.ingest, options.workers, progress,
        DocumentIndexer(reader, options.documents) if reader and ldocs and rdocs else None,
    )
    # Packages and modules either work imports or declares: names, never misspellings.
    # Read only when a misspelling check asks (in the forked child that computes the
    # whole-work channels on a large comparison, off this process's path).
    names = functools.cache(lambda: package_names(works[0].files) | package_names(works[1].files))
    result = compare_prepared(prepared[0], prepared[1], options, progress, references, names)
    if options.chance_reference is not None:
        # The chance baseline measures the code: the reference works are read as code.
        measured = measure_chance(
            prepared[0], prepared[1], options.chance_reference,
            lambda a, b: compare_prepared(a, b, options),
            options.fingerprint, options.ingest, options.workers, progress, options.chance_label,
        )
        result = attach_chance(result, measured)
    result = add_documents(
        result, ldocs, rdocs, options.documents, options.candidate_max_file_frequency, progress,
        references, options.filtration, names() if ldocs and rdocs else frozenset(),
    )
    return replace(result, warnings=input_warnings(result),
                   identical_files=identical_files(result, works[0].files, works[1].files))


def _lines_text(source: bytes, first_byte: int, last_byte: int) -> str:
    """The whole lines holding bytes [first_byte, last_byte), newline-terminated."""
    start = source.rfind(b"\n", 0, first_byte) + 1
    end = source.find(b"\n", last_byte)
    return source[start : len(source) if end < 0 else end].decode("utf-8", "surrogateescape")


def _columns(source: bytes, first: int, last: int) -> tuple[int, int]:
    """1-based columns, in characters, of the first byte of [first, last) and of the
    character ending at ``last`` (the last matched one), each on its own line."""
    start = source.rfind(b"\n", 0, first) + 1
    end = source.rfind(b"\n", 0, last - 1) + 1
    return (
        len(source[start:first].decode("utf-8", "surrogateescape")) + 1,
        len(source[end:last].decode("utf-8", "surrogateescape")),
    )


def _side(f: PreparedFile, start: int, end: int) -> MatchSide:
    t = f.fp.tokens
    first, last = int(t.start_byte[start]), int(t.end_byte[end - 1])
    start_column, end_column = _columns(f.text, first, last)
    text = _lines_text(f.text, first, last)
    # The unmatched text before the match on its first line, and after it on its last.
    head = start_column - 1
    tail = len(text) - (text.rfind("\n") + 1) - end_column
    before, after = (n - TEXT_CONTEXT_CHARS if n > TEXT_CONTEXT_CHARS + TEXT_CONTEXT_SLACK
                     else 0 for n in (head, tail))
    return MatchSide(
        path=f.entry.path,
        start_line=int(t.start_line[start]),
        end_line=int(t.end_line[end - 1]),
        start_byte=first,
        end_byte=last,
        span_tokens=end - start,
        text=text[before : len(text) - after],
        start_column=start_column,
        end_column=end_column,
        text_cut_before=before,
        text_cut_after=after,
    )


def _match_fields(lf: PreparedFile, rf: PreparedFile, region: Region,
                  literals: tuple[FileLiterals, FileLiterals] | None = None) -> dict[str, Any]:
    """Every field of a region's ``Match`` but its id (numbered once all are found);
    ``literals``: both files' ``file_literals`` when already read."""
    lt = lf.fp.tokens
    rt = rf.fp.tokens
    label = classify(region, lf.text, lt, rf.text, rt, literals)
    segments = [
        Segment(
            int(lt.start_line[t.a]),
            int(lt.end_line[t.a + t.length - 1]),
            int(rt.start_line[t.b]),
            int(rt.end_line[t.b + t.length - 1]),
            t.length,
        )
        for t in region.tiles
    ]
    return {
        "left": _side(lf, region.a_start, region.a_end),
        "right": _side(rf, region.b_start, region.b_end),
        "tokens": region.matched,
        "kind": label.kind,
        "literal_similarity": label.literal_similarity,
        "segments": segments,
        "evidence": label.evidence,
    }


@dataclass(frozen=True)
class _Aligned:
    """One file pair's regions, each with its match fields and its filter verdict."""

    left: int
    right: int
    regions: list[Region]
    fields: list[dict[str, Any]]
    verdicts: list[Classified]


def _numbered(
    aligned: Sequence[_Aligned],
    lfiles: Sequence[PreparedFile],
    rfiles: Sequence[PreparedFile],
    masks: tuple[list[np.ndarray], list[np.ndarray]],
    prefix: str,
) -> tuple[list[Match], list[tuple[int, int, Region]], list[Classified], list[FilePair]]:
    """The matches of every aligned file pair, numbered in order, where each was aligned,
    their filter verdicts, and the file pairs with a match (most similar first); marks
    the matched tokens of each side in ``masks``."""
    lmasks, rmasks = masks
    matches: list[Match] = []
    located: list[tuple[int, int, Region]] = []  # where each match was aligned
    classified: list[Classified] = []
    pairs: list[FilePair] = []
    for group in aligned:
        li, ri, found = group.left, group.right, group.regions
        if not found:
            continue
        lf, rf = lfiles[li], rfiles[ri]
        ids = []
        for region, fields, verdict in zip(found, group.fields, group.verdicts, strict=True):
            match_id = f"{prefix}{len(matches) + 1:04d}"
            matches.append(Match(id=match_id, **fields))
            located.append((li, ri, region))
            classified.append(verdict)
            ids.append(match_id)
            mark(lmasks[li], [(t.a, t.a + t.length) for t in region.tiles])
            mark(rmasks[ri], [(t.b, t.b + t.length) for t in region.tiles])
        matched = sum(r.matched for r in found)
        n_l, n_r = len(lf.fp.tokens), len(rf.fp.tokens)
        pairs.append(
            FilePair(
                left=lf.entry.path,
                right=rf.entry.path,
                left_coverage=matched / n_l,
                right_coverage=matched / n_r,
                similarity=2 * matched / (n_l + n_r),
                tokens_matched=matched,
                jaccard_estimate=estimate_jaccard(lf.fp.minhash, rf.fp.minhash),
                matches=ids,
            )
        )
    # Among equally similar pairs the larger first: a copied 2,000-line file before a
    # licence or a 6-line manifest, in the summary's top pairs.
    pairs.sort(key=lambda p: (-p.similarity, -p.tokens_matched, p.left, p.right))
    return matches, located, classified, pairs


def _entries(side: str, work: PreparedWork) -> list[FileEntry]:
    rows = []
    for f in work.files:
        e = f.entry
        fp = f.fingerprint
        if fp is None:
            status = "failed" if e.state == "failed" else "skipped"
            reason = e.reason
        else:
            status = "compared"
            reason = fp.tokens.note
            if f.language is None:
                reason = "no grammar for this file type; lexical tokens used"
            elif suffix := template_suffix(e.path):
                # The list says what was parsed: a template, read as the file it makes.
                read_as = f"a template ({suffix}) read as {get_spec(f.language).display}"
                reason = read_as if reason is None else f"{read_as}; {reason}"
        rows.append(
            FileEntry(
                side=side,
                path=e.path,
                status=status,
                reason=reason,
                sha256=e.sha256,
                size=e.size,
                language=f.language,
                encoding=e.encoding,
                lines=fp.tokens.line_count if fp else 0,
                tokens=len(fp.tokens) if fp else 0,
                tokenizer=fp.tokens.tokenizer if fp else None,
            )
        )
    return rows


def _label(given: str) -> str:
    """The input as the user named it, minus any absolute location: result bodies must
    not depend on where the evidence sits on this machine."""
    path = PurePath(given)
    return path.name or given if path.is_absolute() else given


def _summary(work: PreparedWork, masks: list[np.ndarray], order_free: float) -> WorkSummary:
    files = work.work.files
    compared = work.compared
    return WorkSummary(
        label=_label(work.work.label),
        kind=work.work.kind,
        files_total=len(files),
        files_compared=len(compared),
        files_skipped=sum(1 for f in files if f.state == "skipped"),
        files_failed=sum(1 for f in files if f.state == "failed"),
        coverage=coverage(
            (f.fp.tokens, m)
            for f, m in zip(compared, masks, strict=True)
        ),
        order_free=order_free,
    )


def compare_prepared(
    left: PreparedWork,
    right: PreparedWork,
    options: CompareOptions | None = None,
    progress: Progress = silent,
    references: References | None = None,
    names: Callable[[], frozenset[str]] = frozenset,
) -> Result:
    """Compare two fingerprinted works and build the result; matches are classified by
    the filter stages against ``references`` (base and excluded corpora). ``names()``: the
    package and module names the works use (``simcheck.package_names``), which are not
    misspellings."""
    options = options or CompareOptions()
    fs, ms = options.fingerprint, options.match
    lfiles, rfiles = left.compared, right.compared
    lmasks = [np.zeros(len(f.fp.tokens), dtype=bool) for f in lfiles]
    rmasks = [np.zeros(len(f.fp.tokens), dtype=bool) for f in rfiles]
    # Both sides' k-grams sorted once: for the seeding join and the filter's frequencies;
    # the two sides and the pairs sharing a winnowed fingerprint are computed at once
    # (threads). Every file pair sharing a usable k-gram is aligned (the join over all
    # k-grams finds them): a pair sharing only runs shorter than the winnowing guarantee
    # (k + w - 1), which may hold no winnowed fingerprint, can still hold a copy, its pieces
    # joined by the short runs beside them. Such a pair is reported only when one of its
    # regions reaches the too-short minimum: its shorter chance runs would only add noise.
    lkgrams, rkgrams = [f.fp.kgrams for f in lfiles], [f.fp.kgrams for f in rfiles]
    lpost, rpost, candidates = together([
        lambda: sort_postings(lkgrams),
        lambda: sort_postings(rkgrams),
        lambda: candidate_index(
            [f.fp.fingerprints for f in lfiles],
            [f.fp.fingerprints for f in rfiles],
            options.candidate_max_file_frequency,
        ),
    ], options.workers)
    n_right = max(len(rfiles), 1)
    nominated = set((candidates[:, 0] * n_right + candidates[:, 1]).tolist())
    postings = (lpost, rpost)
    lfreq, rfreq = together([functools.partial(of_postings, p) for p in postings],
                            options.workers)
    frequencies = (lfreq, rfreq)
    runs = shared_runs(
        lkgrams,
        rkgrams,
        None,
        fs.k,
        ms.max_occurrences,
        options.candidate_max_file_frequency,
        options.common.hashes if options.common else None,
        postings,
        options.workers,
    )
    runs = drop_redundant(runs, options.workers,
                          _twin_rank(runs, lfiles, rfiles, fs.guarantee))
    # Rows of ``runs`` are grouped by file pair; each group is aligned on its own.
    group_keys = runs.left * n_right + runs.right
    bounds = np.flatnonzero(np.diff(group_keys)) + 1
    starts = np.concatenate(([0], bounds)).tolist() if len(runs) else []
    ends = np.concatenate((bounds, [len(runs)])).tolist() if len(runs) else []
    ctx = filter_context(lfiles, rfiles, options, references, frequencies, postings)
    # The postings and candidates are done with: their memory goes back before the
    # aligning builds the matches (and before it forks).
    del postings, lpost, rpost, candidates
    give_back_freed_memory()
    advance = progress("Aligning", len(starts))
    here, shown = os.getpid(), [0]  # progress is shown by this process only
    sides = (lfiles, rfiles)

    # Per file, found once for all its pairs (per process): its definition bounds, and its
    # token texts and literals (kept for the most recent files only, each side on its own:
    # pairs come grouped by left file, so a left file's are done with when the next one
    # starts, while a right file's come back with later left files).
    @functools.cache
    def bounds_of(side: int, i: int) -> list[int]:
        return definition_bounds(sides[side][i].fp.tokens)

    texts_of = _RecentPerSide(sides, lambda f: token_texts(f.text, f.fp.tokens))
    literals_of = _RecentPerSide(sides, lambda f: file_literals(f.text, f.fp.tokens))

    def align(groups: Sequence[tuple[int, int]]) -> list[_Aligned]:
        done = []
        for lo, hi in groups:
            li, ri = int(runs.left[lo]), int(runs.right[lo])
            lf, rf = lfiles[li], rfiles[ri]
            texts = (texts_of(0, li), texts_of(1, ri))
            bounds = (bounds_of(0, li), bounds_of(1, ri))
            lt, rt = lf.fp.tokens, rf.fp.tokens
            found = regions(
                runs.a[lo:hi], runs.b[lo:hi], runs.length[lo:hi], lt.symbols, rt.symbols, ms,
                text_agreement(*texts), literal_support(*texts),
                run_cutter(lt, rt, ms.trim_tokens, ms.trim_lines, bounds)
                if ms.trim_tokens > 0 else None,
            )
            if found:
                found = [
                    trim(r, lf.fp.tokens, rf.fp.tokens, ms.trim_tokens, ms.trim_lines, bounds)
                    for r in found
                ]
            if found and li * n_right + ri not in nominated and max(
                    r.matched for r in found) < ctx.min_tokens:
                found = []  # only chance runs shorter than the guarantee: not reported
            literals = (literals_of(0, li), literals_of(1, ri)) if found else None
            fields = [_match_fields(lf, rf, r, literals) for r in found]
            done.append(_Aligned(
                li, ri, found, fields,
                classify_pair(ctx, li, ri, found,
                              [f["kind"] == "structural-only" for f in fields], ms.merge_gap),
            ))
            if os.getpid() == here:
                advance(1)
                shown[0] += 1
        return done

    # The aligning and the filtration build hundreds of thousands of objects that all
    # live to the end, and make no reference cycles (measured on Django: a collection
    # after them finds nothing): each collection would traverse the fingerprints' heap
    # and those objects for nothing, about a fifth of the aligning's time (simcheck.heap).
    with paused():
        aligned = split_map(align, list(zip(starts, ends, strict=True)), options.workers)
        advance(len(starts) - shown[0])  # the groups aligned by the other process
        texts_of.cache_clear()
        literals_of.cache_clear()
        bounds_of.cache_clear()
        give_back_freed_memory()
        # The whole-work channels need no match: on a large comparison a forked child
        # computes them (the longer task) while this process numbers and filters the
        # matches.
        advance = progress("Evidence channels", 1)
        background = beside(
            lambda: _whole_work_channels(left, right, options, names), options.workers,
            worth_it=len(lfiles) + len(rfiles) >= BESIDE_MIN_FILES,
        )
        matches, located, classified, pairs = _numbered(
            aligned, lfiles, rfiles, (lmasks, rmasks), options.exhibit_prefix
        )
        lsum = _summary(left, lmasks, 0.0)  # order-free figures are filled in below
        rsum = _summary(right, rmasks, 0.0)
        total = lsum.coverage.tokens_total + rsum.coverage.tokens_total
        matched_both = lsum.coverage.tokens_matched + rsum.coverage.tokens_matched
        result = Result(
            schema_version=SCHEMA_VERSION,
            tool=Tool("simcheck", __version__, version("tree-sitter-language-pack")),
            settings=_settings(options),
            left=lsum,
            right=rsum,
            similarity=matched_both / total if total else 0.0,
            files=_entries("left", left) + _entries("right", right),
            file_pairs=pairs,
            matches=matches,
            definitions=DEFINITIONS,
        )
        result = filter_result(
            result, located, lfiles, rfiles, options, references, ctx, classified
        )
        free, set_aside, unreached, literal, anomalies = background()
        advance(1)
        stages = [c[0] for c in classified]

        def matched_set_aside(side: int) -> int:
            if not any(rows.size for rows in unreached[side]):
                return 0  # nothing set aside (no entry point): no positions to gather
            counted = counted_positions(len(sides[side]), [x[side] for x in located],
                                        located, side, stages)
            return tokens_within(counted, unreached[side])

        return replace(
            result,
            left=replace(result.left, order_free=free.left_in_right,
                         order_free_set_aside=set_aside[0],
                         matched_set_aside=matched_set_aside(0)),
            right=replace(result.right, order_free=free.right_in_left,
                          order_free_set_aside=set_aside[1],
                          matched_set_aside=matched_set_aside(1)),
            channels=literal,
            code_anomalies=anomalies,
        )


# Files whose token texts and literals are kept while the pairs are aligned, per side.
# (Keeping more of the right side's saves little: measured on Django, the memory they
# leave behind raised the peak of the stage after.)
_RECENT_LEFT = 8
_RECENT_RIGHT = 1024

R = TypeVar("R")


class _RecentPerSide(Generic[R]):
    """``read(sides[side][i])``, kept for the ``_RECENT_LEFT`` / ``_RECENT_RIGHT`` files of
    each side read most recently; ``cache_clear`` drops them."""

    def __init__(self, sides: tuple[Sequence[PreparedFile], Sequence[PreparedFile]],
                 read: Callable[[PreparedFile], R]) -> None:
        self._caches = tuple(
            functools.lru_cache(maxsize=size)(lambda i, files=files: read(files[i]))
            for files, size in zip(sides, (_RECENT_LEFT, _RECENT_RIGHT), strict=True)
        )

    def __call__(self, side: int, i: int) -> R:
        return self._caches[side](i)

    def cache_clear(self) -> None:
        for cache in self._caches:
            cache.cache_clear()


def _twin_rank(
    runs: Runs, lfiles: Sequence[PreparedFile], rfiles: Sequence[PreparedFile], min_len: int
) -> np.ndarray | None:
    """Per run of at least ``min_len`` tokens with a structural twin (``twinned``), how
    many of its identifiers and literals have the same text on both sides, when that is
    at least half of them (a copy's run); 0 for the others, whose twins are told apart by
    position, as any run's (a shorter run is no match on its own: repeated short
    statements pair with each other's copies by chance). None when no run has a rank."""
    twins = twinned(runs)
    twins = twins[runs.length[twins] >= min_len]
    if not twins.size:
        return None
    rank = np.zeros(len(runs), dtype=np.int64)
    right_texts: dict[int, np.ndarray] = {}

    # Runs come ordered by left file: each left file's texts are read once, with its runs
    # measured together (one gather over all their tokens).
    left = runs.left[twins]
    cuts = np.flatnonzero(np.diff(left)) + 1
    for group in np.split(twins, cuts):
        lf = lfiles[int(runs.left[group[0]])]
        lx = exact_texts(lf.text, lf.fp.tokens)
        content = member(lf.fp.tokens.symbols, CONTENT_SYMBOLS)
        n = runs.length[group]
        first = np.cumsum(n) - n
        offset = np.arange(int(n.sum()), dtype=np.int64) - np.repeat(first, n)
        ia = np.repeat(runs.a[group], n) + offset
        ib = np.repeat(runs.b[group], n) + offset
        ry = np.empty(ia.size, dtype=np.uint64)
        right = runs.right[group]
        for ri in np.unique(right).tolist():
            if ri not in right_texts:
                right_texts[ri] = exact_texts(rfiles[ri].text, rfiles[ri].fp.tokens)
            rows = np.repeat(right == ri, n)
            ry[rows] = right_texts[ri][ib[rows]]
        c = content[ia]
        agree = np.add.reduceat((c & (lx[ia] == ry)).astype(np.int64), first)
        named = np.add.reduceat(c.astype(np.int64), first)
        rank[group] = np.where((2 * agree >= named) & (agree > 0), agree, 0)
    return rank if rank.any() else None


def _settings(options: CompareOptions) -> Settings:
    """Every parameter that influenced a comparison, as the result records it."""
    fs, ms = options.fingerprint, options.match
    return Settings(
        k=fs.k,
        window=fs.w,
        guarantee_tokens=fs.guarantee,
        min_match_tokens=ms.min_tokens,
        exhibit_prefix=options.exhibit_prefix,
        merge_gap_tokens=ms.merge_gap,
        extend_min_tokens=ms.extend_min_tokens,
        trim_tokens=ms.trim_tokens,
        trim_lines=ms.trim_lines,
        max_occurrences=ms.max_occurrences,
        candidate_max_file_frequency=options.candidate_max_file_frequency,
        minhash_permutations=fs.num_perm,
        parse_timeout_seconds=fs.parse_timeout,
        max_file_bytes=options.ingest.max_file_bytes,
        ignore_patterns=list(options.ingest.ignore_patterns),
        common_kgrams=options.common.describe() if options.common else None,
        order_free_k=ORDER_FREE_K,
        order_free_ignored=sorted(IGNORED_KINDS),
        rarity_reference=options.rarity_reference,
        channels=channel_settings(),
    )


# Below this many files a second process costs more than it saves.
BESIDE_MIN_FILES = 200


def _whole_work_channels(
    left: PreparedWork, right: PreparedWork, options: CompareOptions,
    names: Callable[[], frozenset[str]],
) -> tuple[Containment, tuple[int, int], tuple[list[np.ndarray], list[np.ndarray]],
           list[Channel], list[CodeAnomaly]]:
    """The order-free structure containment (the tokens of unreferenced definitions it
    left out on each side, and each file's spans of them) and the literal channels of
    two works.

    Each side's order-free share is the larger of its containment over the structure
    tokens and over the bare ones (no delimiters or modifiers): a copy that only added or
    dropped braces, semicolons or modifiers keeps its k-grams in the latter."""
    lfiles, rfiles = left.compared, right.compared
    lmasks, rmasks = left.unreferenced, right.unreferenced
    lkept, lset_aside = referenced_streams(lfiles, lmasks)
    rkept, rset_aside = referenced_streams(rfiles, rmasks)
    lstreams, rstreams = Streams.of(lkept), Streams.of(rkept)
    plain = order_free_containment(lstreams, rstreams, options.rarity)
    stripped = order_free_containment(lstreams.bare(), rstreams.bare(), options.rarity_bare)
    free = Containment(max(plain[0], stripped[0]), max(plain[1], stripped[1]))
    literal, anomalies = channels(lfiles, rfiles, options.literal_rarity, names())
    unreached = ([spans(m) for m in lmasks], [spans(m) for m in rmasks])
    return free, (lset_aside, rset_aside), unreached, literal, anomalies
