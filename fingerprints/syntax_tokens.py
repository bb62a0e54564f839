"""Tokenise a file through its tree-sitter grammar, using the registry's node categories."""

from __future__ import annotations

from dataclasses import dataclass

from tree_sitter import Language, Parser

from .languages import LanguageSpec, leaf_category, parser_for
from .tokens import IDENT, FileTokens, LexicalCategory, build_file_tokens, symbol_of

# Per node kind: what the walker does with it.
_DESCEND, _STRUCT, _IDENT, _STRING, _LITERAL, _COMMENT = range(6)


@dataclass(frozen=True)
class _KindTable:
    """Per grammar kind id: the action and the structure symbol it emits (0 = none)."""

    actions: tuple[int, ...]
    symbols: tuple[int, ...]


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
    actions = [_DESCEND] * count
    symbols = [0] * count
    for kind_id in range(count):
        name = language.node_kind_for_id(kind_id) or ""
        category = leaf_category(spec, name, language.node_kind_is_named(kind_id))
        if category == "comment":
            actions[kind_id] = _COMMENT
        elif category == "string":
            actions[kind_id], symbols[kind_id] = _STRING, symbol_of("<string>")
        elif category == "literal":
            actions[kind_id] = _LITERAL
            symbols[kind_id] = symbol_of(f"<{spec.literals[name]}>")
        elif category == "identifier":
            actions[kind_id], symbols[kind_id] = _IDENT, symbol_of(IDENT)
        else:
            # Keywords, operators and other leaves keep their kind: it is the structure.
            actions[kind_id], symbols[kind_id] = _DESCEND, symbol_of(name.lower())
    return _KindTable(tuple(actions), tuple(symbols))


def tokenize_syntax(source: bytes, spec: LanguageSpec) -> FileTokens:
    """Parse ``source`` (UTF-8) and walk its leaves in source order.

    Runs in a worker process in production (see ``parse_pool``): some grammars never
    return on some inputs.
    """
    parser: Parser = parser_for(spec)
    tree = parser.parse(source)
    has_error = tree.root_node.has_error
    table = _kind_table(spec)
    actions, kind_symbols = table.actions, table.symbols
    symbols: list[int] = []
    starts: list[int] = []
    ends: list[int] = []
    lexical: list[tuple[LexicalCategory, int, int]] = []

    # The hot loop: one iteration per tree node, so lookups are hoisted into locals.
    n_kinds = len(actions)
    add_symbol, add_start, add_end, add_lexical = (
        symbols.append, starts.append, ends.append, lexical.append
    )
    cursor = tree.walk()
    first_child, next_sibling, parent = (
        cursor.goto_first_child, cursor.goto_next_sibling, cursor.goto_parent
    )
    while True:
        node = cursor.node
        kind = node.kind_id
        action = actions[kind] if kind < n_kinds else _DESCEND
        if action == _DESCEND:
            if node.child_count:
                if first_child():
                    continue
            else:
                start, end = node.start_byte, node.end_byte
                if end > start:  # zero-width MISSING nodes are not tokens
                    add_symbol(kind_symbols[kind] if kind < n_kinds else symbol_of(node.type))
                    add_start(start)
                    add_end(end)
        else:
            start, end = node.start_byte, node.end_byte
            if action == _COMMENT:
                add_lexical(("comment", start, end))
            else:
                add_symbol(kind_symbols[kind])
                add_start(start)
                add_end(end)
                if action == _IDENT:
                    add_lexical(("identifier", start, end))
                elif action == _STRING:
                    add_lexical(("string", start, end))
        while not next_sibling():
            if not parent():
                note = "syntax errors tolerated (parser error recovery)" if has_error else None
                return build_file_tokens(
                    source, symbols, starts, ends, lexical, "tree-sitter", note
                )
