"""Token streams per language family: structure survives renaming and reformatting,
lexical tokens keep their real text, spans point at the right lines."""

from __future__ import annotations

import pytest

from fingerprints.languages import get_spec
from fingerprints.lexical_tokens import tokenize_lexical
from fingerprints.syntax_tokens import tokenize_syntax

# (language, original, renamed and reformatted copy, a comment's text, a string's text)
FAMILIES = [
    (
        "c",
        b"/* sum */\nint add(int a, int b) {\n  return a + b; /* plus */\n}\n"
        b'const char *m = "hi";\n',
        b'int plus(int x,\n         int y)\n{ return x + y; }\nconst char *s = "yo";\n',
        "/* plus */",
        '"hi"',
    ),
    (
        "java",
        b"class A {\n  // total\n  int add(int a, int b) { return a + b; }\n"
        b'  String m = "hi";\n}\n',
        b'class B { int sum(int p, int q) {\n return p + q;\n }\n String n = "yo"; }\n',
        "// total",
        '"hi"',
    ),
    (
        "javascript",
        b'// add two\nfunction add(a, b) {\n  return a + b;\n}\nconst m = "hi";\n',
        b'function sum(x, y) { return x + y; }\nconst n = "yo";\n',
        "// add two",
        '"hi"',
    ),
    (
        "python",
        b'# add two\ndef add(a, b):\n    return a + b\n\nm = "hi"\n',
        b'def total(x, y):\n    return x+y\nn = "yo"\n',
        "# add two",
        '"hi"',
    ),
    (
        "ruby",
        b'# add two\ndef add(a, b)\n  a + b\nend\nm = "hi"\n',
        b'def plus(x, y)\n    x + y\nend\nn = "yo"\n',
        "# add two",
        '"hi"',
    ),
    (
        "lua",
        b'-- add two\nlocal function add(a, b)\n  return a + b\nend\nlocal m = "hi"\n',
        b'local function sum(x, y) return x + y end\nlocal n = "yo"\n',
        "-- add two",
        '"hi"',
    ),
]


@pytest.mark.parametrize("language, original, copy, comment, string", FAMILIES,
                         ids=[f[0] for f in FAMILIES])
def test_structure_ignores_names_layout_and_comments(language, original, copy, comment, string):
    spec = get_spec(language)
    a = tokenize_syntax(original, spec)
    b = tokenize_syntax(copy, spec)
    assert a.tokenizer == "tree-sitter" and a.note is None
    assert a.symbols.tolist() == b.symbols.tolist()
    lexical = a.lexical(original)
    assert comment in [t.text for t in lexical if t.category == "comment"]
    assert string in [t.text for t in lexical if t.category == "string"]
    assert "add" in [t.text for t in lexical if t.category == "identifier"]


def test_token_spans_give_one_based_inclusive_lines():
    source = b'x = 1\n\ns = """two\nlines"""\n'
    tokens = tokenize_syntax(source, get_spec("python"))
    texts = [source[s:e] for s, e in zip(tokens.start_byte.tolist(), tokens.end_byte.tolist(),
                                        strict=True)]
    assert texts == [b"x", b"=", b"1", b"s", b"=", b'"""two\nlines"""']
    assert tokens.start_line.tolist() == [1, 1, 1, 3, 3, 3]
    assert tokens.end_line.tolist() == [1, 1, 1, 3, 3, 4]
    assert tokens.line_count == 4


def test_lexical_fallback_keeps_keywords_and_normalises_names():
    spec = get_spec("c")
    a = tokenize_lexical(b"int add(int a) { return a; } // c1\n", spec)
    b = tokenize_lexical(b"int sum(int q) {\n  return q;\n}\n", spec)
    assert a.tokenizer == "lexical"
    assert a.symbols.tolist() == b.symbols.tolist()
    assert [t.text for t in a.lexical(b"int add(int a) { return a; } // c1\n")
            if t.category == "comment"] == ["// c1"]


def test_syntax_errors_are_tolerated_and_noted():
    tokens = tokenize_syntax(b"def f(:\n    return 1\n", get_spec("python"))
    assert len(tokens) > 0
    assert tokens.note and "syntax error" in tokens.note
