"""The literal evidence channels (names, name parts, strings, comments) over two whole
works, the shared oddities, and the pair score that adds comments to structure."""

from __future__ import annotations

import csv
from dataclasses import replace
from pathlib import Path

import pytest

from fingerprints.fileprint import FingerprintSettings, fingerprint_source
from fingerprints.literals import comment_text, identifier_parts, string_text
from simcheck.benchmark import pair_score
from simcheck.compare import compare_paths
from simcheck.filter.generated import detect_generated
from simcheck.render.csv_out import write_csv
from simcheck.render.html import render_html

ORIGINAL = """\
#include <stdio.h>
/* Drain the   sump before the
   pressure test (the valve sticks otherwise). */
int drainSump(int level) {
    // never below the float switch threshhold
    while (level > 12) { level -= 3; }
    printf("sump drained to level %d, closing the valve\\n", level);
    return level;
}
"""

# The code rewritten; comments re-wrapped, re-cased, turned into // comments; the message
# reworded by one word; an old line of the original left behind in a comment.
REWRITTEN = """\
#include <stdio.h>
int drain_sump(int l)
{
  // drain the sump before the pressure test (the valve sticks otherwise).
  // while (level > 12) { level -= 3; }
  for (; l > 12; l = l - 3) printf("sump drained to level %d, closing valve\\n", l);
  // Never below the float switch threshhold!
  return l;
}
"""

INDEPENDENT = """\
#include <stdio.h>
/* Lower the level in steps of three. */
int drain(int level) {
    while (level > 12) { level -= 3; }  /* done */
    return level;
}
"""


def _write(directory: Path, text: str) -> Path:
    directory.mkdir(parents=True)
    (directory / "pump.c").write_text(text)
    return directory


def _channel(result, name):
    return next(c for c in result.channels if c.name == name)


@pytest.fixture
def rewritten(tmp_path, fast_options):
    left, right = _write(tmp_path / "a", ORIGINAL), _write(tmp_path / "b", REWRITTEN)
    return compare_paths(str(left), str(right), fast_options)


def test_normalised_forms_of_comments_names_and_strings():
    assert comment_text("/* Drain the\n   SUMP */") == comment_text("// drain the sump")
    assert identifier_parts("parseHTTPResponse_v2") == ["parse", "http", "response", "v", "2"]
    assert string_text('b"raw bytes"') == "raw bytes"
    assert string_text("'''doc'''") == "doc"


def test_comments_and_names_too_short_to_say_anything_are_not_items():
    source = b"int ab; // ok\nint abc; /* id */\nint c; // the real reason\n"
    literals = fingerprint_source(source, "c", FingerprintSettings()).literals
    assert literals.channel("comments").symbols.size == 1
    assert literals.channel("identifiers").symbols.size == 1  # abc


def test_a_rewrite_that_keeps_the_comments_shares_them_all(rewritten):
    comments = _channel(rewritten, "comments")
    assert comments.shared == 2
    # The right also has the commented-out line, a comment the left lacks.
    assert comments.left_share == pytest.approx(1.0) and 0.5 < comments.right_share < 1.0
    assert {i.left for i in comments.items} == {"pump.c:2", "pump.c:5"}
    assert pair_score(rewritten) == pytest.approx(1.0)


def test_name_parts_survive_a_change_of_naming_style(rewritten):
    assert _channel(rewritten, "identifiers").shared == 1  # only printf: drainSump was renamed
    parts = {i.text for i in _channel(rewritten, "identifier_parts").items}
    assert {"drain", "sump"} <= parts


def test_a_reworded_message_is_near_identical_not_identical(rewritten):
    strings = _channel(rewritten, "strings")
    assert [i.text for i in strings.items] == ["<stdio.h>"] and strings.similar == 1
    (item,) = strings.similar_items
    assert "closing the valve" in item.text and "closing valve" in item.right_text
    assert 0.9 <= item.similarity < 1.0


def test_a_shared_misspelling_and_code_left_commented_out_are_oddities(rewritten):
    odd = {(a.kind, a.text): a for a in rewritten.code_anomalies}
    typo = odd[("misspelling", "threshhold")]
    assert typo.suggestion == "threshold" and typo.left == "pump.c:5"
    (dead,) = [a for a in rewritten.code_anomalies if a.kind == "commented-out code"]
    assert dead.left == "pump.c:6" and dead.right == "pump.c:5"
    assert "commented out on the right" in dead.note


def test_a_rule_of_punctuation_in_a_comment_is_not_commented_out_code(tmp_path, fast_options):
    rule = "=" * 40
    left = _write(tmp_path / "a", f"/* Pump control\n   {rule} */\n" + ORIGINAL)
    right = tmp_path / "b"
    right.mkdir()
    (right / "NOTES").write_text(f"Release notes\n{rule}\nFixed the valve.\n")
    result = compare_paths(str(left), str(right), fast_options)
    assert not [a for a in result.code_anomalies if a.kind == "commented-out code"]


def test_source_maps_and_lockfiles_are_generated_and_no_channel_cites_them(
        tmp_path, fast_options):
    # rxjs 7.5.0 against 7.8.1: the 25 rarest shared strings listed were all source maps'
    # encoded positions (";;;AAAA,SAAgB,...") and their copies of the sources gave two
    # of the shared "misspellings". Two independent projects with express 4.19.2 in
    # their npm lockfiles read 42.6% similar after filtration, checksums as evidence.
    mapping = ";;;AAAA,SAAgB,WAAW,CAAC,WAAgB,EAAE,SAAgB;IAC5D,KAAK,IAAI,CAAC,GAAG"
    source_map = ('{"version":3,"file":"pump.js","sources":["../src/pump.ts"],'
                  f'"names":[],"mappings":"{mapping}",'
                  '"sourcesContent":["// the acessor of the pump threshold for each valve"]}\n')
    lock = "".join(
        f'    "node_modules/dep{i}": {{\n      "version": "1.{i}.0",\n'
        f'      "resolved": "https://registry.npmjs.org/dep{i}/-/dep{i}-1.{i}.0.tgz",\n'
        f'      "integrity": "sha512-{i}Xq9ZkV+nD{i}3pLw8yTfRb/uGm{i}"\n    }},\n'
        for i in range(12)
    )
    lock = '{\n  "lockfileVersion": 3,\n  "packages": {\n' + lock + '  }\n}\n'
    for side in ("a", "b"):
        _write(tmp_path / side, ORIGINAL)
        (tmp_path / side / "pump.js.map").write_text(source_map)
        (tmp_path / side / "package-lock.json").write_text(lock)
    result = compare_paths(str(tmp_path / "a"), str(tmp_path / "b"), fast_options)
    cited = [i.left for c in result.channels for i in c.items + c.similar_items]
    cited += [a.left for a in result.code_anomalies]
    assert cited and not [p for p in cited if not p.startswith("pump.c:")]
    for name in ("pump.js.map", "package-lock.json"):
        found = [m for m in result.matches if m.left.path == name]
        assert found and all(m.filter.classification == "generated" for m in found)
    assert detect_generated("dist/x.css.map", b"{}").generator.startswith("source map")
    assert detect_generated("app/Cargo.lock", b"").generator == "package manager lockfile"
    assert detect_generated("dist/sitemap.xml", b"<urlset/>") is None


def test_xcode_project_files_are_generated_and_no_channel_cites_their_build_settings(
        tmp_path, fast_options):
    # react-native-svg 12.1.0 against 15.2.0: the rarest shared names listed were Xcode's
    # build settings (CLANG_ADDRESS_SANITIZER_CONTAINER_OVERFLOW ...) from
    # ios/RNSVG.xcodeproj/project.pbxproj, a file Xcode writes for every project.
    settings = "".join(f"\t\t\t\t{name} = YES;\n" for name in (
        "CLANG_ADDRESS_SANITIZER_CONTAINER_OVERFLOW", "CLANG_ANALYZER_SECURITY_FLOATLOOPCOUNTER",
        "CLANG_WARN_DIRECT_OBJC_ISA_USAGE", "CLANG_WARN_SUSPICIOUS_IMPLICIT_CONVERSION",
        "CLANG_WARN_NON_LITERAL_NULL_CONVERSION", "GCC_WARN_UNINITIALIZED_AUTOS",
        "GCC_WARN_ABOUT_RETURN_TYPE", "ENABLE_STRICT_OBJC_MSGSEND"))
    pbxproj = ("// !$*UTF8*$!\n{\n\tarchiveVersion = 1;\n\tobjects = {\n"
               "/* Begin XCBuildConfiguration section */\n"
               "\t\t0CF68AD31AF0540F00FF9E5C /* Debug */ = {\n"
               "\t\t\tisa = XCBuildConfiguration;\n\t\t\tbuildSettings = {\n"
               f"{settings}\t\t\t}};\n\t\t\tname = Debug;\n\t\t}};\n\t}};\n}}\n")
    workspace = ('<?xml version="1.0" encoding="UTF-8"?>\n<Workspace version = "1.0">\n'
                 '   <FileRef location = "self:PumpController.xcodeproj">\n   </FileRef>\n'
                 '</Workspace>\n')
    bundle = "PumpController.xcodeproj"
    for side in ("a", "b"):
        _write(tmp_path / side, ORIGINAL)
        (tmp_path / side / bundle / "project.xcworkspace").mkdir(parents=True)
        (tmp_path / side / bundle / "project.pbxproj").write_text(pbxproj)
        (tmp_path / side / bundle / "project.xcworkspace" / "contents.xcworkspacedata"
         ).write_text(workspace)
    result = compare_paths(str(tmp_path / "a"), str(tmp_path / "b"), fast_options)
    cited = [i.left for c in result.channels for i in c.items + c.similar_items]
    assert cited and not [p for p in cited if not p.startswith("pump.c:")]
    found = [m for m in result.matches if m.left.path == f"{bundle}/project.pbxproj"]
    assert found and all(m.filter.classification == "generated" for m in found)
    assert result.similarity_filtered < result.similarity
    for name in ("project.pbxproj", "project.xcworkspace/contents.xcworkspacedata",
                 "xcshareddata/xcschemes/Pump.xcscheme"):
        marker = detect_generated(f"ios/{bundle}/{name}", b"")
        assert marker is not None and marker.generator.startswith("Xcode project data")
    assert detect_generated("docs/project.pbxproj.md", b"# Notes\n") is None


def test_trove_classifiers_are_a_fixed_vocabulary_not_shared_strings(tmp_path, fast_options):
    # mmh3 4.1.0 against murmurhash 1.0.10: 10 of the 13 shared strings, the rarest listed
    # first, were PyPI classifiers from pyproject.toml and setup.py ("License :: OSI
    # Approved :: MIT License"), a list every Python package picks from.
    classifiers = ["Development Status :: 5 - Production/Stable",
                   "License :: OSI Approved :: MIT License",
                   "Programming Language :: Python :: 3.12", "Topic :: Utilities"]
    setup_py = ("from setuptools import setup\n"
                "setup(name='pump', description='sump pump controller',\n"
                f"      classifiers={classifiers!r})\n")
    pyproject = ('[project]\nname = "pump"\ndescription = "sump pump controller"\n'
                 "classifiers = [\n" + "".join(f'  "{c}",\n' for c in classifiers) + "]\n")
    _write(tmp_path / "a", ORIGINAL)
    _write(tmp_path / "b", INDEPENDENT)
    (tmp_path / "a" / "setup.py").write_text(setup_py)
    (tmp_path / "b" / "pyproject.toml").write_text(pyproject)
    result = compare_paths(str(tmp_path / "a"), str(tmp_path / "b"), fast_options)
    strings = [i.text for i in _channel(result, "strings").items]
    assert strings and not [s for s in strings if " :: " in s]
    assert [s for s in strings if "sump pump controller" in s]  # the author's own words stay
    assert result.settings.channels.standard_vocabularies
    assert "Python package classifiers" in render_html(result)


def test_a_usage_example_in_a_doc_comment_is_not_commented_out_code(tmp_path, fast_options):
    # rxjs 7.5.0 against 7.8.1: all eight "commented-out code" lines ("while (true) {",
    # "subscription.unsubscribe();") were examples in JSDoc comments.
    live = "export function stop(subscription) {\n  subscription.unsubscribe();\n}\n"
    for side, comment in (("doc", "/**\n * Example:\n *   subscription.unsubscribe();\n */"),
                          ("dead", "/*\n  subscription.unsubscribe();\n*/")):
        (tmp_path / side).mkdir()
        (tmp_path / side / "a.js").write_text(f"{comment}\nexport const n = 1;\n")
    (tmp_path / "live").mkdir()
    (tmp_path / "live" / "b.js").write_text(live)
    for side, found in (("doc", 0), ("dead", 1)):
        result = compare_paths(str(tmp_path / side), str(tmp_path / "live"), fast_options)
        dead = [a for a in result.code_anomalies if a.kind == "commented-out code"]
        assert len(dead) == found


def test_independent_work_shares_no_comment_and_no_oddity(tmp_path, fast_options):
    left, right = _write(tmp_path / "a", ORIGINAL), _write(tmp_path / "b", INDEPENDENT)
    result = compare_paths(str(left), str(right), fast_options)
    assert _channel(result, "comments").shared == 0
    assert _channel(result, "comments").left_share == 0.0
    assert not [a for a in result.code_anomalies if a.kind == "misspelling"]


def test_pair_score_adds_comments_and_corroborated_strings_to_structure(
    tmp_path, fast_options
):
    left, right = _write(tmp_path / "a", ORIGINAL), _write(tmp_path / "b", INDEPENDENT)
    result = compare_paths(str(left), str(right), fast_options)
    none = [replace(c, left_share=0.0, right_share=0.0, left_share_exclusive=0.0,
                    right_share_exclusive=0.0) for c in result.channels]
    structure = pair_score(replace(result, channels=none))
    assert 0 < structure < 1

    def score(*shares: tuple[str, float, float, float, float]) -> float:
        given = {name: values for name, *values in shares}
        channels = [
            replace(c, left_share=given[c.name][0], right_share=given[c.name][1],
                    left_share_exclusive=given[c.name][2],
                    right_share_exclusive=given[c.name][3]) if c.name in given else c
            for c in none
        ]
        return pair_score(replace(result, channels=channels))

    # Comments no other work has: the larger share counts, as independent evidence.
    assert score(("comments", 0.5, 0.0, 0.5, 0.0)) == pytest.approx(1 - (1 - structure) * 0.5)
    # Comments other works also have (a template's): as far as the structure corroborates
    # them, so that a template's comments alone never make a certain pair...
    assert score(("comments", 1.0, 0.5, 0.0, 0.0)) == pytest.approx(1 - (1 - structure) ** 2)
    # ...or as far as shared strings do (an original's comment and messages kept by a copy).
    assert score(("comments", 1.0, 0.0, 0.0, 0.0), ("strings", 0.0, 1.0, 0.0, 0.0)) == 1.0
    # Partly exclusive: the exclusive part in full, the rest corroborated.
    assert score(("comments", 1.0, 0.0, 0.25, 0.0)) == pytest.approx(
        1 - (1 - structure) * (1 - 0.25 - 0.75 * structure))
    # Strings: the smaller share counts, only as far as the structure corroborates it.
    assert score(("strings", 1.0, 0.5, 0.0, 0.0)) == pytest.approx(
        1 - (1 - structure) * (1 - 0.5 * structure))
    assert score(("strings", 1.0, 0.0, 0.0, 0.0)) == pytest.approx(structure)


def test_channels_reach_the_csv_and_the_report(rewritten, tmp_path):
    write_csv(rewritten, tmp_path)
    rows = list(csv.DictReader((tmp_path / "channels.csv").open(encoding="utf-8")))
    assert {r["channel"] for r in rows} >= {"comments", "strings", "identifier_parts"}
    odd = list(csv.DictReader((tmp_path / "code_anomalies.csv").open(encoding="utf-8")))
    assert ("misspelling", "threshhold") in {(r["kind"], r["text"]) for r in odd}
    html = render_html(rewritten)
    assert 'id="channels"' in html and "threshhold" in html and "commented-out code" in html


def test_a_formula_like_cell_reaches_the_csv_as_text(tmp_path, fast_options):
    # Evidence text the other side wrote must not run as a formula when the CSV is opened
    # in a spreadsheet: here a Java line live on one side, commented out on the other.
    live = ("class Pump {\n    @Override public void run() { drain(3); }\n"
            "    void drain(int n) { while (n > 0) { n -= 1; } }\n}\n")
    dead = live.replace("    @Override", "    // @Override public void run() { drain(3); }\n"
                        "    @Deprecated")
    for side, text in (("a", dead), ("b", live)):
        (tmp_path / side).mkdir()
        (tmp_path / side / "Pump.java").write_text(text)
    result = compare_paths(str(tmp_path / "a"), str(tmp_path / "b"), fast_options)
    (dead_line,) = [a for a in result.code_anomalies if a.kind == "commented-out code"]
    assert dead_line.text.startswith("@Override")
    write_csv(result, tmp_path / "csv")
    rows = list(csv.DictReader((tmp_path / "csv" / "code_anomalies.csv").open(encoding="utf-8")))
    assert [r["text"] for r in rows if r["kind"] == "commented-out code"] == [
        "'" + dead_line.text]


STYLES = """\
.multiselect--active:not(.multiselect--above) .multiselect__tags {
  border-bottom-left-radius: 0;
}
.multiselect--disabled .multiselect__current {
  --select-gap: 8px;
  background: #ededed;
}
"""


def test_css_block_modifiers_and_custom_properties_are_code_not_comments(tmp_path: Path) -> None:
    # vue-multiselect 2.1.6 against 3.0.0: the style sheets had no grammar and the lexical
    # fallback read "--" as a comment, so '--active:not(.multiselect--above) ...' (the rest
    # of a selector) was listed as a shared comment. CSS now has its grammar.
    for side in ("a", "b"):
        (tmp_path / side).mkdir()
        (tmp_path / side / "multiselect.css").write_text(STYLES)
    result = compare_paths(str(tmp_path / "a"), str(tmp_path / "b"))
    entry = next(f for f in result.files if f.path == "multiselect.css")
    assert entry.language == "css" and entry.tokenizer == "tree-sitter"
    channels = {c.name: c for c in result.channels}
    assert not [i.text for i in channels["comments"].items]
    names = {i.text for i in channels["identifiers"].items}
    assert {"multiselect--active", "multiselect__tags"} <= names
    assert not {"background", "border-bottom-left-radius"} & names  # CSS's own words


def test_the_terminal_names_a_line_commented_out_on_each_side_once(tmp_path, fast_options):
    # ujson 5.1.0 against 5.10.0: five lines were commented out on each side and live on
    # the other, and the terminal's oddities line named each of them twice in a row.
    from rich.console import Console

    from simcheck.render.terminal import render

    live = "    void drain(int n) { while (n > 0) { n -= 1; } }\n"
    dead = "    // void drain(int n) { while (n > 0) { n -= 1; } }\n"
    pump = "    void pump(int level) { if (level > 12) { level -= 3; } }\n"
    for side, first, second in (("a", live, dead), ("b", dead, live)):
        (tmp_path / side).mkdir()
        (tmp_path / side / "Pump.java").write_text(
            "class Pump {\n" + first + pump + "}\nclass Sump {\n" + second + "}\n")
    result = compare_paths(str(tmp_path / "a"), str(tmp_path / "b"), fast_options)
    dead_lines = [a for a in result.code_anomalies if a.kind == "commented-out code"]
    assert len(dead_lines) == 2 and dead_lines[0].text == dead_lines[1].text
    console = Console(record=True, width=400)
    render(result, console)
    text = console.export_text()
    assert text.count("void drain(int n)") == 1


def test_a_catalogue_of_another_language_is_not_read_for_english_typos(tmp_path, fast_options):
    # pycryptodome 3.20.0 against pycryptodomex 3.20.0: the bundled Sphinx theme's
    # translations gave five of the 31 shared misspellings: ative (pt_BR), documenten
    # (nl), fonction and propos (fr), sufficienti (it).
    catalogue = ('msgid "About these documents"\nmsgstr "À propos de cette documentation"\n\n'
                 'msgid "Please activate JavaScript to enable the search functionality."\n'
                 'msgstr "Activez JavaScript pour accéder à la fonction de recherche."\n')
    english = ('msgid "About these documents"\nmsgstr "About these documents, a guide to '
               'this propos"\n')
    code = ("/* Drain the sump once the level passes the threshhold value. */\n"
            "int drain(int level) { return level > 12 ? level - 3 : level; }\n")
    for side in ("a", "b"):
        root = tmp_path / side
        (root / "locale" / "fr" / "LC_MESSAGES").mkdir(parents=True)
        (root / "locale" / "fr" / "LC_MESSAGES" / "theme.po").write_text(catalogue)
        (root / "locale" / "en" / "LC_MESSAGES").mkdir(parents=True)
        (root / "locale" / "en" / "LC_MESSAGES" / "theme.po").write_text(english)
        (root / "pump.c").write_text(code)
    result = compare_paths(str(tmp_path / "a"), str(tmp_path / "b"), fast_options)
    typos = {a.text: a for a in result.code_anomalies if a.kind == "misspelling"}
    assert "threshhold" in typos and "fonction" not in typos
    # An English catalogue is still read.
    assert typos["propos"].left == "locale/en/LC_MESSAGES/theme.po:2"


def test_a_misspelling_is_cited_on_its_own_line_of_a_long_comment(tmp_path, fast_options):
    # lodash 4.17.21 against lodash-es 4.17.21: "neighborino", in the example of
    # _.truncate's documentation comment, was cited at lodash.js:15109 and truncate.js:18,
    # the first lines of the two comments, 17 lines above the word.
    doc = ("/**\n * Truncates `string` if it is longer than the given maximum string length.\n"
           " * The last characters of the truncated string are replaced with the omission\n"
           " * string which defaults to \"...\".\n *\n * @example\n *\n"
           " * truncate('hi-diddly-ho there, neighborino');\n"
           " * // => 'hi-diddly-ho there, neighbo...'\n */\n")
    code = "function truncate(string, length) {\n  return string.slice(0, length);\n}\n"
    for side, above in (("a", ""), ("b", "// lodash-es\n\n")):
        (tmp_path / side).mkdir()
        (tmp_path / side / "truncate.js").write_text(above + doc + code)
    result = compare_paths(str(tmp_path / "a"), str(tmp_path / "b"), fast_options)
    typos = {a.text: a for a in result.code_anomalies if a.kind == "misspelling"}
    assert (typos["neighborino"].left, typos["neighborino"].right) == (
        "truncate.js:8", "truncate.js:10")


def test_the_source_lines_a_generator_quotes_in_comments_are_not_commented_out_code(
        tmp_path, fast_options):
    # cchardet 2.1.7 against faust-cchardet 2.1.19: Cython quotes each .pyx line it
    # compiles in a comment of the C++ it writes, and the lines of _cchardet.pyx were
    # listed as code one side had commented out (_cchardet.cpp) and the other live.
    pyx = ("def detect_with_confidence(bytes msg):\n"
           "    cdef int length = len(msg)\n"
           "    cdef uchardet_t ud = uchardet_new()\n")
    generated = ("/* Generated by Cython 0.29.32 */\n"
                 "/* \"cchardet/_cchardet.pyx\":2\n"
                 " * def detect_with_confidence(bytes msg):\n"
                 " *     cdef int length = len(msg)             # <<<<<<<<<<<<<<\n"
                 " */\n"
                 "  __pyx_v_length = PyBytes_GET_SIZE(__pyx_v_msg);\n")
    hand = "/* cdef int length = len(msg) */\nint length(const char *msg);\n"
    for side in ("a", "b"):
        (tmp_path / side).mkdir()
        (tmp_path / side / "_cchardet.pyx").write_text(pyx)
    (tmp_path / "a" / "_cchardet.cpp").write_text(generated)
    result = compare_paths(str(tmp_path / "a"), str(tmp_path / "b"), fast_options)
    assert not [a for a in result.code_anomalies if a.kind == "commented-out code"]
    # The same line commented out by hand is still listed.
    (tmp_path / "a" / "_cchardet.cpp").write_text(hand)
    result = compare_paths(str(tmp_path / "a"), str(tmp_path / "b"), fast_options)
    (dead,) = [a for a in result.code_anomalies if a.kind == "commented-out code"]
    assert dead.left == "_cchardet.cpp:1" and dead.text == "cdef int length = len(msg)"


def test_the_terminal_names_the_first_oddities_and_counts_the_rest(tmp_path, fast_options):
    # cchardet 2.1.7 against faust-cchardet 2.1.19: the terminal's oddities line named all
    # 100 commented-out lines, 30 lines of text before the file pairs.
    from rich.console import Console

    from simcheck.render.terminal import ODDITIES_SHOWN, render

    lines = [f"    total_{i} = drain(level_{i}, {i + 10});\n" for i in range(20)]
    live = "void pump(void) {\n" + "".join(lines) + "}\n"
    dead = "void pump(void) {\n" + "".join(f"    // {t.strip()}\n" for t in lines) + "}\n"
    for side, text in (("a", dead), ("b", live)):
        (tmp_path / side).mkdir()
        (tmp_path / side / "pump.c").write_text(text)
    result = compare_paths(str(tmp_path / "a"), str(tmp_path / "b"), fast_options)
    assert len([a for a in result.code_anomalies if a.kind == "commented-out code"]) == 20
    console = Console(record=True, width=400)
    render(result, console)
    text = " ".join(console.export_text().split())
    assert text.count("= drain(level_") == ODDITIES_SHOWN
    assert f"and {20 - ODDITIES_SHOWN} more (in the HTML report and code_anomalies.csv)" in text
