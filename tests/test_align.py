"""Alignment turns shared k-grams into exact, non-overlapping, merged regions."""

import numpy as np

from fingerprints.kgrams import kgram_hashes
from simcheck.match.align import MatchSettings, align
from simcheck.match.candidates import candidate_pairs
from simcheck.match.short_runs import Support, TextKeys

K = 5
SETTINGS = MatchSettings(min_tokens=K, merge_gap=6, gap_min_tokens=3)


def _align(a, b, settings=SETTINGS):
    sa = np.asarray(a, dtype=np.uint64)
    sb = np.asarray(b, dtype=np.uint64)
    return align(sa, sb, kgram_hashes(sa, K), kgram_hashes(sb, K), K, settings)


def test_a_copied_block_is_found_with_exact_token_bounds():
    block = list(range(100, 130))
    regions = _align([1, 2, 3] + block + [4, 5], [9] * 7 + block + [8])
    assert len(regions) == 1
    r = regions[0]
    assert (r.a_start, r.a_end, r.b_start, r.b_end) == (3, 33, 7, 37)
    assert r.matched == 30


def test_reordered_blocks_are_found_separately():
    x, y = list(range(100, 120)), list(range(200, 220))
    regions = _align(x + [0] + y, y + [1] + x)
    assert sorted((r.a_start, r.b_start, r.matched) for r in regions) == [(0, 21, 20), (21, 0, 20)]


def test_a_few_inserted_tokens_do_not_split_a_region():
    x, y = list(range(100, 120)), list(range(200, 220))
    regions = _align(x + y, x + [7, 7, 7] + y)
    assert len(regions) == 1 and regions[0].matched == 40 and len(regions[0].tiles) == 2


def test_a_large_insertion_splits_the_region():
    x, y = list(range(100, 120)), list(range(200, 220))
    assert len(_align(x + y, x + list(range(500, 540)) + y)) == 2


def test_short_runs_between_anchors_count_but_not_alone():
    x, y = list(range(100, 120)), list(range(200, 220))
    short = [300, 301, 302, 303]
    regions = _align(x + [1] + short + [2] + y, x + [3] + short + [4] + y)
    assert regions[0].matched == 44
    assert _align(short, short, MatchSettings(min_tokens=K)) == []


WIDE = MatchSettings(min_tokens=20, merge_gap=40, gap_min_tokens=3, extend_min_tokens=10)


def _agree(sa: np.ndarray, sb: np.ndarray) -> Support:
    # every token an identifier, its text its symbol: the same text where the same symbol
    return TextKeys(sa, np.ones(sa.size, bool)), TextKeys(sb, np.ones(sb.size, bool))


def _differ(sa: np.ndarray, sb: np.ndarray) -> Support:
    # every token an identifier of another text on each side
    return (TextKeys(np.zeros(sa.size, np.uint64), np.ones(sa.size, bool)),
            TextKeys(np.ones(sb.size, np.uint64), np.ones(sb.size, bool)))


def _wide(a, b, supported):
    sa = np.asarray(a, dtype=np.uint64)
    sb = np.asarray(b, dtype=np.uint64)
    support = supported(sa, sb) if supported else None
    return align(sa, sb, kgram_hashes(sa, K), kgram_hashes(sb, K), K, WIDE, support)


def test_short_runs_beside_an_anchor_extend_it_when_their_text_agrees():
    # A copy cut by two edits: one 25-token anchor, then two 12-token runs.
    anchor, x, y = list(range(100, 125)), list(range(200, 212)), list(range(300, 312))
    a = [1] * 5 + anchor + [2] + x + [3] + y + [4] * 5
    b = [9] * 5 + anchor + [7, 7] + x + [8] + y + [6] * 5
    (alone,) = _wide(a, b, None)
    assert alone.matched == 25
    (grown,) = _wide(a, b, _agree)
    assert [(t.a, t.b, t.length) for t in grown.tiles] == [(5, 5, 25), (31, 32, 12), (44, 45, 12)]
    (structure_only,) = _wide(a, b, _differ)
    assert structure_only.matched == 25


def test_short_runs_without_an_anchor_make_no_region():
    x, y = list(range(200, 212)), list(range(300, 312))
    assert _wide([1] + x + [2] + y, [9] + x + [8] + y, _agree) == []


def test_no_token_is_counted_twice():
    block = list(range(100, 125))
    regions = _align(block, block + block)
    assert sum(r.matched for r in regions) == 25


def test_candidates_come_only_from_shared_fingerprints():
    fa = [np.asarray([1, 2, 3], dtype=np.uint64), np.asarray([9], dtype=np.uint64)]
    fb = [np.asarray([3, 4], dtype=np.uint64), np.asarray([5], dtype=np.uint64)]
    got = candidate_pairs(fa, fb, max_file_frequency=10)
    assert [(c.left, c.right, c.shared) for c in got] == [(0, 0, 1)]


def test_boilerplate_fingerprints_nominate_no_pairs():
    common = np.asarray([42], dtype=np.uint64)
    got = candidate_pairs([common] * 3, [common] * 3, max_file_frequency=2)
    assert got == []
