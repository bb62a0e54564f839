"""The disguises of issue 3, applied to one definition inside its own (donor) file.

Each transformation edits byte spans of the parsed donor file inside the definition, re-parses
between passes, and returns a ``Snippet``: the disguised definition at column 0, plus any
declarations it now needs before it (extracted constants) and after it (extracted methods).
All of it is generic over tree-sitter; the languages differ only by ``tables.RULES``.
A transformation returns None where the definition offers it nothing to change.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np
from tree_sitter import Node

from .syntax import (
    Edit,
    Language,
    Leaf,
    apply_edits,
    disjoint,
    ends_line,
    field_path,
    indent_of,
    line_end,
    line_start,
    reindent,
    starts_line,
)
from .tables import JUMP_LEAVES, TRUE_LITERAL, WORDS

TRANSFORMS = (
    "verbatim", "reformat", "rename_consistent", "rename_inconsistent", "reorder",
    "dead_code", "extract", "loops_conditionals",
)
# Conventional receiver names: renaming them is not a disguise anyone uses.
_KEPT_NAMES = frozenset({"self", "cls", "this", "super", "arguments"})
_BRACKETS = frozenset("()[]{},;")


@dataclass
class Snippet:
    """A disguised definition, ready to be indented into a host (all parts at column 0)."""

    body: str
    pre: list[str] = field(default_factory=list)  # declarations it needs before it
    post: list[str] = field(default_factory=list)  # definitions extracted after it

    def text(self) -> str:
        parts = []
        if self.pre:
            parts.append("\n".join(self.pre))
        parts.append(self.body)
        parts.extend(self.post)
        return "\n\n".join(parts)


class Site:
    """One definition inside its file; edits re-parse the file and find the node again."""

    def __init__(self, lang: Language, source: bytes, outer: Node, container: str) -> None:
        self.lang = lang
        self.source = source
        self.outer = outer
        self.container = container
        self.base = indent_of(source, outer.start_byte)  # the definition's own indentation
        self.changed = False

    def apply(self, edits: list[Edit]) -> None:
        if not edits:
            return
        start, kind = self.outer.start_byte, self.outer.type
        for s, e, _ in edits:
            if s < start or e > self.outer.end_byte:
                raise ValueError("edit outside the definition")
        self.source = apply_edits(self.source, edits)
        tree = self.lang.parse(self.source)
        node = tree.root_node.descendant_for_byte_range(start, start + 1)
        while node is not None and not (node.type == kind and node.start_byte == start):
            node = node.parent
        if node is None:
            raise ValueError(f"the {kind} at byte {start} is gone after editing")
        self.outer = node
        self.changed = True

    def text(self, node: Node) -> str:
        return self.source[node.start_byte : node.end_byte].decode("utf-8", "surrogateescape")

    def snippet(self, pre: list[str] | None = None, post: list[str] | None = None) -> Snippet:
        body = reindent(self.text(self.outer), self.base, "")
        return Snippet(body=body, pre=pre or [], post=post or [])

    def step(self) -> str:
        """One indentation level, as the definition's body uses it (4 spaces if unknown)."""
        for stmts in self.lang.statements(self.outer):
            for s in stmts:
                if starts_line(self.source, s.start_byte):
                    rel = indent_of(self.source, s.start_byte)
                    if rel.startswith(self.base) and len(rel) > len(self.base):
                        return rel[len(self.base):]
            break
        return "    "


class Names:
    """Fresh identifiers in the language's style that collide with nothing in ``taken``."""

    def __init__(self, rng: np.random.Generator, style: str, taken: set[str]) -> None:
        self.rng, self.style, self.taken = rng, style, set(taken)

    def fresh(self, kind: str = "local") -> str:
        while True:
            a, b = (str(w) for w in self.rng.choice(WORDS, 2, replace=False))
            if kind == "const":
                name = f"{a}_{b}".upper()
            elif self.style == "camel":
                name = a + b.capitalize()
            else:
                name = f"{a}_{b}"
            if name in self.taken:
                name += str(len(self.taken))
            if name not in self.taken:
                self.taken.add(name)
                return name


def identifiers_of(lang: Language, node: Node) -> set[str]:
    return {leaf.text for leaf in lang.leaves(node) if leaf.category == "identifier"}


# --- helpers over statements ---------------------------------------------------------------

def _whole_lines(site: Site, node: Node) -> bool:
    return starts_line(site.source, node.start_byte) and ends_line(site.source, node.end_byte)


def _is_docstring(lang: Language, node: Node) -> bool:
    """A statement that is a lone string (Python docstring, JavaScript 'use strict')."""
    if lang.category(node) == "string":
        return True
    named = node.named_children
    return len(named) == 1 and lang.category(named[0]) == "string"


def _movable(site: Site, node: Node) -> bool:
    """A statement that can be swapped, moved or extracted without breaking the syntax."""
    lang = site.lang
    return (
        node.type not in lang.rules.fixed_statement_types
        and _whole_lines(site, node)
        and not lang.has_leaf(node, JUMP_LEAVES)
        and not _is_docstring(lang, node)
    )


def _variables(lang: Language, node: Node) -> set[str]:
    """Identifier names other than type names (sharing a type name is no dependence)."""
    return {leaf.text for leaf in lang.leaves(node)
            if leaf.category == "identifier" and "type" not in leaf.type}


def _on_directive(site: Site, pos: int) -> bool:
    prefix = site.lang.rules.directive_prefix
    if prefix is None:
        return False
    start = line_start(site.source, pos)
    return site.source[start : line_end(site.source, pos)].lstrip().startswith(prefix.encode())


# --- the transformations --------------------------------------------------------------------

def verbatim(site: Site, rng: np.random.Generator, names: Names) -> Snippet | None:
    return site.snippet()


def _relayout(site: Site, rng: np.random.Generator) -> list[Edit]:
    """Whitespace between tokens: indentation, blank lines, spaces, argument lists split."""
    lang, src = site.lang, site.source
    leaves = lang.leaves(site.outer)
    edits: list[Edit] = []
    for a, b in zip(leaves, leaves[1:], strict=False):
        gap = src[a.end : b.start].decode("utf-8", "surrogateescape")
        if gap.strip() or _on_directive(site, a.start) or _on_directive(site, b.start):
            continue  # line continuations and preprocessor lines keep their layout
        if "jsx" in (a.node.parent.type if a.node.parent else ""):
            continue
        new = gap
        if "\n" in gap:
            lines = gap.count("\n")
            if lines >= 2 and rng.random() < 0.5:
                lines = 1
            elif rng.random() < 0.1:
                lines += 1
            indent = gap[gap.rfind("\n") + 1 :]
            if indent.startswith(site.base):
                rel = indent[len(site.base):]
                if lang.rules.layout_sensitive:
                    rel = rel * 2
                elif "\t" in rel:
                    rel = rel.replace("\t", "  ")
                else:
                    rel = "\t" * (len(rel) // 4) + " " * (len(rel) % 4)
                indent = site.base + rel
            new = "\n" * lines + indent
        elif gap == "":
            if rng.random() < 0.3:
                new = " "
        elif (a.text in _BRACKETS or b.text in _BRACKETS) and rng.random() < 0.5:
            new = ""
        if "\n" not in gap and a.text == "," and b.text not in _BRACKETS and rng.random() < 0.2:
            parent = a.node.parent
            first = parent.children[0].type if parent is not None and parent.children else ""
            if first in ("(", "[", "{"):
                new = "\n" + indent_of(src, a.start) + "        "
        if new != gap:
            edits.append((a.end, b.start, new.encode()))
    return edits


def _recomment(site: Site, rng: np.random.Generator) -> list[Edit]:
    """Delete about half of the comments, add one or two new comment lines."""
    lang, src = site.lang, site.source
    edits: list[Edit] = []
    for leaf in lang.leaves(site.outer):
        if leaf.category != "comment" or rng.random() >= 0.5 or leaf.start == site.outer.start_byte:
            continue
        if _whole_lines(site, leaf.node):
            edits.append((line_start(src, leaf.start), min(line_end(src, leaf.end) + 1, len(src)),
                          b""))
        else:
            start = leaf.start
            while start > 0 and src[start - 1 : start] in (b" ", b"\t"):
                start -= 1
            edits.append((start, leaf.end, b"" if start < leaf.start else b" "))
    slots = [s for stmts in lang.statements(site.outer) for s in stmts
             if starts_line(src, s.start_byte)]
    taken = [(s, e) for s, e, _ in edits]
    for k in rng.permutation(len(slots))[: 1 + int(rng.integers(2))]:
        pos = slots[int(k)].start_byte
        if not disjoint(taken, pos, pos):
            continue
        words = " ".join(str(w) for w in rng.choice(WORDS, 3))
        comment = lang.rules.line_comment.format(t=words)
        edits.append((pos, pos, (comment + "\n" + indent_of(src, pos)).encode()))
    return edits


def reformat(site: Site, rng: np.random.Generator, names: Names) -> Snippet | None:
    site.apply(_relayout(site, rng))
    site.apply(_recomment(site, rng))
    return site.snippet() if site.changed else None


def _bindings(site: Site) -> dict[str, set[str]]:
    """Bound names in the definition -> the node types they are spelled with."""
    rules = site.lang.rules.bindings
    found: dict[str, set[str]] = {}
    for leaf in site.lang.leaves(site.outer):
        if leaf.category != "identifier" or leaf.text in _KEPT_NAMES:
            continue
        parent, fld = field_path(leaf.node)
        if f"{parent}.{fld}" in rules or f"{parent}.*" in rules:
            found.setdefault(leaf.text, set()).add(leaf.type)
    return found


def _occurrences(site: Site, bound: dict[str, set[str]]) -> list[Leaf]:
    return [leaf for leaf in site.lang.leaves(site.outer)
            if leaf.category == "identifier" and leaf.type in bound.get(leaf.text, ())]


def rename_consistent(site: Site, rng: np.random.Generator, names: Names) -> Snippet | None:
    """Every occurrence of each bound name (parameters, locals, the function's own name)
    becomes one fresh name."""
    bound = _bindings(site)
    if not bound:
        return None
    mapping = {old: names.fresh() for old in sorted(bound)}
    site.apply([(leaf.start, leaf.end, mapping[leaf.text].encode())
                for leaf in _occurrences(site, bound)])
    return site.snippet()


def rename_inconsistent(site: Site, rng: np.random.Generator, names: Names) -> Snippet | None:
    """Each occurrence of a bound name is, by a coin toss, left alone or given one of two
    fresh spellings: the same variable ends up with several names."""
    bound = _bindings(site)
    if not bound:
        return None
    spellings = {old: (names.fresh(), names.fresh()) for old in sorted(bound)}
    occ = _occurrences(site, bound)
    picks = rng.random(len(occ)) < 0.5
    if not picks.any():
        picks[int(rng.integers(len(occ)))] = True
    edits = [(leaf.start, leaf.end, spellings[leaf.text][int(rng.integers(2))].encode())
             for leaf, pick in zip(occ, picks, strict=True) if pick]
    site.apply(edits)
    return site.snippet()


def reorder(site: Site, rng: np.random.Generator, names: Names) -> Snippet | None:
    """Swap adjacent independent statements (no shared variable, no jump); the order of
    functions is changed by the injector, which places a group of them permuted."""
    lang = site.lang
    pairs = []
    for stmts in lang.statements(site.outer):
        for a, b in zip(stmts, stmts[1:], strict=False):
            if (_movable(site, a) and _movable(site, b)
                    and not (_variables(lang, a) & _variables(lang, b))):
                pairs.append((a, b))
    taken: list[tuple[int, int]] = []
    edits: list[Edit] = []
    for k in rng.permutation(len(pairs)):
        a, b = pairs[int(k)]
        if disjoint(taken, a.start_byte, b.end_byte):
            taken.append((a.start_byte, b.end_byte))
            edits.append((a.start_byte, a.end_byte, site.text(b).encode()))
            edits.append((b.start_byte, b.end_byte, site.text(a).encode()))
    site.apply(edits)
    return site.snippet()


def dead_code(site: Site, rng: np.random.Generator, names: Names) -> Snippet | None:
    """Before about 30 % of the statements (at least one), a dead or irrelevant statement."""
    src, rules = site.source, site.lang.rules
    slots = [s for stmts in site.lang.statements(site.outer) for s in stmts
             if starts_line(src, s.start_byte) and s.type not in rules.fixed_statement_types]
    if not slots:
        return None
    chosen = rng.random(len(slots)) < 0.3
    if not chosen.any():
        chosen[int(rng.integers(len(slots)))] = True
    step = site.step()
    edits: list[Edit] = []
    for stmt, pick in zip(slots, chosen, strict=True):
        if not pick:
            continue
        indent = indent_of(src, stmt.start_byte)
        template = rules.dead_statements[int(rng.integers(len(rules.dead_statements)))]
        text = template.format(v=names.fresh(), n=int(rng.integers(1, 100)),
                               w=str(rng.choice(WORDS)), i=indent, s=step)
        edits.append((stmt.start_byte, stmt.start_byte, (text + "\n" + indent).encode()))
    site.apply(edits)
    return site.snippet()


def _extractable_literal(site: Site, leaf: Leaf) -> bool:
    lang = site.lang
    number = leaf.category == "literal" and lang.spec.literals.get(leaf.type) == "number"
    if leaf.category != "string" and not number:
        return False
    if _on_directive(site, leaf.start) or lang.has_leaf(
            leaf.node, frozenset({"interpolation", "template_substitution"})):
        return False
    parent = leaf.node.parent
    if parent is None or "jsx" in parent.type or parent.type in lang.rules.block_types:
        return False  # a docstring stays where it is
    if "concatenated" in parent.type:
        return False  # Python's "a" "b": a name cannot stand in for one of the parts
    return not (parent.type == "expression_statement" and len(parent.named_children) == 1)


def _declared_type(site: Site, leaf: Leaf) -> str | None:
    for node_type, pattern, declared in site.lang.rules.constant_types:
        if leaf.type == node_type and re.fullmatch(pattern, leaf.text):
            return declared
    return None


def _extract_constants(site: Site, rng: np.random.Generator, names: Names) -> list[str]:
    table = site.lang.rules.constant_templates
    template = table.get(site.container, table.get("*"))
    if template is None:
        return []
    typed = "{type}" in template
    groups: dict[str, list[Leaf]] = {}
    for leaf in site.lang.leaves(site.outer):
        if _extractable_literal(site, leaf) and (not typed or _declared_type(site, leaf)):
            groups.setdefault(leaf.text, []).append(leaf)
    if not groups:
        return []
    values = sorted(groups)
    picked = [values[int(k)] for k in rng.permutation(len(values))[:3]]
    pre: list[str] = []
    edits: list[Edit] = []
    for value in picked:
        name = names.fresh("const")
        pre.append(template.format(name=name, value=value,
                                   type=_declared_type(site, groups[value][0]) or ""))
        edits.extend((leaf.start, leaf.end, name.encode()) for leaf in groups[value])
    site.apply(edits)
    return pre


def _extract_method(site: Site, rng: np.random.Generator, names: Names) -> list[str]:
    table = site.lang.rules.helper_templates
    templates = table.get(site.container, table.get("*"))
    if templates is None:
        return []
    runs: list[list[Node]] = []
    for stmts in site.lang.statements(site.outer):
        run: list[Node] = []
        for s in [*stmts, None]:
            if s is not None and _movable(site, s):
                run.append(s)
                continue
            if len(run) >= 2:
                runs.append(run)
            run = []
    if not runs:
        return []
    run = runs[int(rng.integers(len(runs)))]
    length = int(rng.integers(2, min(5, len(run)) + 1))
    first = int(rng.integers(len(run) - length + 1))
    moved = run[first : first + length]
    start, end = moved[0].start_byte, moved[-1].end_byte
    step = site.step()
    body = step + reindent(site.source[start:end].decode("utf-8", "surrogateescape"),
                           indent_of(site.source, start), step)
    name = names.fresh()
    definition, call = templates
    site.apply([(start, end, call.format(name=name).encode())])
    return [definition.format(name=name, body=body)]


def extract(site: Site, rng: np.random.Generator, names: Names) -> Snippet | None:
    """Up to three literals become named constants declared before the definition, and a
    run of two to five statements becomes a method defined after it, called in its place."""
    pre = _extract_constants(site, rng, names)
    post = _extract_method(site, rng, names)
    return site.snippet(pre, post) if pre or post else None


def _if_edits(site: Site, node: Node) -> list[Edit] | None:
    rule = site.lang.rules.if_rule
    if rule is None or node.type != rule.node:
        return None
    cond = node.child_by_field_name("condition")
    cons = node.child_by_field_name("consequence")
    alts = node.children_by_field_name("alternative")
    if cond is None or cons is None or len(alts) != 1:
        return None
    alt = alts[0]
    if rule.else_node is not None:
        if alt.type != rule.else_node:
            return None
        bodies = [c for c in alt.named_children if site.lang.category(c) != "comment"]
        if not bodies:
            return None
        alt = bodies[-1]
    if rule.wrap is None and not (starts_line(site.source, cons.start_byte)
                                  and starts_line(site.source, alt.start_byte)):
        return None  # layout-sensitive: both branches must be indented blocks

    def moved(n: Node) -> str:
        text = site.text(n)
        if rule.wrap is not None and n.type not in site.lang.rules.block_types:
            return rule.wrap.format(b=text)
        return text

    return [
        (cond.start_byte, cond.end_byte, rule.negate.format(c=site.text(cond)).encode()),
        (cons.start_byte, cons.end_byte, moved(alt).encode()),
        (alt.start_byte, alt.end_byte, moved(cons).encode()),
    ]


def _field_texts(site: Site, node: Node, fields: tuple[str, ...]) -> list[str]:
    for name in fields:
        found = [c for c in node.children_by_field_name(name) if c.is_named]
        if found:
            return [site.text(c) for c in found]
    return []


def _statement_list(nodes: list[str]) -> str:
    return " ".join(t if t.rstrip().endswith(";") else t + ";" for t in nodes)


def _for_edit(site: Site, node: Node, names: Names) -> Edit | None:
    lang = site.lang
    for rule in lang.rules.for_rules:
        if node.type != rule.node:
            continue
        if any(node.child_by_field_name(f) for f in rule.forbidden_fields):
            return None
        if any(c.type == "async" for c in node.children):
            return None
        body = node.child_by_field_name("body")
        if body is None or lang.has_leaf(body, rule.forbidden_leaves):
            return None
        i = indent_of(site.source, node.start_byte)
        if body.type in lang.rules.block_types:
            inner = [c for c in body.named_children]
            if not inner:
                return None
            first, last = inner[0], inner[-1]
            if lang.rules.layout_sensitive and not starts_line(site.source, first.start_byte):
                return None
            text = site.source[first.start_byte : last.end_byte].decode("utf-8", "surrogateescape")
            bi = (indent_of(site.source, first.start_byte)
                  if starts_line(site.source, first.start_byte) else i + "    ")
        else:
            text, bi = site.text(body), i + "    "
        slots = {"i": i, "bi": bi, "s": bi[len(i):] or "    ", "body": text,
                 "tmp": names.fresh()}
        for slot, fields in rule.fields.items():
            if slot == "body":
                continue
            texts = _field_texts(site, node, fields)
            if slot == "init":
                slots[slot] = _statement_list(texts) + "\n" + i if texts else ""
            elif slot == "update":
                slots[slot] = _statement_list(texts)
            elif slot == "cond":
                slots[slot] = texts[0] if texts else TRUE_LITERAL[lang.spec.name]
            elif not texts:
                return None
            else:
                slots[slot] = texts[0]
        new = rule.template.format(**slots)
        new = "\n".join(line for line in new.split("\n") if line.strip())
        return (node.start_byte, node.end_byte, new.encode())
    return None


def _while_edit(site: Site, node: Node) -> Edit | None:
    rules = site.lang.rules
    if node.type != rules.while_node or rules.while_template is None:
        return None
    cond = node.child_by_field_name("condition")
    if cond is None or cond.type != "parenthesized_expression":
        return None
    inner = site.text(cond)[1:-1]
    return (node.start_byte, cond.end_byte, rules.while_template.format(c=inner).encode())


def loops_conditionals(site: Site, rng: np.random.Generator, names: Names) -> Snippet | None:
    """if/else inverted (negated condition, branches swapped); for loops rewritten as while
    loops and while loops as for loops, where the language and the loop allow it."""
    lang = site.lang
    candidates: list[tuple[Node, list[Edit]]] = []
    stack = [site.outer]
    while stack:
        n = stack.pop()
        stack.extend(n.children)
        if n.parent is None or n.parent.type not in lang.rules.block_types:
            continue
        edits = _if_edits(site, n)
        if edits is None:
            one = _for_edit(site, n, names) or _while_edit(site, n)
            edits = [one] if one else None
        if edits:
            candidates.append((n, edits))
    taken: list[tuple[int, int]] = []
    chosen: list[Edit] = []
    for k in rng.permutation(len(candidates)):
        node, edits = candidates[int(k)]
        if disjoint(taken, node.start_byte, node.end_byte):
            taken.append((node.start_byte, node.end_byte))
            chosen.extend(edits)
    if not chosen:
        return None
    site.apply(chosen)
    return site.snippet()


TRANSFORM: dict[str, Callable[[Site, np.random.Generator, Names], Snippet | None]] = {
    "verbatim": verbatim,
    "reformat": reformat,
    "rename_consistent": rename_consistent,
    "rename_inconsistent": rename_inconsistent,
    "reorder": reorder,
    "dead_code": dead_code,
    "extract": extract,
    "loops_conditionals": loops_conditionals,
}


def in_place(site: Site, snippet: Snippet) -> bytes:
    """The donor file with the definition replaced by the snippet (to check it parses)."""
    start = line_start(site.source, site.outer.start_byte)
    text = site.base + reindent(snippet.text(), "", site.base)
    return site.source[:start] + text.encode() + site.source[site.outer.end_byte :]
