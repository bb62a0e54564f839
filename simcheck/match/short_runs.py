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

from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True)
class TextKeys:
    """Per token of one file: ``text``, a key of its original text (equal texts, equal
    keys), and ``content``, whether that text counts (an identifier or literal)."""

    text: np.ndarray
    content: np.ndarray  # bool


# Both files' text keys: whether the text of a run (a, b, length) of equal structure
# supports it (``verdicts``).
Support = tuple[TextKeys, TextKeys]


def verdicts(support: Support, a: int, b: int, n: int) -> np.ndarray:
    """Per token of the run (a, b, n) with equal structure (int8): 1 for an identifier or
    literal with the same text on both sides, -1 for one whose text differs, 0 for other
    tokens. A run is supported when it holds a 1 and no -1."""
    ka, kb = support
    same = np.where(ka.text[a : a + n] == kb.text[b : b + n], 1, -1).astype(np.int8)
    return np.where(ka.content[a : a + n], same, np.int8(0))


def text_differs(support: Support, a: int, b: int, n: int) -> bool:
    """Whether an identifier or literal of the run (a, b, n) has another text on each side."""
    ka, kb = support
    return bool(np.any(ka.content[a : a + n] & (ka.text[a : a + n] != kb.text[b : b + n])))


# Codes of a token pair on the diagonals (``_diagonal_codes``): other symbols, the same
# symbol without text, an identifier or literal of the same text, of another text.
_OTHER, _SAME, _AGREES, _DIFFERS = b"\x00", b"\x01", b"\x02", b"\x03"
_EQUAL = bytes([0] + [1] * 255)  # bytes.translate table: any code but _OTHER -> 1


def _by_diagonal(values: np.ndarray) -> bytes:
    """The (m, n) byte matrix ``values`` as one row of m + 1 bytes per diagonal (j - i = d,
    from d = 1 - m to n - 1), each of its cells in order of i, then zero bytes: a run of
    nonzero bytes never crosses diagonals. Byte p is cell (i, i + d) with p = e * (m + 1) + i
    and d = e + 1 - m."""
    m, n = values.shape
    # ``values`` sits in a zero grid, m columns in and above a zero row: read with a
    # stride of one row plus one, each diagonal is a row ending in that zero row.
    width = n + 2 * m
    grid = np.zeros((m + 1, width), dtype=np.uint8)
    grid[:m, m : m + n] = values
    return np.ndarray((n + m - 1, m + 1), np.uint8, grid, 1, (1, width + 1)).tobytes()


def _runs(equal: bytes, m: int, min_len: int) -> list[tuple[int, int, int, int]]:
    """Every maximal run of 1 bytes of at least ``min_len`` in ``equal`` (``_by_diagonal``
    of m rows) as (i, j, length, p): its first cell and its byte offset. The windows are
    small (the merge gap): byte search finds the runs faster than array calls."""
    needle = b"\x01" * min_len
    runs = []
    start = equal.find(needle)
    while start >= 0:
        end = equal.find(b"\x00", start + min_len)
        row, i = divmod(start, m + 1)
        runs.append((i, i + row + 1 - m, end - start, start))
        start = equal.find(needle, end)
    return runs


def diagonal_runs(x: np.ndarray, y: np.ndarray, min_len: int) -> list[tuple[int, int, int]]:
    """Every maximal run (i, j, length) with x[i : i + length] == y[j : j + length] and
    length >= ``min_len``; a run on one diagonal ends where its symbols differ or a window
    ends. Ordered by (i, j)."""
    min_len = max(min_len, 1)  # every maximal run has a token
    if x.size < min_len or y.size < min_len:
        return []
    equal = _by_diagonal(x[:, None] == y[None, :])
    return sorted(r[:3] for r in _runs(equal, x.size, min_len))


def _diagonal_codes(
    x: np.ndarray, y: np.ndarray, x_text: np.ndarray, y_text: np.ndarray, x_content: np.ndarray
) -> bytes:
    """``_by_diagonal`` of the code of every token pair of the windows ``x`` and ``y``
    (their symbols, their text keys and which of ``x`` have text that counts): _OTHER,
    _SAME, _AGREES or _DIFFERS."""
    same = x[:, None] == y[None, :]
    content = same & x_content[:, None]
    codes = same.view(np.uint8) + content
    codes += content & (x_text[:, None] != y_text[None, :])
    return _by_diagonal(codes)


def _agreeing_pieces(
    a: int, b: int, n: int, min_len: int, codes: bytes, cut: bool
) -> list[tuple[int, int, int]]:
    """The run (a, b, n) if it is at least ``min_len`` long, holds an identifier or literal
    of the same text and none that differs (``codes``: its token pairs' codes). With
    ``cut``, a run whose text differs keeps its head before the first differing token and
    its tail after the last one, when they qualify: a structural run often reaches past
    the copied text into a look-alike neighbour (a header followed by ``x = {}`` on one
    side and ``self.f()`` on the other). The stretch between two differing tokens is never
    kept: between renamed names, any two solutions of one task look alike."""
    first = codes.find(_DIFFERS)
    if first < 0:
        bounds = [(0, n)]
    elif not cut:
        return []
    else:
        bounds = [(0, first), (codes.rfind(_DIFFERS) + 1, n)]
    return [
        (a + lo, b + lo, hi - lo)
        for lo, hi in bounds
        if hi - lo >= min_len and codes.find(_AGREES, lo, hi) >= 0
    ]


def nearest_supported(
    sa: np.ndarray,
    sb: np.ndarray,
    window_a: tuple[int, int],
    window_b: tuple[int, int],
    min_len: int,
    support: Support,
    forward: bool,
    cut: bool = True,
) -> tuple[int, int, int] | None:
    """The identical, text-supported run (a, b, length) of >= ``min_len`` tokens of the two
    windows ([lo, hi) of ``sa`` and ``sb``) nearest to their start (``forward``) or end:
    by the tokens skipped on both sides to reach it, then longest first. ``cut``: runs
    whose text differs somewhere may give their head or tail (``_agreeing_pieces``)."""
    (a_lo, a_hi), (b_lo, b_hi) = window_a, window_b
    min_len = max(min_len, 1)
    if a_hi - a_lo < min_len or b_hi - b_lo < min_len:
        return None

    def distance(a: int, b: int, n: int) -> int:
        """Tokens skipped on both sides to reach the run (from the windows' start when
        ``forward``, else from their end)."""
        return a - a_lo + b - b_lo if forward else a_hi - a - n + b_hi - b - n

    def key(run: tuple[int, int, int]) -> tuple[int, int, int]:
        return (distance(*run), -run[2], run[0] if forward else -run[0])

    ka, kb = support
    codes = _diagonal_codes(sa[a_lo:a_hi], sb[b_lo:b_hi], ka.text[a_lo:a_hi],
                            kb.text[b_lo:b_hi], ka.content[a_lo:a_hi])
    # (distance, i, j, length, p) of each run (i, j: its start in the windows), in the
    # order they are tried: nearest first, then by position.
    ends = a_hi - a_lo + b_hi - b_lo
    runs = [(i + j if forward else ends - i - j - 2 * n, i, j, n, p)
            for i, j, n, p in _runs(codes.translate(_EQUAL), a_hi - a_lo, min_len)]
    runs.sort()
    best: tuple[int, int, int] | None = None
    best_distance = 0
    # Nearest runs first; a run's pieces lie no nearer than the run itself, so once a run
    # starts farther than the best piece found, no later one can beat it (reading the
    # text of every run was most of the cost).
    for d, i, j, n, p in runs:
        if best is not None and d > best_distance:
            break
        for piece in _agreeing_pieces(a_lo + i, b_lo + j, n, min_len, codes[p : p + n], cut):
            if best is None or key(piece) < key(best):
                best = piece
                best_distance = distance(*piece)
    return best
