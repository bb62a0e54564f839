"""The language registry: catalog entries against their grammars, and file detection."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from collections import Counter
from functools import cache
from pathlib import Path

import pytest
from tree_sitter import Node
from tree_sitter_language_pack import get_language

from fingerprints.fileprint import tokenize
from fingerprints.languages import (
    LANGUAGES,
    LITERAL_KINDS,
    LanguageSpec,
    detect_language,
    get_spec,
    grammar_version,
    leaf_category,
    parser_for,
)
from fingerprints.languages.detect import interpreter
from fingerprints.syntax_tokens import parser_input, tokenize_syntax
from simcheck.compare import compare_paths

FIXTURES = Path(__file__).parent / "fixtures" / "languages"
CATALOG_SOURCE = Path(__file__).parents[1] / "fingerprints" / "languages" / "catalog.py"
WORD = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")

# name -> tree-sitter-language-pack grammar, for every language the engine must support.
REQUIRED = {
    "c": "c", "cpp": "cpp", "csharp": "csharp", "java": "java", "javascript": "javascript",
    "typescript": "typescript", "tsx": "tsx", "python": "python", "go": "go", "rust": "rust",
    "ruby": "ruby", "php": "php", "kotlin": "kotlin", "scala": "scala", "swift": "swift",
    "objc": "objc", "bash": "bash", "lua": "lua", "perl": "perl", "r": "r", "matlab": "matlab",
    "fortran": "fortran", "fortran-fixed": "fortran", "pascal": "pascal", "ada": "ada",
    "verilog": "verilog", "vhdl": "vhdl", "sql": "sql", "cobol": "cobol",
}

# Extensions deliberately shared; detect_language settles them by content.
AMBIGUOUS_EXTENSIONS = {
    ".h": {"c", "cpp", "objc"}, ".m": {"objc", "matlab"}, ".pde": {"java", "arduino"},
}

# Anonymous word-like kinds that are deliberately not keywords (and why).
NOT_KEYWORDS: dict[str, set[str]] = {
    "bash": set("A E K L P Q U a k u".split()),  # ${x@Q}-style expansion operators
    "r": {"L", "i"},  # suffixes inside integer/complex literals
    "kotlin": {"L"},  # suffix inside a long literal
    "ruby": {"i", "r", "ri"},  # suffixes of imaginary/rational literals
    "swift": {"u"},  # the \u of a unicode escape
    "haskell": set("d e p t".split()),  # Template Haskell quote brackets [e| ... |]
    "make": {"D", "F"},  # $(@D), $(<F): the directory and file parts of an automatic variable
}

# Named leaves that are operators or punctuation in these grammars (left uncategorised).
OPERATOR_LEAVES: dict[str, set[str]] = {
    "ada": {"tick"},
    "dart": {"additive_operator", "equality_operator", "multiplicative_operator",
             "relational_operator"},
    "haskell": {"operator", "all_names"},
    "julia": {"operator"},
    "ocaml": {"add_operator", "and_operator", "assign_operator", "concat_operator",
              "hash_operator", "indexing_operator", "let_and_operator", "let_operator",
              "match_operator", "mult_operator", "or_operator", "pow_operator",
              "prefix_operator", "rel_operator", "sign_operator"},
    "pascal": {"kAssign", "kEq", "kGte"},
    "r": {"comma"},
    "scala": {"operator_identifier"},
    "scss": {"nesting_selector"},  # & (the parent selector)
    "sql": {"dollar_quote"},
    "vhdl": {"semicolon"},
}

# Declarative languages: nothing in them is a function (a Meson build file calls built-ins;
# a linker script, a Kconfig menu declare).
# Languages with no function definitions (a web page's markup: its scripts' are theirs).
NO_FUNCTIONS = {"html", "kconfig", "linkerscript", "meson"}

# Grammars whose external scanner can loop forever on some inputs (COBOL on the one-byte
# input b"x"); a progress_callback cannot interrupt it, so they are parsed in a subprocess.
PARSE_IN_SUBPROCESS = {"cobol"}


def _ids(spec: LanguageSpec) -> str:
    return spec.name


@cache
def _kinds(grammar: str) -> tuple[frozenset[str], frozenset[str]]:
    """(named, anonymous) visible node kinds of a grammar."""
    lang = get_language(grammar)  # type: ignore[arg-type]
    named: set[str] = set()
    anon: set[str] = set()
    for i in range(lang.node_kind_count):
        if lang.node_kind_is_visible(i):
            (named if lang.node_kind_is_named(i) else anon).add(lang.node_kind_for_id(i))
    return frozenset(named), frozenset(anon)


def _fixture(name: str) -> Path:
    """tests/fixtures/languages/NAME.EXT, or NAME/FILE for a language known by its file names
    alone (meson/meson.build)."""
    found = sorted(FIXTURES.glob(f"{name}.*")) + sorted(FIXTURES.glob(f"{name}/*"))
    assert len(found) == 1, f"expected one fixture tests/fixtures/languages/{name}.*: {found}"
    return found[0]


def _categorise(spec: LanguageSpec, root: Node) -> dict[str, object]:
    """Walk a tree the way the tokenizer does and tally the leaves by category."""
    cats: Counter[str] = Counter()
    uncategorised_named: set[str] = set()
    uncategorised_words: set[str] = set()
    errors: list[str] = []
    functions = 0
    embedded = {e.node for e in spec.embedded}  # their text is another language's
    stack = [root]
    while stack:
        node = stack.pop()
        if node.type == "ERROR" or node.is_missing:
            errors.append(f"{node.type} at {node.start_point}")
        if node.type in spec.functions:
            functions += 1
        if node.type in embedded:
            cats["embedded"] += 1
            continue
        cat = leaf_category(spec, node.type, node.is_named)
        if cat in ("comment", "string", "literal") or node.child_count == 0:
            cats[cat or "none"] += 1
            if cat is None and node.is_named:
                uncategorised_named.add(node.type)
            elif cat is None and WORD.match(node.type):
                uncategorised_words.add(node.type)
            continue
        stack.extend(node.children)
    return {
        "cats": dict(cats),
        "uncategorised_named": sorted(uncategorised_named),
        "uncategorised_words": sorted(uncategorised_words),
        "errors": errors,
        "functions": functions,
        "has_error": root.has_error,
    }


def _parse_report(spec: LanguageSpec, path: Path) -> dict[str, object]:
    if spec.name not in PARSE_IN_SUBPROCESS:
        tree = parser_for(spec).parse(parser_input(path.read_bytes(), spec))
        return _categorise(spec, tree.root_node)
    code = (
        "import json, sys\n"
        "from tests.test_languages import _categorise\n"
        "from fingerprints.languages import get_spec, parser_for\n"
        "spec = get_spec(sys.argv[1])\n"
        "tree = parser_for(spec).parse(open(sys.argv[2], 'rb').read())\n"
        "print(json.dumps(_categorise(spec, tree.root_node)))\n"
    )
    root = Path(__file__).parents[1]
    try:
        out = subprocess.run(
            [sys.executable, "-c", code, spec.name, str(path)],
            cwd=root, capture_output=True, text=True, timeout=60, check=True,
        )
    except subprocess.TimeoutExpired:
        pytest.fail(f"{spec.name}: parsing {path.name} did not finish in 60 s (scanner loop)")
    return json.loads(out.stdout)


# ---------------------------------------------------------------- catalog shape


def test_required_languages_present_with_their_grammars() -> None:
    by_name = {s.name: s for s in LANGUAGES}
    missing = set(REQUIRED) - set(by_name)
    assert not missing, f"catalog lacks {sorted(missing)}"
    for name, grammar in REQUIRED.items():
        assert by_name[name].grammar == grammar


def test_names_unique_and_get_spec() -> None:
    names = [s.name for s in LANGUAGES]
    assert len(names) == len(set(names))
    for spec in LANGUAGES:
        assert get_spec(spec.name) is spec
    with pytest.raises(KeyError, match="unknown language 'klingon'.*python"):
        get_spec("klingon")


def test_extensions_collide_only_where_documented() -> None:
    owners: dict[str, set[str]] = {}
    for spec in LANGUAGES:
        for ext in spec.extensions:
            assert re.fullmatch(r"\.[a-z0-9+_-]+", ext), f"{spec.name}: bad extension {ext!r}"
            owners.setdefault(ext, set()).add(spec.name)
    shared = {ext: names for ext, names in owners.items() if len(names) > 1}
    assert shared == AMBIGUOUS_EXTENSIONS


def test_filenames_and_shebangs_unique() -> None:
    for field in ("filenames", "shebangs"):
        seen: dict[str, str] = {}
        for spec in LANGUAGES:
            for value in getattr(spec, field):
                assert value not in seen, f"{field} {value!r}: {seen[value]} and {spec.name}"
                seen[value] = spec.name


def test_content_hints_compile() -> None:
    for spec in LANGUAGES:
        for hint in spec.content_hints + spec.content_excludes:
            re.compile(hint, re.MULTILINE)


def test_catalog_lists_are_sorted() -> None:
    for spec in LANGUAGES:
        for field in ("extensions", "filenames", "shebangs"):
            values = getattr(spec, field)
            assert list(values) == sorted(values), f"{spec.name}.{field} not sorted"
        assert list(spec.literals) == sorted(spec.literals), f"{spec.name}.literals not sorted"
    # frozensets lose order, so check the source text of every _s("...") table.
    source = CATALOG_SOURCE.read_text()
    tables = re.findall(r'_s\(\s*((?:"[^"]*"\s*)+)\)', source)
    assert len(tables) >= 4 * len(LANGUAGES)  # identifiers, comments, keywords, functions
    for table in tables:
        words = "".join(re.findall(r'"([^"]*)"', table)).split()
        assert words == sorted(words), f"unsorted table starting {words[:3]}"


# ---------------------------------------------------------------- entries vs grammar


@pytest.mark.parametrize("spec", LANGUAGES, ids=_ids)
def test_node_types_exist_in_grammar(spec: LanguageSpec) -> None:
    lang = get_language(spec.grammar)  # type: ignore[arg-type]
    missing = []
    for field in (
        "identifiers", "comments", "strings", "literals", "keywords", "functions",
        "definitions", "definition_wrappers",
    ):
        for node_type in getattr(spec, field):
            if (
                lang.id_for_node_kind(node_type, True) is None
                and lang.id_for_node_kind(node_type, False) is None
            ):
                missing.append(f"{field}:{node_type}")
    for embedding in spec.embedded:
        for node_type in (embedding.node, *embedding.within):
            if lang.id_for_node_kind(node_type, True) is None:
                missing.append(f"embedded:{node_type}")
    assert not missing, f"{spec.name}: not in grammar {spec.grammar}: {missing}"


@pytest.mark.parametrize("spec", [s for s in LANGUAGES if s.embedded], ids=_ids)
def test_embedded_languages_are_registry_languages(spec: LanguageSpec) -> None:
    for embedding in spec.embedded:
        guests = [embedding.language, *(name for _, name in embedding.choices)]
        assert all(get_spec(name) for name in guests), embedding
        values = [value for value, _ in embedding.choices]
        assert values == sorted(values) and all(v == v.lower() for v in values), embedding
        assert bool(embedding.choices) == bool(embedding.attribute), embedding


@pytest.mark.parametrize("spec", [s for s in LANGUAGES if s.constants], ids=_ids)
def test_constant_forms_name_grammar_nodes_fields_and_words(spec: LanguageSpec) -> None:
    lang = get_language(spec.grammar)  # type: ignore[arg-type]
    for form in spec.constants:
        assert lang.id_for_node_kind(form.node, True) is not None, form
        for field_name in (form.name, form.value):
            assert not field_name or lang.field_id_for_name(field_name) is not None, form
        if form.marker:
            assert lang.id_for_node_kind(form.marker, False) is not None, form


@pytest.mark.parametrize("spec", LANGUAGES, ids=_ids)
def test_categories_are_disjoint_except_named_anonymous_twins(spec: LanguageSpec) -> None:
    named, anon = _kinds(spec.grammar)
    fields = {
        "identifiers": spec.identifiers, "comments": spec.comments, "strings": spec.strings,
        "literals": frozenset(spec.literals), "keywords": spec.keywords,
    }
    others = [f for f in fields if f != "keywords"]
    for i, a in enumerate(others):
        for b in others[i + 1:]:
            assert not fields[a] & fields[b], f"{spec.name}: {a} & {b}"
    for node_type in fields["keywords"] & frozenset().union(*(fields[f] for f in others)):
        # Allowed only when the string names an anonymous keyword AND a named node.
        assert node_type in anon and node_type in named, f"{spec.name}: {node_type} twice"


@pytest.mark.parametrize("spec", LANGUAGES, ids=_ids)
def test_keywords_cover_the_grammar_words(spec: LanguageSpec) -> None:
    named, anon = _kinds(spec.grammar)
    words = {k for k in anon if WORD.match(k)}
    listed = spec.keywords | spec.identifiers | set(spec.literals) | spec.strings
    unlisted = words - listed
    assert unlisted == NOT_KEYWORDS.get(spec.name, set()), f"{spec.name}: {sorted(unlisted)}"
    # Every keyword is a word token of the grammar, or a named reserved-word leaf.
    for kw in spec.keywords:
        assert kw in named or WORD.match(kw), f"{spec.name}: odd keyword {kw!r}"


@pytest.mark.parametrize("spec", LANGUAGES, ids=_ids)
def test_literal_kinds_are_known(spec: LanguageSpec) -> None:
    allowed = set(LITERAL_KINDS) - {"string"}
    bad = {t: k for t, k in spec.literals.items() if k not in allowed}
    assert not bad, f"{spec.name}: {bad}"
    assert bool(spec.functions) == (spec.name not in NO_FUNCTIONS), spec.name


# ---------------------------------------------------------------- realistic programs


def test_every_language_has_one_fixture() -> None:
    for spec in LANGUAGES:
        _fixture(spec.name)


@pytest.mark.parametrize("spec", LANGUAGES, ids=_ids)
def test_fixture_parses_and_every_leaf_is_categorised(spec: LanguageSpec) -> None:
    path = _fixture(spec.name)
    assert detect_language(str(path), path.read_bytes()[:4096]) is spec
    report = _parse_report(spec, path)
    assert not report["has_error"], f"{spec.name}: parse errors {report['errors']}"
    cats = report["cats"]
    assert isinstance(cats, dict)
    if spec.embedded:  # a host's names are in the code it embeds
        tokens = tokenize(path.read_bytes(), spec.name)
        assert (tokens.tokenizer, tokens.note) == ("tree-sitter", None), tokens.note
        assert cats.get("embedded", 0) >= 2, f"{spec.name}: no embedded regions {cats}"
        cats["identifier"] = int((tokens.lex_category == 0).sum())
    assert cats.get("identifier", 0) >= 1, f"{spec.name}: no identifier leaf {cats}"
    assert cats.get("comment", 0) >= 1, f"{spec.name}: no comment {cats}"
    assert cats.get("string", 0) + cats.get("literal", 0) >= 1, f"{spec.name}: no literal"
    assert cats.get("keyword", 0) >= 1, f"{spec.name}: no keyword leaf {cats}"
    if spec.name not in NO_FUNCTIONS:
        assert report["functions"], f"{spec.name}: no node of {sorted(spec.functions)}"
    # No word token falls through to "operator", and no named leaf is unknown.
    assert report["uncategorised_words"] == [], spec.name
    allowed = OPERATOR_LEAVES.get(spec.name, set())
    assert set(report["uncategorised_named"]) <= allowed, (  # type: ignore[arg-type]
        f"{spec.name}: uncategorised named leaves {report['uncategorised_named']}"
    )


def test_fixed_form_comment_lines_are_comments_with_their_own_text() -> None:
    # numpy 1.26.4: 26 of its 37 fixed-form .f files were "syntax error at line 1" when
    # read as free form ("C" in column 1 begins a comment only in the fixed form); 2 are
    # left, both with column-6 continuation lines the grammar does not know.
    path = _fixture("fortran-fixed")
    source = path.read_bytes()
    fixed = tokenize_syntax(source, get_spec("fortran-fixed"))
    assert fixed.note is None
    comments = [t.text for t in fixed.lexical(source) if t.category == "comment"]
    assert comments[0] == "C     Running statistics of a sensor channel, fixed source form."
    assert "D     PRINT *, 'debug: before STATS'" in comments
    assert "*     Two passes: the mean first, then the spread around it." in comments
    assert tokenize_syntax(source, get_spec("fortran")).note is not None


def test_typescript_twins_resolve_by_namedness() -> None:
    ts = get_spec("typescript")
    assert leaf_category(ts, "number", is_named=False) == "keyword"  # `x: number`
    assert leaf_category(ts, "number", is_named=True) == "literal"  # `42`
    assert leaf_category(ts, "string", is_named=False) == "keyword"
    assert leaf_category(ts, "string", is_named=True) == "string"
    assert leaf_category(ts, "+", is_named=False) is None


def test_parser_for_is_cached_and_grammar_version() -> None:
    py = get_spec("python")
    assert parser_for(py) is parser_for(py)
    assert parser_for(py) is not parser_for(get_spec("c"))
    version = grammar_version(py)
    assert re.fullmatch(r"tree-sitter-language-pack \d+\.\d+\.\d+; python \d+\.\d+\.\d+; abi \d+",
                        version), version
    assert re.fullmatch(r"tree-sitter-language-pack \S+; abi \d+", grammar_version(get_spec("cpp")))


# ---------------------------------------------------------------- detection


def _detect(path: str, text: str = "") -> str | None:
    spec = detect_language(path, text.encode())
    return spec.name if spec else None


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        ("src/main.c", "c"), ("a/b/widget.cpp", "cpp"), ("x.CC", "cpp"), ("x.hpp", "cpp"),
        ("Program.cs", "csharp"), ("Main.java", "java"), ("app.js", "javascript"),
        ("App.jsx", "javascript"), ("mod.mjs", "javascript"), ("cfg.cjs", "javascript"),
        ("index.ts", "typescript"), ("view.tsx", "tsx"), ("tool.py", "python"),
        ("stubs.pyi", "python"), ("main.go", "go"), ("lib.rs", "rust"), ("app.rb", "ruby"),
        ("Rakefile", "ruby"), ("Gemfile", "ruby"), ("index.php", "php"), ("Main.kt", "kotlin"),
        ("build.gradle.kts", "kotlin"), ("App.scala", "scala"), ("View.swift", "swift"),
        ("Bridge.mm", "objc"), ("run.sh", "bash"), ("x.bash", "bash"), (".bashrc", "bash"),
        ("init.lua", "lua"), ("tool.pl", "perl"), ("Mod.pm", "perl"), ("stats.R", "r"),
        ("stats.r", "r"), ("solver.f90", "fortran"), ("OLD.F", "fortran-fixed"),
        ("legacy.for", "fortran-fixed"), ("model.f77", "fortran-fixed"),
        ("unit1.pas", "pascal"), ("pkg.adb", "ada"), ("pkg.ads", "ada"),
        ("top.v", "verilog"), ("tb.sv", "verilog"), ("alu.vhd", "vhdl"), ("alu.VHDL", "vhdl"),
        ("schema.sql", "sql"), ("PAYROLL.CBL", "cobol"), ("copy.cpy", "cobol"),
        ("main.dart", "dart"), ("Main.hs", "haskell"), ("mix.exs", "elixir"),
        ("stats.jl", "julia"), ("build.zig", "zig"), ("C:\\src\\win.c", "c"),
        ("theme.scss", "scss"), ("Toast.vue", "vue"), ("Toast.svelte", "svelte"),
        ("index.html", "html"), ("old.HTM", "html"),
    ],
)
def test_detect_by_name_and_extension(path: str, expected: str) -> None:
    assert _detect(path) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("#ifndef RING_H\n#define RING_H\nstruct ring { int head; };\nint f(void);\n#endif\n",
         "c"),
        ("", "c"),
        ("#pragma once\nclass Foo {\npublic:\n  int x;\n};\n", "cpp"),
        ("namespace util {\nint f();\n}\n", "cpp"),
        ("template<typename T>\nT max(T a, T b);\n", "cpp"),
        ("#import <Foundation/Foundation.h>\n@interface Foo : NSObject\n@end\n", "objc"),
        # A C header that merely mentions C++ words in a comment stays C.
        ("/* usable from a class or a namespace */\nint f(void);\n", "c"),
    ],
)
def test_detect_h_header(text: str, expected: str) -> None:
    assert _detect("include/thing.h", text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("#import \"Foo.h\"\n@implementation Foo\n- (void)bar {}\n@end\n", "objc"),
        ("@interface Foo : NSObject\n@end\n", "objc"),
        ("function y = f(x)\n% square\ny = x.^2;\nend\n", "matlab"),
        ("function [m, s] = stats(x)\nm = mean(x);\ns = std(x);\nend\n", "matlab"),
        ("% script\nx = zeros(3);\ndisp(x)\n", "matlab"),
        ("", "objc"),
    ],
)
def test_detect_m_file(text: str, expected: str) -> None:
    assert _detect("src/thing.m", text) == expected


def test_detect_fixtures_for_ambiguous_extensions() -> None:
    objc = FIXTURES / "objc.m"
    matlab = FIXTURES / "matlab.m"
    assert _detect("a.m", objc.read_text()) == "objc"
    assert _detect("a.m", matlab.read_text()) == "matlab"
    assert _detect("a.h", (FIXTURES / "cpp.cpp").read_text()) == "cpp"
    assert _detect("a.h", (FIXTURES / "c.c").read_text()) == "c"


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("#!/usr/bin/env python3", "python"),
        ("#!/usr/bin/python", "python"),
        ("#!/usr/bin/env python3.11", "python"),
        ("#!/usr/bin/env -S python3 -u", "python"),
        ("#!/usr/bin/env PYTHONPATH=. python3", "python"),
        ("#!/bin/sh", "bash"),
        ("#! /bin/bash -e", "bash"),
        ("#!/usr/bin/env bash", "bash"),
        ("#!/usr/bin/perl -w", "perl"),
        ("#!/usr/bin/env perl", "perl"),
        ("#!/usr/bin/env ruby", "ruby"),
        ("#!/usr/local/bin/ruby -w", "ruby"),
        ("#!/usr/bin/env node", "javascript"),
        ("#!/usr/bin/env lua5.4", "lua"),
        ("#!/usr/bin/env Rscript", "r"),
        ("#!/usr/bin/env php", "php"),
        ("#!/usr/bin/env fish", None),
        ("#!", None),
        ("#!/usr/bin/env", None),
    ],
)
def test_detect_by_shebang_without_extension(line: str, expected: str | None) -> None:
    text = line + "\r\nprint('hi')\n"
    assert _detect("scripts/tool", text) == expected
    # An unknown extension falls back to the shebang too; a known one wins over it.
    assert _detect("scripts/tool.cgi", text) == expected
    assert _detect("scripts/tool.rb", text) == "ruby"


def test_a_qt_translation_file_is_not_typescript() -> None:
    # numpy 2.0.0's vendored meson: Qt Linguist's qt5core_fr.ts (XML) had been parsed as
    # TypeScript ("syntax error at line 1"), its XML tags compared as code.
    qt = ('<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n'
          '<TS version="2.0" language="fr_FR">\n<context>\n    <name>QObject</name>\n')
    assert _detect("i18n/qt5core_fr.ts", qt) is None
    assert _detect("i18n/app_de.ts", qt.split("\n", 1)[1]) is None
    assert _detect("src/xml.ts", 'const header = "<?xml version=\\"1.0\\"?>";\n') == "typescript"


def test_detect_unknown_is_none() -> None:
    assert _detect("README") is None
    assert _detect("notes.txt", "hello\n") is None
    assert _detect("data.bin", "\x00\x01") is None
    assert _detect("MANIFEST.in", "") is None  # a template of a file of no known type
    assert _detect("_bounded_integers.pyx.in", "") is None
    assert _detect("archive.tar.gz") is None
    assert _detect(".hidden") is None
    assert _detect("") is None
    assert interpreter(b"no shebang") is None


def test_detect_is_pure_and_deterministic() -> None:
    head = b"#!/usr/bin/env python3\nimport os\n"
    first = detect_language("tool", head)
    assert all(detect_language("tool", head) is first for _ in range(5))
    # Only the first 4 KiB matter: hints past them are ignored.
    late_cpp = b"int f(void);\n" + b"\n" * 5000 + b"namespace x {\n}\n"
    spec = detect_language("x.h", late_cpp)
    assert spec is not None and spec.name == "c"


# One valid snippet per entry of the TypeScript grammar's known_parse_gaps, in order, and
# the nearest form the grammar does parse: if a grammar upgrade parses a gap, this fails
# and the entry goes.
TS_GAPS = [
    ('let v: import("m").T<A>;\n', 'let v: import("m").T;\n'),
    ('let v: keyof import("m").T;\n', 'let v: keyof T;\n'),
    ('export type * as N from "m";\n', 'export * as N from "m";\n'),
    ('const a = f<typeof import("m")>();\n', 'let v: typeof import("m");\n'),
]


# The same for C and C++: json-c 0.16's headers (JSON_EXPORT int f(...);) and
# PyCryptodome 3.20.0's sources (FAKE_INIT(aes)) were noted as syntax errors, 51 of
# PyCryptodome's 106 C files, with no word that the file may be valid.
C_GAPS = [
    ("JSON_EXPORT int f(void);\n", "extern int f(void);\n"),
    ('#ifdef __cplusplus\nextern "C" {\n#endif\nint f(void);\n#ifdef __cplusplus\n}\n'
     "#endif\n", '#ifdef __cplusplus\nextern "C" {\nint f(void);\n}\n#endif\n'),
    ("FAKE_INIT(aes)\nint f(void);\n", "FAKE_INIT(aes);\nint f(void);\n"),
]


# The same for SCSS: Bootstrap 5.3.3's scss/ holds every one (68 of its 92 files).
SCSS_GAPS = [
    ("$gap: 8px !default;\n", "$gap: 8px;\n"),
    ("$sizes: (small: 576px);\n", "$sizes: (576px, 992px);\n"),
    (".a { width: #{$w}; }\n", ".a-#{$w} { width: 1px; }\n"),
    (".a { > .item { color: red; } }\n", ".a { .item { color: red; } }\n"),
    (".a { @extend %base; }\n", ".a { @extend .base; }\n"),
    (".a { @include clearfix(); }\n", ".a { @include clearfix; }\n"),
    ("@mixin m($args...) { color: red; }\n", "@mixin m($a, $b) { color: red; }\n"),
]

# The same for Meson.
MESON_GAPS = [
    ("#\nx = 1\n", "# c\nx = 1\n"),
    ("x = files('a.c')[0]\n", "x = y[0]\n"),
    ("x = [a, b[2]]\n", "x = [a, b]\n"),
    ("if ['a', 'b'].contains(x)\nendif\n", "if y.contains(x)\nendif\n"),
    ("foreach n : get_option('o')\nendforeach\n", "foreach n : names\nendforeach\n"),
    ("message(f'v @x@')\n", "message('v @x@')\n"),
]

# The same for JavaScript.
JS_GAPS = [
    ('const a = <div class="x">hi</div>;\n', 'const a = <div className="x">hi</div>;\n'),
    ("const a = 1;\nexport { a as class };\n", "const a = 1;\nexport { a as klass };\n"),
]

# The same for Perl: JSON::PP 4.16 (PP.pm:516) and JSON 4.10's backportPP.pm:526,
# "if (CORE_BOOL && builtin::is_bool($value))", were syntax errors with no word that
# the file may be valid.
PERL_GAPS = [
    ("if (CORE_BOOL && f($v)) { 1 }\n", "if (CORE_BOOL() && f($v)) { 1 }\n"),
]

# CUDA, Arduino and GLSL are C++ and C dialects: their grammars extend C's and C++'s, and
# their entries copy C's and C++'s.
GRAMMAR_GAPS = {"javascript": JS_GAPS, "typescript": TS_GAPS, "tsx": TS_GAPS, "c": C_GAPS,
                "cpp": C_GAPS, "cuda": C_GAPS, "arduino": C_GAPS, "glsl": C_GAPS,
                "scss": SCSS_GAPS, "meson": MESON_GAPS, "perl": PERL_GAPS}


@pytest.mark.parametrize("spec", LANGUAGES, ids=_ids)
def test_the_grammar_gaps_listed_are_real(spec: LanguageSpec) -> None:
    gaps = GRAMMAR_GAPS.get(spec.name, [])
    assert len(spec.known_parse_gaps) == len(gaps)
    parser = parser_for(spec)
    for (gap, near), listed in zip(gaps, spec.known_parse_gaps, strict=True):
        assert parser.parse(gap.encode()).root_node.has_error, listed
        assert not parser.parse(near.encode()).root_node.has_error, near


@pytest.mark.parametrize("language", ["c", "cpp"])
def test_a_c_file_the_grammar_rejects_names_the_known_gaps(language):
    spec = get_spec(language)
    note = tokenize_syntax(C_GAPS[0][0].encode(), spec).note
    assert note is not None and note.endswith(
        f"the file may be valid {spec.display}: the grammar rejects valid "
        + "; ".join(spec.known_parse_gaps))


def test_a_declaration_file_the_grammar_rejects_is_noted_with_line_and_known_gaps(
        tmp_path, fast_options):
    # rxjs 7.8.1: 3 of its 250 .d.ts files, valid (tsc wrote them), hold a syntax error for
    # tree-sitter-typescript, all a return type like import("../Observable").Observable<T>;
    # the file list said only "syntax errors tolerated (parser error recovery)".
    declaration = (
        "import { SchedulerLike } from '../types';\n"
        "export declare function schedulePromise<T>(input: PromiseLike<T>, scheduler:"
        ' SchedulerLike): import("../Observable").Observable<T>;\n')
    for side in ("a", "b"):
        (tmp_path / side).mkdir()
        (tmp_path / side / "schedulePromise.d.ts").write_text(declaration)
    result = compare_paths(str(tmp_path / "a"), str(tmp_path / "b"), fast_options)
    entry = next(f for f in result.files if f.side == "left")
    assert (entry.language, entry.tokenizer) == ("typescript", "tree-sitter")
    assert entry.reason is not None
    assert entry.reason.startswith("syntax error at line 2 reported by the TypeScript grammar")
    assert 'import("m").T<A>' in entry.reason
