"""Align file pairs: shared k-gram runs -> non-overlapping tiles -> merged regions.

Every k-gram position of both files takes part (not only the winnowed ones, which serve
to find candidate pairs), so a tile's bounds are exact to the token. Tiles never overlap
on either side (greedy string tiling, longest first), so a token is counted at most once.
Neighbouring tiles in the same order on both sides are merged into one region when the
gaps between them are small: a few inserted or edited statements do not split a copy.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
from rapidfuzz.distance import Indel

from .seeds import shared_runs
from .short_runs import Support, nearest_supported, text_differs


@dataclass(frozen=True)
class MatchSettings:
    min_tokens: int = 20  # shortest tile kept (>= k: shorter runs are never seen anyway)
    merge_gap: int = 40  # max tokens skipped on each side between merged tiles
    # A k-gram occurring more often than this on one side seeds nothing (boilerplate).
    max_occurrences: int = 64
    # Inside a merged region, shorter identical runs between two anchoring tiles count too:
    # they sit in the same order on both sides, so they are not chance hits.
    gap_min_tokens: int = 5
    # Beside a tile (within ``merge_gap`` on both sides), a shorter identical run whose
    # identifier and literal texts are all the same on both sides extends it: a copy cut
    # into pieces shorter than ``min_tokens`` (extracted constants, rewritten loops,
    # inserted statements) is still one copy. 0 disables it.
    extend_min_tokens: int = 10
    # A match's first or last tokens lying in another definition (function, method, class)
    # than its bulk are cut off when fewer than ``trim_tokens`` or on at most
    # ``trim_lines`` lines: the look-alike end of the previous function or header of the
    # next one (simcheck.match.trim). 0 disables it.
    trim_tokens: int = 12
    trim_lines: int = 2


@dataclass(frozen=True)
class Tile:
    a: int  # first token on side A
    b: int  # first token on side B
    length: int  # tokens; the same on both sides


@dataclass(frozen=True)
class Region:
    tiles: tuple[Tile, ...]  # in order on both sides

    @property
    def a_start(self) -> int:
        return self.tiles[0].a

    @property
    def a_end(self) -> int:  # exclusive
        return self.tiles[-1].a + self.tiles[-1].length

    @property
    def b_start(self) -> int:
        return self.tiles[0].b

    @property
    def b_end(self) -> int:  # exclusive
        return self.tiles[-1].b + self.tiles[-1].length

    @property
    def matched(self) -> int:
        return sum(t.length for t in self.tiles)


def _free_stretches(free: np.ndarray, min_len: int) -> list[tuple[int, int]]:
    """[start, end) of each run of True in ``free`` at least ``min_len`` long."""
    padded = np.concatenate(([False], free, [False])).astype(np.int8)
    edges = np.flatnonzero(np.diff(padded))
    pairs = zip(edges[::2].tolist(), edges[1::2].tolist(), strict=True)
    return [(s, e) for s, e in pairs if e - s >= min_len]


def _overlapping(runs: list[tuple[int, int, int]], side: int) -> bool:
    """Whether two of ``runs`` (a, b, length) share a token on ``side`` (0: A, 1: B)."""
    spans = sorted((r[side], r[side] + r[2]) for r in runs)
    return any(start < end for (_, end), (start, _) in zip(spans, spans[1:], strict=False))


# Tokens of a run (a, b, length) whose original text is the same on both sides.
Agreement = Callable[[int, int, int], int]
# A run (a, b, length) without the edges that only graze a neighbouring definition
# (simcheck.match.trim); the same run when there are none.
Cut = Callable[[int, int, int], tuple[int, int, int]]


def _contested(start: np.ndarray, length: np.ndarray) -> np.ndarray:
    """Mask of the runs whose tokens on this side overlap another run's."""
    order = np.argsort(start, kind="stable")
    s, e = start[order], (start + length)[order]
    hit = np.zeros(s.size, dtype=bool)
    if s.size > 1:
        prev_end = np.maximum.accumulate(e)[:-1]
        hit[1:] = s[1:] < prev_end  # overlaps an earlier run
        hit[:-1] |= e[:-1] > s[1:]  # overlaps the next one
    out = np.zeros(s.size, dtype=bool)
    out[order] = hit
    return out


def _greedy_order(
    runs: list[tuple[int, int, int]], agreement: Agreement | None, cut: Cut | None = None
) -> list[tuple[int, int, int]]:
    """Runs longest first. Runs competing for the same tokens of one side (sibling
    functions of similar structure, one of them the real source) are ordered by how many
    of their tokens have the same text on both sides, then by length: the literal copy wins
    over its structural twin even when the twin's run reaches a few tokens further. Both
    are measured on the run without its grazing edges (``cut``)."""
    if agreement is None:
        return sorted(runs, key=lambda r: (-r[2], r[0], r[1]))
    arr = np.asarray(runs, dtype=np.int64).reshape(-1, 3)
    contested = (_contested(arr[:, 0], arr[:, 2]) | _contested(arr[:, 1], arr[:, 2])).tolist()

    def key(item: tuple[tuple[int, int, int], bool]) -> tuple[int, int, int, int]:
        (x, y, m), hot = item
        if cut is not None:
            x, y, m = cut(x, y, m)
        # An uncontested run takes its tokens whatever its place in the order.
        return (-agreement(x, y, m) if hot else -m, -m, x, y)

    return [r for r, _ in sorted(zip(runs, contested, strict=True), key=key)]


def tile(
    a: np.ndarray,
    b: np.ndarray,
    length: np.ndarray,
    n_a: int,
    n_b: int,
    min_tokens: int,
    agreement: Agreement | None = None,
    cut: Cut | None = None,
) -> list[Tile]:
    """Greedy string tiling over the shared runs of one file pair: longest first, no token
    used twice on either side. When no runs overlap, every run is a tile as it is.

    ``cut`` takes off a run's edges that only graze a neighbouring definition: a run is
    maximal on its diagonal, so it tends to reach into the look-alike end of the previous
    function or header of the next one. Competing runs are ranked on what is left of them
    (a sibling's run one closing brace longer must not beat the copy), and each tile gives
    its grazing edges back before the tiles are extended (a chance run's tail must not
    hold the copied header its true match would extend over)."""
    # A file pair has few runs: plain lists beat array calls here.
    runs = [
        r for r in zip(a.tolist(), b.tolist(), length.tolist(), strict=True)
        if r[2] >= min_tokens
    ]
    if len(runs) <= 1 or not (_overlapping(runs, 0) or _overlapping(runs, 1)):
        tiles = [Tile(*(cut(*r) if cut else r)) for r in runs]
        return sorted(tiles, key=lambda t: (t.a, t.b))
    # Byte flags with array views of them (to mark free stretches).
    used_a, used_b = _used([], n_a, n_b)
    flags_a = np.frombuffer(used_a, dtype=np.bool_)
    flags_b = np.frombuffer(used_b, dtype=np.bool_)
    tiles = []
    for x, y, n in _greedy_order(runs, agreement, cut):
        if _free(used_a, used_b, x, y, n):
            _take(used_a, used_b, x, y, n)
            tiles.append(Tile(x, y, n))
            continue
        free = ~(flags_a[x : x + n] | flags_b[y : y + n])
        if np.count_nonzero(free) < min_tokens:
            continue  # already covered by longer tiles
        for s, e in _free_stretches(free, min_tokens):
            flags_a[x + s : x + e] = True
            flags_b[y + s : y + e] = True
            tiles.append(Tile(x + s, y + s, e - s))
    if cut is not None:
        tiles = [Tile(*cut(t.a, t.b, t.length)) for t in tiles]
    return sorted(tiles, key=lambda t: (t.a, t.b))


def merge(tiles: list[Tile], gap: int) -> list[Region]:
    """Chain tiles that follow each other on both sides within ``gap`` tokens."""
    chains: list[list[Tile]] = []
    open_chains: list[list[Tile]] = []  # chains that a later tile could still extend
    for t in tiles:  # sorted by position on side A
        open_chains = [c for c in open_chains if c[-1].a + c[-1].length + gap >= t.a]
        best: list[Tile] | None = None
        best_gap = 0
        for chain in open_chains:
            last = chain[-1]
            ga = t.a - (last.a + last.length)
            gb = t.b - (last.b + last.length)
            if 0 <= ga <= gap and 0 <= gb <= gap and (best is None or ga + gb < best_gap):
                best, best_gap = chain, ga + gb
        if best is None:
            chains.append([t])
            open_chains.append(chains[-1])
        else:
            best.append(t)
    merged = [Region(tuple(c)) for c in chains]
    merged.sort(key=lambda r: (r.a_start, r.b_start))
    return merged


def _used(tiles: list[Tile], n_a: int, n_b: int) -> tuple[bytearray, bytearray]:
    """Byte flags of the tokens ``tiles`` take on each side: whether a run is free, or
    where the nearest used token is, is one ``find`` (no array temporaries)."""
    used_a, used_b = bytearray(n_a), bytearray(n_b)
    for t in tiles:
        _take(used_a, used_b, t.a, t.b, t.length)
    return used_a, used_b


def _take(used_a: bytearray, used_b: bytearray, a: int, b: int, n: int) -> None:
    used_a[a : a + n] = b"\x01" * n
    used_b[b : b + n] = b"\x01" * n


def _free(used_a: bytearray, used_b: bytearray, a: int, b: int, n: int) -> bool:
    """Whether no token of the run (a, b, n) is used on either side."""
    return used_a.find(1, a, a + n) < 0 and used_b.find(1, b, b + n) < 0


def _fill_gaps(
    region: Region,
    sa: np.ndarray,
    sb: np.ndarray,
    used_a: bytearray,
    used_b: bytearray,
    min_len: int,
) -> Region:
    """Add the identical runs of >= ``min_len`` tokens found by a longest-common-
    subsequence alignment of each gap between consecutive tiles of ``region``."""
    tiles: list[Tile] = [region.tiles[0]]
    for nxt in region.tiles[1:]:
        prev = tiles[-1]
        a_lo, b_lo = prev.a + prev.length, prev.b + prev.length
        if nxt.a > a_lo and nxt.b > b_lo:
            blocks = Indel.opcodes(sa[a_lo : nxt.a].tolist(), sb[b_lo : nxt.b].tolist())
            for block in blocks.as_matching_blocks():
                a, b, n = a_lo + block.a, b_lo + block.b, block.size
                if n >= min_len and _free(used_a, used_b, a, b, n):
                    _take(used_a, used_b, a, b, n)
                    tiles.append(Tile(a, b, n))
        tiles.append(nxt)
    return Region(tuple(tiles))


def _window(used: bytearray, start: int, end: int, gap: int, forward: bool) -> tuple[int, int]:
    """The free tokens within ``gap`` of [start, end) on its ``forward`` (else backward)
    side, up to the nearest used one."""
    if forward:
        hi = min(end + gap, len(used))
        taken = used.find(1, end, hi)
        return end, hi if taken < 0 else taken
    lo = max(start - gap, 0)
    return lo if (taken := used.rfind(1, lo, start)) < 0 else taken + 1, start


def _next_block(
    sa: np.ndarray,
    sb: np.ndarray,
    used_a: bytearray,
    used_b: bytearray,
    t: Tile,
    gap: int,
    min_len: int,
    supported: Support,
    forward: bool,
    cut: bool = True,
) -> Tile | None:
    """The identical run of >= ``min_len`` free tokens nearest to ``t`` on its ``forward``
    (else backward) side, within ``gap`` tokens of it on both sides and before any used
    token: a maximal identical run of the two windows, or the piece of one between tokens
    whose text differs, that ``supported`` backs by identical identifiers or literals."""
    a_lo, a_hi = _window(used_a, t.a, t.a + t.length, gap, forward)
    if a_hi - a_lo < min_len:
        return None
    b_lo, b_hi = _window(used_b, t.b, t.b + t.length, gap, forward)
    if b_hi - b_lo < min_len:
        return None
    run = nearest_supported(sa, sb, (a_lo, a_hi), (b_lo, b_hi), min_len, supported, forward,
                            cut)
    return None if run is None else Tile(*run)


def extend(
    tiles: list[Tile],
    sa: np.ndarray,
    sb: np.ndarray,
    gap: int,
    min_len: int,
    supported: Support,
) -> list[Tile]:
    """``tiles`` with, beside each, the shorter text-supported identical runs that follow
    or precede it within ``gap`` tokens on both sides, chained outwards: each run added
    anchors the next. Only a tile found on its own (>= ``min_tokens``) starts a chain, so
    short runs never make a match by themselves."""
    used_a, used_b = _used(tiles, sa.size, sb.size)
    out = list(tiles)
    for anchor in tiles:
        # Beside a literal copy (no name or literal differs), a short run may be cut where
        # its text differs; beside a structural match, only runs that agree throughout.
        literal = not text_differs(supported, anchor.a, anchor.b, anchor.length)
        for forward in (True, False):
            t: Tile | None = anchor
            while t is not None:
                t = _next_block(sa, sb, used_a, used_b, t, gap, min_len, supported, forward,
                                literal)
                if t is not None:
                    _take(used_a, used_b, t.a, t.b, t.length)
                    out.append(t)
    return sorted(out, key=lambda x: (x.a, x.b))


def regions(
    a: np.ndarray,
    b: np.ndarray,
    length: np.ndarray,
    sa: np.ndarray,
    sb: np.ndarray,
    settings: MatchSettings,
    agreement: Agreement | None = None,
    supported: Support | None = None,
    cut: Cut | None = None,
) -> list[Region]:
    """Regions of one file pair from its shared runs and both token symbol streams;
    ``agreement`` (optional) breaks ties between equally long competing runs; with
    ``supported`` (whether a run's text agrees), tiles are extended by shorter runs;
    ``cut`` trims runs at definition bounds before they compete (see ``tile``)."""
    tiles = tile(a, b, length, sa.size, sb.size, settings.min_tokens, agreement, cut)
    if supported is not None and 0 < settings.extend_min_tokens < settings.min_tokens:
        tiles = extend(tiles, sa, sb, settings.merge_gap, settings.extend_min_tokens, supported)
    merged = merge(tiles, settings.merge_gap)
    if settings.gap_min_tokens >= settings.min_tokens or all(len(r.tiles) == 1 for r in merged):
        return merged
    used_a, used_b = _used(tiles, sa.size, sb.size)
    return [
        _fill_gaps(r, sa, sb, used_a, used_b, settings.gap_min_tokens) if len(r.tiles) > 1 else r
        for r in merged
    ]


def align(
    sa: np.ndarray,
    sb: np.ndarray,
    ka: np.ndarray,
    kb: np.ndarray,
    k: int,
    settings: MatchSettings,
    supported: Support | None = None,
) -> list[Region]:
    """Regions of file A found in file B, from their token symbols and k-gram hashes."""
    pair = np.zeros((1, 2), dtype=np.int64)
    runs = shared_runs([ka], [kb], pair, k, settings.max_occurrences, 1)
    return regions(runs.a, runs.b, runs.length, sa, sb, settings, supported=supported)
