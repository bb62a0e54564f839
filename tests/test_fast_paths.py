"""The vectorised readings of the engine give what their plain definitions give: the
literal channels (read once per distinct string, comment and name) against a per-token
reading, and the lexical scanner (pieces that tile the source) against matching one token
at a time. Sources are written to hit the edge cases: repeats, non-ASCII letters whose
case folding changes them, string prefixes, code in comments, lone # and /."""

from __future__ import annotations

import random

import numpy as np
import pytest
import xxhash

from fingerprints.languages import get_spec
from fingerprints.lexical_tokens import _TOKEN, _scan, tokenize_lexical
from fingerprints.literals import (
    _COMMENT_MARKERS,
    MIN_CODE_LINE,
    MIN_COMMENT,
    MIN_IDENTIFIER,
    MIN_PART,
    MIN_STRING,
    MIN_WORD,
    ItemSet,
    comment_text,
    identifier_parts,
    line_form_hash,
    literals,
    string_text,
    words_of,
)
from fingerprints.syntax_tokens import tokenize_syntax
from fingerprints.tokens import LEXICAL_CATEGORIES, FileTokens

PYTHON = '''\
"""Module docstring: the pump's drain sequence."""
import os

KEY = "drain_key"
KEY_AGAIN = "drain_key"
MESSAGE = "Straße, KELVIN \u212a and naïve café: the valve sticks otherwise"
MESSAGE_AGAIN = "Straße, KELVIN \u212a and naïve café: the valve sticks otherwise"
RAW = rb"raw\\bytes here"
FORMAT = f"{KEY} drained to level {{level}} and beyond"
# Drain the sump before the pressure test (the valve sticks otherwise).
# Drain the sump before the pressure test (the valve sticks otherwise).
# while (level > 12) { level -= 3; }
# while (level > 12) { level -= 3; }


def drainSump(level, parseHTTPResponse_v2, ÜberLevel):
    """Drain the sump; never below the float switch threshhold."""
    while level > 12:  # threshhold again: lower in steps of three
        level -= 3
    return drainSump, parseHTTPResponse_v2, ÜberLevel, "ok", "x y", "  padded  "
'''

TEXT = """\
# a comment line; x = call(1, 2);
msgid "Drain the sump before the pressure test"
msgstr "Den Sumpf entleeren, bevor der Drucktest läuft"
msgid "Drain the sump before the pressure test"
#include <stdio.h>
#
a-b / c -- trailing comment with words: threshhold
/* block comment with code: value = compute(a, b); */
/* unterminated block comment at the end of the file: threshhold
"""


def _reference(source: bytes, tokens: FileTokens) -> dict[str, dict[int, tuple[int, ...]]]:
    """Every channel as hash -> (start, end, line), read token by token: each form keeps
    the place of its first occurrence (a name: of its last equal-text occurrence)."""
    found: dict[str, dict[str, tuple[int, int, int]]] = {
        c: {} for c in ("identifiers", "identifier_parts", "strings", "comments", "words")}
    commented: dict[int, tuple[int, int, int]] = {}
    names: dict[bytes, tuple[int, int, int]] = {}
    for cat, s, e, line in zip(tokens.lex_category.tolist(), tokens.lex_start_byte.tolist(),
                               tokens.lex_end_byte.tolist(), tokens.lex_start_line.tolist(),
                               strict=True):
        raw = source[s:e].decode("utf-8", errors="replace")
        where = (s, e, line)
        category = LEXICAL_CATEGORIES[cat]
        if category == "identifier":
            names.setdefault(source[s:e], where)
            continue
        if category == "string":
            text = string_text(raw)
            if sum(map(str.isalnum, text)) >= MIN_STRING:
                found["strings"].setdefault(text, where)
            if not any(c.isspace() for c in text.strip()):
                continue
        else:
            text = comment_text(raw)
            if len(text) - text.count(" ") >= MIN_COMMENT:
                found["comments"].setdefault(text, where)
            for offset, body in enumerate(source[s:e].split(b"\n")):
                body = _COMMENT_MARKERS.sub(b"", body.strip()).strip()
                body = body.removesuffix(b"*/").translate(None, b" \t\r\n\f\v")
                if len(body) >= MIN_CODE_LINE and any(c in body for c in b";(){}=[]"):
                    commented.setdefault(line_form_hash(body), (s, e, line + offset))
        for word in words_of(raw):
            if len(word) >= MIN_WORD:
                found["words"].setdefault(word, where)
    for name, where in names.items():
        raw = name.decode("utf-8", errors="replace")
        if len(raw) >= MIN_IDENTIFIER:
            found["identifiers"][raw] = where
            for part in identifier_parts(raw):
                if len(part) >= MIN_PART and part.isalpha():
                    found["identifier_parts"].setdefault(part, where)
    hashed = {channel: {xxhash.xxh3_64_intdigest(form.encode()): where
                        for form, where in forms.items()} for channel, forms in found.items()}
    return {**hashed, "commented": commented}


def _as_dict(items: ItemSet) -> dict[int, tuple[int, ...]]:
    return {int(h): (int(s), int(e), int(n)) for h, s, e, n in zip(
        items.symbols, items.start, items.end, items.line, strict=True)}


@pytest.mark.parametrize("text, language", [(PYTHON, "python"), (TEXT, None)])
def test_literal_channels_equal_a_per_token_reading(text, language):
    source = text.encode("utf-8")
    spec = get_spec(language) if language else None
    tokens = tokenize_syntax(source, spec) if spec else tokenize_lexical(source)
    result = literals(source, tokens)
    expected = _reference(source, tokens)
    got = {name: _as_dict(result.channel(name))
           for name in ("identifiers", "identifier_parts", "strings", "comments")}
    got["words"] = _as_dict(result.words)
    got["commented"] = _as_dict(result.commented)
    assert got == expected
    # The sample really has what the fast paths must get right.
    assert len(expected["strings"]) >= 2 and len(expected["words"]) >= 10
    assert expected["commented"]
    for items in (*result.channels, result.words, result.code_lines, result.commented):
        assert items.symbols.dtype == np.uint64 and items.start.dtype == np.int32
        assert bool(np.all(items.symbols[1:] > items.symbols[:-1]))  # sorted, distinct


def test_lexical_scanner_finds_the_tokens_matching_one_at_a_time_finds():
    pieces = [b"/", b"*", b"\\", b'"', b"'", b"`", b"\n", b"a", b" ", b"\t", b"#", b"-",
              b"1", b".", b"\xc3\xa9", b"#include", b"# if", b"_", b"\x0b", b"x9"]
    rng = random.Random(3)
    samples = [TEXT.encode(), PYTHON.encode(), b"", b"#", b"a #", b"#\n#include x", b"/*",
               b"-", b"--", b"/", b"//"]
    samples += [b"".join(rng.choice(pieces) for _ in range(rng.randint(1, 14)))
                for _ in range(3000)]
    for source in samples:
        group, starts, ends = _scan(source)
        got = list(zip(group.tolist(), starts.tolist(), ends.tolist(), strict=True))
        assert got == [(m.lastindex, m.start(), m.end()) for m in _TOKEN.finditer(source)], source
    # The tokens built from the scan: comments lexical only, the rest structure.
    tokens = tokenize_lexical(b"x = 'a b' # note\n#include <y>\n")
    assert tokens.symbols.size == 8  # x = 'a b' # include < y >
    assert [LEXICAL_CATEGORIES[c] for c in tokens.lex_category] == [
        "identifier", "string", "comment", "identifier", "identifier"]
