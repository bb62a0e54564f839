"""Comments that other works of the reference also carry (an IDE or judge template's) count
in the pair score only as far as the rest of the evidence corroborates them; a comment
found in no other work counts in full. Independent solutions of three different problems,
each started from the online judge's Java template (its comments, their only ones), and a
rewrite that keeps its original's two odd comments and nothing of its structure."""

from __future__ import annotations

from pathlib import Path

import pytest

from fingerprints.fileprint import FingerprintSettings
from simcheck.benchmark import LabelledPair, ScoredPair, run_benchmark
from simcheck.compare import CompareOptions, compare_paths

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "templates"
TEMPLATE_USERS = ("digits.java", "pairs.java", "primes.java")


@pytest.fixture(scope="module")
def options() -> CompareOptions:
    return CompareOptions(fingerprint=FingerprintSettings(parse_timeout=3.0))


@pytest.fixture(scope="module")
def scored(options: CompareOptions) -> list[ScoredPair]:
    truth = [LabelledPair(a, b, 0) for i, a in enumerate(TEMPLATE_USERS)
             for b in TEMPLATE_USERS[i + 1:]]
    truth.append(LabelledPair("ledger.java", "ledger_rewritten.java", 1))
    return run_benchmark(FIXTURES, truth, options)[0]


@pytest.fixture(scope="module")
def scores(scored: list[ScoredPair]) -> dict[tuple[str, str], float]:
    return {(s.left, s.right): s.score for s in scored}


def test_template_comments_alone_do_not_make_independent_works_a_certain_pair(scores):
    # Each pair shares all of one side's comments: the template's, found in a third work.
    for (left, right), score in scores.items():
        if left in TEMPLATE_USERS:
            assert score < 0.5, (left, right)


def test_a_comment_no_other_work_has_still_counts_in_full(scores):
    assert scores[("ledger.java", "ledger_rewritten.java")] == pytest.approx(1.0)


def test_the_copy_ranks_above_every_pair_of_template_users(scored):
    copy = [s.score for s in scored if s.label == 1]
    assert min(copy) > max(s.score for s in scored if s.label == 0)


def test_two_works_alone_are_their_own_reference_so_every_shared_comment_is_exclusive(
    options: CompareOptions,
):
    result = compare_paths(str(FIXTURES / "digits.java"), str(FIXTURES / "pairs.java"),
                           options)
    (comments,) = [c for c in result.channels if c.name == "comments"]
    assert comments.shared == 3 and comments.left_share == pytest.approx(1.0)
    assert comments.left_share_exclusive == comments.left_share
    assert comments.right_share_exclusive == comments.right_share
