"""What the engine needs to know about one language: a registry entry is data, not code."""

from __future__ import annotations

from dataclasses import dataclass, field

# Literal kinds a structure token may carry instead of the literal's text.
LITERAL_KINDS = ("string", "number", "char", "boolean", "null", "regex", "other")


@dataclass(frozen=True)
class ConstantForm:
    """A declaration binding a name to one literal that the language makes a constant: by a
    marker word (``const``, ``final``) or, where it has none, by its naming convention.
    Elsewhere in the file the name stands for that literal (an extracted constant is the
    literal it replaced), if the declaration lies outside any function.

    ``node`` is the declarator's node type, ``name`` and ``value`` its fields holding the
    identifier and the literal (``value`` "": its last named child). ``marker`` is a keyword
    that must appear among the children or grandchildren of the declarator's ancestor
    ``marker_up`` levels up (0: the declarator itself). ``pattern``: a regex the whole name
    must match."""

    node: str
    name: str = "name"
    value: str = "value"
    marker: str | None = None
    marker_up: int = 1
    pattern: str | None = None


@dataclass(frozen=True)
class LanguageSpec:
    """One language: how to recognise its files and how to read its tree-sitter grammar.

    Node-type sets name tree-sitter node types of ``grammar``. A node whose type is in
    ``strings``, ``literals`` or ``comments`` is taken whole (its children are not walked),
    so a string with escapes or interpolation stays one token. ``identifiers`` and
    ``keywords`` name leaves; a few identifier kinds carry an anonymous child (Zig's ``@`` in
    ``BUILTINIDENTIFIER``, COBOL's ``.`` in ``paragraph_header``), so taking identifier nodes
    whole is safe, while keyword names can also be big named nodes (Ruby ``class``).

    ``keywords`` holds the grammar's anonymous word-like kinds plus named leaves that are
    reserved words (C ``primitive_type``, Pascal ``kBegin``, SQL ``keyword_select``).
    ``literals`` may name anonymous kinds too (Swift ``nil``, Zig ``true``).
    The sets are disjoint except where the grammar has a named and an anonymous kind of the
    same name (TypeScript ``number``: literal and type keyword; Perl ``package``): then
    ``keywords`` means the anonymous kind and the other set the named one, so look anonymous
    nodes up in ``keywords`` first (``fingerprints.languages.leaf_category`` does this).
    A named leaf in no set is an operator-like token of that grammar (Haskell ``operator``,
    Pascal ``kAssign``, R ``comma``).
    """

    name: str  # canonical id, e.g. "cpp"
    display: str  # human name, e.g. "C++"
    grammar: str  # tree-sitter-language-pack grammar name
    extensions: tuple[str, ...] = ()  # lower-case, with the dot: (".c", ".h")
    filenames: tuple[str, ...] = ()  # exact file names, e.g. ("Makefile",)
    shebangs: tuple[str, ...] = ()  # interpreter basenames, e.g. ("python3", "python")
    # Regexes (Python `re`, searched in the first 4 KiB) that suggest this language when the
    # extension is ambiguous or absent; used only as a tie-breaker.
    content_hints: tuple[str, ...] = ()
    # Regexes (searched likewise) that rule this language out: another format sharing its
    # extension (Qt Linguist's XML translations are `.ts` files too).
    content_excludes: tuple[str, ...] = ()
    identifiers: frozenset[str] = field(default_factory=frozenset)
    comments: frozenset[str] = field(default_factory=frozenset)
    strings: frozenset[str] = field(default_factory=frozenset)
    # node type -> literal kind (one of LITERAL_KINDS other than "string")
    literals: dict[str, str] = field(default_factory=dict)
    # Keywords are anonymous word-like nodes of the grammar; listing them here makes the
    # category explicit data (the tokenizer treats any other anonymous node as an operator).
    keywords: frozenset[str] = field(default_factory=frozenset)
    # Node types that define a function/method/procedure (for per-function channels).
    functions: frozenset[str] = field(default_factory=frozenset)
    # Node types that are a named definition a copy is made of (function, method, class,
    # module-level type), not lambdas: a match that only grazes one at its edge is trimmed
    # (a copied function's match must not run into the header of the host's next one).
    definitions: frozenset[str] = field(default_factory=frozenset)
    # Node types that wrap a definition and belong to it (Python decorators, JavaScript
    # ``export``, C++ ``template<...>``): the definition then starts where its wrapper does.
    definition_wrappers: frozenset[str] = field(default_factory=frozenset)
    # Declarations of named constants (see ConstantForm); several forms may share a node
    # type (any of them qualifies it).
    constants: tuple[ConstantForm, ...] = ()
    # Names of the definition the runtime starts a program at (C's ``main``). A language
    # whose programs start with their top-level code (Python, JavaScript) has none: a
    # ``main`` there is a convention, and a library or framework may hold one anywhere.
    entry_points: frozenset[str] = field(default_factory=frozenset)
    # Valid constructs the bundled grammar reports as syntax errors (checked against the
    # grammar, each with an example): a file's parse-error note names them, since such a
    # file may be valid.
    known_parse_gaps: tuple[str, ...] = ()
    # Fixed source form (Fortran 77 and its heirs): a line whose first column holds one of
    # these characters is a comment, as the compiler reads it. The grammar knows only the
    # free form, so such lines are parsed as its ``!`` comments (same length, same offsets).
    column_one_comments: str = ""
