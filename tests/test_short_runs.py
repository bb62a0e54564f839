"""Short identical runs near an anchoring match (simcheck.match.short_runs)."""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st
from rapidfuzz.distance import Indel

from simcheck.match.short_runs import diagonal_runs, nearest_supported


def _u(xs: list[int]) -> np.ndarray:
    return np.asarray(xs, dtype=np.uint64)


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

    def verdicts(a: int, b: int, n: int) -> np.ndarray:
        v = np.ones(n, dtype=np.int8)  # names of the header agree...
        v[np.arange(a, a + n) == 12] = -1  # ...the name after it differs
        return v

    assert nearest_supported(x, y, (0, x.size), (0, y.size), 10, verdicts, True) == (0, 0, 12)
    # Beside a match that is only structural, a run whose text differs anywhere is refused.
    assert nearest_supported(x, y, (0, x.size), (0, y.size), 10, verdicts, True,
                             cut=False) is None

    def no_names(a: int, b: int, n: int) -> np.ndarray:
        return np.zeros(n, dtype=np.int8)  # keywords and punctuation only

    assert nearest_supported(x, y, (0, x.size), (0, y.size), 10, no_names, True) is None


def test_the_nearest_run_to_the_anchor_is_taken_first():
    near, far = list(range(100, 110)), list(range(200, 215))
    x = _u(near + [1] + far)
    y = _u(near + [2, 2] + far)

    def agree(a: int, b: int, n: int) -> np.ndarray:
        return np.ones(n, dtype=np.int8)

    assert nearest_supported(x, y, (0, x.size), (0, y.size), 10, agree, True) == (0, 0, 10)
    assert nearest_supported(x, y, (0, x.size), (0, y.size), 10, agree, False) == (11, 12, 15)


def test_the_stretch_between_two_differing_names_is_never_kept():
    # "a = f(x, y, z) ... b = f(...)" against "c = f(x, y, z) ... d = f(...)": between the
    # renamed names lies a long agreeing stretch, the shape of any two solutions of a task.
    x = _u(list(range(100, 130)))
    y = _u(list(range(100, 130)))

    def renamed_ends(a: int, b: int, n: int) -> np.ndarray:
        v = np.ones(n, dtype=np.int8)
        v[np.isin(np.arange(a, a + n), [3, 26])] = -1
        return v

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
