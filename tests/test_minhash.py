"""MinHash signatures: the fast blocked computation gives exactly datasketch's values."""

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from fingerprints.minhash import (
    NUM_PERM,
    _permutations,
    estimate_jaccard,
    is_empty,
    reference_minhash,
    signature,
)


def test_permutations_are_datasketchs_own():
    for num_perm in (16, NUM_PERM):
        a, b = reference_minhash(num_perm).permutations
        ours = _permutations(num_perm)
        assert np.array_equal(ours[0], a) and np.array_equal(ours[1], b)
        assert ours[0].dtype == ours[1].dtype == np.uint64


@settings(max_examples=100, deadline=None)
@given(st.lists(st.integers(0, 2**64 - 1), max_size=700), st.sampled_from([16, 128]))
def test_signature_equals_datasketch_affine64(values, num_perm):
    # More than one block of rows, repeated values, and the empty set are all covered.
    hashes = np.asarray(values + values[:50], dtype=np.uint64)
    expected = reference_minhash(num_perm)
    if values:
        expected.update_batch(sorted(set(values)))
    assert np.array_equal(signature(hashes, num_perm), expected.hashvalues.astype(np.uint64))


def test_empty_set_signature_is_empty_and_estimates_zero():
    empty = signature(np.zeros(0, dtype=np.uint64))
    full = signature(np.arange(1, 100, dtype=np.uint64))
    assert is_empty(empty) and not is_empty(full)
    assert estimate_jaccard(empty, full) == 0.0
    assert estimate_jaccard(full, full) == 1.0
