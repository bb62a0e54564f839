"""Which tokens of a work file also occur in a reference corpus: runs of consecutive
k-grams shared with one reference file *in the same order* (the same diagonal), at least
as long as a match must be. A k-gram merely present somewhere in a large corpus (a short
structural pattern) explains nothing; an aligned run does, and it is what gets cited."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from fingerprints.ranges import range_positions

from ..match.sets import member
from .corpus import ReferenceIndex

# A k-gram found in very many places is idiom; more of its postings would only cost time.
POSTINGS_PER_HASH = 64


@dataclass(frozen=True)
class ReferenceRuns:
    """Aligned runs between one work file and the references, and the tokens they cover."""

    covered: np.ndarray  # bool per token of the work file
    start: np.ndarray  # int64 first token of each run in the work file
    end: np.ndarray  # int64 token end (exclusive)
    ref: np.ndarray  # int64 index into the references
    file: np.ndarray  # int64 file index in that reference
    first_line: np.ndarray  # int64 lines of the run in the reference file
    last_line: np.ndarray


def _empty(n_tokens: int) -> ReferenceRuns:
    z = np.zeros(0, dtype=np.int64)
    return ReferenceRuns(np.zeros(n_tokens, dtype=bool), z, z, z, z, z, z)


def reference_runs(
    kgrams: np.ndarray,
    n_tokens: int,
    refs: Sequence[ReferenceIndex],
    k: int,
    min_tokens: int,
    distinct_hashes: Sequence[np.ndarray],
) -> ReferenceRuns:
    """Runs of at least ``min_tokens`` tokens that the file with these ``kgrams`` shares,
    aligned, with a file of ``refs`` (``distinct_hashes``: each reference's sorted
    distinct k-grams, a fast first filter)."""
    parts: list[tuple[np.ndarray, ...]] = []
    for ri, (ref, hashes) in enumerate(zip(refs, distinct_hashes, strict=True)):
        t = ref.kgrams
        p = np.flatnonzero(member(kgrams, hashes))
        if p.size == 0:
            continue
        lo = np.searchsorted(t.hashes, kgrams[p], side="left")
        n = np.minimum(np.searchsorted(t.hashes, kgrams[p], side="right") - lo, POSTINGS_PER_HASH)
        rows = range_positions(lo, n)
        pos = np.repeat(p, n)
        f = t.file[rows].astype(np.int64)
        diagonal = t.position[rows].astype(np.int64) - pos
        order = np.lexsort((pos, diagonal, f))
        pos, f, diagonal, rows = pos[order], f[order], diagonal[order], rows[order]
        breaks = (np.diff(f) != 0) | (np.diff(diagonal) != 0) | (np.diff(pos) != 1)
        starts = np.concatenate(([0], np.flatnonzero(breaks) + 1))
        ends = np.concatenate((starts[1:], [pos.size]))
        length = (ends - starts) + (k - 1)  # tokens
        keep = length >= min_tokens
        starts, ends = starts[keep], ends[keep]
        if starts.size == 0:
            continue
        # Rows of one run are consecutive k-grams of the reference file: lines ascend.
        parts.append((
            pos[starts], pos[ends - 1] + k, np.full(starts.size, ri, dtype=np.int64),
            f[starts], t.first_line[rows[starts]].astype(np.int64),
            t.last_line[rows[ends - 1]].astype(np.int64),
        ))
    if not parts:
        return _empty(n_tokens)
    start, end, ref, file, first, last = (np.concatenate(c) for c in zip(*parts, strict=True))
    delta = np.zeros(n_tokens + 1, dtype=np.int64)
    np.add.at(delta, start, 1)
    np.add.at(delta, end, -1)
    covered = np.cumsum(delta[:-1]) > 0
    return ReferenceRuns(covered, start, end, ref, file, first, last)
