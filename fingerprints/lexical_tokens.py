"""A grammar-free tokenizer: the fallback when a parse fails or hangs, and the tokenizer
for text files of no known language. Coarser than a grammar, but it loses no file."""

from __future__ import annotations

import re

import numpy as np

from .languages import LanguageSpec
from .tokens import (
    IDENT,
    LEXICAL_CATEGORIES,
    STRING,
    FileTokens,
    file_tokens_from_arrays,
    symbol_of,
)

# Order matters: comments and strings before operators so `//` and `"` are not split.
# Whitespace matches no group, so the scanner skips it without a Python iteration.
# Block comments and strings are written as runs of ordinary bytes ("unrolled"), which
# the scanner consumes in one step, rather than one alternation per byte: the same
# matches (a block comment ends at the first */ or the end, a string at its unescaped
# closing quote or the line's end).
_TOKEN = re.compile(
    rb"""
      (?P<comment>/\*[^*]*(?:\*+[^*/][^*]*)*(?:\*+/|\*+\Z|\Z) | //[^\n]*
          | \#(?![ \t]*(?:include|define|if|ifdef|ifndef
          |else|elif|endif|pragma|undef|import)\b)[^\n]* | --[^\n]*)
    | (?P<string>"[^"\\\n]*(?:\\.[^"\\\n]*)*"? | '[^'\\\n]*(?:\\.[^'\\\n]*)*'?
          | `[^`\\]*(?:\\.[^`\\]*)*`?)
    | (?P<number>\d[\w.]*)
    | (?P<word>[^\W\d]\w*)
    | (?P<op>[^\w\s])
    """,
    re.VERBOSE | re.DOTALL,
)
_COMMENT, _STRING, _NUMBER, _WORD, _OP = (_TOKEN.groupindex[name] for name in (
    "comment", "string", "number", "word", "op"
))
# An operator is one byte (``[^\w\s]``): its symbol is looked up by byte value.
_OP_SYMBOLS = np.asarray([symbol_of(chr(b)) for b in range(256)], dtype=np.uint64)
_IDENTIFIER, _STRING_CODE, _COMMENT_CODE = (
    LEXICAL_CATEGORIES.index(c) for c in ("identifier", "string", "comment")
)


def tokenize_lexical(
    source: bytes, spec: LanguageSpec | None = None, note: str | None = None
) -> FileTokens:
    """Split ``source`` into comments, strings, numbers, words and operator characters.

    Words that are keywords of ``spec`` keep their text (they are structure); every other
    word is an identifier, normalised like the syntax tokenizer does.
    """
    # The hot loop records only each match's group and span; the rest is vectorised.
    groups: list[int] = []
    spans: list[int] = []  # start, end, start, end...
    add_group, add_span = groups.append, spans.extend
    for m in _TOKEN.finditer(source):
        add_group(m.lastindex)  # type: ignore[arg-type]  # every alternative is a group
        add_span(m.span())
    # fromiter: about twice as fast as np.array on a list of ints.
    group = np.fromiter(groups, dtype=np.uint8, count=len(groups))
    span = np.fromiter(spans, dtype=np.int64, count=len(spans))
    starts, ends = span[0::2].copy(), span[1::2].copy()

    symbols = np.zeros(group.size, dtype=np.uint64)
    symbols[group == _STRING] = symbol_of(STRING)
    symbols[group == _NUMBER] = symbol_of("<number>")
    is_word = group == _WORD
    symbols[is_word] = symbol_of(IDENT)
    is_op = group == _OP
    if is_op.any():
        raw = np.frombuffer(source, dtype=np.uint8)
        symbols[is_op] = _OP_SYMBOLS[raw[starts[is_op]]]
    identifier = is_word
    keywords = {k.lower() for k in spec.keywords} if spec else set()
    if keywords:
        identifier = is_word.copy()
        for i in np.flatnonzero(is_word).tolist():
            word = source[starts[i] : ends[i]].decode("utf-8", errors="replace").lower()
            if word in keywords:
                symbols[i] = symbol_of(word)
                identifier[i] = False

    code = group != _COMMENT
    lexical = identifier | (group == _STRING) | ~code
    categories = np.full(group.size, _COMMENT_CODE, dtype=np.uint8)
    categories[identifier] = _IDENTIFIER
    categories[group == _STRING] = _STRING_CODE
    return file_tokens_from_arrays(
        source,
        symbols[code],
        starts[code],
        ends[code],
        categories[lexical],
        starts[lexical],
        ends[lexical],
        "lexical",
        note,
    )
