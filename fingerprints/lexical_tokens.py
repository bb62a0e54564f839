"""A grammar-free tokenizer: the fallback when a parse fails or hangs, and the tokenizer
for text files of no known language. Coarser than a grammar, but it loses no file."""

from __future__ import annotations

import re

from .languages import LanguageSpec
from .tokens import IDENT, FileTokens, LexicalCategory, build_file_tokens, symbol_of

# Order matters: comments and strings before operators so `//` and `"` are not split.
_TOKEN = re.compile(
    rb"""
      (?P<comment>/\*.*?(?:\*/|\Z) | //[^\n]* | \#(?![ \t]*(?:include|define|if|ifdef|ifndef
          |else|elif|endif|pragma|undef|import)\b)[^\n]* | --[^\n]*)
    | (?P<string>"(?:\\.|[^"\\\n])*"? | '(?:\\.|[^'\\\n])*'? | `(?:\\.|[^`\\])*`?)
    | (?P<number>\d[\w.]*)
    | (?P<word>[^\W\d]\w*)
    | (?P<space>\s+)
    | (?P<op>[^\w\s])
    """,
    re.VERBOSE | re.DOTALL,
)


def tokenize_lexical(
    source: bytes, spec: LanguageSpec | None = None, note: str | None = None
) -> FileTokens:
    """Split ``source`` into comments, strings, numbers, words and operator characters.

    Words that are keywords of ``spec`` keep their text (they are structure); every other
    word is an identifier, normalised like the syntax tokenizer does.
    """
    keywords = {k.lower() for k in spec.keywords} if spec else set()
    ident_symbol = symbol_of(IDENT)
    symbols: list[int] = []
    starts: list[int] = []
    ends: list[int] = []
    lexical: list[tuple[LexicalCategory, int, int]] = []
    for m in _TOKEN.finditer(source):
        kind = m.lastgroup
        start, end = m.span()
        if kind == "space":
            continue
        if kind == "comment":
            lexical.append(("comment", start, end))
            continue
        if kind == "string":
            symbols.append(symbol_of("<string>"))
            lexical.append(("string", start, end))
        elif kind == "number":
            symbols.append(symbol_of("<number>"))
        elif kind == "word":
            word = m.group().decode("utf-8", errors="replace").lower()
            if word in keywords:
                symbols.append(symbol_of(word))
            else:
                symbols.append(ident_symbol)
                lexical.append(("identifier", start, end))
        else:
            symbols.append(symbol_of(m.group().decode("latin-1")))
        starts.append(start)
        ends.append(end)
    return build_file_tokens(source, symbols, starts, ends, lexical, "lexical", note)
