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
    table = _kind_table(spec)
    actions, kind_symbols = table.actions, table.symbols
    symbols: list[int] = []
    starts: list[int] = []
    ends: list[int] = []
    lexical: list[tuple[LexicalCategory, int, int]] = []
    errors = 0

    cursor = tree.walk()
    while True:
        node = cursor.node
        kind = node.kind_id
        action = actions[kind] if kind < len(actions) else _DESCEND
        descend = False
        if action == _DESCEND:
            if node.child_count:
                descend = True
                if node.is_error:
                    errors += 1
            elif node.end_byte > node.start_byte:  # zero-width MISSING nodes are not tokens
                symbols.append(kind_symbols[kind] if kind < len(actions) else symbol_of(node.type))
                starts.append(node.start_byte)
                ends.append(node.end_byte)
        elif action == _COMMENT:
            lexical.append(("comment", node.start_byte, node.end_byte))
        else:
            symbols.append(kind_symbols[kind])
            starts.append(node.start_byte)
            ends.append(node.end_byte)
            if action == _IDENT:
                lexical.append(("identifier", node.start_byte, node.end_byte))
            elif action == _STRING:
                lexical.append(("string", node.start_byte, node.end_byte))
        if descend and cursor.goto_first_child():
            continue
        while not cursor.goto_next_sibling():
            if not cursor.goto_parent():
                note = f"{errors} syntax error region(s) tolerated" if errors else None
                return build_file_tokens(
                    source, symbols, starts, ends, lexical, "tree-sitter", note
                )
