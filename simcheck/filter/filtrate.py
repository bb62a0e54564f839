"""Classify every match through the filter stages, in their fixed order, and give the
result its filtered figures and ledger. Nothing is deleted: each match keeps its place
and says what explains it, with the evidence."""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

import numpy as np

from fingerprints.ranges import range_positions

from ..match.align import Region
from ..match.companions import companions
from ..match.sets import SortedPostings, distinct, hash_sort, member
from ..prepare import PreparedFile
from ..result import (
    FilterEvidence,
    FilterSettings,
    FilterSpan,
    Match,
    MatchFilter,
    Rarity,
    ReferenceSummary,
    Result,
    StageTokens,
)
from ..threads import together
from . import stages as st
from .aligned import ReferenceRuns, reference_runs
from .citations import cite
from .corpus import ReferenceIndex, References
from .data_tables import identical_data, literal_mask, same_text
from .frequency import Frequency, combined, of_files
from .generated import GeneratedMarker, detect_generated, generator_names
from .ledger import Occurrences, counts, filtered_coverage, rows
from .masks import CONTENT_SYMBOLS, covered
from .vendored import VENDORED_DIRECTORIES, vendored_directory

if TYPE_CHECKING:
    from ..compare import CompareOptions

Located = tuple[int, int, Region]  # left file index, right file index, the aligned region
_SIDES = ("left", "right")
_KEEP = len(st.STAGES)  # the "stage index" of a token no stage explains


class _Context:
    """What the stages need, computed once per comparison; per-file facts on demand."""

    def __init__(
        self,
        lfiles: Sequence[PreparedFile],
        rfiles: Sequence[PreparedFile],
        options: CompareOptions,
        refs: References,
        freq: tuple[Frequency, Frequency] | None = None,
        postings: tuple[SortedPostings, SortedPostings] | None = None,
    ) -> None:
        fo = options.filtration
        self.options = fo
        self.k = options.fingerprint.k
        self.min_tokens = fo.min_tokens if fo.min_tokens is not None else (
            options.fingerprint.guarantee
        )
        self.min_structural = fo.min_structural_tokens if fo.min_structural_tokens is not None \
            else 2 * self.min_tokens
        self.min_content = fo.min_content_tokens
        self.cap = options.candidate_max_file_frequency
        self.max_occurrences = options.match.max_occurrences
        self.refs = refs  # base and excluded corpora
        self.files = (lfiles, rfiles)
        self.freq = freq or (
            of_files([f.fp.kgrams for f in lfiles]), of_files([f.fp.kgrams for f in rfiles])
        )
        self.ref_freq = combined([r.frequency() for r in refs.all])
        self.role_refs: dict[str, list[ReferenceIndex]] = {
            st.BASE: [refs.base] if refs.base else [], st.CORPUS: list(refs.corpora),
        }
        self._distinct = {role: [r.distinct() for r in rs] for role, rs in self.role_refs.items()}
        # The same rule as the seeding's boilerplate cap (compare.py), extended to the
        # reference corpora: in more files than the cap on one side or in the references,
        # more often than ``max_occurrences`` on one side, or in the benchmark's reference set.
        common = [
            self.freq[0].above(self.cap, self.max_occurrences),
            self.freq[1].above(self.cap, self.max_occurrences),
            self.ref_freq.above(self.cap),
        ]
        if options.common is not None:
            common.append(options.common.hashes)
        self.common_set = distinct(np.concatenate(common))
        # Which k-grams of each file are common, for all files at once when both sides'
        # postings are at hand (sorted queries: one sequential pass instead of a random
        # search per file, and computed before the aligning work is split).
        self._hits: list[tuple[np.ndarray, list[int]]] | None = None
        if postings is not None:

            def hits(sp: SortedPostings, files: Sequence[PreparedFile]
                     ) -> tuple[np.ndarray, list[int]]:
                hit = np.empty(sp.hashes.size, dtype=bool)
                hit[sp.order] = member(sp.sorted_hashes, self.common_set)
                sizes = np.bincount(sp.files, minlength=len(files))
                return hit, [0, *np.cumsum(sizes).tolist()]

            # Both sides at once (threads: the arrays' work releases the interpreter).
            self._hits = together([
                lambda: hits(postings[0], lfiles), lambda: hits(postings[1], rfiles),
            ], options.workers)
        self._runs: dict[tuple[str, int, int], ReferenceRuns] = {}
        self._common: dict[tuple[int, int], np.ndarray] = {}
        self._literal: dict[tuple[int, int], np.ndarray] = {}
        self._generated: dict[tuple[int, int], GeneratedMarker | None] = {}
        self._vendored: dict[tuple[int, int], str | None] = {}

    def file(self, side: int, i: int) -> PreparedFile:
        return self.files[side][i]

    def runs(self, role: str, side: int, i: int) -> ReferenceRuns | None:
        """One file's aligned runs with the references of ``role`` (None: there are none)."""
        if not self.role_refs[role]:
            return None
        key = (role, side, i)
        if key not in self._runs:
            fp = self.file(side, i).fp
            self._runs[key] = reference_runs(
                fp.kgrams, len(fp.tokens), self.role_refs[role], self.k, self.min_tokens,
                self._distinct[role],
            )
        return self._runs[key]

    def literal(self, side: int, i: int) -> np.ndarray:
        """Which tokens of one file are literals (``data_tables.literal_mask``)."""
        if (side, i) not in self._literal:
            self._literal[(side, i)] = literal_mask(self.file(side, i).fp.tokens)
        return self._literal[(side, i)]

    def common(self, side: int, i: int) -> np.ndarray:
        """Tokens of one file covered by a k-gram common across files (``common_set``)."""
        if (side, i) not in self._common:
            fp = self.file(side, i).fp
            if self._hits is not None:
                every, offsets = self._hits[side]
                hit = every[offsets[i] : offsets[i] + fp.kgrams.size]
            else:
                hit = member(fp.kgrams, self.common_set)
            self._common[(side, i)] = covered(hit, len(fp.tokens), self.k)
        return self._common[(side, i)]

    def vendored(self, side: int, i: int) -> str | None:
        if (side, i) not in self._vendored:
            self._vendored[(side, i)] = vendored_directory(self.file(side, i).entry.path)
        return self._vendored[(side, i)]

    def generated(self, side: int, i: int) -> GeneratedMarker | None:
        if (side, i) not in self._generated:
            f = self.file(side, i)
            self._generated[(side, i)] = detect_generated(f.entry.path, f.text)
        return self._generated[(side, i)]


def _positions(region: Region) -> tuple[np.ndarray, np.ndarray]:
    if len(region.tiles) == 1:  # most matches
        t = region.tiles[0]
        return np.arange(t.a, t.a + t.length), np.arange(t.b, t.b + t.length)
    la = np.concatenate([np.arange(t.a, t.a + t.length) for t in region.tiles])
    rb = np.concatenate([np.arange(t.b, t.b + t.length) for t in region.tiles])
    return la, rb


def _rarities(ctx: _Context, located: Sequence[Located]) -> list[Rarity]:
    """The rarity of every match, computed together: one frequency lookup per table."""
    hashes, owner, sizes = [], [], []
    for m, (li, _ri, region) in enumerate(located):
        for part in _tile_kgrams(region, ctx.file(0, li).fp.kgrams, ctx.k):
            hashes.append(part)
            owner.append(m)
            sizes.append(part.size)
    if not hashes:
        return [Rarity() for _ in located]
    h, who = np.concatenate(hashes), np.repeat(np.asarray(owner, dtype=np.int64), sizes)
    n = np.bincount(who, minlength=len(located))
    first = np.cumsum(n) - n
    order, keys = hash_sort(h)  # one sort of the query serves every table
    medians = []
    for table in (ctx.freq[0], ctx.freq[1], ctx.ref_freq):
        files = np.empty(h.size, dtype=np.int64)
        files[order] = table.lookup_sorted(keys)[0]
        medians.append(_medians(who, files, n, first).tolist())
    return [
        Rarity(count, left, right, refs) if count else Rarity()
        for count, left, right, refs in zip(n.tolist(), *medians, strict=True)
    ]


# File counts below this are tallied per match (no sort); a median at or above it is
# found by sorting that match's counts.
_TALLIED = 64


def _medians(who: np.ndarray, values: np.ndarray, n: np.ndarray, first: np.ndarray
             ) -> np.ndarray:
    """Per match, the median (the lower one of an even count) of its non-negative
    ``values``, which lie at ``first[m]`` for ``n[m]`` entries (``who``: their match)."""
    tally = np.bincount(who * _TALLIED + np.minimum(values, _TALLIED - 1),
                        minlength=n.size * _TALLIED).reshape(n.size, _TALLIED)
    rank = (n - 1) // 2  # of the median among the match's values in ascending order
    below = np.cumsum(tally, axis=1) <= rank[:, None]
    median = below.sum(axis=1)  # the first value with more than ``rank`` values up to it
    for m in np.flatnonzero((median >= _TALLIED - 1) & (n > 0)).tolist():
        part = values[first[m] : first[m] + n[m]]
        median[m] = np.partition(part, rank[m])[rank[m]]
    return median


def _cited(
    ctx: _Context, role: str, runs: ReferenceRuns, explained: np.ndarray
) -> list[FilterEvidence]:
    """The reference line ranges whose aligned runs explain the left-side tokens
    ``explained`` (positions) of a match."""
    return [
        FilterEvidence(role, c.corpus, c.path, c.start_line, c.end_line,
                 f"aligned with {c.tokens} explained token(s) of the match")
        for c in cite(runs, ctx.role_refs[role], explained, ctx.options.max_citations)
    ]


def _tile_kgrams(region: Region, kgrams: np.ndarray, k: int) -> list[np.ndarray]:
    """The k-gram hashes of each of a match's tiles (``kgrams``: those of its left file;
    inside a tile they are the same on both sides: identical runs)."""
    return [kgrams[t.a : t.a + t.length - k + 1] for t in region.tiles if t.length >= k]


def structure_size(region: Region, kgrams: np.ndarray, k: int) -> int:
    """What structure alone shows of a match: its matched tokens, a structure repeated
    inside it counted once (a list of declarations of one form shows one form, however
    long). Each k-gram of its runs (``kgrams``: the k-gram hashes of its left file) that
    repeats an earlier one of the match takes off one token: a run of one repeated
    statement shape counts as that shape and a k-gram's worth of tokens."""
    parts = _tile_kgrams(region, kgrams, k)
    if not parts:
        return region.matched
    hashes = np.concatenate(parts)
    return region.matched - hashes.size + np.unique(hashes).size


def through_constants(left: PreparedFile, right: PreparedFile, la: np.ndarray,
                      rb: np.ndarray) -> int:
    """How many matched token pairs (positions ``la`` on the left, ``rb`` on the right)
    agree only because a named constant was read as its literal: a name on one side
    facing the literal, or another name, on the other. They keep a copy that extracted its
    constants in one piece, but are not themselves evidence of copying, so they do not
    count towards the minimum size (``FOO = 16`` then ``pack(FOO)`` is not ``pack(16)``)."""
    hit = np.flatnonzero(member(la, left.fp.tokens.inlined) | member(rb, right.fp.tokens.inlined))
    if not hit.size:
        return 0
    return hit.size - sum(same_text(left, right, la[hit], rb[hit]))


def _classify(
    ctx: _Context, li: int, ri: int, region: Region, structural_only: bool,
    companion: bool = False,
) -> tuple[np.ndarray, MatchFilter]:
    """Stage index of every matched token pair, and the match's classification;
    ``structural_only``: no literal evidence supports the match (its kind); ``companion``:
    the match lies beside a counted match of its file pair (``companions``), so being
    shorter than the too-short minimum does not set it aside."""
    la, rb = _positions(region)
    n = la.size
    stage = np.full(n, _KEEP, dtype=np.int8)
    lf, rf = ctx.file(0, li), ctx.file(1, ri)
    content = int(np.count_nonzero(member(lf.fp.tokens.symbols[la], CONTENT_SYMBOLS)))
    evidence: list[FilterEvidence] = []
    if content < ctx.min_content:
        stage[:] = st.STAGES.index(st.KEYWORD_ONLY)
        evidence.append(FilterEvidence(st.KEYWORD_ONLY, "match", "", None, None,
                                 f"{content} identifier/literal token(s); the minimum is"
                                 f" {ctx.min_content}"))
    elif not companion and (own := n - through_constants(lf, rf, la, rb)) < ctx.min_tokens:
        stage[:] = st.STAGES.index(st.TOO_SHORT)
        constants = "" if own == n else (
            f" ({own} without those that agree only through a named constant)")
        evidence.append(FilterEvidence(st.TOO_SHORT, "match", "", None, None,
                                 f"{n} matched tokens{constants}; the minimum is"
                                 f" {ctx.min_tokens}"))
    elif structural_only and (
            shown := structure_size(region, lf.fp.kgrams, ctx.k)) < ctx.min_structural:
        stage[:] = st.STAGES.index(st.SHORT_STRUCTURAL)
        repeats = "" if shown == n else (
            f" ({shown} with each structure repeated inside the match counted once)")
        evidence.append(FilterEvidence(st.SHORT_STRUCTURAL, "match", "", None, None,
                                 f"{n} matched tokens supported by structure alone{repeats};"
                                 f" the minimum is {ctx.min_structural}"))
    else:
        for role in (st.BASE, st.CORPUS):
            lr, rr = ctx.runs(role, 0, li), ctx.runs(role, 1, ri)
            if lr is None or rr is None:
                continue
            take = (stage == _KEEP) & lr.covered[la] & rr.covered[rb]
            if take.any():
                stage[take] = st.STAGES.index(role)
                evidence += _cited(ctx, role, lr, la[take])
        markers = [(s, ctx.generated(s, i)) for s, i in ((0, li), (1, ri))]
        if any(m for _, m in markers):
            take = stage == _KEEP
            stage[take] = st.STAGES.index(st.GENERATED)
            if take.any():
                evidence += [
                    FilterEvidence(st.GENERATED, _SIDES[s], ctx.file(s, i).entry.path, m.line,
                             m.line, f"{m.generator}: {m.text}")
                    for (s, m), i in zip(markers, (li, ri), strict=True) if m
                ]
        vendored = [(s, ctx.vendored(s, i)) for s, i in ((0, li), (1, ri))]
        if any(d for _, d in vendored):
            take = stage == _KEEP
            stage[take] = st.STAGES.index(st.VENDORED)
            if take.any():
                evidence += [
                    FilterEvidence(st.VENDORED, _SIDES[s], ctx.file(s, i).entry.path, None, None,
                             f"in vendored directory {d}")
                    for (s, d), i in zip(vendored, (li, ri), strict=True) if d
                ]
        take = (stage == _KEEP) & ctx.common(0, li)[la] & ctx.common(1, ri)[rb]
        if take.any():
            data = identical_data(lf, rf, la, rb, (ctx.literal(0, li), ctx.literal(1, ri)),
                                  2 * ctx.k)
            if (take & data).any():
                evidence.append(FilterEvidence(
                    st.COMMON, "match", "", None, None,
                    f"{int(np.count_nonzero(take & data))} token(s) in common k-grams still"
                    " count: they lie in literal data (numbers, strings) identical on both"
                    " sides"))
                take &= ~data
            stage[take] = st.STAGES.index(st.COMMON)
    counts = np.bincount(stage, minlength=_KEEP + 1)
    kept = int(counts[_KEEP])
    removed = n - kept
    label = st.NONE
    if removed and removed >= ctx.options.explained_fraction * n:
        label = st.STAGES[int(np.argmax(counts[:_KEEP]))]
        # An idiom inside a copy does not make the copy an idiom: when what the stages
        # leave is as large as a match must be (a copied method around a common loop),
        # the match is not named after the common-idiom stage. (A base or corpus names
        # where most of it came from, with citations: it keeps that name.)
        floor = ctx.min_structural if structural_only else ctx.min_tokens
        if label == st.COMMON and kept >= floor:
            label = st.NONE
    verdict = MatchFilter(
        classification=label,
        tokens_filtered=kept,
        explained=[
            StageTokens(s, int(c)) for s, c in zip(st.STAGES, counts.tolist(), strict=False) if c
        ],
        evidence=evidence,
        spans=_spans(lf, rf, region, la, rb, stage),
    )
    return stage, verdict


# A match's filter verdict: the stage index of each of its matched token pairs (in the
# order of its tiles' tokens), and its classification.
Classified = tuple[np.ndarray, MatchFilter]


def filter_context(
    lfiles: Sequence[PreparedFile],
    rfiles: Sequence[PreparedFile],
    options: CompareOptions,
    references: References | None = None,
    freq: tuple[Frequency, Frequency] | None = None,
    postings: tuple[SortedPostings, SortedPostings] | None = None,
) -> _Context:
    """What every match's classification needs, computed once for a comparison;
    ``freq``: the k-gram frequencies of each side, ``postings``: both sides' sorted
    k-gram postings (``sort_postings``), when already computed."""
    return _Context(lfiles, rfiles, options, references or References(), freq, postings)


def classify_match(
    ctx: _Context, li: int, ri: int, region: Region, structural_only: bool,
    companion: bool = False,
) -> Classified:
    """One match's filter verdict: the stage index of each matched token pair and the
    classification (pure: any process may compute it).
    ``structural_only``: no literal evidence supports the match (its kind); ``companion``:
    it lies beside a counted match of its file pair (simcheck.match.companions)."""
    return _classify(ctx, li, ri, region, structural_only, companion)


def classify_pair(
    ctx: _Context, li: int, ri: int, found: Sequence[Region], structural_only: Sequence[bool],
    gap: int,
) -> list[Classified]:
    """The verdicts of one file pair's matches. A too-short match with literal support
    (not structural-only) lying within ``gap`` tokens of a counted match on both sides is
    a piece of the same copy (an extracted helper, a swapped block): it is classified
    again as a companion, which the too-short minimum does not set aside."""
    verdicts = [classify_match(ctx, li, ri, r, s)
                for r, s in zip(found, structural_only, strict=True)]
    if len(found) < 2:
        return verdicts
    counted = [v[1].classification == st.NONE for v in verdicts]
    short = [v[1].classification == st.TOO_SHORT and not s
             for v, s in zip(verdicts, structural_only, strict=True)]
    for i in companions(found, counted, short, gap):
        verdicts[i] = classify_match(ctx, li, ri, found[i], False, companion=True)
    return verdicts


def _spans(lf: PreparedFile, rf: PreparedFile, region: Region, la: np.ndarray,
           rb: np.ndarray, stage: np.ndarray) -> list[FilterSpan]:
    """The match's tokens as maximal runs of one stage ("none": still counted) that are
    consecutive on both sides; empty when no stage explains anything. ``la``, ``rb``: the
    positions of ``region``'s tokens on each side."""
    if stage.size == 0:
        return []
    low, high = int(stage.min()), int(stage.max())
    if low == _KEEP:  # _KEEP is the largest stage index
        return []
    lt, rt = lf.fp.tokens, rf.fp.tokens
    names = (*st.STAGES, st.NONE)
    if low == high:
        # One stage throughout (most matches): the spans are the region's tiles, those
        # that follow each other on both sides joined.
        runs: list[list[int]] = []
        for t in region.tiles:
            if runs and runs[-1][0] + runs[-1][2] == t.a and runs[-1][1] + runs[-1][2] == t.b:
                runs[-1][2] += t.length
            else:
                runs.append([t.a, t.b, t.length])
        return [
            FilterSpan(names[low], int(lt.start_line[a]), int(lt.end_line[a + n - 1]),
                       int(rt.start_line[b]), int(rt.end_line[b + n - 1]), n)
            for a, b, n in runs
        ]
    # A new span where the stage changes or either side skips tokens.
    cut = np.empty(la.size, dtype=bool)
    cut[0] = True
    np.not_equal(stage[1:], stage[:-1], out=cut[1:])
    cut[1:] |= (la[1:] - la[:-1] != 1) | (rb[1:] - rb[:-1] != 1)
    starts = np.flatnonzero(cut)
    ends = np.concatenate((starts[1:], [la.size])) - 1
    # Every field gathered at once, then read as plain ints.
    return [
        FilterSpan(names[s], *lines, n)
        for s, *lines, n in zip(
            stage[starts].tolist(),
            lt.start_line[la[starts]].tolist(), lt.end_line[la[ends]].tolist(),
            rt.start_line[rb[starts]].tolist(), rt.end_line[rb[ends]].tolist(),
            (ends - starts + 1).tolist(),
            strict=True,
        )
    ]


def _settings(ctx: _Context, options: CompareOptions, refs: References) -> FilterSettings:
    return FilterSettings(
        stages=list(st.STAGES),
        min_tokens=ctx.min_tokens,
        min_structural_tokens=ctx.min_structural,
        min_content_tokens=ctx.min_content,
        explained_fraction=ctx.options.explained_fraction,
        common_max_file_frequency=ctx.cap,
        base=refs.base.label if refs.base else None,
        corpora=[r.label for r in refs.corpora],
        generator_markers=generator_names(),
        vendored_directories=list(VENDORED_DIRECTORIES),
    )


def _summary(ref: ReferenceIndex) -> ReferenceSummary:
    states = [f.state for f in ref.files]
    return ReferenceSummary(
        role=ref.role,
        label=ref.label,
        files_total=len(states),
        files_compared=states.count("compared"),
        files_skipped=states.count("skipped"),
        files_failed=states.count("failed"),
        tokens=ref.tokens,
        digest=ref.digest,
    )


def _tile_positions(located: Sequence[Located], side: int) -> tuple[np.ndarray, np.ndarray]:
    """Every match's matched token positions on one side (0: left), end to end in match
    order (each match's tiles in order), and how many each match has."""
    firsts, lengths, sizes = [], [], []
    for _li, _ri, region in located:
        for t in region.tiles:
            firsts.append(t.b if side else t.a)
            lengths.append(t.length)
        sizes.append(region.matched)
    return range_positions(firsts, lengths), np.asarray(sizes, dtype=np.int64)


def counted_positions(
    n_files: int, owners: Sequence[int], located: Sequence[Located], side: int,
    levels: Sequence[np.ndarray],
) -> list[np.ndarray]:
    """Per file of one side, its distinct token positions that still count after
    filtration (some match holding them passed every stage), sorted: the tokens
    ``coverage_filtered`` counts. Arguments as for ``_side_counts``."""
    empty = np.zeros(0, dtype=np.int64)
    if not located:
        return [empty] * n_files
    position, sizes = _tile_positions(located, side)
    owner = np.repeat(np.asarray(owners, dtype=np.int64), sizes)
    counted = np.concatenate(levels) >= len(st.STAGES)
    owner, position = owner[counted], position[counted]
    order = np.lexsort((position, owner))
    owner, position = owner[order], position[order]
    first = np.ones(owner.size, dtype=bool)
    first[1:] = (owner[1:] != owner[:-1]) | (position[1:] != position[:-1])
    owner, position = owner[first], position[first]
    cuts = np.searchsorted(owner, np.arange(n_files + 1)).tolist()
    return [position[a:b] for a, b in itertools.pairwise(cuts)]


def _side_counts(
    files: Sequence[PreparedFile], pairs: Sequence[int], owners: Sequence[int],
    located: Sequence[Located], side: int, levels: Sequence[np.ndarray], n_pairs: int,
) -> tuple[tuple[np.ndarray, np.ndarray], tuple[list[list[int]], list[list[int]]]]:
    """One side's ledger counts: (tokens, lines) per stage level overall, and per file
    pair as plain ints. ``pairs``, ``owners`` and ``levels`` give each match's file pair,
    its file on this side and the stages of its matched tokens; ``located`` where it was
    aligned (``side`` 0: its left side). One side at a time: its millions of occurrences
    are freed before the other's are gathered."""
    n = len(st.STAGES)
    if not located:
        z = np.zeros(0, dtype=np.int64)
        occ = Occurrences(z, z, z, z, z)
        owner = z
    else:
        position, sizes = _tile_positions(located, side)
        owner = np.repeat(np.asarray(owners, dtype=np.int64), sizes)
        # Every file's token lines end to end: one gather instead of one per match.
        used = sorted(set(owners))
        base = np.zeros(len(files), dtype=np.int64)
        base[used] = np.cumsum([0] + [len(files[i].fp.tokens) for i in used[:-1]])
        at = base[owner] + position
        occ = Occurrences(
            group=np.repeat(np.asarray(pairs, dtype=np.int64), sizes),
            position=position,
            first_line=np.concatenate([files[i].fp.tokens.start_line for i in used])[at]
            .astype(np.int64),
            last_line=np.concatenate([files[i].fp.tokens.end_line for i in used])[at]
            .astype(np.int64),
            level=np.concatenate(levels),
        )
    # Overall: per file (a token matched in several pairs is one token), then summed.
    by_file = Occurrences(owner, occ.position, occ.first_line, occ.last_line, occ.level)
    overall = tuple(t.sum(axis=0) for t in counts(by_file, max(len(files), 1), n))
    # Per file pair: its tiles never overlap, so every occurrence is a distinct token.
    tokens, lines = counts(occ, n_pairs, n, distinct=True)
    return overall, (tokens.tolist(), lines.tolist())


def filter_result(
    result: Result,
    located: Sequence[Located],
    lfiles: Sequence[PreparedFile],
    rfiles: Sequence[PreparedFile],
    options: CompareOptions,
    references: References | None = None,
    ctx: _Context | None = None,
    classified: Sequence[Classified] | None = None,
) -> Result:
    """``result`` with every match classified, the filtered coverages and the ledger.
    ``located`` gives, for each of ``result.matches`` in order, where it was aligned;
    ``ctx`` and ``classified`` (``classify_match`` of each) when already computed."""
    if len(located) != len(result.matches):
        raise ValueError("one located region per match")
    refs = references or References()
    ctx = ctx or _Context(lfiles, rfiles, options, refs)
    if classified is None:
        classified = [
            _classify(ctx, li, ri, region, match.kind == "structural-only")
            for match, (li, ri, region) in zip(result.matches, located, strict=True)
        ]
    pair_of = {mid: i for i, p in enumerate(result.file_pairs) for mid in p.matches}
    matches: list[Match] = []
    pair_ids: list[int] = []
    pair_files: dict[int, tuple[int, int]] = {}
    rarities = _rarities(ctx, located)
    for match, rarity, (li, ri, _region), (_stage, verdict) in zip(
        result.matches, rarities, located, classified, strict=True
    ):
        matches.append(replace(match, filter=verdict, rarity=rarity))
        pair = pair_of[match.id]
        pair_files[pair] = (li, ri)
        pair_ids.append(pair)
    n, n_pairs = len(st.STAGES), len(result.file_pairs)
    stages = [c[0] for c in classified]
    (lt, ll), (lpt, lpl) = _side_counts(lfiles, pair_ids, [x[0] for x in located], located, 0,
                                        stages, n_pairs)
    (rt, rl), (rpt, rpl) = _side_counts(rfiles, pair_ids, [x[1] for x in located], located, 1,
                                        stages, n_pairs)
    overall = rows((lt.tolist(), ll.tolist()), (rt.tolist(), rl.tolist()), st.STAGES,
                   _classified(m.filter.classification for m in matches))
    labels = {m.id: m.filter.classification for m in matches}
    pairs = []
    for i, p in enumerate(result.file_pairs):
        if i not in pair_files:
            pairs.append(p)
            continue
        kept = lpt[i][n]
        li, ri = pair_files[i]
        pairs.append(replace(
            p,
            tokens_filtered=kept,
            left_coverage_filtered=kept / len(lfiles[li].fp.tokens),
            right_coverage_filtered=kept / len(rfiles[ri].fp.tokens),
            ledger=rows((lpt[i], lpl[i]), (rpt[i], rpl[i]), st.STAGES,
                        _classified(labels[mid] for mid in p.matches)),
        ))
    left = replace(result.left, coverage_filtered=filtered_coverage(
        result.left.coverage, int(lt[n]), int(ll[n])))
    right = replace(result.right, coverage_filtered=filtered_coverage(
        result.right.coverage, int(rt[n]), int(rl[n])))
    total = left.coverage.tokens_total + right.coverage.tokens_total
    kept_both = left.coverage_filtered.tokens_matched + right.coverage_filtered.tokens_matched
    return replace(
        result,
        settings=replace(result.settings, filtration=_settings(ctx, options, refs)),
        left=left,
        right=right,
        file_pairs=pairs,
        matches=matches,
        definitions={**result.definitions, **_definitions(ctx)},
        similarity_filtered=kept_both / total if total else 0.0,
        ledger=overall,
        references=[_summary(r) for r in refs.all],
    )


def _classified(labels: Iterable[str]) -> dict[str, int]:
    tally: dict[str, int] = {}
    for label in labels:
        tally[label] = tally.get(label, 0) + 1
    return tally


def _definitions(ctx: _Context) -> dict[str, str]:
    meanings = st.meanings(
        ctx.min_content, ctx.min_tokens, ctx.min_structural, ctx.cap, ctx.max_occurrences
    )
    return {
        "coverage_filtered": "coverage counting only matched tokens that no filter stage"
        " explains",
        "ledger": "per filter stage, in the order applied: matched tokens and code lines of"
        " each side before and after it; a token matched in several places still counts"
        " while one of its matches is unexplained",
        "filter": "the stage that explained most of a match, when the stages together"
        f" explain at least {ctx.options.explained_fraction:.0%} of its tokens; otherwise"
        " none. tokens_filtered are the match's tokens that still count",
        "rarity": "for the k-grams wholly inside a match's segments: the median number of"
        " files of the left work, of the right work and of the reference corpora holding"
        " each (1, 1, 0: found only in these two files)",
        **{f"filter.{k}": v for k, v in meanings.items()},
    }
