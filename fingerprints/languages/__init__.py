"""Language registry: which languages the engine reads, and how to read their grammars."""

from __future__ import annotations

import functools
import hashlib
import json
from dataclasses import asdict
from importlib import metadata
from typing import Any

from tree_sitter import Parser
from tree_sitter_language_pack import get_language, get_parser

from .catalog import LANGUAGES, TEMPLATE_SUFFIXES
from .detect import detect_language, template_suffix
from .spec import LITERAL_KINDS, LanguageSpec

__all__ = [
    "LANGUAGES",
    "LITERAL_KINDS",
    "TEMPLATE_SUFFIXES",
    "LanguageSpec",
    "detect_language",
    "get_spec",
    "grammar_version",
    "leaf_category",
    "parser_for",
    "registry_digest",
    "template_suffix",
]

_BY_NAME: dict[str, LanguageSpec] = {spec.name: spec for spec in LANGUAGES}


def get_spec(name: str) -> LanguageSpec:
    """The catalog entry called `name` (e.g. "cpp"); KeyError naming the known ones if absent."""
    try:
        return _BY_NAME[name]
    except KeyError:
        known = ", ".join(sorted(_BY_NAME))
        raise KeyError(f"unknown language {name!r}; known languages: {known}") from None


@functools.cache
def registry_digest() -> str:
    """SHA-256 of the registry's data (every entry, sets sorted, and the template
    suffixes): what a stored fingerprint depends on besides the grammars, so a cache keyed
    by it never outlives a change."""

    def canonical(value: Any) -> Any:
        if isinstance(value, (set, frozenset)):
            return sorted(value)
        if isinstance(value, dict):
            return {k: canonical(v) for k, v in sorted(value.items())}
        if isinstance(value, (list, tuple)):
            return [canonical(v) for v in value]
        return value

    # The template suffixes decide which language a file is read in, as the entries do.
    text = json.dumps({"languages": [canonical(asdict(spec)) for spec in LANGUAGES],
                       "templates": sorted(TEMPLATE_SUFFIXES)}, sort_keys=True)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def grammar_version(spec: LanguageSpec) -> str:
    """Which grammar build parsed a file, for reproducibility records.

    E.g. "tree-sitter-language-pack 0.13.0; python 0.25.0; abi 15". Grammars that do not
    declare a semantic version show only their ABI.
    """
    try:
        pack = metadata.version("tree-sitter-language-pack")
    except metadata.PackageNotFoundError:
        pack = "unknown"
    parts = [f"tree-sitter-language-pack {pack}"]
    lang = get_language(spec.grammar)  # type: ignore[arg-type]  # names are checked by tests
    semver = getattr(lang, "semantic_version", None)
    if semver:
        parts.append(f"{spec.grammar} " + ".".join(str(x) for x in semver))
    abi = getattr(lang, "abi_version", None)
    if abi is not None:
        parts.append(f"abi {abi}")
    return "; ".join(parts)


@functools.lru_cache(maxsize=64)  # more than the catalog holds: never evicts
def _parser(name: str, grammar: str) -> Parser:
    return get_parser(grammar)  # type: ignore[arg-type]


def parser_for(spec: LanguageSpec) -> Parser:
    """A tree-sitter parser for `spec`, built once per process and grammar.

    Parsers are not thread-safe: a threaded caller should keep one per thread (processes are
    the engine's unit of parallelism, so a per-process cache is enough here).
    """
    return _parser(spec.name, spec.grammar)


def leaf_category(spec: LanguageSpec, node_type: str, is_named: bool) -> str | None:
    """The category of a leaf (or of a node taken whole): "comment", "string", "literal",
    "identifier", "keyword", or None for operators, punctuation and unlisted leaves.

    A type string can name both a named and an anonymous kind (TypeScript `number` is the
    numeric literal and the type keyword). The catalog then lists it in `keywords` for the
    anonymous kind and in another category for the named one, so anonymous nodes are looked
    up in `keywords` first and named nodes last.
    """
    if not is_named and node_type in spec.keywords:
        return "keyword"
    if node_type in spec.comments:
        return "comment"
    if node_type in spec.strings:
        return "string"
    if node_type in spec.literals:
        return "literal"
    if node_type in spec.identifiers:
        return "identifier"
    if node_type in spec.keywords:
        return "keyword"
    return None
