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
    RawTokens,
    file_tokens_many,
    symbol_of,
)

# Order matters: comments and strings before operators so `//` and `"` are not split.
# "--" right after a name or a closing bracket is an operator, not a comment: C's `i--`,
# CSS's BEM modifier `.block--active` (SQL, Lua and Haskell comments follow a space); and
# "#" before a hex colour (`color: #41b883;`) is no comment either. A triple-quoted string
# (Python's and Cython's docstrings, Kotlin's, Swift's, TOML's) runs across lines to its
# closing triple quote: read as single-quoted strings, its prose became code.
# Whitespace matches no group, so the scanner skips it without a Python iteration.
# Block comments and strings are written as runs of ordinary bytes ("unrolled"), which
# the scanner consumes in one step, rather than one alternation per byte: the same
# matches (a block comment ends at the first */ or the end, a string at its unescaped
# closing quote or the line's end).
_TOKEN = re.compile(
    rb"""
      (?P<comment>/\*[^*]*(?:\*+[^*/][^*]*)*(?:\*+/|\*+\Z|\Z) | //[^\n]*
          | \#(?![ \t]*(?:include|define|if|ifdef|ifndef
          |else|elif|endif|pragma|undef|import)\b
          |(?:[0-9a-fA-F]{3,4}|[0-9a-fA-F]{6}|[0-9a-fA-F]{8})\b)[^\n]* | (?<![\w)\]])--[^\n]*)
    | (?P<string>\"\"\"[^"\\]*(?:(?:\\.|"(?!""))[^"\\]*)*(?:\"\"\"|\Z)
          | '''[^'\\]*(?:(?:\\.|'(?!''))[^'\\]*)*(?:'''|\Z)
          | "[^"\\\n]*(?:\\.[^"\\\n]*)*"? | '[^'\\\n]*(?:\\.[^'\\\n]*)*'?
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


# The scanner proper: the same alternatives, unnamed, after a whitespace run. Every byte
# is matched (whitespace, or a token: a byte no other alternative takes is an operator),
# so ``findall`` returns pieces that tile the source: their lengths give every span, and
# no Python code runs per token. The group of a token is read off its first byte (and its
# length: a one-byte / or - is an operator, a longer piece a comment).
_TILE = re.compile(rb"\s+|" + re.sub(rb"\(\?P<\w+>", b"(?:", _TOKEN.pattern),
                   re.VERBOSE | re.DOTALL)
_SKIP = 0  # a whitespace run
_GROUP_OF_FIRST_BYTE = np.full(256, _OP, dtype=np.uint8)
for _byte in b" \t\n\r\f\v":
    _GROUP_OF_FIRST_BYTE[_byte] = _SKIP
for _byte in b"\"'`":
    _GROUP_OF_FIRST_BYTE[_byte] = _STRING
for _byte in b"0123456789":
    _GROUP_OF_FIRST_BYTE[_byte] = _NUMBER
for _byte in b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz_":
    _GROUP_OF_FIRST_BYTE[_byte] = _WORD
for _byte in b"/-#":
    _GROUP_OF_FIRST_BYTE[_byte] = _COMMENT


# Markup (XML and its dialects: a Maven pom, an Ant build file, an Android manifest, an
# SDK-style .csproj, SVG, DOAP), told by how a file of no grammar opens (a declaration
# `<?xml`, a DOCTYPE, a comment or a well-formed start tag), has other rules: a comment is
# `<!-- ... -->`, over lines (a licence header in one); a string is an attribute's value,
# right after its `=`; text between tags is words, where an apostrophe ("java.lang's") or
# a URL's `//` opens no string or comment. Tiled the same way as ``_TILE``.
_MARKUP = re.compile(
    rb"""\A(?:\xef\xbb\xbf)?\s*(?:<\?xml\b|<!DOCTYPE\b|<!--
       |<[A-Za-z][\w.:-]*(?:\s+[\w.:-]+\s*=\s*(?:"[^"<]*"|'[^'<]*'))*\s*/?>)""",
    re.VERBOSE)
_MARKUP_TILE = re.compile(
    rb"""\s+ | <!--[^-]*(?:-(?!->)[^-]*)*(?:-->|\Z) | (?<==)"[^"]*"? | (?<==)'[^']*'?
       | \d[\w.]* | [^\W\d]\w* | [^\w\s]""",
    re.VERBOSE | re.DOTALL,
)
_MARKUP_GROUP_OF_FIRST_BYTE = _GROUP_OF_FIRST_BYTE.copy()
for _byte in b"/-#":
    _MARKUP_GROUP_OF_FIRST_BYTE[_byte] = _OP
_MARKUP_GROUP_OF_FIRST_BYTE[ord("<")] = _COMMENT
_QUOTES_AND_OPENING = np.zeros(256, dtype=bool)
_QUOTES_AND_OPENING[list(b"\"'<`")] = True


def _scan(source: bytes, markup: bool = False) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Group (``_TOKEN``'s group index), start and end of each token: what ``finditer``
    over ``_TOKEN`` gives, computed from ``_TILE``'s pieces (``_MARKUP_TILE``'s for
    ``markup``)."""
    pieces = (_MARKUP_TILE if markup else _TILE).findall(source)
    lengths = np.fromiter(map(len, pieces), dtype=np.int64, count=len(pieces))
    ends = np.cumsum(lengths)
    starts = ends - lengths
    buf = np.frombuffer(source, dtype=np.uint8)
    first = buf[starts]
    one_byte = lengths == 1
    if markup:
        # A lone quote or < is an operator; longer, a string or a comment.
        group = _MARKUP_GROUP_OF_FIRST_BYTE[first]
        group[one_byte & _QUOTES_AND_OPENING[first]] = _OP
        token = group != _SKIP
        return group[token], starts[token], ends[token]
    group = _GROUP_OF_FIRST_BYTE[first]
    group[one_byte & ((first == ord("/")) | (first == ord("-")))] = _OP
    # A one-byte # is a comment at the end of a line (or of the file); anywhere else it
    # is the operator before a directive (#include), which the comment gives way to.
    hashes = np.flatnonzero(one_byte & (first == ord("#")))
    if hashes.size:
        after = ends[hashes]
        at_eol = after >= buf.size
        at_eol[~at_eol] = buf[after[~at_eol]] == 0x0A
        group[hashes[~at_eol]] = _OP
    token = group != _SKIP
    return group[token], starts[token], ends[token]


def tokenize_lexical(
    source: bytes, spec: LanguageSpec | None = None, note: str | None = None
) -> FileTokens:
    """Split ``source`` into comments, strings, numbers, words and operator characters.

    Words that are keywords of ``spec`` keep their text (they are structure); every other
    word is an identifier, normalised like the syntax tokenizer does.
    """
    return file_tokens_many([read_lexical(source, spec, note)])[0]


def read_lexical(
    source: bytes, spec: LanguageSpec | None = None, note: str | None = None
) -> RawTokens:
    """``tokenize_lexical`` before line numbers (``file_tokens_many`` adds them, for several
    files at once)."""
    # Only a file of no grammar: a grammar's file read lexically (its parse failed) keeps
    # its language's rules.
    group, starts, ends = _scan(source, spec is None and _MARKUP.match(source) is not None)

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
    return RawTokens(
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
