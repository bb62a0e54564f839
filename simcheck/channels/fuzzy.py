"""Near-identical strings and comments: a copy that fixed a typo or reworded one word of a
message is still the same message. Compared with rapidfuzz's normalised Indel ratio."""

from __future__ import annotations

import numpy as np
from rapidfuzz import fuzz, process

FUZZY_MIN_SIMILARITY = 0.9  # below this, two texts are different texts
FUZZY_MIN_CHARS = 16  # shorter texts are too easily alike by chance
# Per side, at most this many items (the longest) are compared: the work grows with the
# product of the two counts.
FUZZY_MAX_ITEMS = 2000


def candidates(texts: list[str]) -> list[int]:
    """Indices of the texts compared fuzzily: long enough, the longest first (ties by
    text, so the choice is reproducible), at most FUZZY_MAX_ITEMS."""
    eligible = [i for i, t in enumerate(texts) if len(t) >= FUZZY_MIN_CHARS]
    eligible.sort(key=lambda i: (-len(texts[i]), texts[i]))
    return eligible[:FUZZY_MAX_ITEMS]


def near_pairs(left: list[str], right: list[str]) -> list[tuple[int, int, float]]:
    """For each left text, the most similar right text at or above the threshold:
    (left index, right index, similarity 0..1), in left order; ties go to the first."""
    if not left or not right:
        return []
    cutoff = round(100 * FUZZY_MIN_SIMILARITY)
    scores = process.cdist(left, right, scorer=fuzz.ratio, score_cutoff=cutoff,
                           dtype=np.uint8, workers=1)
    best = scores.argmax(axis=1)
    out = []
    for i, j in enumerate(best.tolist()):
        if scores[i, j] >= cutoff:
            out.append((i, j, float(scores[i, j]) / 100))
    return out
