"""The engine's text channel: words with exact spans, phrase replacement, and the
winnowing guarantee over word shingles."""

from __future__ import annotations

import numpy as np

from fingerprints.ranges import range_positions
from fingerprints.words import (
    multiset_dice,
    replace_phrases,
    tokenize_words,
    word_fingerprints,
)


def test_words_are_case_folded_with_their_exact_character_spans():
    text = "The NPC-200’s relay, rated 3 A."
    words, w = tokenize_words(text)
    assert words == ["the", "npc", "200's", "relay", "rated", "3", "a"]
    assert [text[s:e] for s, e in zip(w.start.tolist(), w.end.tolist(), strict=True)][2] == "200’s"
    assert w.content.tolist() == [False, True, True, True, True, True, False]


def test_phrases_are_found_longest_first_without_overlap():
    words = "the service tool and the tool service".split()
    hits = replace_phrases(words, [(("service", "tool"), 0), (("tool",), 1)])
    assert hits == [(1, 2, 0), (5, 1, 1)]


def test_any_shared_run_of_k_plus_w_minus_1_words_shares_a_fingerprint():
    rng = np.random.default_rng(7)
    k, w = 5, 4
    for _ in range(50):
        shared = rng.integers(0, 1 << 62, size=k + w - 1, dtype=np.uint64)
        a = np.concatenate([rng.integers(0, 1 << 62, size=30, dtype=np.uint64), shared])
        b = np.concatenate([shared, rng.integers(0, 1 << 62, size=17, dtype=np.uint64)])
        assert np.intersect1d(word_fingerprints(a, k, w), word_fingerprints(b, k, w)).size


def test_word_overlap_ignores_order_and_counts_repeats():
    a = np.array([1, 2, 2, 3], dtype=np.uint64)
    assert multiset_dice(a, a[::-1]) == 1.0
    assert multiset_dice(a, np.array([2, 9], dtype=np.uint64)) == 2 * 1 / 6


def test_segment_dice_gives_each_pairs_multiset_dice_whatever_the_chunk_size():
    from fingerprints.words import segment_dice

    rng = np.random.default_rng(7)
    for _ in range(60):
        # Few distinct, large symbols: repeated words, and hashes beyond int64.
        a = rng.integers(0, 12, rng.integers(1, 120)).astype(np.uint64) * np.uint64(2**63 // 11)
        b = rng.integers(0, 12, rng.integers(1, 120)).astype(np.uint64) * np.uint64(2**63 // 11)
        a_cut = np.sort(rng.integers(0, a.size + 1, 6))  # includes empty segments
        b_cut = np.sort(rng.integers(0, b.size + 1, 6))
        left, right = rng.integers(0, 5, 40), rng.integers(0, 5, 40)
        want = [multiset_dice(a[a_cut[i]:a_cut[i + 1]], b[b_cut[j]:b_cut[j + 1]])
                for i, j in zip(left.tolist(), right.tolist(), strict=True)]
        for chunk in (1, 7, 1 << 20):
            got = segment_dice(a, a_cut[:-1], a_cut[1:], b, b_cut[:-1], b_cut[1:],
                               left, right, chunk=chunk)
            assert got.tolist() == want
    assert segment_dice(a, a_cut[:-1], a_cut[1:], b, b_cut[:-1], b_cut[1:],
                        np.zeros(0, np.int64), np.zeros(0, np.int64)).size == 0


def test_range_positions_lists_every_position_of_each_range_in_order():
    starts, lengths = np.array([5, 0, 9, 2]), np.array([3, 0, 1, 2])
    expected = [p for s, n in zip(starts, lengths, strict=True) for p in range(s, s + n)]
    assert range_positions(starts, lengths).tolist() == expected == [5, 6, 7, 9, 2, 3]
    assert range_positions(np.zeros(0, np.int64), np.zeros(0, np.int64)).size == 0
