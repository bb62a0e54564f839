"""Token streams per language family: structure survives renaming and reformatting,
lexical tokens keep their real text, spans point at the right lines."""

from __future__ import annotations

import pytest

from fingerprints.languages import get_spec
from fingerprints.lexical_tokens import tokenize_lexical
from fingerprints.syntax_tokens import tokenize_syntax
from fingerprints.tokens import IDENT, LEXICAL_CATEGORIES, symbol_of

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


@pytest.mark.parametrize(
    ("language", "inline", "extracted"),
    [
        ("python", "def f(v):\n    return v[0] + 'x'\n",
         "FIRST = 0\nSUFFIX = 'x'\n\ndef f(v):\n    return v[FIRST] + SUFFIX\n"),
        ("c", "int f(int v) { return v > 32; }\n",
         "#define LIMIT 32\n\nint f(int v) { return v > LIMIT; }\n"),
        ("c", "int f(int v) { return v > 32; }\n",
         "static const int LIMIT = 32;\n\nint f(int v) { return v > LIMIT; }\n"),
        ("java", "class A { int f(int v) { return v > 32 ? 1 : 0; } }\n",
         "class A { private static final int LIMIT = 32;\n"
         " int f(int v) { return v > LIMIT ? 1 : 0; } }\n"),
        ("javascript", "function f(v) { return v > 32; }\n",
         "const LIMIT = 32;\nfunction f(v) { return v > LIMIT; }\n"),
        ("go", "package m\nfunc f(v int) bool { return v > 32 }\n",
         "package m\nconst limit = 32\nfunc f(v int) bool { return v > limit }\n"),
    ],
)
def test_a_named_constant_stands_for_its_literal(language, inline, extracted):
    # An extracted constant is the literal it replaced: the function's structure (from
    # its name on) is the same.
    def function(code: str) -> list[int]:
        tokens = tokenize_syntax(code.encode(), get_spec(language))
        first = tokens.start_byte.tolist().index(code.index("f("))
        return tokens.symbols[first:].tolist()

    assert function(inline) == function(extracted)


@pytest.mark.parametrize(
    ("language", "code"),
    [
        # Not a constant: no marker, a lower-case Python name, an expression, a name
        # also assigned an expression, a declaration inside a function.
        ("javascript", "let limit = 32;\nfunction f(v) { return v > limit; }\n"),
        ("python", "limit = 32\n\ndef f(v):\n    return v > limit\n"),
        ("c", "#define LIMIT (1 << 5)\n\nint f(int v) { return v > LIMIT; }\n"),
        ("python", "LIMIT = 32\nLIMIT = compute()\n\ndef f(v):\n    return v > LIMIT\n"),
        ("java", "class A { int f(int v) { final int limit = 32; return v > limit; } }\n"),
    ],
)
def test_only_declared_constants_stand_for_literals(language, code):
    tokens = tokenize_syntax(code.encode(), get_spec(language))
    last_use = code.lower().rfind("limit")  # in the return statement
    (at,) = [i for i, s in enumerate(tokens.start_byte.tolist()) if s == last_use]
    assert int(tokens.symbols[at]) == symbol_of(IDENT)


@pytest.mark.parametrize("keyword", ["const", "var"])
def test_a_long_declaration_is_searched_for_its_marker_once(keyword, monkeypatch):
    # Each of a declaration's parts asks whether the declaration says `const`: its parts
    # are read once for all of them, not once per part (n^2 work: a minified file's one
    # `var` of 20,000 parts outlasted the parse time limit and fell back to lexical tokens).
    import builtins

    import fingerprints.syntax_tokens as syntax_tokens

    scans = []

    def counting_any(items):  # the marker search's only loop
        scans.append(1)
        return builtins.any(items)

    monkeypatch.setattr(syntax_tokens, "any", counting_any, raising=False)
    parts = 300
    # Lower-case names: a capitalised one is a constant by convention, marker or not.
    code = (f"{keyword} " + ",".join(f"k{i}={i}" for i in range(parts)) + ";\n"
            + "f(" + ",".join(f"k{i}" for i in range(parts)) + ");\n")
    tokens = tokenize_syntax(code.encode(), get_spec("javascript"))
    # Found at once in `const`; in `var`, once in each of the declaration's parts and commas.
    limit = 1 if keyword == "const" else 2 * parts + 2
    assert 0 < len(scans) <= limit
    # Every use stands for its literal when the declaration is `const`, none when `var`.
    uses = [i for i, s in enumerate(tokens.start_byte.tolist()) if s > code.index("f(")]
    inlined = [int(tokens.symbols[i]) == symbol_of("<number>") for i in uses
               if int(tokens.symbols[i]) in (symbol_of(IDENT), symbol_of("<number>"))]
    assert len(inlined) == parts
    assert all(inlined) if keyword == "const" else not any(inlined)


# mmh3 4.1.0's src/mmh3/hashlib.h ends so: a macro continued on a second line, and no
# newline after it.
_LAST_DEFINE = (
    b"#include <Python.h>\n\n"
    b"#define GET_BUFFER_VIEW_OR_ERROUT(obj, viewp) \\\n"
    b"    GET_BUFFER_VIEW_OR_ERROR(obj, viewp, return NULL)"
)


@pytest.mark.parametrize("language", ["c", "cpp"])
def test_a_last_line_without_its_newline_is_no_syntax_error(language):
    # The grammars end a preprocessor directive with its newline: a header whose last
    # line is a #define was read as a syntax error (with no line: the missing newline is
    # a hidden node). Parsed as if it had its newline, it is the same file as with it.
    spec = get_spec(language)
    bare = tokenize_syntax(_LAST_DEFINE, spec)
    ended = tokenize_syntax(_LAST_DEFINE + b"\n", spec)
    assert bare.note is None
    assert bare.symbols.tolist() == ended.symbols.tolist()
    assert bare.start_byte.tolist() == ended.start_byte.tolist()
    assert bare.end_byte.tolist() == ended.end_byte.tolist()
    assert int(bare.end_byte.max()) <= len(_LAST_DEFINE)
    assert bare.end_line.tolist() == ended.end_line.tolist()
    assert bare.line_count == 4


@pytest.mark.parametrize(
    ("language", "code", "line"),
    [
        # Text after an #include's path: the newline the directive needs is missing, a
        # node the tree-sitter API does not list.
        ("c", b"int a;\n#include <a.h> int x;\nint b;\n", 2),
        # An #ifdef without #endif, and no final newline: the #endif is missing past the
        # file's end, which is its last line.
        ("c", b"#ifdef A\nint x;\nint y;", 3),
        ("python", b"def f(:\n    return 1\n", 1),
        # The grammar cannot read the file as a whole (its root is an ERROR starting at
        # line 1): the first construct it could not place is named, the #ifdef of line 3
        # (numpy's lapack_lite/f2c.c, K&R definitions between #ifdefs: "line 1" before).
        ("c", b"/* Functions copied from libf2c. */\n\n#ifdef KR_headers\n"
              b"extern double sqrt();\ndouble f__cabs(real, imag) double real, imag;\n{\n"
              b"double temp;\n{\n#ifdef KR_headers\nfloat r_imag(z) complex *z;\n"
              b"float r_imag(complex *z)\n", 3),
    ],
)
def test_a_syntax_error_note_names_its_line(language, code, line):
    tokens = tokenize_syntax(code, get_spec(language))
    assert tokens.note is not None
    assert tokens.note.startswith(f"syntax error at line {line} ")


def test_lexical_triple_quoted_strings_run_across_lines():
    # numpy 2.0.0's bit_generator.pyx (Cython: no grammar) opens with a docstring holding
    # the MIT licence; read as one-line strings, its words were code lines, and the
    # licence's "of this software and associated documentation files (the "Software")"
    # was listed as code commented out in the other side's Gruntfile.js.
    source = (b'"""Base class.\n\nof this software and associated "Software", to deal\n"""\n'
              b"x = '''it's\n'''\ny = \"\" + 'a'\n")
    tokens = tokenize_lexical(source)
    lexical = [(t.category, t.text) for t in tokens.lexical(source)]
    assert lexical == [
        ("string", '"""Base class.\n\nof this software and associated "Software", to deal\n"""'),
        ("identifier", "x"), ("string", "'''it's\n'''"),
        ("identifier", "y"), ("string", '""'), ("string", "'a'"),
    ]
    assert sorted(set(tokens.start_line.tolist())) == [1, 5, 7]


def test_lexical_double_dash_after_a_name_is_no_comment():
    # vue-multiselect 2.1.6 against 3.0.0 (npm): Multiselect.vue has no grammar, and the
    # lexical fallback read the "--" of each BEM selector ".multiselect--active" as a
    # comment to the end of the line: 25 such selector tails were listed as shared comments.
    # Its colours ("border-color: #41b883 transparent;") were read as "#" comments too.
    source = (b".multiselect--active .multiselect__tags {\n  color: #41b883 transparent;\n"
              b"  background: #fff;\n}\nfor (;; i--) { f(); }\n")
    comments = [t.text for t in tokenize_lexical(source).lexical(source)
                if t.category == "comment"]
    assert comments == []
    sql = b"SELECT 1; -- a comment\n--another\nx = 1  # fix later\n#note\n"
    comments = [t.text for t in tokenize_lexical(sql).lexical(sql) if t.category == "comment"]
    assert comments == ["-- a comment", "--another", "# fix later", "#note"]


_POM = b"""<?xml version="1.0" encoding="UTF-8"?>
<!--
   Licensed to the Apache Software Foundation (ASF) under one or more
   contributor license agreements.
       http://www.apache.org/licenses/LICENSE-2.0
-->
<project xmlns="http://maven.apache.org/POM/4.0.0">
  <description>Commons Lang, a package of Java utility classes for the
    classes that are in java.lang's hierarchy -- or are considered standard.</description>
  <!-- Lang should depend on very little -->
  <color>#41b883</color>
</project>
"""


def test_lexical_markup_comments_strings_and_text():
    # Debian's libcommons-lang-java 2.6 against libcommons-lang3-java 3.12.0: their Maven
    # poms have no grammar, and the lexical tokenizer read the licence header's <!-- as
    # an empty '--' comment and the licence as code, the URL in it as a '//' comment, and
    # "java.lang's hierarchy, ...</description>" as a string: the channels listed both.
    tokens = tokenize_lexical(_POM)
    texts = [(LEXICAL_CATEGORIES[c], _POM[s:e].decode())
             for c, s, e in zip(tokens.lex_category, tokens.lex_start_byte, tokens.lex_end_byte,
                                strict=True)]
    comments = [t for c, t in texts if c == "comment"]
    assert comments == [_POM.split(b"\n", 1)[1].split(b"-->")[0].decode() + "-->",
                        "<!-- Lang should depend on very little -->"]
    strings = [t for c, t in texts if c == "string"]
    assert strings == ['"1.0"', '"UTF-8"', '"http://maven.apache.org/POM/4.0.0"']
    # The licence is a comment, not code: no name of it is a token.
    assert ("identifier", "Licensed") not in texts and ("identifier", "hierarchy") in texts
    # The same text with no XML declaration is read by the code rules.
    plain = tokenize_lexical(_POM.split(b"\n", 1)[1])
    assert plain.lex_category.size != tokens.lex_category.size


def test_lexical_markup_without_a_declaration_and_a_grammars_fallback():
    # uchardet's uchardet.doap (in cchardet 2.1.7 and faust-cchardet 2.1.19) opens with its
    # root element, no <?xml: the apostrophe of its French description ("d'octets") opened
    # a string, whose words were listed as shared misspellings (tente, texte).
    doap = (b'<Project xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"\n'
            b'         xmlns:foaf="http://xmlns.com/foaf/0.1/">\n'
            b'  <description xml:lang="fr">\n'
            b"      uchardet est une biblioth\xc3\xa8que, prenant une s\xc3\xa9quence\n"
            b"      d'octets en entr\xc3\xa9e, et tente d'en d\xc3\xa9terminer le codage.\n"
            b"  </description>\n</Project>\n")
    tokens = tokenize_lexical(doap)
    strings = [doap[s:e] for c, s, e in zip(tokens.lex_category, tokens.lex_start_byte,
                                            tokens.lex_end_byte, strict=True)
               if LEXICAL_CATEGORIES[c] == "string"]
    assert strings == [b'"http://www.w3.org/1999/02/22-rdf-syntax-ns#"',
                       b'"http://xmlns.com/foaf/0.1/"', b'"fr"']
    # A file of a grammar read lexically (its parse failed) keeps its language's rules.
    jsx = b"<App title='x'>\n// not markup\n"
    fallback = tokenize_lexical(jsx, get_spec("javascript"))
    assert [LEXICAL_CATEGORIES[c] for c in fallback.lex_category][-1] == "comment"
