"""Tree-sitter helpers shared by the transformations and the injector: leaves with the
registry's categories, definitions, statements, indentation and span edits."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from tree_sitter import Node, Tree

from fingerprints.languages import LanguageSpec, get_spec, leaf_category, parser_for

from .tables import RULES, LanguageRules

# Categories whose nodes are taken whole (a string with escapes is one leaf).
_WHOLE = frozenset({"comment", "string", "literal", "identifier"})


@dataclass(frozen=True)
class Leaf:
    node: Node
    category: str | None  # leaf_category of the registry; None for operators/punctuation

    @property
    def start(self) -> int:
        return self.node.start_byte

    @property
    def end(self) -> int:
        return self.node.end_byte

    @property
    def type(self) -> str:
        return self.node.type

    @property
    def text(self) -> str:
        return (self.node.text or b"").decode("utf-8", "surrogateescape")


@dataclass(frozen=True)
class Definition:
    """A function or method that can be moved: ``outer`` includes decorators/export."""

    outer: Node
    inner: Node
    container: str  # node type of the list it sits in (module, class_body, ...)


class Language:
    """One language's registry entry, parser and benchmark rules."""

    def __init__(self, name: str) -> None:
        self.spec: LanguageSpec = get_spec(name)
        self.rules: LanguageRules = RULES[name]
        self.parser = parser_for(self.spec)

    def parse(self, source: bytes) -> Tree:
        return self.parser.parse(source)

    def category(self, node: Node) -> str | None:
        return leaf_category(self.spec, node.type, node.is_named)

    def leaves(self, node: Node) -> list[Leaf]:
        """Tokens of ``node`` in source order, comments included, zero-width nodes left out."""
        out: list[Leaf] = []
        stack = [node]
        while stack:
            n = stack.pop()
            cat = self.category(n)
            if cat in _WHOLE or n.child_count == 0:
                if n.end_byte > n.start_byte:
                    out.append(Leaf(n, cat))
                continue
            stack.extend(reversed(n.children))
        return out

    def code_tokens(self, node: Node) -> int:
        """Leaves other than comments: about what simcheck's structure stream counts."""
        return sum(1 for leaf in self.leaves(node) if leaf.category != "comment")

    def definitions(self, root: Node) -> list[Definition]:
        """Movable definitions not nested inside another function, in source order."""
        found: list[Definition] = []
        stack = [root]
        while stack:
            n = stack.pop()
            if n.type in self.rules.function_types:
                outer = n
                while outer.parent is not None and outer.parent.type in self.rules.wrapper_types:
                    outer = outer.parent
                if outer.parent is not None:
                    found.append(Definition(outer, n, outer.parent.type))
                continue  # nested definitions stay with their parent
            if n.type in self.spec.functions:
                continue  # lambdas, arrow functions: their insides are not top level
            stack.extend(reversed(n.children))
        return found

    def statements(self, node: Node) -> Iterator[list[Node]]:
        """Each statement list (block) inside ``node``: its statements, comments left out."""
        stack = [node]
        while stack:
            n = stack.pop()
            if n.type in self.rules.block_types:
                yield [c for c in n.named_children if self.category(c) != "comment"]
            stack.extend(reversed(n.children))

    def has_leaf(self, node: Node, types: frozenset[str]) -> bool:
        """Whether any node of ``types`` lies in ``node`` (keyword leaves such as return)."""
        stack = [node]
        while stack:
            n = stack.pop()
            if n.type in types:
                return True
            stack.extend(n.children)
        return False


def error_count(tree: Tree) -> int:
    """ERROR and MISSING nodes: real C with macros seldom parses cleanly, so a change is
    checked by not adding any, rather than by a clean parse."""
    count = 0
    stack = [tree.root_node]
    while stack:
        n = stack.pop()
        if n.is_error or n.is_missing:
            count += 1
        stack.extend(c for c in n.children if c.has_error or c.is_missing)
    return count


def field_path(node: Node) -> tuple[str, str]:
    """(parent type, field name or '*') of ``node``."""
    parent = node.parent
    if parent is None:
        return ("", "*")
    for i, child in enumerate(parent.children):
        if child.id == node.id:
            return (parent.type, parent.field_name_for_child(i) or "*")
    return (parent.type, "*")


def line_start(source: bytes, pos: int) -> int:
    return source.rfind(b"\n", 0, pos) + 1


def line_end(source: bytes, pos: int) -> int:
    end = source.find(b"\n", pos)
    return len(source) if end < 0 else end


def starts_line(source: bytes, pos: int) -> bool:
    """Only whitespace before ``pos`` on its line."""
    return source[line_start(source, pos) : pos].strip() == b""


def ends_line(source: bytes, pos: int) -> bool:
    """Only whitespace after ``pos`` on its line."""
    return source[pos : line_end(source, pos)].strip() == b""


def indent_of(source: bytes, pos: int) -> str:
    """The leading whitespace of the line holding ``pos``."""
    start = line_start(source, pos)
    line = source[start : line_end(source, pos)]
    return line[: len(line) - len(line.lstrip())].decode()


def reindent(text: str, old: str, new: str) -> str:
    """Lines after the first lose the prefix ``old`` and gain ``new``; blank lines stay
    empty."""
    lines = text.split("\n")
    out = [lines[0]]
    for line in lines[1:]:
        if not line.strip():
            out.append("")
            continue
        # A line indented less than the first one sits inside a multi-line string.
        out.append(new + (line[len(old):] if line.startswith(old) else line.lstrip()))
    return "\n".join(out)


Edit = tuple[int, int, bytes]


def apply_edits(source: bytes, edits: list[Edit]) -> bytes:
    """Replace byte spans; spans must not overlap (an insertion is an empty span)."""
    ordered = sorted(edits, key=lambda e: (e[0], e[1]))
    for (s1, e1, _), (s2, _, _) in zip(ordered, ordered[1:], strict=False):
        if s2 < e1:
            raise ValueError(f"overlapping edits at bytes {s1}-{e1} and {s2}")
    parts: list[bytes] = []
    pos = 0
    for start, end, text in ordered:
        parts.append(source[pos:start])
        parts.append(text)
        pos = end
    parts.append(source[pos:])
    return b"".join(parts)


def disjoint(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    """Whether [start, end) overlaps none of ``spans``."""
    return all(end <= s or start >= e for s, e in spans)
