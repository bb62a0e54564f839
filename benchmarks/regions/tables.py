"""Per-language data for the transformations: node types, templates and naming style.

The transformation code is generic (tree-sitter nodes, fields and leaf categories from the
project's language registry); everything a language changes is a value here. Templates use
``str.format`` slots: ``{i}`` indentation of the line, ``{s}`` one indentation step, and the
slots named in each table's comment.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class IfRule:
    """``if C A else B`` -> ``if not C B else A`` by editing three spans in place."""

    node: str  # the if statement's node type (fields condition/consequence/alternative)
    negate: str  # {c}: the condition's text
    else_node: str | None  # wrapper of the else branch whose last named child is the body
    wrap: str | None  # {b}: a body moved into the consequence, when it is not a block


@dataclass(frozen=True)
class ForRule:
    """A counting/iterating ``for`` rewritten as a ``while``; the template fills the slots
    named by ``fields`` (slot -> field names tried in order) plus {i} {s} {bi} {body} {tmp}."""

    node: str
    fields: dict[str, tuple[str, ...]]
    template: str
    # Loops whose body holds one of these leaves are left alone (a ``continue`` would skip
    # the update that the rewrite moves to the end of the body).
    forbidden_leaves: frozenset[str] = frozenset()
    # A loop with one of these fields (Python's ``for ... else``) is left alone.
    forbidden_fields: tuple[str, ...] = ()


@dataclass(frozen=True)
class LanguageRules:
    language: str  # the registry name (fingerprints.languages)
    function_types: frozenset[str]  # definitions that can be moved into another codebase
    wrapper_types: frozenset[str]  # nodes that wrap a definition and move with it
    block_types: frozenset[str]  # statement lists
    # Statements that cannot be moved or have code put before them (labels, cases).
    fixed_statement_types: frozenset[str]
    layout_sensitive: bool  # indentation is syntax (Python)
    directive_prefix: str | None  # lines starting with this are preprocessor directives
    line_comment: str  # {t}: the comment text
    # Where a name is bound: "parent_type.field" or "parent_type.*" (any child).
    bindings: frozenset[str]
    dead_statements: tuple[str, ...]  # {v} a fresh name, {n} a number, {w} a word
    naming: str  # "snake" or "camel": style of fresh local names
    # Container node type of the definition ("*": any other) -> constant declaration
    # ({name} {value} {type}).
    constant_templates: dict[str, str]
    # (literal node type, regex on its text, declared type) for typed constant declarations.
    constant_types: tuple[tuple[str, str, str], ...] = ()
    # Container node type -> (helper definition with {name} {body}, call with {name}).
    helper_templates: dict[str, tuple[str, str]] = field(default_factory=dict)
    if_rule: IfRule | None = None
    for_rules: tuple[ForRule, ...] = ()
    # while (C) B -> for (; C; ) B: template over {c} (the condition without parentheses).
    while_node: str | None = None
    while_template: str | None = None


# Leaf types that end or leave a statement list: statements holding one are never moved
# or swapped. Anonymous keyword types, the same in every grammar listed here.
JUMP_LEAVES = frozenset({"return", "break", "continue", "goto", "yield", "await", "raise",
                         "throw", "nonlocal", "global"})

_C_FOR = ForRule(
    node="for_statement",
    fields={"init": ("initializer", "init"), "cond": ("condition",),
            "update": ("update", "increment"), "body": ("body",)},
    template="{init}while ({cond}) {{\n{bi}{body}\n{bi}{update}\n{i}}}",
    forbidden_leaves=frozenset({"continue"}),
)

RULES: dict[str, LanguageRules] = {
    "python": LanguageRules(
        language="python",
        function_types=frozenset({"function_definition"}),
        wrapper_types=frozenset({"decorated_definition"}),
        block_types=frozenset({"block"}),
        fixed_statement_types=frozenset(),
        layout_sensitive=True,
        directive_prefix=None,
        line_comment="# {t}",
        bindings=frozenset({
            "function_definition.name", "parameters.*", "default_parameter.name",
            "typed_parameter.*", "typed_default_parameter.name", "list_splat_pattern.*",
            "dictionary_splat_pattern.*", "assignment.left", "augmented_assignment.left",
            "pattern_list.*", "tuple_pattern.*", "for_statement.left", "for_in_clause.left",
            "as_pattern_target.*", "named_expression.name", "lambda_parameters.*",
        }),
        dead_statements=(
            "{v} = {n}",
            "{v} = len('{w}') * {n}",
            "if {v} := 0:\n{i}{s}print('{w}')",
            "for {v} in range(0):\n{i}{s}pass",
        ),
        naming="snake",
        constant_templates={"*": "{name} = {value}"},
        helper_templates={
            "block": ("def {name}(self):\n{body}", "self.{name}()"),  # in a class or an if
            "*": ("def {name}():\n{body}", "{name}()"),
        },
        if_rule=IfRule(node="if_statement", negate="not ({c})", else_node="else_clause",
                       wrap=None),
        for_rules=(
            ForRule(
                node="for_statement",
                fields={"target": ("left",), "iterable": ("right",), "body": ("body",)},
                template=(
                    "{tmp} = iter({iterable})\n{i}while True:\n{bi}try:\n{bi}{s}{target} = "
                    "next({tmp})\n{bi}except StopIteration:\n{bi}{s}break\n{bi}{body}"
                ),
                forbidden_fields=("alternative",),
            ),
        ),
    ),
    "c": LanguageRules(
        language="c",
        function_types=frozenset({"function_definition"}),
        wrapper_types=frozenset(),
        block_types=frozenset({"compound_statement"}),
        fixed_statement_types=frozenset({"case_statement", "labeled_statement"}),
        layout_sensitive=False,
        directive_prefix="#",
        line_comment="/* {t} */",
        bindings=frozenset({
            "function_declarator.declarator", "parameter_declaration.declarator",
            "pointer_declarator.declarator", "array_declarator.declarator",
            "init_declarator.declarator", "declaration.declarator",
        }),
        dead_statements=(
            "int {v} = {n};",
            "(void){n};",
            "if ({n} < 0) {{ {v}_count++; }}",
            "unsigned {v} = sizeof(\"{w}\");",
        ),
        naming="snake",
        constant_templates={"*": "#define {name} {value}"},
        helper_templates={"*": ("static void {name}(void)\n{{\n{body}\n}}", "{name}();")},
        if_rule=IfRule(node="if_statement", negate="(!{c})", else_node="else_clause",
                       wrap="{{ {b} }}"),
        for_rules=(_C_FOR,),
        while_node="while_statement",
        while_template="for (; {c}; )",
    ),
    "java": LanguageRules(
        language="java",
        function_types=frozenset({"method_declaration"}),
        wrapper_types=frozenset(),
        block_types=frozenset({"block"}),
        fixed_statement_types=frozenset({"labeled_statement", "explicit_constructor_invocation"}),
        layout_sensitive=False,
        directive_prefix=None,
        line_comment="// {t}",
        bindings=frozenset({
            "method_declaration.name", "formal_parameter.name", "variable_declarator.name",
            "catch_formal_parameter.name", "enhanced_for_statement.name",
            "inferred_parameters.*", "lambda_expression.parameters", "spread_parameter.*",
        }),
        dead_statements=(
            "int {v} = {n};",
            "if (false) {{ System.out.println(\"{w}\"); }}",
            "String {v} = \"{w}\";",
            "long {v} = {n}L * {n};",
        ),
        naming="camel",
        constant_templates={"*": "private static final {type} {name} = {value};"},
        constant_types=(
            ("decimal_integer_literal", r".*[lL]$", "long"),
            ("decimal_integer_literal", r".*", "int"),
            ("hex_integer_literal", r".*[lL]$", "long"),
            ("hex_integer_literal", r".*", "int"),
            ("decimal_floating_point_literal", r".*[fF]$", "float"),
            ("decimal_floating_point_literal", r".*", "double"),
            ("string_literal", r".*", "String"),
        ),
        helper_templates={"*": ("private void {name}() {{\n{body}\n}}", "{name}();")},
        if_rule=IfRule(node="if_statement", negate="(!{c})", else_node=None, wrap="{{ {b} }}"),
        for_rules=(_C_FOR,),
        while_node="while_statement",
        while_template="for (; {c}; )",
    ),
    "javascript": LanguageRules(
        language="javascript",
        function_types=frozenset({"function_declaration", "generator_function_declaration",
                                  "method_definition"}),
        wrapper_types=frozenset({"export_statement"}),
        block_types=frozenset({"statement_block"}),
        fixed_statement_types=frozenset({"labeled_statement"}),
        layout_sensitive=False,
        directive_prefix=None,
        line_comment="// {t}",
        bindings=frozenset({
            "function_declaration.name", "generator_function_declaration.name",
            "method_definition.name", "formal_parameters.*", "variable_declarator.name",
            "assignment_pattern.left", "array_pattern.*", "object_pattern.*", "rest_pattern.*",
            "arrow_function.parameter", "catch_clause.parameter", "for_in_statement.left",
        }),
        dead_statements=(
            "var {v} = {n};",
            "if (false) {{ console.log('{w}'); }}",
            "let {v} = '{w}'.length;",
            "void {n};",
        ),
        naming="camel",
        constant_templates={"class_body": "static {name} = {value};",
                            "*": "const {name} = {value};"},
        helper_templates={
            "class_body": ("{name}() {{\n{body}\n}}", "this.{name}();"),
            "*": ("function {name}() {{\n{body}\n}}", "{name}();"),
        },
        if_rule=IfRule(node="if_statement", negate="(!{c})", else_node="else_clause",
                       wrap="{{ {b} }}"),
        for_rules=(_C_FOR,),
        while_node="while_statement",
        while_template="for (; {c}; )",
    ),
}

# Loop rewrites need a value that is always true when a for loop has no condition.
TRUE_LITERAL = {"c": "1", "java": "true", "javascript": "true", "python": "True"}

WORDS = (
    "acc", "buffer", "count", "cursor", "data", "delta", "entry", "flag", "head", "index",
    "item", "key", "limit", "mark", "node", "offset", "pivot", "queue", "record", "scale",
    "slot", "state", "step", "tally", "token", "total", "value", "weight", "window",
)
