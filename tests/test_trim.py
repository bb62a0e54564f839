"""A match of a copied function stops at the function: it does not graze the look-alike end
of the previous definition or header of the next one (simcheck.match.trim)."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest

from fingerprints.languages import LANGUAGES, LanguageSpec, get_spec
from fingerprints.lexical_tokens import tokenize_lexical
from fingerprints.syntax_tokens import tokenize_syntax
from simcheck.compare import CompareOptions, compare_paths
from simcheck.match.align import Region, Tile
from simcheck.match.trim import trim

TRIM = Path(__file__).resolve().parent / "fixtures" / "trim"


def _spans(options: CompareOptions, donor: str, host: str) -> list[tuple[int, int, int, int]]:
    result = compare_paths(str(TRIM / donor), str(TRIM / host), options)
    return [(m.left.start_line, m.left.end_line, m.right.start_line, m.right.end_line)
            for m in result.matches]


def _untrimmed(options: CompareOptions) -> CompareOptions:
    return replace(options, match=replace(options.match, trim_tokens=0))


def test_a_copied_c_function_between_look_alike_neighbours_is_matched_to_its_own_lines(
    fast_options: CompareOptions,
):
    # Lines 10-22 on both sides; the neighbours share only their shape (`return x; }`,
    # `static int name(int a`), which used to pull the match to lines 5-25.
    assert _spans(_untrimmed(fast_options), "c_donor", "c_host") == [(5, 25, 5, 25)]
    assert _spans(fast_options, "c_donor", "c_host") == [(10, 22, 10, 22)]
    # The comment right above the copied function is still cited.
    (match,) = compare_paths(str(TRIM / "c_donor"), str(TRIM / "c_host"), fast_options).matches
    assert "comments" in match.evidence.channels
    assert any("first outlier" in c for c in match.evidence.shared_comments)


def test_a_copied_python_method_stops_before_the_next_methods_header(
    fast_options: CompareOptions,
):
    assert _spans(_untrimmed(fast_options), "py_donor", "py_host") == [(9, 19, 10, 20)]
    assert _spans(fast_options, "py_donor", "py_host") == [(9, 16, 10, 17)]


def test_a_whole_file_match_keeps_its_includes_and_every_function(tmp_path: Path, fast_options):
    body = (TRIM / "c_donor" / "lib.c").read_text()
    for side in ("a", "b"):
        (tmp_path / side).mkdir()
        (tmp_path / side / "lib.c").write_text(body)
    (match,) = compare_paths(str(tmp_path / "a"), str(tmp_path / "b"), fast_options).matches
    assert (match.left.start_line, match.left.end_line) == (1, 30)


def test_definitions_are_recorded_with_their_decorators_outer_first():
    source = b"@cache\ndef f(a):\n    def g():\n        return a\n    return g\nx = 1\n"
    tokens = tokenize_syntax(source, get_spec("python"))
    texts = [source[tokens.start_byte[s] : tokens.end_byte[e - 1]]
             for s, e in zip(tokens.def_start.tolist(), tokens.def_end.tolist(), strict=True)]
    assert texts == [
        b"@cache\ndef f(a):\n    def g():\n        return a\n    return g",
        b"def g():\n        return a",
    ]


def test_lexical_tokens_carry_no_definitions_and_nothing_is_trimmed():
    source = (TRIM / "c_donor" / "lib.c").read_bytes()
    tokens = tokenize_lexical(source, get_spec("c"), "test")
    assert tokens.def_start.size == 0
    region = Region((Tile(0, 0, len(tokens)),))
    assert trim(region, tokens, tokens, 12, 2) == region


def test_a_sliver_is_cut_only_when_the_bulk_lies_elsewhere():
    source = b"int f(void) { return 1; }\nint g(void) { return 2; }\n"
    tokens = tokenize_syntax(source, get_spec("c"))
    assert tokens.def_start.tolist() == [0, 10]
    # All of f and the first two tokens of g's header: the header is cut.
    assert trim(Region((Tile(0, 0, 12),)), tokens, tokens, 12, 2) == Region((Tile(0, 0, 10),))
    # Three tokens of f, eight of g: f's end is the sliver, cut at the head.
    assert trim(Region((Tile(7, 7, 11),)), tokens, tokens, 12, 2) == Region((Tile(10, 10, 8),))
    # g, shorter than a sliver, matched whole: kept whole.
    region = Region((Tile(0, 0, 20),))
    assert trim(region, tokens, tokens, 12, 2) == region


@pytest.mark.parametrize(
    "spec", [s for s in LANGUAGES if s.definitions], ids=lambda s: s.name
)
def test_each_language_with_definitions_finds_them_in_its_sample_program(spec: LanguageSpec):
    fixtures = TRIM.parent / "languages"  # NAME.EXT, or NAME/FILE (meson/meson.build)
    (path,) = [*fixtures.glob(f"{spec.name}.*"), *fixtures.glob(f"{spec.name}/*")]
    tokens = tokenize_syntax(path.read_bytes(), spec)
    assert tokens.def_start.size > 0
    # Outer before inner, every range inside the file and holding a token.
    assert np.all(np.diff(tokens.def_start) >= 0)
    assert np.all(tokens.def_end > tokens.def_start) and tokens.def_end.max() <= len(tokens)


DONOR_JAR = '''\
import copy


def merge_all(jar, items):
    out = []
    for item in jar:
        out.append(copy.copy(item))
    return out


def build(name, value, **kwargs):
    return {"name": name, "value": value}


class Jar:
    def get_dict(self, domain=None, path=None):
        """Takes an optional domain and path and returns a plain dict of the
        name-value pairs of cookies that meet the requirements."""
        dictionary = {}
        for cookie in iter(self):
            if (domain is None or cookie.domain == domain) and (
                path is None or cookie.path == path
            ):
                dictionary[cookie.name] = cookie.value
        return dictionary
'''
HOST_JAR = '''\
class Command:
    def usage(self, ctx):
        rv = []
        for param in ctx:
            rv.extend(param.pieces(ctx))
        return rv

    def get_dict(self, domain=None, path=None):
        """Takes an optional domain and path and returns a plain dict of the
        name-value pairs of cookies that meet the requirements."""
        self.fill()
        return dictionary

    def fill(self):
        dictionary = {}
        for cookie in iter(self):
            if (domain is None or cookie.domain == domain) and (
                path is None or cookie.path == path
            ):
                dictionary[cookie.name] = cookie.value
'''


def test_a_chance_run_grazing_a_copied_header_leaves_it_to_the_copy(
    tmp_path: Path, fast_options: CompareOptions,
):
    # The host's get_dict keeps the donor's header and docstring, its body went to an
    # extracted helper. The structural run from merge_all into build's header pairs with
    # usage and get_dict's header: cut at the definition, it must leave the header (line 8)
    # to the copy's match, which extends back to it from the helper's body.
    for side, name, text in (("a", "jar.py", DONOR_JAR), ("b", "host.py", HOST_JAR)):
        (tmp_path / side).mkdir()
        (tmp_path / side / name).write_text(text, encoding="utf-8")
    result = compare_paths(str(tmp_path / "a"), str(tmp_path / "b"), fast_options)
    header = [(s.left_start_line, s.right_start_line) for m in result.matches
              for s in m.segments if s.right_start_line <= 8 <= s.right_end_line]
    assert header == [(16, 8)]
