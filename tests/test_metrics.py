"""Error-rate metrics agree with their textbook definitions."""

import pytest

from simcheck.metrics import evaluate


def test_perfect_separation_scores_one():
    m = evaluate([0, 0, 1, 1], [0.1, 0.2, 0.8, 0.9])
    assert m.roc_auc == 1.0 and m.average_precision == 1.0 and m.best_f1 == 1.0
    assert m.threshold == 0.8


def test_ties_count_half_in_roc_auc():
    assert evaluate([0, 1], [0.5, 0.5]).roc_auc == 0.5


def test_inverted_scores_give_zero_auc_and_known_average_precision():
    m = evaluate([1, 0, 0], [0.1, 0.5, 0.9])
    assert m.roc_auc == 0.0
    assert m.average_precision == pytest.approx(1 / 3)


def test_needs_both_classes():
    with pytest.raises(ValueError):
        evaluate([1, 1], [0.2, 0.3])
