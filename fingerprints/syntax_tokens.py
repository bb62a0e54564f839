"""Tokenise a file through its tree-sitter grammar, using the registry's node categories."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from tree_sitter import Language, Node, Parser

from .languages import LanguageSpec, leaf_category, parser_for
from .tokens import (
    IDENT,
    LEXICAL_CATEGORIES,
    STRING,
    FileTokens,
    RawTokens,
    file_tokens_many,
    symbol_of,
)

# Per node kind: what the walker does with it.
_DESCEND, _STRUCT, _IDENT, _STRING, _LITERAL, _COMMENT = range(6)
# Node kind ids are 16-bit; ids past the grammar's own (ERROR is 65535) get table rows too,
# so the hot loop indexes without a bounds check.
_KIND_IDS = 1 << 16
_NO_CATEGORY = 255


@dataclass(frozen=True)
class _KindTable:
    """Per grammar kind id (all 65536): whether the walker descends into such a node, the
    action taken when it is a token, the structure symbol it emits and its lexical
    category (index into LEXICAL_CATEGORIES, 255 = none)."""

    descend: bytes  # 1 = walk the children (when there are any)
    defines: bytes  # 1 = a definition (function, method, class...)
    wraps: bytes  # 1 = a wrapper a definition belongs to (decorators, export, template)
    actions: np.ndarray  # uint8
    symbols: np.ndarray  # uint64
    categories: np.ndarray  # uint8


_tables: dict[str, _KindTable] = {}


def _kind_table(spec: LanguageSpec) -> _KindTable:
    table = _tables.get(spec.name)
    if table is None:
        table = _tables[spec.name] = _build_kind_table(spec)
    return table


def _build_kind_table(spec: LanguageSpec) -> _KindTable:
    """Resolve the spec's category names to grammar kind ids once per language, so the hot
    loop compares small ints instead of strings."""
    language: Language = parser_for(spec).language
    count = language.node_kind_count
    actions = np.full(_KIND_IDS, _DESCEND, dtype=np.uint8)
    symbols = np.zeros(_KIND_IDS, dtype=np.uint64)
    for kind_id in range(_KIND_IDS):
        name = language.node_kind_for_id(kind_id)
        if kind_id >= count:
            # Built-in kinds (ERROR): walked into, and a token of their own name when bare.
            if name is not None:
                symbols[kind_id] = symbol_of(name)
            continue
        name = name or ""
        category = leaf_category(spec, name, language.node_kind_is_named(kind_id))
        if category == "comment":
            actions[kind_id] = _COMMENT
        elif category == "string":
            actions[kind_id], symbols[kind_id] = _STRING, symbol_of(STRING)
        elif category == "literal":
            actions[kind_id] = _LITERAL
            symbols[kind_id] = symbol_of(f"<{spec.literals[name]}>")
        elif category == "identifier":
            actions[kind_id], symbols[kind_id] = _IDENT, symbol_of(IDENT)
        else:
            # Keywords, operators and other leaves keep their kind: it is the structure.
            symbols[kind_id] = symbol_of(name.lower())
    categories = np.full(_KIND_IDS, _NO_CATEGORY, dtype=np.uint8)
    for action, category_name in ((_IDENT, "identifier"), (_STRING, "string"),
                                  (_COMMENT, "comment")):
        categories[actions == action] = LEXICAL_CATEGORIES.index(category_name)
    defines = np.zeros(_KIND_IDS, dtype=bool)
    wraps = np.zeros(_KIND_IDS, dtype=bool)
    for table, names in ((defines, spec.definitions), (wraps, spec.definition_wrappers)):
        for name in names:
            kind_id = language.id_for_node_kind(name, True)
            if kind_id is not None:
                table[kind_id] = True
    return _KindTable(
        bytes(actions == _DESCEND), bytes(defines), bytes(wraps), actions, symbols, categories
    )


def tokenize_syntax(source: bytes, spec: LanguageSpec) -> FileTokens:
    """Parse ``source`` (UTF-8) and walk its leaves in source order.

    Runs in a worker process in production (see ``parse_pool``): some grammars never
    return on some inputs.
    """
    return file_tokens_many([read_syntax(source, spec)])[0]


def read_syntax(source: bytes, spec: LanguageSpec) -> RawTokens:
    """``tokenize_syntax`` before line numbers (``file_tokens_many`` adds them, for several
    files at once)."""
    parser: Parser = parser_for(spec)
    tree = parser.parse(source)
    has_error = tree.root_node.has_error
    table = _kind_table(spec)
    descend, defines, wraps = table.descend, table.defines, table.wraps
    kinds: list[int] = []
    spans: list[int] = []  # start, end, start, end...
    definitions: list[tuple[int, int]] = []  # byte ranges

    # The hot loop: one iteration per tree node, recording only each token's kind id and
    # byte range; what the kind means is looked up afterwards, vectorised.
    add_kind, add_span = kinds.append, spans.extend
    cursor = tree.walk()
    first_child, next_sibling, parent = (
        cursor.goto_first_child, cursor.goto_next_sibling, cursor.goto_parent
    )
    while True:
        node = cursor.node
        kind = node.kind_id
        if defines[kind]:
            definitions.append(_definition_range(node, wraps))
        if descend[kind] and first_child():
            continue
        add_kind(kind)
        add_span(node.byte_range)
        while not next_sibling():
            if not parent():
                note = "syntax errors tolerated (parser error recovery)" if has_error else None
                return _tokens(source, table, kinds, spans, definitions, note)


def _definition_range(node: Node, wraps: bytes) -> tuple[int, int]:
    """A definition's byte range, widened to the wrappers it sits in (``@decorator``,
    ``export``, ``template<...>``): they are part of what was written, and copied, with it."""
    outer = node.parent
    while outer is not None and wraps[outer.kind_id]:
        node, outer = outer, outer.parent
    return node.start_byte, node.end_byte


def _tokens(
    source: bytes,
    table: _KindTable,
    kinds: list[int],
    spans: list[int],
    definitions: list[tuple[int, int]],
    note: str | None,
) -> RawTokens:
    """The token streams from the walk's (kind, span) records, in source order."""
    # fromiter: about twice as fast as np.array on a list of ints.
    kind = np.fromiter(kinds, dtype=np.intp, count=len(kinds))
    span = np.fromiter(spans, dtype=np.int64, count=len(spans))
    starts, ends = span[0::2], span[1::2]
    action = table.actions[kind]
    # Comments are lexical only; a zero-width leaf is a MISSING node, not a token (a
    # MISSING identifier or literal is still one: the parser inserted it in its place).
    code = (action != _COMMENT) & ((action != _DESCEND) | (ends > starts))
    category = table.categories[kind]
    lexical = category != _NO_CATEGORY
    return RawTokens(
        source,
        table.symbols[kind[code]],
        starts[code],
        ends[code],
        category[lexical],
        starts[lexical],
        ends[lexical],
        "tree-sitter",
        note,
        np.array(definitions, dtype=np.int64).reshape(-1, 2),
    )
