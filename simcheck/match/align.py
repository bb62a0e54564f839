"""Align two fingerprinted files: shared k-grams -> maximal token runs (tiles) -> regions.

Every k-gram position of both files takes part (not only the winnowed ones, which serve
to find candidate pairs), so a tile's bounds are exact to the token. Tiles never overlap
on either side (greedy string tiling, longest first), so a token is counted at most once.
Neighbouring tiles in the same order on both sides are merged into one region when the
gaps between them are small: a few inserted or edited statements do not split a copy.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from rapidfuzz.distance import Indel


@dataclass(frozen=True)
class MatchSettings:
    min_tokens: int = 15  # shortest tile kept (>= k: shorter runs are never seen anyway)
    merge_gap: int = 40  # max tokens skipped on each side between merged tiles
    # Inside a merged region, shorter identical runs between two anchoring tiles count too:
    # they sit in the same order on both sides, so they are not chance hits.
    gap_min_tokens: int = 5
    max_occurrences: int = 64  # k-grams repeated more often in one file do not seed tiles


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


def _repeated(hashes: np.ndarray, limit: int) -> np.ndarray:
    """Mask of positions whose hash occurs more than ``limit`` times in ``hashes``."""
    _, inverse, counts = np.unique(hashes, return_inverse=True, return_counts=True)
    return counts[inverse] > limit


def seed_runs(
    ka: np.ndarray, kb: np.ndarray, k: int, max_occurrences: int
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Maximal runs of consecutive equal k-grams on a diagonal, as token spans:
    (a_start, b_start, length in tokens), vectorised."""
    empty = np.zeros(0, dtype=np.int64)
    if ka.size == 0 or kb.size == 0:
        return empty, empty, empty
    order = np.argsort(kb, kind="stable")
    sorted_b = kb[order]
    lo = np.searchsorted(sorted_b, ka, side="left")
    hi = np.searchsorted(sorted_b, ka, side="right")
    counts = hi - lo
    usable = (counts > 0) & (counts <= max_occurrences) & ~_repeated(ka, max_occurrences)
    if not usable.any():
        return empty, empty, empty
    counts_u = counts[usable]
    ia = np.repeat(np.flatnonzero(usable), counts_u)
    first = np.repeat(lo[usable], counts_u)
    run_starts = np.repeat(np.cumsum(counts_u) - counts_u, counts_u)
    jb = order[first + (np.arange(ia.size) - run_starts)]
    diagonal = jb - ia
    by = np.lexsort((ia, diagonal))
    ia, diagonal = ia[by], diagonal[by]
    breaks = np.flatnonzero((np.diff(diagonal) != 0) | (np.diff(ia) != 1)) + 1
    starts = np.concatenate(([0], breaks))
    ends = np.concatenate((breaks, [ia.size]))
    a0 = ia[starts]
    return a0, a0 + diagonal[starts], (ends - starts) + (k - 1)


def _free_stretches(free: np.ndarray, min_len: int) -> list[tuple[int, int]]:
    """[start, end) of each run of True in ``free`` at least ``min_len`` long."""
    padded = np.concatenate(([False], free, [False])).astype(np.int8)
    edges = np.flatnonzero(np.diff(padded))
    pairs = zip(edges[::2].tolist(), edges[1::2].tolist(), strict=True)
    return [(s, e) for s, e in pairs if e - s >= min_len]


def _tile(
    ka: np.ndarray, kb: np.ndarray, n_a: int, n_b: int, k: int, settings: MatchSettings
) -> tuple[list[Tile], np.ndarray, np.ndarray]:
    """Greedy string tiling seeded by k-gram runs: longest first, no token used twice."""
    used_a = np.zeros(n_a, dtype=bool)
    used_b = np.zeros(n_b, dtype=bool)
    a0, b0, length = seed_runs(ka, kb, k, settings.max_occurrences)
    if a0.size == 0:
        return [], used_a, used_b
    order = np.lexsort((b0, a0, -length))
    tiles: list[Tile] = []
    runs = zip(a0[order].tolist(), b0[order].tolist(), length[order].tolist(), strict=True)
    for a, b, n in runs:
        if n < settings.min_tokens:
            break  # sorted by length: nothing after this is long enough
        free = ~used_a[a : a + n] & ~used_b[b : b + n]
        if free.all():
            stretches = [(0, n)]
        else:
            stretches = _free_stretches(free, settings.min_tokens)
        for s, e in stretches:
            used_a[a + s : a + e] = True
            used_b[b + s : b + e] = True
            tiles.append(Tile(a + s, b + s, e - s))
    tiles.sort(key=lambda t: (t.a, t.b))
    return tiles, used_a, used_b


def _fill_gaps(
    region: Region,
    sa: np.ndarray,
    sb: np.ndarray,
    used_a: np.ndarray,
    used_b: np.ndarray,
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
                if n >= min_len and not used_a[a : a + n].any() and not used_b[b : b + n].any():
                    used_a[a : a + n] = True
                    used_b[b : b + n] = True
                    tiles.append(Tile(a, b, n))
        tiles.append(nxt)
    return Region(tuple(tiles))


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
    regions = [Region(tuple(c)) for c in chains]
    regions.sort(key=lambda r: (r.a_start, r.b_start))
    return regions


def align(
    sa: np.ndarray, sb: np.ndarray, ka: np.ndarray, kb: np.ndarray, k: int, settings: MatchSettings
) -> list[Region]:
    """Regions of file A found in file B, from their token symbols and k-gram hashes."""
    tiles, used_a, used_b = _tile(ka, kb, sa.size, sb.size, k, settings)
    regions = merge(tiles, settings.merge_gap)
    if settings.gap_min_tokens < settings.min_tokens:
        regions = [
            _fill_gaps(r, sa, sb, used_a, used_b, settings.gap_min_tokens) for r in regions
        ]
    return regions
