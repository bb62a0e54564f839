"""Shared k-gram runs between many file pairs at once.

One vectorised join over the k-grams of both sides finds, for every candidate file pair,
the maximal runs of consecutive equal k-grams on the same diagonal. Doing this for all
pairs together (instead of pair by pair) keeps the cost proportional to the number of
shared k-grams, not to the number of pairs.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from ..threads import together
from .sets import SortedPostings, distinct, member, sort_postings


@dataclass(frozen=True)
class Runs:
    """Parallel arrays, sorted by (left, right, a): one row per maximal shared run."""

    left: np.ndarray  # int64 file index on the left
    right: np.ndarray  # int64 file index on the right
    a: np.ndarray  # int64 first token on the left
    b: np.ndarray  # int64 first token on the right
    length: np.ndarray  # int64 tokens

    def __len__(self) -> int:
        return int(self.a.shape[0])


def _order(*keys: np.ndarray, stable: bool = False) -> np.ndarray:
    """Indices ordering rows by ``keys`` (non-negative int64, most significant first).
    Packs them into one int64 sort key when the fields fit (one sort instead of a
    multi-key lexsort). Rows with equal keys keep their array order only when ``stable``
    (without it, callers' keys are distinct or their order among equals does not matter)."""
    if keys[0].size == 0:
        return np.zeros(0, dtype=np.int64)
    bits = [int(key.max()).bit_length() for key in keys]
    if sum(bits) > 62:
        return np.lexsort(keys[::-1])  # lexsort is stable
    packed = keys[0].astype(np.int64, copy=True)
    for key, width in zip(keys[1:], bits[1:], strict=True):
        packed <<= width
        packed |= key
    return np.argsort(packed, kind="stable" if stable else None)


def _common(hashes: np.ndarray, files: np.ndarray, max_files: int, max_total: int) -> np.ndarray:
    """Mask of (sorted) postings whose hash is in more than ``max_files`` files or occurs
    more than ``max_total`` times on this side."""
    if hashes.size == 0:
        return np.zeros(0, dtype=bool)
    new_hash = np.ones(hashes.size, dtype=bool)
    np.not_equal(hashes[1:], hashes[:-1], out=new_hash[1:])
    new_file = new_hash.copy()
    new_file[1:] |= files[1:] != files[:-1]
    group = np.cumsum(new_hash) - 1
    total = np.bincount(group)
    in_files = np.bincount(group, weights=new_file).astype(np.int64)
    return (total[group] > max_total) | (in_files[group] > max_files)


@dataclass(frozen=True)
class _Side:
    """One side's usable k-grams (``seeds``: indices into the side's postings, ordered
    by hash) and, for each seed, its file and position, and whether the k-gram just
    before / after it in the same file is usable too, with that k-gram's hash."""

    hashes: np.ndarray  # uint64, of each seed
    file: np.ndarray  # int64
    position: np.ndarray  # int64
    back: np.ndarray  # bool
    back_hash: np.ndarray  # uint64 (meaningless where ``back`` is False)
    forward: np.ndarray  # bool
    forward_hash: np.ndarray  # uint64


def _side(
    side: SortedPostings, other: SortedPostings, max_files: int, max_total: int,
    corpus: np.ndarray | None,
) -> _Side:
    h, p, order = side.hashes, side.positions, side.order
    sorted_h, sorted_f = side.sorted_hashes, side.sorted_files
    keep = member(sorted_h, other.sorted_hashes)
    keep &= ~_common(sorted_h, sorted_f, max_files, max_total)
    if corpus is not None and corpus.size:
        keep &= ~member(sorted_h, corpus)
    seeds = order[keep]
    # Whether the posting before / after each one is in the same file and usable,
    # computed in posting order, then read for the seeds.
    usable = np.zeros(h.size, dtype=bool)
    usable[seeds] = True
    same_file = p[1:] > 0  # posting i + 1 continues the file of posting i
    back = np.zeros(h.size, dtype=bool)
    np.logical_and(usable[:-1], same_file, out=back[1:])
    forward = np.zeros(h.size, dtype=bool)
    np.logical_and(usable[1:], same_file, out=forward[:-1])
    return _Side(
        hashes=sorted_h[keep],
        file=sorted_f[keep],
        position=p[seeds],
        back=back[seeds],
        back_hash=np.take(h, seeds - 1, mode="clip"),  # clip: read only where back
        forward=forward[seeds],
        forward_hash=np.take(h, seeds + 1, mode="clip"),
    )


def _sides(
    left: SortedPostings,
    right: SortedPostings,
    max_files: int,
    max_total: int,
    common: np.ndarray | None,
    workers: int = 1,
) -> tuple[_Side, _Side]:
    ls, rs = together([
        lambda: _side(left, right, max_files, max_total, common),
        lambda: _side(right, left, max_files, max_total, None),
    ], workers)
    return ls, rs


def shared_runs(
    left: Sequence[np.ndarray],
    right: Sequence[np.ndarray],
    pairs: np.ndarray | None,
    k: int,
    max_occurrences: int,
    max_file_frequency: int,
    common: np.ndarray | None = None,
    sorted_postings: tuple[SortedPostings, SortedPostings] | None = None,
    workers: int = 1,
) -> Runs:
    """Runs of shared k-grams for the file pairs in ``pairs`` (rows of left, right index;
    None: every pair of files that shares a usable k-gram).

    A k-gram found in more than ``max_file_frequency`` files, or more than
    ``max_occurrences`` times, on either side seeds nothing: it is boilerplate of that
    codebase, and would otherwise multiply the work. Neither does a k-gram in the sorted
    array ``common`` (common across a reference corpus). Such k-grams still count where
    they lie between two matched runs (see ``align``). ``sorted_postings``: both sides'
    ``sort_postings``, when already computed. ``workers``: threads for the array work.
    """
    lp, rp = sorted_postings or (sort_postings(left), sort_postings(right))
    ls, rs = _sides(lp, rp, max_file_frequency, max_occurrences, common, workers)
    # Every (left, right) pair of seeds with equal hashes is a hit. Hits are listed in
    # hash order, so every per-seed array below is read almost sequentially.
    starts, ends = _run_bounds(ls, rs, workers)
    n_right = max(len(right), 1)
    wanted = None if pairs is None else distinct(pairs[:, 0] * n_right + pairs[:, 1])
    first, last = together([
        lambda: _in_pairs(starts, ls, rs, n_right, wanted),
        lambda: _in_pairs(ends, ls, rs, n_right, wanted),
    ], workers)
    # Runs on one diagonal of one pair never overlap: ordered by (pair, diagonal,
    # position), the i-th start and the i-th end belong to the same run.
    pair, a, b = first
    length = last[1] - a + k
    final = _order(pair, a, b)
    run_key = wanted[pair[final]] if wanted is not None and wanted.size else pair[final]
    return Runs(run_key // n_right, run_key % n_right, a[final], b[final], length[final])


# Hits listed at a time by ``_run_bounds``: its temporaries stay small enough to be
# reused from block to block (all hits at once: hundreds of MB of fresh pages).
_HITS_PER_BLOCK = 1 << 19


def _run_bounds(
    ls: _Side, rs: _Side, workers: int = 1
) -> tuple[tuple[np.ndarray, np.ndarray], tuple[np.ndarray, np.ndarray]]:
    """(left seed, right seed) of the hits that start a run and of those that end one."""
    lo = np.searchsorted(rs.hashes, ls.hashes, side="left")
    counts = np.searchsorted(rs.hashes, ls.hashes, side="right") - lo
    total = np.cumsum(counts)
    # Blocks of whole left seeds, each with about _HITS_PER_BLOCK hits.
    cuts = np.searchsorted(total, np.arange(_HITS_PER_BLOCK, int(total[-1]) if total.size
                                            else 0, _HITS_PER_BLOCK), side="right")
    bounds = [0, *cuts.tolist(), ls.hashes.size]
    blocks = [(a, b) for a, b in zip(bounds, bounds[1:], strict=False) if a < b]

    def block(first: int, last: int) -> list[np.ndarray]:
        c = counts[first:last]
        # Every (left, right) pair of seeds with equal hashes is a hit, in hash order.
        li = np.repeat(np.arange(first, last), c)
        before = total[first] - c[0]  # hits of earlier blocks
        ri = np.arange(before, before + li.size) + np.repeat(
            lo[first:last] - (total[first:last] - c), c
        )
        # A hit starts a run unless the k-grams just before it are a hit too (same files,
        # same diagonal: both usable, equal), and ends one unless the k-grams just after
        # it are. Only run starts and ends are sorted, never every hit.
        s = _not_continued(ls.back, ls.back_hash, rs.back, rs.back_hash, li, ri)
        e = _not_continued(ls.forward, ls.forward_hash, rs.forward, rs.forward_hash, li, ri)
        return [s[0], s[1], e[0], e[1]]

    def some(share: list[tuple[int, int]]) -> list[list[np.ndarray]]:
        return [block(a, b) for a, b in share]

    # Two threads take every other block; the answers are put back in block order.
    halves = together([lambda: some(blocks[0::2]), lambda: some(blocks[1::2])], workers)
    done = [halves[i % 2][i // 2] for i in range(len(blocks))]
    if not done:
        empty = np.zeros(0, dtype=np.int64)
        return (empty, empty), (empty, empty)
    li_s, ri_s, li_e, ri_e = (np.concatenate([d[i] for d in done]) for i in range(4))
    return (li_s, ri_s), (li_e, ri_e)


def _not_continued(
    l_ok: np.ndarray,
    l_hash: np.ndarray,
    r_ok: np.ndarray,
    r_hash: np.ndarray,
    li: np.ndarray,
    ri: np.ndarray,
) -> tuple[np.ndarray, np.ndarray]:
    """(left seed, right seed) of the hits whose neighbours on the diagonal (one side's
    ``*_ok`` and ``*_hash``) are not a hit: not both usable, or not equal."""
    continued = l_hash[li] == r_hash[ri]
    continued &= l_ok[li]
    continued &= r_ok[ri]
    keep = ~continued
    return li[keep], ri[keep]


def _in_pairs(
    hits: tuple[np.ndarray, np.ndarray],
    ls: _Side,
    rs: _Side,
    n_right: int,
    wanted: np.ndarray | None,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(pair, left position, right position) of the hits in the ``wanted`` pairs (sorted
    keys left * n_right + right; pair = index into them; None: every pair, and pair is
    the key itself), ordered by (pair, diagonal, left position)."""
    li, ri = hits
    key = ls.file[li] * n_right + rs.file[ri]
    if wanted is None:
        pair, inside = key, np.ones(key.size, dtype=bool)
    elif wanted.size:
        pair = np.minimum(np.searchsorted(wanted, key), wanted.size - 1)
        inside = wanted[pair] == key
    else:
        pair, inside = key, np.zeros(key.size, dtype=bool)
    pair, pa, pb = pair[inside], ls.position[li[inside]], rs.position[ri[inside]]
    diagonal = pb - pa
    order = _order(pair, diagonal - (int(diagonal.min()) if diagonal.size else 0), pa)
    return pair[order], pa[order], pb[order]


def _contained(
    group: np.ndarray, start: np.ndarray, end: np.ndarray, rank: np.ndarray | None = None
) -> np.ndarray:
    """Mask of spans lying inside another span of the same group (of two identical
    spans, the later one in the arrays is the contained one; with ``rank`` (non-negative),
    twin spans (``_twin_spans``) of different ranks count as identical, the lower ranks
    contained)."""
    if group.size == 0:
        return np.zeros(0, dtype=bool)
    # Order by (group, start, longest first), ties in array order (rows arrive nearly
    # sorted, which the stable sort exploits).
    if rank is not None:
        # Twins of different ranks count as one span: the one of highest rank holds the
        # others; among equals, the first in the arrays.
        start, end, _ = _twin_spans(group, start, end, rank)
    keys = [group, start, int(end.max()) - end]
    if rank is not None:
        keys.append(int(rank.max()) - rank)
    order = _order(*keys, stable=True)
    g, e = group[order], end[order]
    # Running maximum of earlier ends within the group; groups are sorted, so offsetting
    # each end by its group keeps earlier groups below later ones.
    span = int(e.max()) + 1 if e.size else 1
    keyed = g * span + e
    before = np.maximum.accumulate(np.concatenate(([-1], keyed[:-1])))
    inside = np.zeros(group.size, dtype=bool)
    inside[order] = before >= keyed
    return inside


# Spans of one side whose starts and ends lie this close are twins: a sibling's run
# often reaches one token further (the closing brace before it) than the copy's own run.
TWIN_SLACK = 2


def _twin_spans(
    group: np.ndarray, start: np.ndarray, end: np.ndarray, rank: np.ndarray | None = None
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Each span's twin cluster as one span (start, end: the union of spans of the same
    group, each within ``TWIN_SLACK`` tokens of the previous one at both ends), and the
    mask of spans with a twin. With ``rank``, only the clusters whose ranks differ are
    made one span (the others keep their own spans)."""
    order = _order(group, start, end)
    g, s, e = group[order], start[order], end[order]
    near = np.zeros(g.size, dtype=bool)
    near[1:] = (g[1:] == g[:-1]) & (s[1:] - s[:-1] <= TWIN_SLACK) & (
        np.abs(e[1:] - e[:-1]) <= TWIN_SLACK)
    cluster = np.cumsum(~near) - 1
    firsts = np.flatnonzero(~near)
    size = np.diff(np.concatenate((firsts, [g.size])))
    union_s, union_e = s[firsts][cluster], np.maximum.reduceat(e, firsts)[cluster]
    if rank is not None:
        r = rank[order]
        differ = (np.maximum.reduceat(r, firsts) > np.minimum.reduceat(r, firsts))[cluster]
        union_s, union_e = np.where(differ, union_s, s), np.where(differ, union_e, e)
    out_s, out_e, twin = np.empty_like(start), np.empty_like(end), np.empty(g.size, bool)
    out_s[order], out_e[order], twin[order] = union_s, union_e, size[cluster] > 1
    return out_s, out_e, twin


def twinned(runs: Runs) -> np.ndarray:
    """Indices of the runs whose tokens on one side are those of another run, give or
    take ``TWIN_SLACK`` at each end: a function and its structural twin (a sibling of the
    same shape) matching one counterpart. Which of them ``drop_redundant`` keeps is
    decided by their ``rank``."""
    if len(runs) < 2:
        return np.zeros(0, dtype=np.int64)
    mask = _twin_spans(runs.left, runs.a, runs.a + runs.length)[2]
    mask |= _twin_spans(runs.right, runs.b, runs.b + runs.length)[2]
    return np.flatnonzero(mask)


def drop_redundant(runs: Runs, workers: int = 1, rank: np.ndarray | None = None) -> Runs:
    """Drop each run whose tokens on both sides already lie inside other runs: a short
    idiom shared by sibling files adds nothing once the files' true counterparts match
    it as part of something longer. A run duplicated on one side only is kept. Of runs
    with the same tokens on one side (twins, ``twinned``), the one of highest ``rank``
    (per run, e.g. how much of its text agrees) holds the others: a function's run with
    its copy, not its structural twin's, survives (without ``rank``: the longest, then the
    first in the arrays)."""
    if len(runs) < 2:
        return runs
    left_in, right_in = together([
        lambda: _contained(runs.left, runs.a, runs.a + runs.length, rank),
        lambda: _contained(runs.right, runs.b, runs.b + runs.length, rank),
    ], workers)
    keep = ~(left_in & right_in)
    return Runs(runs.left[keep], runs.right[keep], runs.a[keep], runs.b[keep], runs.length[keep])
