"""The language registry as data: one LanguageSpec per supported language.

Node-type sets were derived from each bundled grammar (tree-sitter-language-pack 0.13.0) by
listing its node kinds and by parsing a realistic program per language
(tests/fixtures/languages/) and checking that every leaf lands in a category.
`keywords` is the grammar's visible anonymous word-like kinds plus a few named leaves that are
reserved words (C `primitive_type`, Java `this`, Pascal `kBegin`, SQL `keyword_select`, ...),
minus anything listed in another category. Every list is sorted so that diffs stay small.
Add a language by adding an entry; there is no per-language code.
"""

from __future__ import annotations

from dataclasses import replace

from .spec import ConstantForm, Embedding, LanguageSpec


def _s(words: str) -> frozenset[str]:
    """Whitespace-separated node types -> frozenset (keeps the tables compact)."""
    return frozenset(words.split())


# Named constants (ConstantForm): declared so by a marker (`#define N 100`,
# `const int N = 100;`, `static final`, enum members) or by the naming convention (capitals),
# which survives a copy that drops the marker.
_CAPITALS = r"[A-Z][A-Z0-9_]*"
_C_CONSTANTS = (
    ConstantForm("preproc_def"),
    ConstantForm("init_declarator", name="declarator", marker="const"),
    ConstantForm("init_declarator", name="declarator", pattern=_CAPITALS),
    ConstantForm("enumerator"),
)
_JS_CONSTANTS = (
    ConstantForm("variable_declarator", marker="const"),
    ConstantForm("variable_declarator", pattern=_CAPITALS),
    ConstantForm("field_definition", name="property", marker="static", marker_up=0),
)
_TS_CONSTANTS = (
    ConstantForm("variable_declarator", marker="const"),
    ConstantForm("variable_declarator", pattern=_CAPITALS),
    ConstantForm("public_field_definition", marker="readonly", marker_up=0),
    ConstantForm("public_field_definition", marker="static", marker_up=0),
)

# Valid TypeScript that tree-sitter-typescript (the bundled grammar, and its latest
# release 0.23.2 alike) parses with an ERROR node; the first is in rxjs 7.8.1's .d.ts
# files (tsc writes such return types). Upstream issues 322, 352, 348 and 367.
_TS_PARSE_GAPS = (
    'type arguments after an import type: import("m").T<A>',
    'keyof before an import type: keyof import("m").T',
    'a type-only namespace re-export: export type * as N from "m"',
    'typeof import("m") as a call\'s type argument: f<typeof import("m")>()',
)

# Valid JavaScript the bundled tree-sitter-javascript parses with an ERROR node (element-ui
# 2.15.14's Vue JSX writes class="..."; export and import names may be reserved words).
_JS_PARSE_GAPS = (
    'a JSX attribute named class (Vue, Preact and Solid JSX): <div class="x">',
    "a reserved word as an exported or imported name: export { a as class }",
)

# Valid C and C++ that tree-sitter-c and tree-sitter-cpp parse with an ERROR node: they
# do not run the preprocessor, so a macro standing for a keyword or an annotation, or an
# #ifdef closing a brace another #ifdef opened, is no C to them. json-c 0.16's headers
# (JSON_EXPORT), PyCryptodome 3.20.0's sources (EXPORT_SYM, STATIC, FAKE_INIT(aes)).
_C_PARSE_GAPS = (
    "a macro before a declaration, such as an export annotation: JSON_EXPORT int f(void);",
    'an extern "C" block opened and closed in two #ifdef __cplusplus blocks',
    "a macro call without its semicolon at file level: FAKE_INIT(aes)",
)

# Valid Perl that tree-sitter-perl parses with an ERROR node: a bareword (a constant sub
# called without parentheses) before && reads to it as a call of &name. JSON::PP 4.16 and
# the JSON 4.10 backport of it: "if (CORE_BOOL && builtin::is_bool($value))".
_PERL_PARSE_GAPS = (
    "a constant without parentheses before &&: CORE_BOOL && f($v)",
)

# The definition a compiled program starts at.
_MAIN = _s("main")

# `.h` is shared by C, C++ and Objective-C: these say "C++" (C is the default).
_CPP_HINTS: tuple[str, ...] = (
    r"^\s*class\s+\w+(\s*:\s*(public|protected|private)?\s*[\w:<>]+)?\s*\{",
    r"^\s*namespace\b[\w\s:]*\{",
    r"^\s*template\s*<",
    r"^\s*using\s+namespace\b",
    r"^\s*(public|protected|private)\s*:",
    r"\bstd::\w",
    r"^\s*#\s*include\s*<(iostream|string|vector|map|memory|algorithm|cstdint|cstdio|cstdlib)>",
    r"^\s*(virtual|explicit|constexpr)\s",
)
# `.h`/`.m`: these say "Objective-C".
_OBJC_HINTS: tuple[str, ...] = (
    r"^\s*@(interface|implementation|protocol|end|property|class|synthesize)\b",
    r"^\s*#\s*import\b",
    r"\bNS[A-Z]\w+\s*\*",
    # An NSString literal; not the end of a configure placeholder ("@VERSION@" in config.h.in).
    r'(?<![\w@"])@"',
)
# `.m`: these say "MATLAB" rather than Objective-C.
_MATLAB_HINTS: tuple[str, ...] = (
    r"^\s*function\s+(\[[^\]]*\]|\w+)\s*=",
    r"^\s*function\s+\w+\s*(\(|$)",
    r"^\s*%",
    r"^\s*end\s*;?\s*$",
    r"^\s*classdef\b",
    r"\b(disp|fprintf|zeros|ones|numel|nargin|plot)\s*\(",
)

# What JavaScript and TypeScript (a superset) share in their grammars' node types.
_JS_IDENTIFIERS = _s(
    "identifier private_property_identifier property_identifier "
    "shorthand_property_identifier shorthand_property_identifier_pattern "
    "statement_identifier"
)
_JS_COMMENTS = _s("comment hash_bang_line html_comment")
_JS_LITERALS = {
    "false": "boolean", "null": "null", "number": "number", "regex": "regex",
    "true": "boolean", "undefined": "null",
}
_JS_FUNCTIONS = _s(
    "arrow_function function_declaration function_expression generator_function "
    "generator_function_declaration method_definition"
)

# `number`/`string` are both a named literal and an anonymous type keyword.
_TYPESCRIPT = LanguageSpec(
    name="typescript",
    display="TypeScript",
    grammar="typescript",
    extensions=(".cts", ".mts", ".ts"),
    shebangs=("ts-node",),
    # Qt Linguist translation files (XML) share the extension.
    content_excludes=(r"\A(?:\ufeff)?\s*<\?xml\b", r"<!DOCTYPE TS>"),
    identifiers=_JS_IDENTIFIERS | _s("type_identifier"),
    comments=_JS_COMMENTS,
    strings=_s("string template_string"),
    literals=_JS_LITERALS,
    keywords=_s(
        "abstract accessor any as assert asserts async await boolean break case catch class "
        "const continue debugger declare default delete do else enum export extends finally "
        "for from function get global if implements import in infer instanceof interface is "
        "keyof let meta module namespace never new number object of override private "
        "protected public readonly require return satisfies set static string super switch "
        "symbol target this this_type throw try type typeof unknown using var void while with "
        "yield"
    ),
    functions=_JS_FUNCTIONS,
    definitions=_s(
        "abstract_class_declaration class_declaration enum_declaration "
        "function_declaration generator_function_declaration interface_declaration "
        "method_definition"
    ),
    definition_wrappers=_s("export_statement"),
    constants=_TS_CONSTANTS,
    known_parse_gaps=_TS_PARSE_GAPS,
)

# Valid SCSS that the bundled tree-sitter-scss parses with an ERROR node (each checked by a
# test against the grammar; all are in Bootstrap 5.3.3's scss/, 68 of whose 92 files hold
# one). The indented syntax (.sass) is another language: this grammar
# reads none of it, so .sass files keep the lexical tokenizer.
_SCSS_PARSE_GAPS = (
    "a variable's !default or !global flag: $gap: 8px !default",
    "a map: $sizes: (small: 576px)",
    "an interpolation in a property value: width: #{$w}",
    "a nested rule starting with a combinator: > .item { ... }",
    "@extend of a placeholder selector: @extend %base",
    "@include with empty parentheses: @include clearfix()",
    "variable arguments: @mixin m($args...)",
)

# Single-file components (Vue, Svelte) hold a program, a style sheet and a template whose
# expressions are code: each is read by its own language's spec (Embedding). The markup
# around them is the framework's and HTML's vocabulary: tag, attribute and directive
# names are keywords (structure, like CSS's property names), template text reads like a
# string literal (JSX text is one too), comments are comments.
_SCRIPT_LANGS = (("js", "javascript"), ("jsx", "javascript"), ("ts", "typescript"),
                 ("tsx", "tsx"))
_STYLE_LANGS = (("css", "css"), ("scss", "scss"))
_COMPONENT_BLOCKS = (
    Embedding("raw_text", ("script_element",), "javascript", "lang", _SCRIPT_LANGS),
    Embedding("raw_text", ("style_element",), "css", "lang", _STYLE_LANGS),
)

# Free source form; the fixed form (in LANGUAGES) is the same grammar read by the same rules.
# statement_label and method_name also exist as anonymous aliases: not keywords.
_FORTRAN = LanguageSpec(
    name="fortran",
    display="Fortran",
    grammar="fortran",
    extensions=(".f03", ".f08", ".f18", ".f90", ".f95"),
    identifiers=_s("identifier method_name module_name name"),
    comments=_s("comment preproc_comment"),
    strings=_s("hollerith_constant string_literal system_lib_string"),
    literals={
        "boolean_literal": "boolean", "complex_literal": "number", "nil_literal": "null",
        "null_literal": "null", "number_literal": "number", "preproc_arg": "other",
        "statement_label": "number", "statement_label_reference": "number",
    },
    keywords=_s(
        "_ abstract all allocatable allocate assign assignment associate asynchronous "
        "attributes automatic backspace bind block blockdata byte call case change character "
        "class classis classof close codimension common complex concurrent constant contains "
        "contiguous continue critical cycle data deallocate default deferred defined device "
        "dimension do double doublecomplex doubleprecision elemental else elseif elsewhere "
        "end endassociate endblock endblockdata endcritical enddo endenum endfile endforall "
        "endfunction endif endinterface endmodule endprocedure endprogram endselect "
        "endsubmodule endsubroutine endteam endtype endwhere entry enum enumeration "
        "enumerator equivalence error event exit extends external fail family final flush fmt "
        "forall form format formatted function generic global go goto grid_global host if "
        "image images implicit import impure in include initial inout inquire integer intent "
        "interface intrinsic is kind label len local local_init lock logical managed memory "
        "module namelist non_intrinsic non_overridable none nopass notify null nullify only "
        "open operator optional out parameter pass pause pinned pointer post precision print "
        "private procedure program property protected public pure quiet rank read real "
        "recursive reduce result return rewind save select selectcase selectrank selecttype "
        "sequence shared simple static stop submodule subroutine sync target team texture "
        "then to type typeis typeof unformatted unit unlock use value volatile wait where "
        "while write"
    ),
    functions=_s("function module_procedure subroutine"),
    )

LANGUAGES: tuple[LanguageSpec, ...] = (
    # preproc_arg (a macro body) is opaque text to this grammar: one literal token.
    LanguageSpec(
        name="c",
        entry_points=_MAIN,
        display="C",
        known_parse_gaps=_C_PARSE_GAPS,
        grammar="c",
        extensions=(".c", ".h"),
        identifiers=_s("field_identifier identifier statement_identifier type_identifier"),
        comments=_s("comment"),
        strings=_s("string_literal system_lib_string"),
        literals={
            "char_literal": "char", "false": "boolean", "null": "null", "number_literal": "number",
            "preproc_arg": "other", "true": "boolean",
        },
        keywords=_s(
            "NULL _Alignas _Alignof _Atomic _Generic _Nonnull _Noreturn __alignof __alignof__ "
            "__asm __asm__ __attribute __attribute__ __based __cdecl __clrcall __declspec "
            "__except __extension__ __fastcall __finally __forceinline __inline __inline__ "
            "__leave __restrict__ __stdcall __thiscall __thread __try __unaligned __vectorcall "
            "__volatile__ _alignof _unaligned alignas alignof asm auto break case const constexpr "
            "continue default defined do else enum extern for goto if inline long "
            "ms_restrict_modifier ms_signed_ptr_modifier ms_unsigned_ptr_modifier noreturn "
            "nullptr offsetof preproc_directive primitive_type register restrict return short "
            "signed sizeof static struct switch thread_local typedef union unsigned volatile "
            "while"
        ),
        functions=_s("function_definition"),
        definitions=_s("function_definition"),
        constants=_C_CONSTANTS,
    ),
    # Same leaves as C plus C++'s own; `auto` and `this` are named leaves here.
    LanguageSpec(
        name="cpp",
        entry_points=_MAIN,
        display="C++",
        known_parse_gaps=_C_PARSE_GAPS,
        grammar="cpp",
        extensions=(
            ".c++", ".cc", ".cp", ".cpp", ".cppm", ".cxx", ".h", ".h++", ".hh", ".hpp", ".hxx",
            ".inl", ".ipp", ".ixx", ".tpp",
        ),
        content_hints=_CPP_HINTS,
        identifiers=_s(
            "field_identifier identifier namespace_identifier statement_identifier "
            "type_identifier"
        ),
        comments=_s("comment"),
        strings=_s("raw_string_literal string_literal system_lib_string"),
        literals={
            "char_literal": "char", "false": "boolean", "null": "null", "number_literal": "number",
            "preproc_arg": "other", "true": "boolean", "user_defined_literal": "other",
        },
        keywords=_s(
            "NULL _Alignas _Alignof _Atomic _Generic _Nonnull _Noreturn __alignof __alignof__ "
            "__asm __asm__ __attribute __attribute__ __based __cdecl __clrcall __declspec "
            "__except __extension__ __fastcall __finally __forceinline __inline __inline__ "
            "__leave __restrict__ __stdcall __thiscall __thread __try __unaligned __vectorcall "
            "__volatile__ _alignof _unaligned alignas alignof and and_eq asm auto bitand bitor "
            "break case catch class co_await co_return co_yield compl concept const consteval "
            "constexpr constinit continue decltype default defined delete do else enum explicit "
            "export extern final for friend goto if import inline long module "
            "ms_restrict_modifier ms_signed_ptr_modifier ms_unsigned_ptr_modifier mutable "
            "namespace new noexcept noreturn not not_eq nullptr offsetof operator or or_eq "
            "override preproc_directive primitive_type private protected public register requires "
            "restrict return short signed sizeof static static_assert struct switch template this "
            "thread_local throw try typedef typename union unsigned using virtual volatile while "
            "xor xor_eq"
        ),
        functions=_s("function_definition lambda_expression"),
        definitions=_s("class_specifier function_definition"),
        definition_wrappers=_s("template_declaration"),
        constants=(
            *_C_CONSTANTS,
            ConstantForm("init_declarator", name="declarator", marker="constexpr"),
            ConstantForm("field_declaration", name="declarator", value="default_value",
                         marker="const", marker_up=0),
        ),
    ),
    LanguageSpec(
        name="csharp",
        entry_points=_s("Main"),
        display="C#",
        grammar="csharp",
        extensions=(".cs", ".csx"),
        identifiers=_s("identifier"),
        comments=_s("comment shebang_directive"),
        strings=_s(
            "interpolated_string_expression raw_string_literal string_literal "
            "verbatim_string_literal"
        ),
        literals={
            "boolean_literal": "boolean", "character_literal": "char", "integer_literal": "number",
            "null_literal": "null", "preproc_arg": "other", "real_literal": "number",
        },
        keywords=_s(
            "Cdecl Fastcall Stdcall Thiscall __makeref __reftype __refvalue abstract add alias "
            "and annotations as ascending assembly async await base break by case catch checked "
            "checksum class const continue default delegate descending disable discard do else "
            "enable enum equals event explicit extern false field file finally fixed for foreach "
            "from get global goto group hidden if implicit in init interface internal into is "
            "join let lock managed method module namespace new not notnull on operator or orderby "
            "out override param params partial predefined_type private property protected public "
            "readonly record ref remove required restore return scoped sealed select set sizeof "
            "stackalloc static struct switch this throw true try type typeof typevar unchecked "
            "unmanaged unsafe using var virtual volatile warning warnings when where while with "
            "yield"
        ),
        functions=_s(
            "accessor_declaration anonymous_method_expression constructor_declaration "
            "conversion_operator_declaration destructor_declaration lambda_expression "
            "local_function_statement method_declaration operator_declaration"
        ),
        definitions=_s(
            "class_declaration constructor_declaration destructor_declaration "
            "enum_declaration interface_declaration method_declaration operator_declaration "
            "record_declaration struct_declaration"
        ),
        constants=(
            ConstantForm("variable_declarator", value="", marker="const", marker_up=2),
            ConstantForm("variable_declarator", value="", marker="readonly", marker_up=2),
            ConstantForm("variable_declarator", value="", pattern=_CAPITALS),
        ),
    ),
    LanguageSpec(
        name="java",
        entry_points=_MAIN,
        display="Java",
        grammar="java",
        # .pde: a Processing sketch (Java with top-level methods, which this grammar reads)
        # unless its content says Arduino.
        extensions=(".java", ".pde"),
        identifiers=_s("identifier type_identifier"),
        comments=_s("block_comment line_comment"),
        strings=_s("string_literal"),
        literals={
            "binary_integer_literal": "number", "character_literal": "char",
            "decimal_floating_point_literal": "number", "decimal_integer_literal": "number",
            "false": "boolean", "hex_floating_point_literal": "number",
            "hex_integer_literal": "number", "null_literal": "null",
            "octal_integer_literal": "number", "true": "boolean",
        },
        keywords=_s(
            "abstract assert boolean_type break byte case catch char class continue default do "
            "double else enum exports extends final finally float for if implements import "
            "instanceof int interface long module native new open opens package permits private "
            "protected provides public record requires return sealed short static strictfp super "
            "switch synchronized this throw throws to transient transitive try underscore_pattern "
            "uses void_type volatile when while with yield"
        ),
        functions=_s(
            "compact_constructor_declaration constructor_declaration lambda_expression "
            "method_declaration"
        ),
        definitions=_s(
            "annotation_type_declaration class_declaration compact_constructor_declaration "
            "constructor_declaration enum_declaration interface_declaration "
            "method_declaration record_declaration"
        ),
        constants=(
            ConstantForm("variable_declarator", marker="final"),
            ConstantForm("variable_declarator", pattern=_CAPITALS),
        ),
    ),
    LanguageSpec(
        name="javascript",
        display="JavaScript",
        grammar="javascript",
        extensions=(".cjs", ".js", ".jsx", ".mjs"),
        shebangs=("node", "nodejs"),
        known_parse_gaps=_JS_PARSE_GAPS,
        identifiers=_JS_IDENTIFIERS,
        comments=_JS_COMMENTS,
        strings=_s("html_character_reference jsx_text string template_string"),
        literals=_JS_LITERALS,
        keywords=_s(
            "as async await break case catch class const continue debugger default delete do else "
            "export extends finally for from function get if import in instanceof let meta new of "
            "return set static super switch target this throw try typeof using var void while "
            "with yield"
        ),
        functions=_JS_FUNCTIONS,
        definitions=_s(
            "class_declaration function_declaration generator_function_declaration "
            "method_definition"
        ),
        definition_wrappers=_s("export_statement"),
        constants=_JS_CONSTANTS,
    ),
    _TYPESCRIPT,
    # As TypeScript, plus JSX text.
    replace(
        _TYPESCRIPT,
        name="tsx",
        display="TSX",
        grammar="tsx",
        extensions=(".tsx",),
        shebangs=(),
        strings=_s("html_character_reference jsx_text string template_string"),
    ),
    LanguageSpec(
        name="python",
        display="Python",
        grammar="python",
        extensions=(".py", ".pyi", ".pyw"),
        filenames=("SConscript", "SConstruct"),
        shebangs=("pypy", "pypy3", "python", "python2", "python3"),
        identifiers=_s("identifier"),
        comments=_s("comment"),
        strings=_s("string"),
        literals={
            "ellipsis": "other", "false": "boolean", "float": "number", "integer": "number",
            "none": "null", "true": "boolean",
        },
        keywords=_s(
            "_ __future__ and as assert async await break case class continue def del elif else "
            "except exec finally for from global if import in is lambda match nonlocal not or "
            "pass print raise return try type while with yield"
        ),
        functions=_s("function_definition lambda"),
        definitions=_s("class_definition function_definition"),
        definition_wrappers=_s("decorated_definition"),
        # No const keyword: PEP 8 names module and class constants in capitals.
        constants=(
            ConstantForm("assignment", name="left", value="right", pattern=_CAPITALS),
        ),
    ),
    LanguageSpec(
        name="go",
        entry_points=_MAIN,
        display="Go",
        grammar="go",
        extensions=(".go",),
        identifiers=_s("field_identifier identifier label_name package_identifier type_identifier"),
        comments=_s("comment"),
        strings=_s("interpreted_string_literal raw_string_literal"),
        literals={
            "false": "boolean", "float_literal": "number", "imaginary_literal": "number",
            "int_literal": "number", "iota": "other", "nil": "null", "rune_literal": "char",
            "true": "boolean",
        },
        keywords=_s(
            "blank_identifier break case chan const continue default defer else fallthrough for "
            "func go goto if import interface map package range return select struct switch type "
            "var"
        ),
        functions=_s("func_literal function_declaration method_declaration"),
        definitions=_s("function_declaration method_declaration type_declaration"),
        constants=(ConstantForm("const_spec"),),
    ),
    LanguageSpec(
        name="rust",
        entry_points=_MAIN,
        display="Rust",
        grammar="rust",
        extensions=(".rs",),
        identifiers=_s(
            "field_identifier identifier metavariable shorthand_field_identifier type_identifier"
        ),
        comments=_s("block_comment line_comment shebang"),
        strings=_s("raw_string_literal string_literal"),
        literals={
            "boolean_literal": "boolean", "char_literal": "char", "float_literal": "number",
            "integer_literal": "number",
        },
        keywords=_s(
            "_ as async await block break const continue crate default dyn else enum expr "
            "expr_2021 extern false fn for gen ident if impl in item let lifetime literal loop "
            "match meta mod move mutable_specifier pat pat_param path primitive_type pub raw ref "
            "return self static stmt struct super trait true try tt ty type union unsafe use vis "
            "where while yield"
        ),
        functions=_s("closure_expression function_item"),
        definitions=_s("enum_item function_item impl_item struct_item trait_item union_item"),
        constants=(ConstantForm("const_item"),),
    ),
    # Symbols are literal values; hash keys (`key:`) name fields, so are identifiers.
    # i, r, ri are number suffixes, not keywords.
    LanguageSpec(
        name="ruby",
        display="Ruby",
        grammar="ruby",
        extensions=(".gemspec", ".jbuilder", ".rake", ".rb", ".rbw", ".ru"),
        filenames=(
            "Brewfile", "Capfile", "Fastfile", "Gemfile", "Guardfile", "Podfile", "Rakefile",
            "Vagrantfile",
        ),
        shebangs=("jruby", "rbx", "ruby"),
        identifiers=_s(
            "class_variable constant global_variable hash_key_symbol identifier instance_variable"
        ),
        comments=_s("comment uninterpreted"),
        strings=_s(
            "chained_string heredoc_beginning heredoc_body string string_array subshell "
            "symbol_array"
        ),
        literals={
            "character": "char", "complex": "number", "delimited_symbol": "other",
            "false": "boolean", "float": "number", "integer": "number", "nil": "null",
            "rational": "number", "regex": "regex", "simple_symbol": "other", "true": "boolean",
        },
        keywords=_s(
            "BEGIN END alias and begin break case class def do else elsif encoding end ensure "
            "file for if in line module next nil not or redo rescue retry return self super then "
            "undef unless until when while yield"
        ),
        functions=_s("lambda method singleton_method"),
        definitions=_s("class method module singleton_method"),
    ),
    # Anonymous `string`/`float`/`null` are type keywords; the named ones are literals.
    LanguageSpec(
        name="php",
        display="PHP",
        grammar="php",
        extensions=(".php", ".php3", ".php4", ".php5", ".php7", ".phps", ".phpt", ".phtml"),
        shebangs=("php",),
        identifiers=_s("name"),
        comments=_s("comment"),
        strings=_s("encapsed_string heredoc nowdoc shell_command_expression string text"),
        literals={"boolean": "boolean", "float": "number", "integer": "number", "null": "null"},
        keywords=_s(
            "abstract and array as bool break case cast_type catch class clone const continue "
            "declare default do echo else elseif encoding enddeclare endfor endforeach endif "
            "endswitch endwhile enum exit extends final finally float fn for foreach function "
            "global goto if implements include include_once instanceof insteadof int interface "
            "list match namespace new null object or parent php_end_tag php_tag primitive_type "
            "print private protected public readonly require require_once return self static "
            "strict_types string switch throw ticks trait try unset use while xor yield"
        ),
        functions=_s("anonymous_function arrow_function function_definition method_declaration"),
        definitions=_s(
            "class_declaration enum_declaration function_definition interface_declaration "
            "method_declaration trait_declaration"
        ),
    ),
    # Most *_modifier nodes wrap an anonymous keyword; the two listed are leaves.
    LanguageSpec(
        name="kotlin",
        entry_points=_MAIN,
        display="Kotlin",
        grammar="kotlin",
        extensions=(".kt", ".kts"),
        shebangs=("kotlin", "kotlinc"),
        identifiers=_s("simple_identifier type_identifier"),
        comments=_s("line_comment multiline_comment shebang_line"),
        strings=_s("string_literal"),
        literals={
            "bin_literal": "number", "boolean_literal": "boolean", "character_literal": "char",
            "hex_literal": "number", "integer_literal": "number", "long_literal": "number",
            "null_literal": "null", "real_literal": "number", "unsigned_literal": "number",
        },
        keywords=_s(
            "abstract actual annotation as break by catch class companion constructor continue "
            "crossinline data delegate do dynamic else enum expect external false field file "
            "final finally for fun get if import in infix init inline inner interface internal is "
            "lateinit noinline object open operator out override package param private property "
            "property_modifier protected public receiver reification_modifier return sealed set "
            "setparam super suspend tailrec this throw true try typealias val value var vararg "
            "when where while"
        ),
        functions=_s(
            "anonymous_function function_declaration getter lambda_literal secondary_constructor "
            "setter"
        ),
        definitions=_s(
            "class_declaration function_declaration object_declaration secondary_constructor"
        ),
    ),
    LanguageSpec(
        name="scala",
        entry_points=_MAIN,
        display="Scala",
        grammar="scala",
        extensions=(".sc", ".scala"),
        shebangs=("scala",),
        identifiers=_s("identifier type_identifier"),
        comments=_s("block_comment comment"),
        strings=_s("interpolated_string_expression string"),
        literals={
            "boolean_literal": "boolean", "character_literal": "char",
            "floating_point_literal": "number", "integer_literal": "number", "null_literal": "null",
            "unit": "other",
        },
        keywords=_s(
            "_ _end_ident abstract as case catch class def derives do else end enum export "
            "extends extension false final finally for given if implicit import infix inline into "
            "lazy macro match new object opaque open override package private protected return "
            "sealed then this throw tracked trait transparent true try type using val var while "
            "with yield"
        ),
        functions=_s("function_definition lambda_expression"),
        definitions=_s(
            "class_definition enum_definition function_definition object_definition "
            "trait_definition"
        ),
    ),
    # `nil` is an anonymous literal; `else` and the *_keyword nodes are named leaves.
    LanguageSpec(
        name="swift",
        display="Swift",
        grammar="swift",
        extensions=(".swift",),
        shebangs=("swift",),
        identifiers=_s("simple_identifier type_identifier"),
        comments=_s("comment multiline_comment shebang_line"),
        strings=_s("line_string_literal multi_line_string_literal raw_string_literal"),
        literals={
            "bin_literal": "number", "boolean_literal": "boolean", "hex_literal": "number",
            "integer_literal": "number", "nil": "null", "oct_literal": "number",
            "real_literal": "number", "regex_literal": "regex", "special_literal": "other",
        },
        keywords=_s(
            "Protocol Type _modify actor any arch as associatedtype async available await "
            "borrowing break canImport case catch_keyword class colorLiteral column compiler "
            "consuming continue convenience default_keyword deinit didSet distributed do "
            "dsohandle dynamic each else enum extension externalMacro fallthrough false file "
            "fileID fileLiteral filePath fileprivate final for func function get guard if "
            "imageLiteral import in indirect infix init inout internal is keyPath lazy let line "
            "macro mutating nonisolated nonmutating open operator optional os override package "
            "postfix precedencegroup prefix private protocol public repeat required return "
            "selector self set some static struct subscript super swift switch targetEnvironment "
            "throw_keyword true try typealias unavailable unowned var weak where_keyword while "
            "wildcard_pattern willSet yield"
        ),
        functions=_s("deinit_declaration function_declaration init_declaration lambda_literal"),
        definitions=_s(
            "class_declaration deinit_declaration function_declaration init_declaration "
            "protocol_declaration"
        ),
    ),
    LanguageSpec(
        name="objc",
        display="Objective-C",
        grammar="objc",
        extensions=(".h", ".m", ".mm"),
        content_hints=_OBJC_HINTS,
        identifiers=_s("field_identifier identifier statement_identifier type_identifier"),
        comments=_s("comment"),
        strings=_s("string_literal system_lib_string"),
        literals={
            "char_literal": "char", "false": "boolean", "null": "null", "number_literal": "number",
            "preproc_arg": "other", "true": "boolean",
        },
        keywords=_s(
            "API_AVAILABLE API_DEPRECATED API_UNAVAILABLE BOOL CF_FORMAT_FUNCTION "
            "CF_RETURNS_NOT_RETAINED CF_RETURNS_RETAINED CG_EXTERN CG_INLINE Class "
            "DEPRECATED_ATTRIBUTE DEPRECATED_MSG_ATTRIBUTE FOUNDATION_EXPORT FOUNDATION_EXTERN "
            "FOUNDATION_STATIC_INLINE IBInspectable IBOutlet IB_DESIGNABLE IMP "
            "NS_AUTOMATED_REFCOUNT_UNAVAILABLE NS_AVAILABLE NS_AVAILABLE_IOS "
            "NS_CLASS_AVAILABLE_IOS NS_CLASS_DEPRECATED_IOS NS_DEPRECATED_IOS "
            "NS_ENUM_AVAILABLE_IOS NS_ENUM_DEPRECATED_IOS NS_EXTENSION_UNAVAILABLE_IOS "
            "NS_FORMAT_FUNCTION NS_INLINE NS_REQUIRES_NIL_TERMINATION NS_ROOT_CLASS NS_SWIFT_NAME "
            "NS_SWIFT_UNAVAILABLE NS_UNAVAILABLE NS_VALID_UNTIL_END_OF_SCOPE NULL OBJC_EXPORT "
            "OBJC_ROOT_CLASS SEL UIKIT_EXTERN UI_APPEARANCE_SELECTOR UNAVAILABLE_ATTRIBUTE "
            "_Alignas _Alignof _Atomic _Complex _Generic _Nonnull _Noreturn _Null_unspecified "
            "_Nullable _Nullable_result __IOS_AVAILABLE __OSX_AVAILABLE_STARTING __alignof "
            "__alignof__ __asm __asm__ __attribute __attribute__ __autoreleasing __based __block "
            "__bridge __bridge_retained __bridge_transfer __builtin_available __catch __cdecl "
            "__clrcall __complex __const __contravariant __covariant __declspec "
            "__deprecated_enum_msg __deprecated_msg __extension__ __fastcall __finally "
            "__forceinline __imag __inline __inline__ __kindof __nonnull __nullable "
            "__ptrauth_objc_class_ro __ptrauth_objc_isa_pointer __ptrauth_objc_super_pointer "
            "__real __restrict__ __stdcall __strong __thiscall __thread __try __typeof __typeof__ "
            "__unaligned __unsafe_unretained __unused __vectorcall __volatile__ __weak _alignof "
            "_unaligned alignas alignof asm auto availability break bycopy byref case class const "
            "constexpr continue default defined do else enum extern for goto id if in inline "
            "inout ios long macos macosx ms_restrict_modifier ms_signed_ptr_modifier "
            "ms_unsigned_ptr_modifier noreturn nothrow nullable nullptr objc_bridge_related "
            "offsetof oneway out preproc_directive primitive_type register restrict return short "
            "signed sizeof static struct switch thread_local tvos typedef typeof union unsigned "
            "va_arg volatile watchos while"
        ),
        functions=_s("block_literal function_definition method_definition"),
    ),
    # `word` is any bare word (command names, function names, arguments).
    # Single letters are ${x@Q}-style expansion operators, not keywords.
    LanguageSpec(
        name="bash",
        display="Bash",
        grammar="bash",
        extensions=(".bash", ".bats", ".command", ".ksh", ".sh", ".zsh"),
        filenames=(
            ".bash_logout", ".bash_profile", ".bashrc", ".kshrc", ".profile", ".zprofile", ".zshrc",
            "PKGBUILD",
        ),
        shebangs=("ash", "bash", "dash", "ksh", "mksh", "sh", "zsh"),
        identifiers=_s("variable_name word"),
        comments=_s("comment"),
        strings=_s(
            "ansi_c_string heredoc_body heredoc_end heredoc_start raw_string string "
            "translated_string"
        ),
        literals={
            "extglob_pattern": "other", "file_descriptor": "number", "number": "number",
            "regex": "regex",
        },
        keywords=_s(
            "case declare do done elif else esac export fi for function if in local readonly "
            "select special_variable_name test_operator then typeset unset unsetenv until while"
        ),
        functions=_s("function_definition"),
    ),
    LanguageSpec(
        name="lua",
        display="Lua",
        grammar="lua",
        extensions=(".lua",),
        shebangs=("lua", "luajit"),
        identifiers=_s("identifier"),
        comments=_s("comment hash_bang_line"),
        strings=_s("string"),
        literals={"false": "boolean", "nil": "null", "number": "number", "true": "boolean"},
        keywords=_s(
            "and do else elseif end for function goto if in local not or repeat return then until "
            "vararg_expression while"
        ),
        functions=_s("function_declaration function_definition"),
    ),
    # `package` and `method` are both named names and anonymous keywords.
    LanguageSpec(
        name="perl",
        display="Perl",
        grammar="perl",
        extensions=(".pl", ".pm", ".psgi", ".t"),
        shebangs=("perl", "perl5"),
        identifiers=_s(
            "autoquoted_bareword bareword filehandle function identifier label method package "
            "varname"
        ),
        comments=_s("comment pod"),
        strings=_s(
            "attribute_value command_string data_section fileglob_expression heredoc_content "
            "heredoc_end heredoc_token interpolated_string_literal quoted_word_list "
            "string_literal"
        ),
        literals={
            "boolean": "boolean", "match_regexp": "regex", "number": "number",
            "quoted_regexp": "regex", "substitution_regexp": "regex",
            "transliteration_expression": "regex", "version": "other",
        },
        keywords=_s(
            "ADJUST BEGIN BUILD CHECK END INIT UNITCHECK __FILE__ __LINE__ __PACKAGE__ __SUB__ "
            "abs alarm and async attribute_name await break caller catch chdir chomp chop chr "
            "chroot class close closedir cmp continue cos dbmclose defer defined delete do "
            "dynamically each else elsif eof eof_marker eq eqr equ eval exists exit exp extended "
            "false fc field fileno finally for foreach fork ge getc getgrgid getgrnam "
            "getnetbyname getpeername getpgrp getppid getprotobyname getpwname getpwuid "
            "getsockname gmtime goto grep gt hex if int isa keys last lc lcfirst le length local "
            "localtime lock log lstat lt m map method my ne next no oct or ord our package pop "
            "pos prototype q qq qr quotemeta qw qx rand readdir readline readlink readpipe redo "
            "ref require reset return rewinddir rmdir role s scalar shift sin sleep sort sqrt "
            "srand stat state study sub tell telldir tied time times tr true try uc ucfirst umask "
            "undef unless untie until use values wait wantarray while write x xor y"
        ),
        functions=_s(
            "anonymous_method_expression anonymous_subroutine_expression "
            "method_declaration_statement subroutine_declaration_statement"
        ),
        known_parse_gaps=_PERL_PARSE_GAPS,
    ),
    # L and i are suffixes inside integer/complex literals, not keywords.
    LanguageSpec(
        name="r",
        display="R",
        grammar="r",
        extensions=(".r",),
        filenames=(".Rprofile",),
        shebangs=("Rscript",),
        identifiers=_s("dot_dot_i dots identifier"),
        comments=_s("comment"),
        strings=_s("string"),
        literals={
            "complex": "number", "false": "boolean", "float": "number", "inf": "number",
            "integer": "number", "na": "null", "nan": "number", "null": "null", "true": "boolean",
        },
        keywords=_s(
            "NA NA_character_ NA_complex_ NA_integer_ NA_real_ else for function if in repeat "
            "special while"
        ),
        functions=_s("function_definition"),
    ),
    LanguageSpec(
        name="matlab",
        display="MATLAB",
        grammar="matlab",
        extensions=(".m",),
        shebangs=("matlab", "octave", "octave-cli"),
        content_hints=_MATLAB_HINTS,
        identifiers=_s("command_name identifier property_name"),
        comments=_s("comment line_continuation"),
        strings=_s("command_argument string"),
        literals={"number": "number"},
        keywords=_s(
            "arguments break case catch classdef continue else elseif end endfunction enumeration "
            "events for function get global if methods otherwise parfor persistent properties "
            "return set spmd switch try while"
        ),
        functions=_s("function_definition lambda"),
    ),
    _FORTRAN,
    # The extensions compilers read as fixed form (gfortran: .f .for .ftn .fpp, upper case:
    # preprocessed): "C", "*" or "D" (debug line, a comment by default) in column 1.
    replace(
        _FORTRAN,
        name="fortran-fixed",
        display="Fortran (fixed form)",
        extensions=(".f", ".f77", ".for", ".fpp", ".ftn"),
        column_one_comments="CcDd*",
    ),
    # No anonymous words: every reserved word is a named leaf kXxx. Operator leaves
    # (kAssign, kEq, kAdd, ...) are left out of keywords.
    LanguageSpec(
        name="pascal",
        display="Pascal",
        grammar="pascal",
        extensions=(".dpr", ".lpr", ".pas", ".pp"),
        identifiers=_s("identifier"),
        comments=_s("comment"),
        strings=_s("asmBody literalString"),
        literals={
            "kFalse": "boolean", "kNil": "null", "kTrue": "boolean", "literalChar": "char",
            "literalNumber": "number",
        },
        keywords=_s(
            "kAbsolute kAbstract kAlias kAnd kArray kAs kAsm kAssembler kBegin kCase kCdecl "
            "kClass kConst kConstref kConstructor kCppdecl kCvar kDefault kDelayed kDeprecated "
            "kDestructor kDispId kDispInterface kDiv kDo kDownto kDynamic kElse kEnd kExcept "
            "kExperimental kExport kExports kExternal kFar kFile kFinalization kFinally kFor "
            "kForward kFunction kGeneric kGoto kHardfloat kHelper kIf kImplementation kImplements "
            "kIn kIndex kInherited kInitialization kInline kInterface kInterrupt kIocheck kIs "
            "kLabel kLibrary kLocal kMessage kMod kMs_abi_cdecl kMs_abi_default kMwpascal kName "
            "kNear kNodefault kNoreturn kNostackframe kNot kObjccategory kObjcclass kObjcprotocol "
            "kObject kOf kOn kOperator kOptional kOr kOut kOverload kOverride kPacked kPascal "
            "kPlatform kPrivate kProcedure kProgram kProperty kProtected kPublic kPublished "
            "kRaise kRead kRecord kReference kRegister kReintroduce kRepeat kRequired "
            "kResourcestring kSafecall kSaveregisters kSealed kSet kShl kShr kSoftfloat "
            "kSpecialize kStatic kStdcall kStored kStrict kString kSysv_abi_cdecl "
            "kSysv_abi_default kThen kThreadvar kTo kTry kType kUnimplemented kUnit kUntil kUses "
            "kVar kVarargs kVectorcall kVirtual kWhile kWinapi kWith kWrite kXor"
        ),
        functions=_s("defProc lambda"),
    ),
    LanguageSpec(
        name="ada",
        display="Ada",
        grammar="ada",
        extensions=(".ada", ".adb", ".ads"),
        identifiers=_s("identifier"),
        comments=_s("comment"),
        strings=_s("string_literal"),
        literals={"character_literal": "char", "numeric_literal": "number", "primary_null": "null"},
        keywords=_s(
            "Class abort abs abstract accept access aliased all and array at begin body case "
            "constant declare delay delta digits do else elsif end entry exception exit for "
            "function generic goto if in interface is limited loop mod new not null of or others "
            "out overriding package parallel pragma private procedure protected raise range "
            "record rem renames requeue return reverse select separate some subtype synchronized "
            "tagged task terminate then type until use when while with xor"
        ),
        functions=_s("entry_body expression_function_declaration subprogram_body"),
    ),
    LanguageSpec(
        name="verilog",
        display="Verilog/SystemVerilog",
        grammar="verilog",
        extensions=(".sv", ".svh", ".v", ".vh"),
        identifiers=_s("c_identifier escaped_identifier simple_identifier system_tf_identifier"),
        comments=_s("comment"),
        strings=_s("double_quoted_string string_literal"),
        literals={
            "binary_number": "number", "decimal_number": "number", "fixed_point_number": "number",
            "hex_number": "number", "macro_text": "other", "octal_number": "number",
            "real_number": "number", "time_literal": "number", "unbased_unsized_literal": "number",
            "unsigned_number": "number",
        },
        keywords=_s(
            "accept_on alias always always_comb always_ff always_latch and assert assign assume "
            "automatic before begin bind bins binsof bit break buf bufif0 bufif1 byte case casex "
            "casez chandle checker class clocking cmos const constraint context continue cover "
            "covergroup coverpoint cross deassign default defparam directive_begin_keywords "
            "directive_celldefine directive_default_nettype directive_define directive_else "
            "directive_elsif directive_end_keywords directive_endcelldefine directive_endif "
            "directive_ifdef directive_ifndef directive_include directive_line "
            "directive_nounconnected_drive directive_resetall directive_timescale "
            "directive_unconnected_drive directive_undef directive_undefineall disable dist do "
            "edge else end endcase endchecker endclass endclocking endfunction endgenerate "
            "endgroup endinterface endmodule endpackage endprimitive endprogram endproperty "
            "endsequence endspecify endtable endtask enum event eventually expect export extends "
            "extern final first_match for force foreach forever fork forkjoin fs function "
            "generate genvar global highz0 highz1 if iff ifnone ignore_bins illegal_bins "
            "implements implies import initial inout input inside int integer interconnect "
            "interface intersect join join_any join_none large let local localparam logic longint "
            "macromodule matches medium modport module ms nand negedge nettype new nexttime nmos "
            "none nor noshowcancelled not notif0 notif1 ns null option or output package packed "
            "parameter pmos posedge primitive priority program property protected ps pull0 pull1 "
            "pulldown pullup pulsestyle_ondetect pulsestyle_onevent pure rand randc randcase "
            "randomize rcmos real realtime ref reg reject_on release repeat restrict return rnmos "
            "rpmos rtran rtranif0 rtranif1 s s_always s_eventually s_nexttime s_until "
            "s_until_with sample scalared sequence shortint shortreal showcancelled signed small "
            "soft solve specify specparam static std string strong strong0 strong1 struct super "
            "supply0 supply1 sync_accept_on sync_reject_on table tagged task this throughout time "
            "timeprecision timeunit tran tranif0 tranif1 tri tri0 tri1 triand trior trireg type "
            "type_option typedef union unique unique0 unsigned until until_with untyped us uwire "
            "var vectored virtual void wait wait_order wand weak weak0 weak1 while wildcard wire "
            "with within wor xnor xor"
        ),
        functions=_s("function_declaration task_declaration"),
    ),
    LanguageSpec(
        name="vhdl",
        display="VHDL",
        grammar="vhdl",
        extensions=(".vhd", ".vhdl", ".vho", ".vht"),
        identifiers=_s("extended_identifier identifier simple_name"),
        comments=_s("comment"),
        strings=_s("string_literal"),
        literals={
            "based_integer": "number", "based_real": "number", "bit_string_literal": "number",
            "character_literal": "char", "integer_decimal": "number", "null": "null",
            "real_decimal": "number",
        },
        keywords=_s(
            "_ abort abs access active after alias all always and architecture array ascending "
            "assert assume assume_guarantee async_abort attribute base before begin bit "
            "bit_vector block body boolean buffer bus case clock component configuration const "
            "constant context countones cover default delayed descending disconnect downto "
            "driving driving_value element else elsif end ended entity event eventually exit "
            "fairness fell file for forall force function generate generic group guarded hdltype "
            "high if image impure in inertial inherit inout instance_name is isunknown label "
            "last_active last_event last_value left leftof length library linkage literal loop "
            "low map mod nand never new next next_a next_e next_event next_event_a next_event_e "
            "nondet nondet_vector nor not null numeric of on onehot onehot0 open or others out "
            "package parameter path_name port pos postponed pred prev procedure process property "
            "protected pure quiet range record register reject release rem report restrict "
            "restrict_guarantee return reverse_range right rightof rol ror rose select sequence "
            "severity shared signal simple_name sla sll sra srl stable string strong subtype succ "
            "sync_abort then to transaction transport type unaffected union units until use val "
            "value variable vmode vprop vunit wait when while with within xnor xor"
        ),
        functions=_s("function_body procedure_body"),
    ),
    # Reserved words are named leaves keyword_xxx; `literal` covers strings and numbers.
    LanguageSpec(
        name="sql",
        display="SQL",
        grammar="sql",
        extensions=(".ddl", ".dml", ".pgsql", ".psql", ".sql"),
        identifiers=_s("identifier"),
        comments=_s("comment marginalia"),
        literals={
            "keyword_false": "boolean", "keyword_null": "null", "keyword_true": "boolean",
            "literal": "other",
        },
        keywords=_s(
            "command filename keyword_action keyword_add keyword_admin keyword_after keyword_all "
            "keyword_alter keyword_always keyword_analyze keyword_and keyword_any keyword_array "
            "keyword_as keyword_asc keyword_atomic keyword_attribute keyword_authorization "
            "keyword_auto_increment keyword_avro keyword_before keyword_begin keyword_between "
            "keyword_bigint keyword_bigserial keyword_bin_pack keyword_binary keyword_bit "
            "keyword_boolean keyword_box2d keyword_box3d keyword_brin keyword_btree keyword_by "
            "keyword_bytea keyword_cache keyword_cached keyword_called keyword_cascade "
            "keyword_cascaded keyword_case keyword_cast keyword_change keyword_char "
            "keyword_character keyword_characteristics keyword_check keyword_collate "
            "keyword_column keyword_columns keyword_comment keyword_commit keyword_committed "
            "keyword_compression keyword_compute keyword_concurrently keyword_conflict "
            "keyword_connection keyword_constraint keyword_constraints keyword_copy keyword_cost "
            "keyword_create keyword_cross keyword_csv keyword_current keyword_current_timestamp "
            "keyword_cycle keyword_data keyword_database keyword_date keyword_datetime "
            "keyword_datetime2 keyword_datetimeoffset keyword_decimal keyword_declare "
            "keyword_default keyword_deferrable keyword_deferred keyword_definer keyword_delayed "
            "keyword_delete keyword_delimited keyword_delimiter keyword_desc keyword_distinct "
            "keyword_do keyword_double keyword_drop keyword_duplicate keyword_each keyword_else "
            "keyword_encoding keyword_encrypted keyword_end keyword_engine keyword_enum "
            "keyword_escape keyword_escaped keyword_except keyword_exclude keyword_execute "
            "keyword_exists keyword_explain keyword_extended keyword_extension keyword_external "
            "keyword_fields keyword_filter keyword_first keyword_float keyword_following "
            "keyword_follows keyword_for keyword_force keyword_force_not_null keyword_force_null "
            "keyword_force_quote keyword_foreign keyword_format keyword_freeze keyword_from "
            "keyword_full keyword_function keyword_generated keyword_geography keyword_geometry "
            "keyword_gin keyword_gist keyword_group keyword_groups keyword_hash keyword_having "
            "keyword_header keyword_high_priority keyword_if keyword_ignore keyword_image "
            "keyword_immediate keyword_immutable keyword_in keyword_include keyword_increment "
            "keyword_incremental keyword_index keyword_inet keyword_initially keyword_inner "
            "keyword_inout keyword_input keyword_insert keyword_instead keyword_int "
            "keyword_intersect keyword_interval keyword_into keyword_invoker keyword_is "
            "keyword_isolation keyword_join keyword_json keyword_jsonb keyword_jsonfile "
            "keyword_key keyword_language keyword_last keyword_lateral keyword_leakproof "
            "keyword_left keyword_level keyword_like keyword_limit keyword_lines keyword_local "
            "keyword_location keyword_logged keyword_low_priority keyword_main keyword_match "
            "keyword_matched keyword_materialized keyword_maxvalue keyword_mediumint "
            "keyword_merge keyword_metadata keyword_minvalue keyword_modify keyword_money "
            "keyword_name keyword_names keyword_natural keyword_nchar keyword_new keyword_no "
            "keyword_none keyword_noscan keyword_not keyword_nothing keyword_nowait keyword_nulls "
            "keyword_numeric keyword_nvarchar keyword_object_id keyword_of keyword_off "
            "keyword_offset keyword_oid keyword_oids keyword_old keyword_on keyword_only "
            "keyword_optimize keyword_option keyword_or keyword_orc keyword_order "
            "keyword_ordinality keyword_others keyword_out keyword_outer keyword_over "
            "keyword_overwrite keyword_owned keyword_owner keyword_parallel keyword_parquet "
            "keyword_partition keyword_partitioned keyword_password keyword_plain "
            "keyword_precedes keyword_preceding keyword_precision keyword_primary "
            "keyword_procedure keyword_program keyword_quote keyword_range keyword_rcfile "
            "keyword_read keyword_real keyword_recursive keyword_references keyword_referencing "
            "keyword_regclass keyword_regnamespace keyword_regproc keyword_regtype keyword_rename "
            "keyword_repeatable keyword_replace keyword_replication keyword_reset keyword_restart "
            "keyword_restrict keyword_restricted keyword_return keyword_returning keyword_returns "
            "keyword_rewrite keyword_right keyword_role keyword_rollback keyword_row keyword_rows "
            "keyword_safe keyword_schema keyword_security keyword_select keyword_separator "
            "keyword_sequence keyword_sequencefile keyword_serial keyword_serializable "
            "keyword_session keyword_set keyword_setof keyword_show keyword_similar "
            "keyword_smalldatetime keyword_smallint keyword_smallmoney keyword_smallserial "
            "keyword_snapshot keyword_some keyword_sort keyword_spgist keyword_split "
            "keyword_stable keyword_start keyword_statement keyword_statistics keyword_stats "
            "keyword_stdin keyword_storage keyword_stored keyword_strict keyword_string "
            "keyword_support keyword_table keyword_tables keyword_tablespace keyword_tablets "
            "keyword_tblproperties keyword_temp keyword_temporary keyword_terminated keyword_text "
            "keyword_textfile keyword_then keyword_ties keyword_time keyword_timestamp "
            "keyword_timestamptz keyword_tinyint keyword_to keyword_transaction keyword_trigger "
            "keyword_truncate keyword_type keyword_unbounded keyword_uncached keyword_uncommitted "
            "keyword_union keyword_unique keyword_unload keyword_unlogged keyword_unsafe "
            "keyword_unsigned keyword_until keyword_update keyword_use keyword_user keyword_using "
            "keyword_uuid keyword_vacuum keyword_valid keyword_value keyword_values "
            "keyword_varbinary keyword_varchar keyword_variadic keyword_varying keyword_verbose "
            "keyword_version keyword_view keyword_virtual keyword_volatile keyword_wait "
            "keyword_when keyword_where keyword_while keyword_window keyword_with keyword_without "
            "keyword_write keyword_xml keyword_zerofill keyword_zone"
        ),
        functions=_s("create_function"),
    ),
    # Most reserved words are hidden tokens and never appear in the tree; the visible
    # ones are named upper-case leaves. Comments come out as zero-width nodes (their text is
    # dropped). The scanner can loop forever on junk such as b"x", beyond the reach of a
    # progress_callback. Figurative constants are spelled once per letter case.
    LanguageSpec(
        name="cobol",
        display="COBOL",
        grammar="cobol",
        extensions=(".cbl", ".cob", ".cobol", ".cpy"),
        identifiers=_s("WORD entry_name paragraph_header program_name section_header"),
        comments=_s("comment comment_entry"),
        strings=_s("h_string n_string string x_string"),
        literals={
            "FALSE": "boolean", "HIGH-VALUE": "other", "HIGH-VALUES": "other",
            "HIGH-Value": "other", "HIGH-Values": "other", "HIGH-value": "other",
            "HIGH-values": "other", "HIGH_VALUE": "other", "High-VALUE": "other",
            "High-VALUES": "other", "High-Value": "other", "High-Values": "other",
            "High-value": "other", "High-values": "other", "LOW-VALUE": "other",
            "LOW-VALUES": "other", "LOW-Value": "other", "LOW-Values": "other",
            "LOW-value": "other", "LOW-values": "other", "LOW_VALUE": "other", "Low-VALUE": "other",
            "Low-VALUES": "other", "Low-Value": "other", "Low-Values": "other",
            "Low-value": "other", "Low-values": "other", "NULL": "null", "Null": "null",
            "QUOTE": "other", "QUOTES": "other", "Quote": "other", "Quotes": "other",
            "SPACE": "other", "SPACES": "other", "Space": "other", "Spaces": "other",
            "TOK_NULL": "null", "TRUE": "boolean", "ZERO": "number", "ZEROES": "number",
            "ZEROS": "number", "Zero": "number", "Zeroes": "number", "Zeros": "number",
            "decimal": "number", "high-VALUE": "other", "high-VALUES": "other",
            "high-Value": "other", "high-Values": "other", "high-value": "other",
            "high-values": "other", "integer": "number", "level_number": "number",
            "low-VALUE": "other", "low-VALUES": "other", "low-Value": "other",
            "low-Values": "other", "low-value": "other", "low-values": "other", "null": "null",
            "number": "number", "picture_9": "other", "picture_a": "other", "picture_edit": "other",
            "picture_n": "other", "picture_x": "other", "quote": "other", "quotes": "other",
            "space": "other", "spaces": "other", "zero": "number", "zeroes": "number",
            "zeros": "number",
        },
        keywords=_s(
            "ADVANCING AFTER ALL ALPHABETIC ALPHABETIC_LOWER ALPHABETIC_UPPER ALPHANUMERIC "
            "ALPHANUMERIC_EDITED ALSO AND AND_EQ AND_GE AND_GT AND_LE AND_LT AND_NE ANY "
            "ARGUMENT_NUMBER ARGUMENT_VALUE ASCENDING AUTO AUTOMATIC BACKGROUND_COLOR BEFORE BELL "
            "BINARY BINARY_CHAR BINARY_C_LONG BINARY_DOUBLE BINARY_LONG BINARY_SHORT BLANK_LINE "
            "BLANK_SCREEN BLINK BY CHAINING CHARACTERS CLASS_NAME COLUMNS COMMAND_LINE COMP "
            "COMPUTATIONAL COMP_1 COMP_2 COMP_3 COMP_4 COMP_5 COMP_X CONCATENATE_FUNC "
            "CORRESPONDING CRT CURRENT_DATE_FUNC CYCLE DATE DAY DAY_OF_WEEK DEFAULT DELIMITED "
            "DESCENDING DISK DISPLAY DOWN DUPLICATES DYNAMIC EBCDIC END_ACCEPT END_ADD END_CALL "
            "END_COMPUTE END_DELETE END_DISPLAY END_DIVIDE END_EVALUATE END_IF END_MULTIPLY "
            "END_PERFORM END_READ END_RETURN END_REWRITE END_SEARCH END_START END_STRING "
            "END_SUBTRACT END_UNSTRING END_WRITE ENVIRONMENT ENVIRONMENT_VALUE EOL EOS ERASE "
            "ESCAPE EXCLUSIVE EXTEND EXTERNAL FD FILE FILE_ID FILLER FIRST FOREGROUND_COLOR "
            "FOREVER FULL GLOBAL HIGHLIGHT IGNORE INDEX INDEXED INITIALIZED INPUT I_O KEY LEADING "
            "LEFT LENGTH LINE LINES LITERAL LOCALE_DT_FUNC LOCK LOWER_CASE_FUNC LOWLIGHT MANUAL "
            "MNEMONIC_NAME NATIONAL NATIONAL_EDITED NATIVE NEGATIVE NEXT NO NOT NOT_ALPHABETIC "
            "NOT_ALPHABETIC_LOWER NOT_ALPHABETIC_UPPER NOT_CLASS_NAME NOT_NEGATIVE NOT_NUMERIC "
            "NOT_OMITTED NOT_POSITIVE NOT_ZERO NUMERIC NUMERIC_EDITED NUMVALC_FUNC OFF OMITTED ON "
            "ONLY OPTIONAL OR OR_EQ OR_GE OR_GT OR_LE OR_LT OR_NE OUTPUT OVERLINE PACKED_DECIMAL "
            "PAGE PARAGRAPH PERFORM POINTER POSITION POSITIVE PREVIOUS PRINTER PROCEDURE PROCEED "
            "PROGRAM PROGRAM_POINTER PROMPT RANDOM READ RECORD REEL REFERENCE RELATIVE REMOVAL "
            "REQUIRED REVERSE_FUNC REVERSE_VIDEO REWIND RIGHT ROUNDED SCROLL SD SECTION SEPARATE "
            "SEQUENTIAL SIGNED SIGNED_INT SIGNED_LONG SIGNED_SHORT SIZE SORT SORT_MERGE SOURCE "
            "STANDARD STANDARD_1 STANDARD_2 SUBSTITUTE_CASE_FUNC SUBSTITUTE_FUNC SUPPRESS THRU "
            "TIME TO TRAILING TRIM_FUNCTION UNDERLINE UNIT UNSIGNED UNSIGNED_INT UNSIGNED_LONG "
            "UNSIGNED_SHORT UP UPDATE UPON UPPER_CASE_FUNC USING VALUE VARYING WAIT "
            "WHEN_COMPILED_FUNC WORDS YYYYDDD YYYYMMDD continue_statement goback_statement "
            "next_sentence_statement stop_statement"
        ),
        functions=_s("program_definition"),
    ),
    # A function's signature and body are siblings: function_body is the closest node.
    LanguageSpec(
        name="dart",
        display="Dart",
        grammar="dart",
        extensions=(".dart",),
        shebangs=("dart",),
        identifiers=_s("identifier type_identifier"),
        comments=_s("comment documentation_comment script_tag"),
        strings=_s("string_literal"),
        literals={
            "decimal_floating_point_literal": "number", "decimal_integer_literal": "number",
            "false": "boolean", "hex_integer_literal": "number", "null_literal": "null",
            "symbol_literal": "other", "true": "boolean",
        },
        keywords=_s(
            "Function abstract as assert_builtin async await base break_builtin case catch class "
            "const_builtin continue covariant default deferred do else enum export extends "
            "extension external factory false final finally for get hide if implements import in "
            "inline interface is late library mixin native new null on operator part "
            "part_of_builtin required rethrow_builtin return sealed set show static super switch "
            "this throw true try type typedef var void_type when while with yield"
        ),
        functions=_s("function_body function_expression lambda_expression"),
    ),
    # `function` also names arrow types in signatures. d e p t (Template Haskell
    # quote brackets) are not keywords.
    LanguageSpec(
        name="haskell",
        display="Haskell",
        grammar="haskell",
        extensions=(".hs",),
        shebangs=("runghc", "runhaskell", "stack"),
        identifiers=_s("constructor field_name module_id name variable"),
        comments=_s("comment haddock pragma"),
        strings=_s("quasiquote string"),
        literals={"char": "char", "float": "number", "integer": "number"},
        keywords=_s(
            "_ anyclass as by case cases class data default deriving do else export family forall "
            "foreign group hiding if import in infix infixl infixr instance let mdo module "
            "newtype nominal of pattern phantom qualified rec representational role stock then "
            "type using via where"
        ),
        functions=_s("function"),
    ),
    # def/defp are ordinary calls in this grammar: only fn ... end is a function node.
    LanguageSpec(
        name="elixir",
        display="Elixir",
        grammar="elixir",
        extensions=(".ex", ".exs"),
        filenames=("mix.lock",),
        shebangs=("elixir",),
        identifiers=_s("alias identifier keyword"),
        comments=_s("comment"),
        strings=_s("charlist sigil string"),
        literals={
            "atom": "other", "boolean": "boolean", "char": "char", "float": "number",
            "integer": "number", "nil": "null", "quoted_atom": "other",
        },
        keywords=_s("after and catch do else end false fn in nil not or rescue true when"),
        functions=_s("anonymous_function"),
    ),
    LanguageSpec(
        name="julia",
        display="Julia",
        grammar="julia",
        extensions=(".jl",),
        shebangs=("julia",),
        identifiers=_s("identifier macro_identifier"),
        comments=_s("block_comment line_comment"),
        strings=_s(
            "command_literal prefixed_command_literal prefixed_string_literal string_literal"
        ),
        literals={
            "boolean_literal": "boolean", "character_literal": "char", "float_literal": "number",
            "integer_literal": "number",
        },
        keywords=_s(
            "abstract as baremodule begin catch const do else elseif end export false finally for "
            "function global if import let local macro module mutable outer primitive public "
            "quote return struct true try type using where while"
        ),
        functions=_s("arrow_function_expression function_definition macro_definition"),
    ),
    # Style sheets: class, id and animation names are the author's; property, tag, function
    # and value words are CSS's own vocabulary, kept as structure. Without a grammar the
    # lexical fallback read BEM's "block--modifier" and custom properties ("--gap") as
    # "--" comments, listed as shared comments.
    LanguageSpec(
        name="css",
        display="CSS",
        grammar="css",
        extensions=(".css",),
        identifiers=_s(
            "attribute_name class_name id_name identifier keyframes_name namespace_name"
        ),
        comments=_s("comment js_comment"),
        strings=_s("string_value"),
        literals={"color_value": "other", "float_value": "number", "integer_value": "number"},
        keywords=_s(
            "and at_keyword feature_name from function_name important keyword_query not of only "
            "or plain_value property_name selector tag_name to unit"
        ),
        functions=_s("keyframe_block rule_set"),
        definitions=_s("keyframes_statement rule_set"),
    ),
    # CSS with variables, nesting, mixins and functions: the author's names are identifiers
    # as in CSS, plus variables ($gap) and the names of mixins, functions and placeholders.
    LanguageSpec(
        name="scss",
        display="SCSS",
        grammar="scss",
        extensions=(".scss",),
        identifiers=_s(
            "attribute_name class_name id_name identifier keyframes_name namespace_name variable"
        ),
        comments=_s("comment js_comment"),
        strings=_s("string_value"),
        literals={"color_value": "other", "float_value": "number", "integer_value": "number"},
        keywords=_s(
            "and at_keyword feature_name from function_name if important in keyword_query not "
            "only or plain_value property_name selector tag_name through to unit"
        ),
        functions=_s("function_statement keyframe_block mixin_statement rule_set"),
        definitions=_s("function_statement keyframes_statement mixin_statement rule_set"),
        known_parse_gaps=_SCSS_PARSE_GAPS,
    ),
    # No node spans a whole function (Decl holds FnProto and Block): FnProto marks it.
    LanguageSpec(
        name="zig",
        display="Zig",
        grammar="zig",
        extensions=(".zig", ".zon"),
        identifiers=_s("BUILTINIDENTIFIER IDENTIFIER"),
        comments=_s("container_doc_comment doc_comment line_comment"),
        strings=_s("LINESTRING STRINGLITERALSINGLE"),
        literals={
            "CHAR_LITERAL": "char", "FLOAT": "number", "INTEGER": "number", "false": "boolean",
            "null": "null", "true": "boolean", "undefined": "other",
        },
        keywords=_s(
            "BuildinTypeExpr addrspace align allowzero and any anyframe anytype asm async await "
            "break c callconv catch comptime const continue defer else enum errdefer error export "
            "extern fn for if inline linksection noalias noinline nosuspend opaque or orelse "
            "packed pub resume return struct suspend switch test threadlocal try union "
            "unreachable usingnamespace var volatile while"
        ),
        functions=_s("FnProto TestDecl"),
    ),
    # A web page: its scripts (by their type) and style sheets are embedded code; markup as
    # in the component languages. Only `--mode code` reads .html with it: by default an
    # HTML file is a document (simcheck.documents) and is compared as text.
    LanguageSpec(
        name="html",
        display="HTML",
        grammar="html",
        extensions=(".htm", ".html", ".xhtml"),
        comments=_s("comment"),
        strings=_s("attribute_value raw_text text"),
        literals={"entity": "other"},
        keywords=_s("attribute_name doctype erroneous_end_tag_name tag_name"),
        embedded=(
            Embedding("raw_text", ("script_element",), "javascript", "type", (
                ("application/javascript", "javascript"), ("module", "javascript"),
                ("text/babel", "javascript"), ("text/javascript", "javascript"))),
            Embedding("raw_text", ("style_element",), "css"),
        ),
    ),
    # A template compiles to the component's render function: template_element is Vue's
    # function. Directive values (:prop="expr", @event="handler()", v-if) and {{ }} are
    # JavaScript; attribute_value elsewhere is a plain attribute's text.
    LanguageSpec(
        name="vue",
        display="Vue",
        grammar="vue",
        extensions=(".vue",),
        comments=_s("comment"),
        strings=_s("attribute_value raw_text text"),
        literals={"entity": "other"},
        keywords=_s(
            "attribute_name directive_modifier directive_name directive_value doctype "
            "erroneous_end_tag_name tag_name"
        ),
        functions=_s("template_element"),
        embedded=(
            *_COMPONENT_BLOCKS,
            Embedding("raw_text", ("interpolation",), "javascript", errors_noted=False),
            Embedding("attribute_value", ("quoted_attribute_value", "directive_attribute"),
                      "javascript", errors_noted=False),
            Embedding("attribute_value", ("directive_attribute",), "javascript",
                      errors_noted=False),
            Embedding("dynamic_directive_inner_value", ("dynamic_directive_value",),
                      "javascript", errors_noted=False),
        ),
    ),
    # Svelte's blocks ({#if}, {#each}, {#await}) are template keywords; a snippet (Svelte 5)
    # is a named, callable piece of template: its function and definition. Every {...} is
    # JavaScript.
    LanguageSpec(
        name="svelte",
        display="Svelte",
        grammar="svelte",
        extensions=(".svelte",),
        identifiers=_s("snippet_name"),
        comments=_s("comment"),
        strings=_s("attribute_value raw_text text"),
        keywords=_s("as attribute_name erroneous_end_tag_name special_block_keyword tag_name then"),
        functions=_s("snippet_statement"),
        definitions=_s("snippet_statement"),
        embedded=(
            *_COMPONENT_BLOCKS,
            *(Embedding(node, (), "javascript", errors_noted=False)
              for node in ("raw_text_await", "raw_text_each", "raw_text_expr")),
        ),
    ),
)


# ---------------------------------------------------------------------------------------
# Controller software and the build files around any codebase: C++ dialects of embedded and
# GPU code, build systems, interface definitions, linker scripts and kernel configuration,
# then general-purpose languages. Kept in one block, appended to LANGUAGES, so that entries
# added elsewhere in this file merge without touching it.
#
# Tried and left out: the bundled `asm` grammar reports a syntax error in 126 of numpy
# 1.26.4's 129 assembly files (GNU as `@function`, ARM `@` comments, `.-sym`, AVX-512
# masks) and gives a mnemonic and an operand one node type (`word`), so its structure
# would hold no instruction; the `groovy` grammar has no keywords (`new`, `return` and
# `throw` are identifiers), nor has the `clojure` one (`defn`, `let`, `if` are symbols like
# any other, leaving a structure of brackets). They stay with the lexical tokens. There is
# no device-tree grammar in the pack.

_CPP_SPEC = next(spec for spec in LANGUAGES if spec.name == "cpp")
_C_SPEC = next(spec for spec in LANGUAGES if spec.name == "c")
_PYTHON_SPEC = next(spec for spec in LANGUAGES if spec.name == "python")
# C++20 modules are absent from the CUDA and Arduino grammars (forks of an older C++).
_CPP_MODULE_WORDS = _s("export import module")

# `.pde` is an Arduino sketch (before Arduino 1.0) or a Processing one (Java with
# top-level functions, which the Java grammar reads): these say "Arduino" (Java is the
# default, being first in the catalog).
_ARDUINO_HINTS: tuple[str, ...] = (
    r"^\s*#\s*(include|define)\b",
    r"\b(pinMode|digitalWrite|digitalRead|analogRead|analogWrite|attachInterrupt)\s*\(",
    r"\bSerial\d?\s*\.\s*(begin|print|println|write|read|available)\s*\(",
    r"\b(PROGMEM|HIGH|LOW|OUTPUT|INPUT_PULLUP)\b",
)

# Valid Meson the bundled grammar reads with an ERROR node (122 of numpy 1.26.4's 1,285
# meson.build files hold an error; these are the commonest causes seen there).
_MESON_PARSE_GAPS = (
    "an empty comment: a line holding only #",
    "indexing a call's result: files('a.c')[0]",
    "indexing in a list or a sum: [a, b[2]], y[0] + y[1]",
    "a method of a list literal: ['a'].contains(x)",
    "foreach over a call's result: foreach n : get_option('o')",
    "a format string: f'@x@'",
)

# A file named X.EXT.SUFFIX with one of these suffixes is a template of X.EXT (autoconf's
# and CMake's `config.h.in`, numpy's `loops.c.src`) and is read as X.EXT's language.
TEMPLATE_SUFFIXES: tuple[str, ...] = (".in", ".src", ".template", ".tmpl")

_SYSTEMS_LANGUAGES: tuple[LanguageSpec, ...] = (
    # NVIDIA's C++ dialect: the C++ entry plus the execution-space and memory qualifiers.
    replace(
        _CPP_SPEC,
        name="cuda",
        display="CUDA",
        grammar="cuda",
        extensions=(".cu", ".cuh"),
        content_hints=(),
        keywords=(_CPP_SPEC.keywords - _CPP_MODULE_WORDS) | _s(
            "__constant__ __device__ __forceinline__ __global__ __grid_constant__ __host__ "
            "__launch_bounds__ __local__ __managed__ __noinline__ __shared__"
        ),
    ),
    # Arduino sketches are C++ with the core library's types; setup() and loop() are what
    # the Arduino runtime calls.
    replace(
        _CPP_SPEC,
        name="arduino",
        display="Arduino",
        grammar="arduino",
        extensions=(".ino", ".pde"),
        content_hints=_ARDUINO_HINTS,
        keywords=(_CPP_SPEC.keywords - _CPP_MODULE_WORDS) | _s("PROGMEM byte word"),
        entry_points=_s("loop main setup"),
    ),
    # `word` is any bare word: a variable, target, argument or function argument. Values,
    # recipe lines and `define` bodies are text, one token each (like a shell string).
    LanguageSpec(
        name="make",
        display="Makefile",
        grammar="make",
        extensions=(".mak", ".make", ".mk"),
        filenames=("GNUmakefile", "Makefile", "Makefile.am", "makefile"),
        identifiers=_s("word"),
        comments=_s("comment"),
        strings=_s("raw_text shell_command shell_text string text"),
        literals={"escape": "other"},
        keywords=_s(
            "VPATH abspath addprefix addsuffix and basename call define dir else endef endif "
            "error eval export file filter findstring firstword flavor foreach if "
            "ifdef ifeq ifndef ifneq include info join lastword notdir or origin override "
            "patsubst private realpath shell sinclude sort strip subst suffix undefine "
            "unexport value vpath warning wildcard word wordlist words"
        ),
        functions=_s("define_directive rule"),
        definitions=_s("define_directive rule"),
    ),
    # Command names and bare arguments (keyword arguments such as PRIVATE included) are
    # words, taken as identifiers: what a word means is up to the command.
    LanguageSpec(
        name="cmake",
        display="CMake",
        grammar="cmake",
        extensions=(".cmake",),
        filenames=("CMakeLists.txt",),
        identifiers=_s("identifier unquoted_argument variable"),
        comments=_s("bracket_comment line_comment"),
        strings=_s("bracket_argument quoted_argument"),
        keywords=_s(
            "CACHE ENV block else elseif endblock endforeach endfunction endif endmacro "
            "endwhile foreach function if macro while"
        ),
        functions=_s("function_def macro_def"),
        definitions=_s("function_def macro_def"),
    ),
    # No user-defined functions in Meson: build files are calls of its built-ins.
    LanguageSpec(
        name="meson",
        display="Meson",
        grammar="meson",
        filenames=("meson.build", "meson.options", "meson_options.txt"),
        identifiers=_s("identifier"),
        comments=_s("comment"),
        strings=_s("string"),
        literals={"false": "boolean", "number": "number", "true": "boolean"},
        keywords=_s(
            "and elif else endforeach endif foreach if in keyword_break keyword_continue not or"
        ),
        known_parse_gaps=_MESON_PARSE_GAPS,
    ),
    LanguageSpec(
        name="proto",
        display="Protocol Buffers",
        grammar="proto",
        extensions=(".proto",),
        identifiers=_s("identifier"),
        comments=_s("comment"),
        strings=_s("reserved_identifier string"),
        literals={
            "decimal_lit": "number", "false": "boolean", "float_lit": "number",
            "hex_lit": "number", "octal_lit": "number", "true": "boolean",
        },
        keywords=_s(
            "bool bytes double edition enum extend extensions fixed32 fixed64 float import "
            "int32 int64 map max message oneof option optional package public repeated "
            "required reserved returns rpc service sfixed32 sfixed64 sint32 sint64 stream "
            "string syntax to uint32 uint64 weak"
        ),
        functions=_s("rpc"),
        definitions=_s("enum message rpc service"),
    ),
    # GNU ld scripts. Section name patterns (`.text*`) are text; memory attributes (`rx`)
    # are reserved letters.
    LanguageSpec(
        name="linkerscript",
        display="Linker script",
        grammar="linkerscript",
        extensions=(".ld", ".lds"),
        identifiers=_s("quoted_symbol symbol"),
        comments=_s("comment"),
        strings=_s("filename"),
        literals={"number": "number"},
        keywords=_s(
            "ASSERT AT COPY DSECT ENTRY FILEHDR INFO KEEP LENGTH MEMORY NOCROSSREFS NOLOAD "
            "ORIGIN OVERLAY PHDRS PROVIDE PROVIDE_HIDDEN SECTIONS attributes l len o org"
        ),
        definitions=_s("output_section"),
    ),
    # Linux, Zephyr and Buildroot configuration menus. A symbol is any word (names, `y`,
    # numbers); help text is what the menu shows, a string.
    LanguageSpec(
        name="kconfig",
        display="Kconfig",
        grammar="kconfig",
        filenames=(
            "Config.in", "Kconfig", "Kconfig.board", "Kconfig.debug", "Kconfig.defconfig",
            "Kconfig.soc",
        ),
        identifiers=_s("symbol"),
        comments=_s("comment"),
        strings=_s("string text"),
        keywords=_s(
            "bool choice comment config configdefault def_bool def_hex def_int def_string "
            "def_tristate default endchoice endif endmenu help hex if imply int mainmenu menu "
            "menuconfig orsource osource prompt range rsource select source string tristate"
        ),
        definitions=_s("choice config menu menuconfig"),
    ),
    # OpenGL shaders: C's entry plus GLSL's storage, precision and layout qualifiers.
    replace(
        _C_SPEC,
        name="glsl",
        display="GLSL",
        grammar="glsl",
        extensions=(".comp", ".frag", ".geom", ".glsl", ".tesc", ".tese", ".vert"),
        keywords=_C_SPEC.keywords | _s(
            "attribute buffer callableDataEXT callableDataInEXT callableDataInNV "
            "callableDataNV centroid coherent disable enable flat highp hitAttributeEXT "
            "hitAttributeNV in inout invariant layout lowp mediump noperspective out patch "
            "precise precision rayPayloadEXT rayPayloadInEXT rayPayloadInNV rayPayloadNV "
            "readonly require sample shaderRecordEXT shaderRecordNV shared smooth subroutine "
            "uniform varying warn writeonly"
        ),
    ),
    # FPGA and EDA tool scripts (Vivado, Quartus; .xdc and .sdc constraints are Tcl).
    # Every bare word is a word (commands and arguments alike); a braced list of words
    # with no substitution in it is text.
    LanguageSpec(
        name="tcl",
        display="Tcl",
        grammar="tcl",
        extensions=(".sdc", ".tcl", ".tk", ".xdc"),
        shebangs=("expect", "tclsh", "wish"),
        identifiers=_s("id simple_word"),
        comments=_s("comment"),
        strings=_s("braced_word_simple quoted_word"),
        literals={"escaped_character": "char", "number": "number"},
        keywords=_s(
            "catch else elseif eq error expr finally foreach global if in namespace ne ni on "
            "proc regexp set try while"
        ),
        functions=_s("procedure"),
        definitions=_s("procedure"),
    ),
    # General-purpose languages.
    # Bazel's and Buck's Python dialect: Python's entry, less what Starlark leaves out
    # (classes, exceptions, imports: `load` is a call).
    replace(
        _PYTHON_SPEC,
        name="starlark",
        display="Starlark",
        grammar="starlark",
        extensions=(".bazel", ".bzl", ".star"),
        filenames=("BUCK", "BUILD", "WORKSPACE"),
        shebangs=(),
        keywords=_s(
            "_ and as assert_builtin assert_keyword async break case continue def del elif else "
            "except exec for if in lambda match not or pass print return while with"
        ),
        definitions=_s("function_definition"),
    ),
    # Ethereum contracts, with their inline assembly (Yul). Ether and time units (`1 ether`)
    # are part of the number they follow.
    LanguageSpec(
        name="solidity",
        display="Solidity",
        grammar="solidity",
        extensions=(".sol",),
        identifiers=_s("identifier"),
        comments=_s("comment"),
        strings=_s(
            "hex_string_literal string string_literal unicode_string_literal "
            "yul_hex_string_literal yul_string_literal"
        ),
        literals={
            "boolean_literal": "boolean", "false": "boolean", "number_literal": "number",
            "solidity_version": "other", "true": "boolean", "yul_boolean": "boolean",
            "yul_decimal_number": "number", "yul_hex_number": "number",
        },
        keywords=_s(
            "_ abstract add addmod address and anonymous as assembly at balance basefee "
            "blobbasefee blobfee blobhash blockhash bool break byte bytes bytes1 bytes10 bytes11 "
            "bytes12 bytes13 bytes14 bytes15 bytes16 bytes17 bytes18 bytes19 bytes2 bytes20 "
            "bytes21 bytes22 bytes23 bytes24 bytes25 bytes26 bytes27 bytes28 bytes29 bytes3 "
            "bytes30 bytes31 bytes32 bytes4 bytes5 bytes6 bytes7 bytes8 bytes9 call callcode "
            "calldata calldatacopy calldataload calldatasize caller callvalue case catch chainid "
            "coinbase constant constructor continue contract create create2 days default "
            "delegatecall delete difficulty div do else emit enum eq error ether event exp "
            "extcodecopy extcodehash extcodesize external fallback finney fixed for from function "
            "gas gaslimit gasprice global gt gwei hex hours if immutable import indexed int "
            "int104 int112 int120 int128 int136 int144 int152 int16 int160 int168 int176 int184 "
            "int192 int200 int208 int216 int224 int232 int24 int240 int248 int256 int32 int40 "
            "int48 int56 int64 int72 int8 int80 int88 int96 interface internal invalid is iszero "
            "keccak256 layout let library log0 log1 log2 log3 log4 lt mapping mcopy memory "
            "minutes mload mod modifier msize mstore mstore8 mul mulmod new not number or origin "
            "override payable pop pragma prevrandao private public pure receive return "
            "returndatacopy returndatasize returns revert sar sdiv seconds selfbalance "
            "selfdestruct sgt shl shr signextend sload slt smod solidity sstore staticcall stop "
            "storage string struct sub switch szabo timestamp tload transient try tstore type "
            "ufixed uint uint104 uint112 uint120 uint128 uint136 uint144 uint152 uint16 uint160 "
            "uint168 uint176 uint184 uint192 uint200 uint208 uint216 uint224 uint232 uint24 "
            "uint240 uint248 uint256 uint32 uint40 uint48 uint56 uint64 uint72 uint8 uint80 "
            "uint88 uint96 unicode using var view weeks wei while xor years yul_break "
            "yul_continue yul_evm_builtin yul_leave"
        ),
        functions=_s(
            "constructor_definition fallback_receive_definition function_definition "
            "modifier_definition yul_function_definition"
        ),
        definitions=_s(
            "constructor_definition contract_declaration enum_declaration error_declaration "
            "event_definition fallback_receive_definition function_definition "
            "interface_declaration library_declaration modifier_definition struct_declaration"
        ),
        constants=(
            ConstantForm("constant_variable_declaration"),
            ConstantForm("state_variable_declaration", marker="constant", marker_up=0),
        ),
    ),
    # Every `let` binds a name for good: one at the top level bound to a literal is a
    # constant. Operators are named leaves (`add_operator`); `.mli` interfaces need
    # another grammar.
    LanguageSpec(
        name="ocaml",
        display="OCaml",
        grammar="ocaml",
        extensions=(".ml",),
        shebangs=("ocaml",),
        identifiers=_s(
            "class_name class_type_name constructor_name field_name instance_variable_name "
            "label_name method_name module_name module_type_name tag type_constructor "
            "type_variable value_name value_pattern"
        ),
        comments=_s("comment line_number_directive shebang"),
        strings=_s("quoted_string string"),
        literals={
            "boolean": "boolean", "character": "char", "false": "boolean", "number": "number",
            "signed_number": "number", "true": "boolean", "unit": "other",
        },
        keywords=_s(
            "_ and as asr assert attribute_id begin class constraint do done downto effect else "
            "end exception external for fun function functor if in include inherit initializer "
            "land lazy let lor lsl lsr lxor match method mod module mutable new nonrec object of "
            "open or private rec sig struct then to try type val virtual when while with"
        ),
        functions=_s("fun_expression function_expression let_binding method_definition"),
        definitions=_s(
            "class_definition exception_definition method_definition module_definition "
            "type_definition value_definition"
        ),
        constants=(ConstantForm("let_binding", name="pattern", value="body"),),
    ),
    # An atom names a module or function as often as it is a value (`ok`, `noreply`): atoms
    # are identifiers, so a renamed function is seen renamed.
    LanguageSpec(
        name="erlang",
        display="Erlang",
        grammar="erlang",
        extensions=(".erl", ".escript", ".hrl"),
        shebangs=("escript",),
        identifiers=_s("atom var"),
        comments=_s("comment shebang"),
        strings=_s("macro_string string"),
        literals={"char": "char", "float": "number", "integer": "number"},
        keywords=_s(
            "after and andalso band begin behavior behaviour bnot bor bsl bsr bxor callback "
            "case catch compile define deprecated div dotdotdot elif else end endif export "
            "export_type feature file fun if ifdef ifndef import include include_lib maybe "
            "module nominal not of opaque optional_callbacks or orelse receive record rem spec "
            "ssr try type undef unit when xor"
        ),
        functions=_s("anonymous_fun fun_decl"),
        definitions=_s("fun_decl record_decl type_alias"),
    ),
    # Cmdlet, function and parameter names are the author's words (`Invoke-Flash`, `-Path`);
    # operators (`-eq`, `-not`) are the grammar's.
    LanguageSpec(
        name="powershell",
        display="PowerShell",
        grammar="powershell",
        extensions=(".ps1", ".psd1", ".psm1"),
        shebangs=("pwsh",),
        identifiers=_s(
            "braced_variable command_name command_parameter function_name label "
            "path_command_name_token simple_name type_identifier variable"
        ),
        comments=_s("comment"),
        strings=_s(
            "expandable_here_string_literal expandable_string_literal generic_token "
            "string_literal verbatim_here_string_characters verbatim_string_characters"
        ),
        literals={
            "decimal_integer_literal": "number", "hexadecimal_integer_literal": "number",
            "real_literal": "number",
        },
        keywords=_s(
            "begin break catch continue data do dynamicparam else elseif end exit filter "
            "finally for foreach function if in inlinescript parallel param process return "
            "sequence switch throw trap try until while workflow"
        ),
        functions=_s("class_method_definition function_statement script_block_expression"),
        definitions=_s("class_method_definition class_statement function_statement"),
    ),
)

LANGUAGES = (*LANGUAGES, *_SYSTEMS_LANGUAGES)
