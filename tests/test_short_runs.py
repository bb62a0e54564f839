"""Short identical runs near an anchoring match (simcheck.match.short_runs)."""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st
from rapidfuzz.distance import Indel

from simcheck.match.short_runs import (
    Support,
    TextKeys,
    diagonal_runs,
    nearest_supported,
    verdicts,
)


def _u(xs: list[int]) -> np.ndarray:
    return np.asarray(xs, dtype=np.uint64)


def _texts(x: np.ndarray, y: np.ndarray, differ: list[int] = (), names: bool = True
           ) -> Support:
    """Text keys of two windows: every token a name (``names``) whose text is the same on
    both sides, but at the positions ``differ`` (the same on both sides)."""
    kx, ky = np.arange(x.size, dtype=np.uint64), np.arange(y.size, dtype=np.uint64)
    ky[list(differ)] += np.uint64(1000)
    return (TextKeys(kx, np.full(x.size, names)), TextKeys(ky, np.full(y.size, names)))


def test_diagonal_runs_are_the_maximal_identical_runs_of_each_diagonal():
    x = _u([1, 2, 3, 4, 9, 5, 6, 7])
    y = _u([0, 1, 2, 3, 4, 8, 5, 6, 7])
    assert diagonal_runs(x, y, 3) == [(0, 1, 4), (5, 6, 3)]
    assert diagonal_runs(x, y, 4) == [(0, 1, 4)]
    assert diagonal_runs(x, _u([42] * 9), 1) == []


def test_a_run_is_found_even_where_a_longer_one_crosses_it():
    # x = A + R and y = R + A: a subsequence alignment keeps A and loses R altogether;
    # both are identical runs of the two windows.
    a, r = list(range(100, 115)), list(range(200, 212))
    x, y = _u(a + r), _u(r + a)
    blocks = Indel.opcodes(x.tolist(), y.tolist()).as_matching_blocks()
    assert [blk.size for blk in blocks if blk.size] == [15]
    assert diagonal_runs(x, y, 10) == [(0, 12, 15), (15, 0, 12)]


def test_a_run_is_cut_where_its_text_differs_and_kept_only_with_agreeing_text():
    header = list(range(100, 112))
    x = _u(header + [7, 50, 51])  # "def f(a, b): x = {}"
    y = _u(header + [7, 60, 61])  # "def f(a, b): self.g()"

    verdicts = _texts(x, y, [12])  # names of the header agree, the name after it differs
    assert nearest_supported(x, y, (0, x.size), (0, y.size), 10, verdicts, True) == (0, 0, 12)
    # Beside a match that is only structural, a run whose text differs anywhere is refused.
    assert nearest_supported(x, y, (0, x.size), (0, y.size), 10, verdicts, True,
                             cut=False) is None

    no_names = _texts(x, y, names=False)  # keywords and punctuation only
    assert nearest_supported(x, y, (0, x.size), (0, y.size), 10, no_names, True) is None


def test_the_nearest_run_to_the_anchor_is_taken_first():
    near, far = list(range(100, 110)), list(range(200, 215))
    x = _u(near + [1] + far)
    y = _u(near + [2, 2] + far)

    agree = (TextKeys(x, np.ones(x.size, bool)), TextKeys(y, np.ones(y.size, bool)))
    assert nearest_supported(x, y, (0, x.size), (0, y.size), 10, agree, True) == (0, 0, 10)
    assert nearest_supported(x, y, (0, x.size), (0, y.size), 10, agree, False) == (11, 12, 15)


def test_the_stretch_between_two_differing_names_is_never_kept():
    # "a = f(x, y, z) ... b = f(...)" against "c = f(x, y, z) ... d = f(...)": between the
    # renamed names lies a long agreeing stretch, the shape of any two solutions of a task.
    x = _u(list(range(100, 130)))
    y = _u(list(range(100, 130)))

    renamed_ends = _texts(x, y, [3, 26])
    got = nearest_supported(x, y, (0, x.size), (0, y.size), 10, renamed_ends, True)
    assert got is None


def _direct_diagonal_runs(x: list[int], y: list[int], min_len: int) -> list[tuple[int, int, int]]:
    """Each maximal run of equal symbols, diagonal by diagonal, by direct comparison."""
    runs = []
    for i in range(len(x)):
        for j in range(len(y)):
            if x[i] != y[j] or (i > 0 and j > 0 and x[i - 1] == y[j - 1]):
                continue  # not a run's first pair
            n = 0
            while i + n < len(x) and j + n < len(y) and x[i + n] == y[j + n]:
                n += 1
            if n >= min_len:
                runs.append((i, j, n))
    return sorted(runs)


@settings(max_examples=200, deadline=None)
@given(
    st.lists(st.integers(0, 3), max_size=45),
    st.lists(st.integers(0, 3), max_size=45),
    st.integers(0, 6),
)
def test_diagonal_runs_are_those_of_a_direct_comparison(x, y, min_len):
    assert diagonal_runs(_u(x), _u(y), min_len) == _direct_diagonal_runs(x, y, min_len)


def _direct_nearest(sa, sb, wa, wb, min_len, support, forward, cut):
    """The nearest supported piece by the definition: every maximal run of the windows,
    its verdicts token by token, its head and tail when cut, the best by (tokens skipped,
    longest, first on A)."""
    (a_lo, a_hi), (b_lo, b_hi) = wa, wb
    best = None
    for i, j, n in _direct_diagonal_runs(sa[a_lo:a_hi].tolist(), sb[b_lo:b_hi].tolist(),
                                         min_len):
        a, b = a_lo + i, b_lo + j
        v = verdicts(support, a, b, n).tolist()
        if -1 not in v:
            bounds = [(0, n)]
        elif cut:
            bounds = [(0, v.index(-1)), (n - v[::-1].index(-1), n)]
        else:
            bounds = []
        for lo, hi in bounds:
            if hi - lo >= min_len and 1 in v[lo:hi]:
                skipped = (a + lo - a_lo + b + lo - b_lo if forward
                           else a_hi - a - hi + b_hi - b - hi)
                key = (skipped, lo - hi, a + lo if forward else -(a + lo))
                if best is None or key < best[0]:
                    best = (key, (a + lo, b + lo, hi - lo))
    return None if best is None else best[1]


@settings(max_examples=300, deadline=None)
@given(st.data())
def test_the_nearest_supported_run_is_the_one_the_definition_gives(data):
    symbols = st.lists(st.integers(0, 2), min_size=1, max_size=40)
    sa, sb = _u(data.draw(symbols)), _u(data.draw(symbols))

    def keys(size: int) -> TextKeys:
        text = data.draw(st.lists(st.integers(0, 1), min_size=size, max_size=size))
        content = data.draw(st.lists(st.booleans(), min_size=size, max_size=size))
        return TextKeys(_u(text), np.asarray(content, dtype=bool))

    support = (keys(sa.size), keys(sb.size))
    a_lo = data.draw(st.integers(0, sa.size))
    b_lo = data.draw(st.integers(0, sb.size))
    wa = (a_lo, data.draw(st.integers(a_lo, sa.size)))
    wb = (b_lo, data.draw(st.integers(b_lo, sb.size)))
    min_len, forward, cut = data.draw(st.integers(1, 5)), data.draw(st.booleans()), \
        data.draw(st.booleans())
    assert nearest_supported(sa, sb, wa, wb, min_len, support, forward, cut) == \
        _direct_nearest(sa, sb, wa, wb, min_len, support, forward, cut)
