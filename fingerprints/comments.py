"""The comments of a file as a set: each comment reduced to its words, case-folded, so
that a comment re-indented, re-wrapped or moved from ``//`` to ``/* */`` is still the same
comment. Identical comments are classic evidence of copying: independent authors rarely
write the same sentence."""

from __future__ import annotations

import re

import numpy as np
import xxhash

from .tokens import LEXICAL_CATEGORIES, FileTokens

_COMMENT = LEXICAL_CATEGORIES.index("comment")
_WORD = re.compile(r"[^\W_]+")
# A comment needs this many letters or digits to count: "// x" or "# ---" says nothing.
MIN_COMMENT_CHARS = 4


def comment_text(raw: str) -> str:
    """A comment's words, case-folded and joined by single spaces (markers dropped)."""
    return " ".join(_WORD.findall(raw.casefold()))


def comment_symbols(source: bytes, tokens: FileTokens) -> np.ndarray:
    """Sorted distinct symbols of the file's comments that have enough words to count."""
    idx = np.flatnonzero(tokens.lex_category == _COMMENT)
    texts = set()
    for s, e in zip(
        tokens.lex_start_byte[idx].tolist(), tokens.lex_end_byte[idx].tolist(), strict=True
    ):
        text = comment_text(source[s:e].decode("utf-8", errors="replace"))
        if sum(len(w) for w in text.split()) >= MIN_COMMENT_CHARS:
            texts.add(text)
    # Hashed directly, not through symbol_of's cache: comments are many and rarely repeat.
    hashes = [xxhash.xxh3_64_intdigest(t.encode("utf-8")) for t in texts]
    return np.unique(np.asarray(hashes, dtype=np.uint64))
