"""Error-rate metrics for labelled pair sets: what an expert cites about the method."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True)
class Metrics:
    pairs: int
    positives: int
    roc_auc: float
    average_precision: float
    best_f1: float
    threshold: float  # score >= threshold is called a copy at best F1
    precision: float
    recall: float


def _average_ranks(values: np.ndarray) -> np.ndarray:
    """1-based ranks, tied values sharing their average rank."""
    _, inverse, counts = np.unique(values, return_inverse=True, return_counts=True)
    upper = np.cumsum(counts)
    return ((upper - counts + 1 + upper) / 2.0)[inverse]


def evaluate(labels: Sequence[int], scores: Sequence[float]) -> Metrics:
    """ROC AUC (Mann-Whitney, ties count 1/2), average precision (step-wise over distinct
    thresholds) and the best F1 over thresholds."""
    y = np.asarray(labels, dtype=np.int64)
    s = np.asarray(scores, dtype=np.float64)
    pos = int(y.sum())
    neg = int(y.size - pos)
    if pos == 0 or neg == 0:
        raise ValueError("need both positive and negative pairs")
    ranks = _average_ranks(s)
    auc = (ranks[y == 1].sum() - pos * (pos + 1) / 2) / (pos * neg)

    order = np.argsort(-s, kind="stable")
    s_sorted, y_sorted = s[order], y[order]
    last_of_threshold = np.flatnonzero(np.diff(s_sorted) != 0).tolist() + [s.size - 1]
    tp = np.cumsum(y_sorted)[last_of_threshold]
    predicted = np.asarray(last_of_threshold) + 1
    precision = tp / predicted
    recall = tp / pos
    ap = float(np.sum(np.diff(np.concatenate(([0.0], recall))) * precision))
    denominator = precision + recall
    f1 = np.divide(
        2 * precision * recall, denominator, out=np.zeros_like(denominator), where=denominator > 0
    )
    best = int(np.argmax(f1))
    return Metrics(
        pairs=int(y.size),
        positives=pos,
        roc_auc=float(auc),
        average_precision=ap,
        best_f1=float(f1[best]),
        threshold=float(s_sorted[last_of_threshold[best]]),
        precision=float(precision[best]),
        recall=float(recall[best]),
    )
