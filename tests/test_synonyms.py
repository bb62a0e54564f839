"""Interchangeable constructs: the registry's synonym groups of leaf kinds, and the one
canonical form the structure stream writes for each group."""

from __future__ import annotations

from dataclasses import replace

import pytest
from tree_sitter_language_pack import get_language

from fingerprints.fileprint import FingerprintSettings, fingerprint_source
from fingerprints.languages import LANGUAGES, LanguageSpec, canonical_kinds, get_spec
from fingerprints.lexical_tokens import tokenize_lexical
from simcheck.filter import cache
from simcheck.ingest.model import IngestOptions


def _symbols(text: str, language: str) -> list[int]:
    return fingerprint_source(
        text.encode(), language, FingerprintSettings()
    ).tokens.symbols.tolist()


@pytest.mark.parametrize("spec", [s for s in LANGUAGES if s.synonyms], ids=lambda s: s.name)
def test_synonyms_are_disjoint_groups_of_the_grammars_keyword_and_operator_leaves(
    spec: LanguageSpec,
) -> None:
    language = get_language(spec.grammar)  # type: ignore[arg-type]
    seen: set[str] = set()
    for group in spec.synonyms:
        assert len(group) >= 2, group
        for kind in group:
            assert kind not in seen, f"{spec.name}: {kind} in two groups"
            seen.add(kind)
            # An anonymous leaf of the grammar, kept as its kind (never an identifier or a
            # literal, whose symbol is its category's).
            assert language.id_for_node_kind(kind, False) is not None, f"{spec.name}: {kind}"
            assert kind not in spec.identifiers | spec.strings | spec.comments
            assert kind not in spec.literals


@pytest.mark.parametrize("name", ["c", "cpp", "java", "javascript", "python"])
def test_the_main_languages_have_loop_and_comparison_synonyms(name: str) -> None:
    canonical = canonical_kinds(get_spec(name))
    assert canonical["while"] == "for"
    assert canonical[">"] == canonical["<="] == canonical[">="] == "<"
    assert canonical["!="] == "=="


def test_a_language_without_synonyms_keeps_every_kind() -> None:
    assert canonical_kinds(get_spec("go")) == {}
    assert _symbols("for i < n { i++ }", "go") != _symbols("for i > n { i-- }", "go")


@pytest.mark.parametrize(
    ("language", "original", "rewritten"),
    [
        ("java",
         "void f(int n) { for (int i = 0; i < n; i++) { s += i; } if (a == b) x(); }",
         "void f(int n) { for (int i = 0; i >= n; i--) { s -= i; } if (a != b) x(); }"),
        ("c",
         "int f(int n) { for (i = 0; i <= n; ++i) t += i; return t; }",
         "int f(int n) { for (i = 0; i > n; --i) t -= i; return t; }"),
        ("cpp",
         "int f(int n) { do { n--; } while (n > 0); return n; }",
         "int f(int n) { do { n++; } while (n <= 0); return n; }"),
        ("javascript",
         "function f(n) { for (let i = 0; i < n; i++) { if (i === n) g(); } }",
         "function f(n) { for (let i = 0; i > n; i--) { if (i !== n) g(); } }"),
        ("python",
         "for i in range(n):\n    if i == n:\n        t += i\n",
         "while i in range(n):\n    if i != n:\n        t -= i\n"),
    ],
)
def test_interchangeable_kinds_give_one_structure_stream(
    language: str, original: str, rewritten: str
) -> None:
    # The rewrites are token for token: only the interchangeable kinds differ.
    assert _symbols(original, language) == _symbols(rewritten, language)


@pytest.mark.parametrize(
    ("language", "loops"),
    [
        ("java", "class A { void f() { for (;;) {} while (x) {} do {} while (x); } }"),
        ("c", "void f() { for (;;) {} while (x) {} do {} while (x); }"),
        ("cpp", "void f() { for (;;) {} while (x) {} do {} while (x); }"),
        ("javascript", "for (;;) {} while (x) {} do {} while (x);"),
    ],
)
def test_every_loop_keyword_is_written_as_for(language: str, loops: str) -> None:
    tokens = fingerprint_source(loops.encode(), language, FingerprintSettings()).tokens
    at = {loops.encode()[s:e].decode(): int(v) for s, e, v in zip(
        tokens.start_byte.tolist(), tokens.end_byte.tolist(), tokens.symbols.tolist(),
        strict=True)}
    assert at["for"] == at["while"] == at["do"]
    assert at["for"] != at["("]


def test_other_operators_still_differ() -> None:
    assert _symbols("x = a + b;", "c") != _symbols("x = a - b;", "c")
    assert _symbols("x = a < b;", "c") != _symbols("x = a + b;", "c")


def test_the_lexical_fallback_writes_keyword_synonyms_canonically() -> None:
    java = get_spec("java")
    loop = tokenize_lexical(b"for (x) { y(); }", java).symbols.tolist()
    assert tokenize_lexical(b"while (x) { y(); }", java).symbols.tolist() == loop
    assert tokenize_lexical(b"if (x) { y(); }", java).symbols.tolist() != loop


def test_a_reference_index_built_with_other_synonyms_is_not_reused(monkeypatch) -> None:
    # The index holds k-grams of structure symbols, which the synonym groups shape.
    key = cache.cache_key([], FingerprintSettings(), IngestOptions())
    assert cache.cache_key([], FingerprintSettings(), IngestOptions()) == key
    monkeypatch.setattr(cache, "LANGUAGES", tuple(replace(s, synonyms=()) for s in LANGUAGES))
    assert cache.cache_key([], FingerprintSettings(), IngestOptions()) != key
