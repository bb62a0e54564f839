"""What kind of copy a region is, judged on the original text of both sides."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

import numpy as np
from rapidfuzz.distance import Indel

from fingerprints.tokens import FileTokens

from ..result import Evidence
from .align import Region
from .evidence import FileLiterals, evidence, file_literals

Kind = Literal["verbatim", "reformatted", "renamed", "modified", "structural-only"]

KIND_MEANING: dict[str, str] = {
    "verbatim": "the text is identical on both sides, character for character",
    "reformatted": "the same tokens with the same text; only layout or comments differ",
    "renamed": "the same token structure, but identifiers or literals were changed",
    "modified": "copied runs separated by inserted, deleted or edited code",
    "structural-only": "the same token structure, but the two sides share (almost) no"
    " identifier names, string literals, comments or magic numbers: only the structure"
    " supports it",
}


@dataclass(frozen=True)
class Classification:
    kind: Kind
    literal_similarity: float  # 0..1, Indel similarity of the two sides' token texts
    # (characters of the token texts joined by single spaces; layout and comments ignored)
    evidence: Evidence


def classify(
    region: Region, a_source: bytes, a_tokens: FileTokens, b_source: bytes, b_tokens: FileTokens,
    literals: tuple[FileLiterals, FileLiterals] | None = None,
) -> Classification:
    """``literals``: both files' ``file_literals``, when already read (they serve every
    match of a file)."""
    a_span, b_span = (region.a_start, region.a_end), (region.b_start, region.b_end)
    a_text = a_source[int(a_tokens.start_byte[a_span[0]]) : int(a_tokens.end_byte[a_span[1] - 1])]
    b_text = b_source[int(b_tokens.start_byte[b_span[0]]) : int(b_tokens.end_byte[b_span[1] - 1])]
    same = a_text == b_text
    a_lit, b_lit = literals or (file_literals(a_source, a_tokens),
                                file_literals(b_source, b_tokens))
    found = evidence(a_lit, a_span, b_lit, b_span, identical=same)
    if same:
        return Classification("verbatim", 1.0, found)
    # Token texts joined without layout: equal means only whitespace/comments differ.
    a_words = _joined_tokens(a_source, a_tokens, *a_span)
    b_words = _joined_tokens(b_source, b_tokens, *b_span)
    if a_words == b_words:
        return Classification("reformatted", 1.0, found)
    similarity = round(_similarity(a_words, b_words), 4)
    kind: Kind
    if found.channels == ["structure"]:
        kind = "structural-only"
    else:
        kind = "renamed" if len(region.tiles) == 1 else "modified"
    return Classification(kind, similarity, found)


# From this many characters on (both sides), the similarity is first computed under
# cutoffs: rapidfuzz then aligns only a band around the diagonal, as wide as the
# differences the cutoff allows, and long matches are mostly near-identical.
_BANDED_MIN_CHARACTERS = 2000
_FIRST_CUTOFF_MISSES = 0.01  # 1 - the first cutoff; doubled after each miss


def _similarity(a: bytes, b: bytes) -> float:
    """``Indel.normalized_similarity`` of ``a`` and ``b``, exactly: a result at or above a
    score cutoff is the exact figure (below it rapidfuzz returns 0), so loosening cutoffs
    find it at a fraction of the full alignment's cost when the texts are alike."""
    if len(a) + len(b) >= _BANDED_MIN_CHARACTERS:
        misses = _FIRST_CUTOFF_MISSES
        while misses < 0.5:
            cutoff = 1.0 - misses
            found = Indel.normalized_similarity(a, b, score_cutoff=cutoff)
            if found >= cutoff:
                return found
            misses *= 2
    return Indel.normalized_similarity(a, b)


# Below this many tokens, slicing each one in Python beats the vectorised gather.
_GATHER_MIN_TOKENS = 48
_SPACE = ord(" ")


def _joined_tokens(source: bytes, tokens: FileTokens, start: int, end: int) -> bytes:
    """The region's token texts separated by one space: layout and comments dropped."""
    starts = tokens.start_byte[start:end]
    ends = tokens.end_byte[start:end]
    n = int(starts.size)
    if n < _GATHER_MIN_TOKENS:
        pairs = zip(starts.tolist(), ends.tolist(), strict=True)
        return b" ".join([source[s:e] for s, e in pairs])
    # Gather every token byte in one step: byte j of token i goes from starts[i] + j in
    # the source to (its offset among the token bytes) + i (the spaces before it).
    lengths = ends - starts
    before = np.cumsum(lengths) - lengths  # token bytes before token i
    total = int(lengths.sum())
    each = np.arange(total, dtype=np.int64)
    joined = np.full(total + n - 1, _SPACE, dtype=np.uint8)
    joined[each + np.repeat(np.arange(n), lengths)] = np.frombuffer(source, dtype=np.uint8)[
        each + np.repeat(starts - before, lengths)
    ]
    return joined.tobytes()
