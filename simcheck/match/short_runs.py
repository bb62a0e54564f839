"""Identical runs shorter than k between two small windows of token symbols.

A copy cut into pieces shorter than k (extracted constants and methods, rewritten loops,
inserted statements) leaves no k-gram to seed its pieces; they are found only near a match
that anchors them (simcheck.match.align.extend). A longest-common-subsequence alignment of
the two windows is the wrong tool there: it maximises the total of matched tokens, so it
happily splits a contiguous 12-token header into scattered single tokens that pair with
look-alike tokens elsewhere. The maximal runs of equal symbols on each diagonal of the two
windows are what is shared verbatim, whatever else the windows hold.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np


def diagonal_runs(x: np.ndarray, y: np.ndarray, min_len: int) -> list[tuple[int, int, int]]:
    """Every maximal run (i, j, length) with x[i : i + length] == y[j : j + length] and
    length >= ``min_len``; a run on one diagonal ends where its symbols differ or a window
    ends. Ordered by (i, j)."""
    m, n = x.size, y.size
    min_len = max(min_len, 1)  # every maximal run has a token
    if m < min_len or n < min_len:
        return []
    # The equality matrix sits in a zero grid, m columns in and above a zero row: read
    # with a stride of one row plus one, each diagonal (j - i = d) is one row of m + 1
    # bytes whose last is that zero row, so runs never cross diagonals. The windows are
    # small (the merge gap): byte search finds the runs faster than array calls.
    width = n + 2 * m
    grid = np.zeros((m + 1, width), dtype=np.bool_)
    np.equal(x[:, None], y[None, :], out=grid[:m, m : m + n])
    diagonals = np.ndarray((n + m - 1, m + 1), np.bool_, grid, 1, (1, width + 1)).tobytes()
    needle = b"\x01" * min_len
    runs = []
    start = diagonals.find(needle)
    while start >= 0:
        end = diagonals.find(b"\x00", start + min_len)
        row, i = divmod(start, m + 1)  # row e holds the diagonal d = e + 1 - m
        runs.append((i, i + row + 1 - m, end - start))
        start = diagonals.find(needle, end)
    runs.sort()
    return runs


# Per token of a run (a, b, length) with equal structure: 1 for an identifier or literal
# with the same text on both sides, -1 for one whose text differs, 0 for other tokens.
TextVerdicts = Callable[[int, int, int], np.ndarray]


def _agreeing_pieces(
    a: int, b: int, n: int, min_len: int, verdicts: TextVerdicts, cut: bool
) -> list[tuple[int, int, int]]:
    """The run (a, b, n) if it is at least ``min_len`` long, holds an identifier or literal
    of the same text and none that differs. With ``cut``, a run whose text differs keeps
    its head before the first differing token and its tail after the last one, when they
    qualify: a structural run often reaches past the copied text into a look-alike
    neighbour (a header followed by ``x = {}`` on one side and ``self.f()`` on the other).
    The stretch between two differing tokens is never kept: between renamed names, any
    two solutions of one task look alike."""
    v = verdicts(a, b, n).tolist()  # short: plain list operations beat numpy calls here
    if -1 not in v:
        bounds = [(0, n)]
    elif not cut:
        return []
    else:
        bounds = [(0, v.index(-1)), (n - v[::-1].index(-1), n)]
    pieces = []
    for lo, hi in bounds:
        if hi - lo >= min_len and 1 in v[lo:hi]:
            pieces.append((a + lo, b + lo, hi - lo))
    return pieces


def nearest_supported(
    sa: np.ndarray,
    sb: np.ndarray,
    window_a: tuple[int, int],
    window_b: tuple[int, int],
    min_len: int,
    verdicts: TextVerdicts,
    forward: bool,
    cut: bool = True,
) -> tuple[int, int, int] | None:
    """The identical, text-supported run (a, b, length) of >= ``min_len`` tokens of the two
    windows ([lo, hi) of ``sa`` and ``sb``) nearest to their start (``forward``) or end:
    by the tokens skipped on both sides to reach it, then longest first. ``cut``: runs
    whose text differs somewhere may give their head or tail (``_agreeing_pieces``)."""
    (a_lo, a_hi), (b_lo, b_hi) = window_a, window_b

    def distance(a: int, b: int, n: int) -> int:
        """Tokens skipped on both sides to reach the run (from the windows' start when
        ``forward``, else from their end)."""
        return a - a_lo + b - b_lo if forward else a_hi - a - n + b_hi - b - n

    def key(run: tuple[int, int, int]) -> tuple[int, int, int]:
        return (distance(*run), -run[2], run[0] if forward else -run[0])

    runs = [(a_lo + i, b_lo + j, n) for i, j, n in diagonal_runs(sa[a_lo:a_hi],
                                                                  sb[b_lo:b_hi], min_len)]
    best: tuple[int, int, int] | None = None
    # Nearest runs first; a run's pieces lie no nearer than the run itself, so once a run
    # starts farther than the best piece found, no later one can beat it (reading the
    # text of every run was most of the cost).
    for run in sorted(runs, key=lambda r: distance(*r)):
        if best is not None and distance(*run) > distance(*best):
            break
        for piece in _agreeing_pieces(*run, min_len, verdicts, cut):
            if best is None or key(piece) < key(best):
                best = piece
    return best
