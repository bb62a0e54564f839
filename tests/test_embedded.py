"""Code embedded in host files: a Vue or Svelte component's script, style and template
expressions are read by their own languages' specs, at their lines of the host file."""

from __future__ import annotations

import re
from pathlib import Path

import numpy as np
import pytest

from fingerprints.fileprint import tokenize
from fingerprints.languages import get_spec, parser_for
from fingerprints.tokens import LEXICAL_CATEGORIES
from simcheck.compare import compare_paths

FIXTURES = Path(__file__).parent / "fixtures" / "languages"
VUE = (FIXTURES / "vue.vue").read_bytes()
_IDENTIFIER = LEXICAL_CATEGORIES.index("identifier")


def _block(source: bytes, tag: bytes) -> tuple[int, int]:
    """Byte range of the text inside the first <tag ...>...</tag> of ``source``."""
    opened = re.search(rb"<" + tag + rb"\b[^>]*>", source)
    assert opened
    return opened.end(), source.index(b"</" + tag + b">", opened.end())


def _identifiers(source: bytes, language: str) -> list[str]:
    tokens = tokenize(source, language)
    return [t.text for t in tokens.lexical(source) if t.category == "identifier"]


def test_a_vue_script_in_typescript_gives_typescript_tokens_at_the_vue_file_lines() -> None:
    start, end = _block(VUE, b"script")
    host = tokenize(VUE, "vue")
    alone = tokenize(VUE[start:end], "typescript")  # the same program in a .ts file
    inside = (host.start_byte >= start) & (host.end_byte <= end)
    assert (host.tokenizer, host.note) == ("tree-sitter", None)
    np.testing.assert_array_equal(host.symbols[inside], alone.symbols)
    np.testing.assert_array_equal(host.start_byte[inside], alone.start_byte + start)
    before = VUE[:start].count(b"\n")  # the script's first line is the tag's
    np.testing.assert_array_equal(host.start_line[inside], alone.start_line + before)
    assert host.start_line[inside][0] == 17  # `import` in vue.vue
    # `interface Toast` and the object's methods are definitions there too, with the
    # script's own tokens, and its constant stands for its literal.
    first = np.flatnonzero(inside)[0]
    defs = {(int(a) - first, int(b) - first) for a, b in zip(host.def_start, host.def_end,
                                                             strict=True) if a >= first}
    assert {(int(a), int(b)) for a, b in zip(alone.def_start, alone.def_end,
                                             strict=True)} <= defs
    assert alone.inlined.size and (host.inlined.size == alone.inlined.size)


def test_vue_template_expressions_and_scss_style_are_read_by_their_languages() -> None:
    names = _identifiers(VUE, "vue")
    # {{ toast.message }}, @click="dismiss(toast.id)", v-if="toasts.length": JavaScript.
    assert {"toast", "message", "dismiss", "isOpen", "visible"} <= set(names)
    # The scss style: its variable and class names, not CSS's own words.
    assert {"$gap", "toasts"} <= set(names) and "margin" not in names
    # Markup vocabulary is structure, not the author's names.
    assert not {"li", "ul", "class", "key", "stop"} & set(names)


def test_an_unknown_lang_falls_back_to_lexical_tokens_for_that_region_with_a_note() -> None:
    source = VUE.replace(b'<style lang="scss" scoped>', b'<style lang="less" scoped>')
    tokens = tokenize(source, "vue")
    start, end = _block(source, b"style")
    text = source[start:end].strip()  # the lines of the style's code
    first = source[: source.index(text)].count(b"\n") + 1
    last = first + text.count(b"\n")
    assert tokens.tokenizer == "tree-sitter"
    assert tokens.note == (f'lines {first}-{last}: no grammar for lang="less"; lexical tokens'
                           " used there")
    # The region is still compared: every word of it (even CSS's `margin`) is an
    # identifier of the lexical tokenizer, and the script keeps its grammar.
    names = _identifiers(source, "vue")
    assert {"gap", "margin", "toasts"} <= set(names)
    assert tokenize(source, "vue").def_start.size == tokenize(VUE, "vue").def_start.size - 2


def test_a_syntax_error_in_a_script_is_noted_at_its_line_of_the_vue_file() -> None:
    source = VUE.replace(b"const MAX_VISIBLE = 3;", b"const MAX_VISIBLE = (;")
    tokens = tokenize(source, "vue")
    assert tokens.note is not None
    assert tokens.note.startswith("syntax error at line 25 reported by the TypeScript grammar;"
                                  " its error recovery kept the rest of the TypeScript in lines"
                                  " 17-45")
    # A template expression is a fragment (v-for's "toast of toasts" is no program): its
    # grammar's complaints are not the file's.
    loop = VUE.replace(b'v-for="toast in visible"', b'v-for="(toast, i) of visible"')
    assert tokenize(loop, "vue").note is None


def test_a_svelte_component_reads_its_script_expressions_and_snippets() -> None:
    source = (FIXTURES / "svelte.svelte").read_bytes()
    tokens = tokenize(source, "svelte")
    assert (tokens.tokenizer, tokens.note) == ("tree-sitter", None)
    names = _identifiers(source, "svelte")
    # The script's names, {#each visible as toast}, {toast.message}, on:click={...}, and
    # the snippet's name.
    assert {"dispatch", "visible", "toast", "message", "dismiss", "row"} <= set(names)
    # The snippet is a definition, as is the script's function.
    lines = {int(tokens.start_line[a]) for a in tokens.def_start}
    assert {11, 17} <= lines


SCSS = b"""\
.toast {
  $gap: 8px;
  margin: $gap;
  &--active .toast__body {
    .icon { display: none; }
  }
}
"""


def test_scss_nesting_parses_into_nested_definitions() -> None:
    tokens = tokenize(SCSS, "scss")
    assert (tokens.tokenizer, tokens.note) == ("tree-sitter", None)
    # Three rule sets, each inside the one before: outer first, all starting where
    # their selectors do.
    starts = [int(tokens.start_line[a]) for a in tokens.def_start]
    ends = [int(tokens.end_line[b - 1]) for b in tokens.def_end]
    assert list(zip(starts, ends, strict=True)) == [(1, 7), (4, 6), (5, 5)]
    names = _identifiers(SCSS, "scss")
    assert names == ["toast", "$gap", "$gap", "toast__body", "icon"] or (
        {"toast", "$gap", "icon"} <= set(names) and "margin" not in names)


def test_the_indented_sass_syntax_is_left_to_the_lexical_tokenizer() -> None:
    # The scss grammar reads none of it: .sass has no registry entry.
    sass = b"$primary: #333\n\n.toast\n  color: $primary\n  &__body\n    margin: 0 auto\n"
    assert parser_for(get_spec("scss")).parse(sass).root_node.has_error
    from fingerprints.languages import detect_language
    assert detect_language("theme.sass", sass) is None


RENAMES = [("dismiss", "closeToast"), ("visible", "shown"), ("isOpen", "expanded"),
           ("MAX_VISIBLE", "LIMIT"), ("Toast", "Notice"), ("toasts", "notices"),
           ("toast", "notice")]


@pytest.fixture
def renamed_component(tmp_path: Path) -> tuple[Path, Path]:
    renamed = VUE.decode()
    for old, new in RENAMES:
        renamed = re.sub(rf"\b{old}\b", new, renamed)
    left, right = tmp_path / "a", tmp_path / "b"
    left.mkdir()
    right.mkdir()
    (left / "ToastList.vue").write_bytes(VUE)
    (right / "NoticeList.vue").write_text(renamed)
    return left, right


def test_a_renamed_copy_of_a_vue_component_matches_it_as_renamed(renamed_component,
                                                                  fast_options) -> None:
    left, right = renamed_component
    result = compare_paths(str(left), str(right), fast_options)
    entries = {(f.side, f.language, f.tokenizer, f.reason) for f in result.files}
    assert entries == {("left", "vue", "tree-sitter", None), ("right", "vue", "tree-sitter", None)}
    (pair,) = result.file_pairs
    assert pair.left_coverage > 0.9
    script = [m for m in result.matches if m.left.start_line <= 20 <= m.left.end_line]
    assert script and script[0].kind == "renamed"
    # The match points at the script's lines of both .vue files.
    assert script[0].left.end_line >= 40 and script[0].right.start_line <= 17


PAGE = b"""\
<html>
<head>
  <script type="application/ld+json">{"@type": "WebPage", "name": "Toasts"}</script>
  <style>.toast { margin: 8px; }</style>
</head>
<body>
  <script>
    function show(message) { return message; }
  </script>
</body>
</html>
"""


def test_an_html_page_read_as_code_embeds_its_scripts_by_type_and_its_styles() -> None:
    tokens = tokenize(PAGE, "html")
    # No grammar reads JSON-LD: that script is lexical, and the note says where.
    assert tokens.note == ('line 3: no grammar for type="application/ld+json"; lexical tokens'
                           " used there")
    assert '"WebPage"' in {t.text for t in tokens.lexical(PAGE) if t.category == "string"}
    names = _identifiers(PAGE, "html")
    assert {"toast", "show", "message"} <= set(names) and "margin" not in names
    # The script's function is a definition, at its line of the page.
    assert [int(tokens.start_line[a]) for a in tokens.def_start] == [4, 8]
