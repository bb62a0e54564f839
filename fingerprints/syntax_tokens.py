"""Tokenise a file through its tree-sitter grammar, using the registry's node categories."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, lru_cache

import numpy as np
from tree_sitter import Language, Node, Parser, Range, Tree
from tree_sitter_language_pack import get_parser

from .embedded import Region, region_of, shifted, splice
from .languages import LanguageSpec, leaf_category, parser_for
from .languages.spec import Embedding
from .lexical_tokens import read_lexical
from .tokens import (
    IDENT,
    LEXICAL_CATEGORIES,
    STRING,
    FileTokens,
    RawTokens,
    count_lines,
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
    # Bit 1: a definition (function, method, class...); bit 2: a constant's declarator
    # (the spec's ``constants``); bit 4: a node that may hold an embedded region.
    marks: bytes
    wraps: bytes  # 1 = a wrapper a definition belongs to (decorators, export, template)
    functions: bytes  # 1 = a function (a constant declared inside one is not the file's)
    actions: np.ndarray  # uint8
    symbols: np.ndarray  # uint64
    categories: np.ndarray  # uint8
    embeds: dict[int, tuple[Embedding, ...]]  # kind id -> the spec's embeddings of it


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
    declares = np.zeros(_KIND_IDS, dtype=bool)
    functions = np.zeros(_KIND_IDS, dtype=bool)
    for table, names in ((defines, spec.definitions), (wraps, spec.definition_wrappers),
                         (declares, {c.node for c in spec.constants}),
                         (functions, spec.functions)):
        for name in names:
            kind_id = language.id_for_node_kind(name, True)
            if kind_id is not None:
                table[kind_id] = True
    embeds: dict[int, tuple[Embedding, ...]] = {}
    for embedding in spec.embedded:
        kind_id = language.id_for_node_kind(embedding.node, True)
        if kind_id is not None:
            embeds[kind_id] = (*embeds.get(kind_id, ()), embedding)
    embedded = np.zeros(_KIND_IDS, dtype=bool)
    embedded[list(embeds)] = True
    marks = (defines.astype(np.uint8) | (declares.astype(np.uint8) << 1)
             | (embedded.astype(np.uint8) << 2))
    # A node that may hold a region is taken whole: its text is the guest's.
    return _KindTable(
        bytes((actions == _DESCEND) & ~embedded), bytes(marks), bytes(wraps),
        bytes(functions), actions, symbols, categories, embeds,
    )


def tokenize_syntax(source: bytes, spec: LanguageSpec) -> FileTokens:
    """Parse ``source`` (UTF-8) and walk its leaves in source order.

    Runs in a worker process in production (see ``parse_pool``): some grammars never
    return on some inputs.
    """
    return file_tokens_many([read_syntax(source, spec)])[0]


def parser_input(source: bytes, spec: LanguageSpec) -> bytes:
    """What the grammar is given for ``source``: offsets are unchanged, and tokens take
    their text from ``source`` itself.

    A file whose last line lacks its newline is parsed as if it had one: grammars end some
    constructs with the newline (tree-sitter-c's preprocessor directives: a header ending
    in `#define ...` read as a syntax error), and no language gives the last newline a
    meaning; nothing past the file's end is kept. In a fixed-form file, each comment
    line's first character becomes the grammar's ``!`` (same length)."""
    text = source if source.endswith(b"\n") or not source else source + b"\n"
    if spec.column_one_comments:
        text = _comment_line_start(spec.column_one_comments).sub(b"!", text)
    return text


@cache
def _comment_line_start(characters: str) -> re.Pattern[bytes]:
    return re.compile(b"(?m)^[" + re.escape(characters.encode()) + b"]")


def read_syntax(source: bytes, spec: LanguageSpec) -> RawTokens:
    """``tokenize_syntax`` before line numbers (``file_tokens_many`` adds them, for several
    files at once)."""
    text = parser_input(source, spec)
    tree = parser_for(spec).parse(text)
    return _read_tree(source, spec, tree, len(text) == len(source), "the file")


@lru_cache(maxsize=64)
def _region_parser(grammar: str) -> Parser:
    # Apart from ``parser_for``'s: these parsers' included ranges change with every region.
    return get_parser(grammar)  # type: ignore[arg-type]  # names are checked by tests


def _read_region(source: bytes, region: Region) -> RawTokens:
    """The tokens of one embedded region of ``source``, with the file's offsets: parsed by
    its guest's grammar over the region alone; lexical tokens when the region's language
    has no grammar here or its grammar fails (the note names the lines)."""
    guest = region.guest
    if guest is None:
        note = f"{region.lines(source)}: no grammar for {region.chosen}; lexical tokens used there"
        return shifted(read_lexical(source[region.start : region.end], None, note),
                       region.start, source)
    try:
        parser = _region_parser(guest.grammar)
        parser.included_ranges = [
            Range(region.start_point, region.end_point, region.start, region.end)]
        tree = parser.parse(source)
        whole = f"the {guest.display} in {region.lines(source)}" if region.errors_noted else None
        return _read_tree(source, guest, tree, True, whole)
    except Exception as exc:  # a guest's failure must still leave its region compared
        note = (f"{region.lines(source)}: {guest.display} parse failed ({type(exc).__name__});"
                " lexical tokens used there")
        return shifted(read_lexical(source[region.start : region.end], guest, note),
                       region.start, source)


def _read_tree(source: bytes, spec: LanguageSpec, tree: Tree, ended: bool, whole: str | None
               ) -> RawTokens:
    """Walk ``tree`` (``spec``'s grammar over ``source``, or over part of it) into token
    streams; embedded regions are read by their own languages and spliced in. ``whole``
    names what the tree covers, for the note of a syntax error (None: none is noted)."""
    has_error = tree.root_node.has_error
    table = _kind_table(spec)
    descend, marks, wraps = table.descend, table.marks, table.wraps
    kinds: list[int] = []
    spans: list[int] = []  # start, end, start, end...
    definitions: list[tuple[int, int]] = []  # byte ranges
    declarators: list[Node] = []  # of constants, maybe
    regions: list[tuple[int, Region]] = []  # (index in kinds of its node's token, region)

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
        if marks[kind]:
            if marks[kind] & 1:
                definitions.append(_definition_range(node, wraps))
            if marks[kind] & 2:
                declarators.append(node)
            if marks[kind] & 4:
                region = region_of(node, source, table.embeds[kind])
                if region is not None:
                    regions.append((len(kinds), region))
        if descend[kind] and first_child():
            continue
        add_kind(kind)
        add_span(node.byte_range)
        while not next_sibling():
            if not parent():
                note = (_error_note(tree.root_node, spec, source, whole)
                        if has_error and whole is not None else None)
                constants = _constants(source, spec, table, declarators)
                host = _tokens(source, table, kinds, spans, definitions, note, constants,
                               ended, [i for i, _ in regions])
                if not regions:
                    return host
                guests = [_read_region(source, r) for _, r in regions if r.end > r.start]
                notes = [n for n in (host.note, *(g.note for g in guests)) if n]
                return splice(host, guests, notes)


def _error_note(root: Node, spec: LanguageSpec, source: bytes, whole: str = "the file") -> str:
    """What the file list says of a file the grammar reported errors in: where the first
    one is, and, since the file may still be valid, the constructs the grammar is known
    to reject."""
    node, exact = _first_error(root)
    # A missing token may sit on the newline added past the file's end: its last line.
    last = max(count_lines(source), 1)
    first, end = (min(p[0] + 1, last) for p in (node.start_point, node.end_point))
    if exact or first == end:
        where = f"at line {first}"
    else:
        where = f"in lines {first}-{end}"
    if not exact:
        where += f" (in node {node.type})"
    note = (f"syntax error {where} reported by the {spec.display} grammar; its error recovery"
            f" kept the rest of {whole}")
    if spec.known_parse_gaps:
        note += (f"; {whole} may be valid {spec.display}: the grammar rejects valid "
                 + "; ".join(spec.known_parse_gaps))
    return note


def _first_error(root: Node) -> tuple[Node, bool]:
    """The first ERROR or MISSING node in source order (True), or, when that is a hidden
    node (a grammar's auxiliary token, such as the newline that ends a C directive: the
    tree-sitter API lists visible nodes only), the innermost visible node holding it
    (False). Only subtrees holding an error are walked; a stack, not recursion: trees can
    be deeper than Python's recursion limit. ``root`` must hold an error.

    A root that is itself an ERROR (the grammar could not read the file as a whole, as
    tree-sitter-c on K&R definitions between ``#ifdef``s) starts at line 1 wherever the
    trouble is: its first child that is a bare token (one the grammar could not fit into
    any construct) or that holds an error is named instead."""
    top = root
    if root.is_error:
        stray = next((c for c in root.children if c.has_error or c.is_missing
                      or (c.child_count == 0 and not c.is_extra)), None)
        if stray is None or not stray.has_error:
            return stray or root, True
        top = stray
    stack = [top]
    while True:
        node = stack.pop()
        if node.is_error or node.is_missing:
            return node, True
        inner = [c for c in node.children if c.has_error or c.is_missing]
        if not inner:
            return node, False
        stack.extend(reversed(inner))


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
    constants: _Constants | None = None,
    ended: bool = True,
    hidden: list[int] | None = None,
) -> RawTokens:
    """The token streams from the walk's (kind, span) records, in source order. ``ended``
    False: the tree was parsed with a newline added past the end of ``source``, which no
    span may include (a token of that newline alone becomes empty and is dropped).
    ``hidden``: records that are no token of this language (nodes holding embedded code)."""
    # fromiter: about twice as fast as np.array on a list of ints.
    kind = np.fromiter(kinds, dtype=np.intp, count=len(kinds))
    span = np.fromiter(spans, dtype=np.int64, count=len(spans))
    if not ended:
        np.minimum(span, len(source), out=span)
        definitions = [(s, min(e, len(source))) for s, e in definitions]
    starts, ends = span[0::2], span[1::2]
    action = table.actions[kind]
    # Comments are lexical only; a zero-width leaf is a MISSING node, not a token (a
    # MISSING identifier or literal is still one: the parser inserted it in its place).
    code = (action != _COMMENT) & ((action != _DESCEND) | (ends > starts))
    category = table.categories[kind]
    lexical = category != _NO_CATEGORY
    if hidden:
        code[hidden] = False
        lexical[hidden] = False
    symbols = table.symbols[kind[code]]
    inlined = None
    if constants:
        inlined = _inline(source, symbols, starts[code], ends[code], action[code] == _IDENT,
                          constants)
    return RawTokens(
        source,
        symbols,
        starts[code],
        ends[code],
        category[lexical],
        starts[lexical],
        ends[lexical],
        "tree-sitter",
        note,
        np.array(definitions, dtype=np.int64).reshape(-1, 2),
        inlined,
    )


@dataclass(frozen=True)
class _Constants:
    """Named constants of one file: each name's literal symbol, and where the names are
    declared (the declaring identifier keeps its own symbol)."""

    symbols: dict[bytes, int]
    declared_at: frozenset[int]  # start bytes of the declaring identifiers

    def __bool__(self) -> bool:
        return bool(self.symbols)


# Macro bodies (C ``preproc_arg``) are opaque text: one that is a lone number, string or
# character literal stands for that literal; any other body (an expression) for nothing.
_NUMBER_TEXT = re.compile(
    rb"[+-]?(?:0[xX][0-9a-fA-F']+|[0-9][0-9']*\.?[0-9']*(?:[eE][+-]?[0-9]+)?)[uUlLfF]*"
)
_STRING_TEXT = re.compile(rb'"(?:[^"\\\n]|\\.)*"')
_CHAR_TEXT = re.compile(rb"'(?:[^'\\\n]|\\.)+'")


def _literal_symbol(source: bytes, table: _KindTable, node: Node) -> int | None:
    """The structure symbol of the literal ``node`` is (through wrappers holding only it,
    such as Go's expression list), or None when it is not one literal."""
    while True:
        action = int(table.actions[node.kind_id])
        if action in (_STRING, _LITERAL):
            break
        named = node.named_children
        if action != _DESCEND or len(named) != 1 or node.child_count != 1:
            return None
        node = named[0]
    symbol = int(table.symbols[node.kind_id])
    if action == _LITERAL and symbol == symbol_of("<other>"):
        text = source[node.start_byte : node.end_byte].strip()
        for pattern, name in ((_NUMBER_TEXT, "<number>"), (_STRING_TEXT, STRING),
                              (_CHAR_TEXT, "<char>")):
            if pattern.fullmatch(text):
                return symbol_of(name)
        return None
    return symbol


def _has_marker(node: Node, marker: str, up: int, seen: dict[tuple[int, str], bool]) -> bool:
    """Whether ``marker`` is the type of a child or grandchild of ``node``'s ancestor ``up``
    levels up. ``seen`` keeps the answer per ancestor: the declarators of one declaration
    share it, and rescanning it for each of them made a declaration of n parts cost n^2
    (a minified file's single ``var`` of 20,000 parts outlasted the parse time limit)."""
    for _ in range(up):
        if node.parent is None:
            return False
        node = node.parent
    key = (node.id, marker)
    found = seen.get(key)
    if found is None:
        found = seen[key] = any(c.type == marker or any(g.type == marker for g in c.children)
                                for c in node.children)
    return found


def _outside_functions(node: Node, table: _KindTable) -> bool:
    parent = node.parent
    while parent is not None:
        if table.functions[parent.kind_id]:
            return False
        parent = parent.parent
    return True


def _declared(
    source: bytes, spec: LanguageSpec, table: _KindTable, node: Node,
    seen: dict[tuple[int, str], bool],
) -> tuple[Node | None, int | None]:
    """The identifier a constant declarator declares (None: it names none) and the symbol
    of its literal (None: no form of the spec qualifies it as a constant of the file).
    ``seen``: ``_has_marker``'s answers so far in this file."""
    name_node = None
    for form in spec.constants:
        if form.node != node.type:
            continue
        name_node = node.child_by_field_name(form.name)
        if name_node is None or table.actions[name_node.kind_id] != _IDENT:
            name_node = None
            continue
        name = source[name_node.start_byte : name_node.end_byte].decode("utf-8", "replace")
        if form.pattern and not re.fullmatch(form.pattern, name):
            continue
        if form.marker and not _has_marker(node, form.marker, form.marker_up, seen):
            continue
        named = node.named_children
        value = node.child_by_field_name(form.value) if form.value else (
            named[-1] if named else None)
        if value is None or value.start_byte == name_node.start_byte:
            continue
        symbol = _literal_symbol(source, table, value)
        if symbol is not None and _outside_functions(node, table):
            return name_node, symbol
    return name_node, None


def _constants(
    source: bytes, spec: LanguageSpec, table: _KindTable, declarators: list[Node]
) -> _Constants | None:
    """The file's named constants, from the declarators of its spec's constant forms: a
    name declared outside any function, by a form whose marker and naming rule it meets,
    bound to one literal. A name that such a node also declares otherwise (assigns an
    expression, or a literal of another kind) is no constant."""
    found: dict[bytes, int] = {}
    spoilt: set[bytes] = set()
    declared: set[int] = set()
    seen: dict[tuple[int, str], bool] = {}
    for node in declarators:
        name_node, symbol = _declared(source, spec, table, node, seen)
        if name_node is None:
            continue
        name = source[name_node.start_byte : name_node.end_byte]
        if symbol is None or found.get(name, symbol) != symbol:
            spoilt.add(name)
        else:
            found[name] = symbol
            declared.add(name_node.start_byte)
    for name in spoilt:
        found.pop(name, None)
    return _Constants(found, frozenset(declared)) if found else None


def _inline(source: bytes, symbols: np.ndarray, starts: np.ndarray, ends: np.ndarray,
            identifier: np.ndarray, constants: _Constants) -> np.ndarray:
    """Give each identifier token naming a constant (but the declaring one) the symbol of
    the constant's literal, in place; the indexes of those tokens (sorted)."""
    idx = np.flatnonzero(identifier)
    lengths = ends[idx] - starts[idx]
    wanted = np.fromiter({len(n) for n in constants.symbols}, dtype=np.int64)
    idx = idx[np.isin(lengths, wanted)]  # few identifiers have a constant's length
    done = []
    for i, s, e in zip(idx.tolist(), starts[idx].tolist(), ends[idx].tolist(), strict=True):
        symbol = constants.symbols.get(source[s:e])
        if symbol is not None and s not in constants.declared_at:
            symbols[i] = symbol
            done.append(i)
    return np.asarray(done, dtype=np.int64)
