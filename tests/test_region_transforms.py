"""The region benchmark's disguises (benchmarks/regions): each keeps the code parseable by
its tree-sitter grammar and changes what it claims to change; injection records where the
code landed; scoring finds an injected copy. Small generated snippets, no network."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import numpy as np
import pytest

from benchmarks.regions.inject import Donated, inject
from benchmarks.regions.score import score
from benchmarks.regions.syntax import Language, error_count, reindent
from benchmarks.regions.transforms import (
    TRANSFORM,
    TRANSFORMS,
    Names,
    Site,
    identifiers_of,
    in_place,
)
from simcheck.compare import compare_paths

SNIPPETS = {
    "python": '''import os


def collect(paths, prefix="x"):
    """Collect names."""
    # gather the matching entries
    found = []
    total = 0
    seen = set()
    for path in paths:
        name = os.path.basename(path)
        if name.startswith(prefix):
            found.append(name)
            total += 1
        else:
            seen.add(name)
    width = 10
    label = "count: %d" % total
    return found, seen, label, width


def other(value):
    return value + 1
''',
    "c": '''#include <stdio.h>

static int collect(const int *values, int count, int limit)
{
    /* sum the values under the limit */
    int total = 0;
    int seen = 0;
    int width = 10;
    for (int i = 0; i < count; i++) {
        if (values[i] < limit) {
            total += values[i];
        } else {
            seen++;
        }
    }
    while (width > 0)
        width--;
    printf("total %d\\n", total);
    return total + seen;
}

int other(int value)
{
    return value + 1;
}
''',
    "java": '''class Sample {
    int collect(int[] values, int count, int limit) {
        // sum the values under the limit
        int total = 0;
        int seen = 0;
        int width = 10;
        for (int i = 0; i < count; i++) {
            if (values[i] < limit) {
                total += values[i];
            } else {
                seen++;
            }
        }
        while (width > 0) width--;
        System.out.println("total " + total);
        return total + seen;
    }

    int other(int value) {
        return value + 1;
    }
}
''',
    "javascript": '''const fs = require('fs');

function collect(values, count, limit) {
    // sum the values under the limit
    let total = 0;
    let seen = 0;
    let width = 10;
    for (let i = 0; i < count; i++) {
        if (values[i] < limit) {
            total += values[i];
        } else {
            seen++;
        }
    }
    while (width > 0) width--;
    console.log('total ' + total);
    return total + seen;
}

function other(value) {
    return value + 1;
}
''',
}
LANGUAGES = sorted(SNIPPETS)


def _site(language: str) -> Site:
    lang = Language(language)
    source = SNIPPETS[language].encode()
    tree = lang.parse(source)
    assert not tree.root_node.has_error
    first = lang.definitions(tree.root_node)[0]
    return Site(lang, source, first.outer, first.container)


def _names(site: Site, seed: int = 1) -> Names:
    return Names(np.random.default_rng(seed), site.lang.rules.naming,
                 identifiers_of(site.lang, site.outer.parent))


def _tokens(site: Site) -> list[tuple[str, str, str | None]]:
    return [(leaf.type, leaf.text, leaf.category) for leaf in site.lang.leaves(site.outer)
            if leaf.category != "comment"]


@pytest.mark.parametrize("transform", TRANSFORMS)
@pytest.mark.parametrize("language", LANGUAGES)
def test_every_transformation_keeps_the_file_parseable(language: str, transform: str) -> None:
    site = _site(language)
    before = reindent(site.text(site.outer), site.base, "")  # snippets are at column 0
    snippet = TRANSFORM[transform](site, np.random.default_rng(7), _names(site))
    assert snippet is not None, f"{transform} found nothing to change in the {language} snippet"
    tree = site.lang.parse(in_place(site, snippet))
    assert not tree.root_node.has_error, in_place(site, snippet).decode()
    if transform == "verbatim":
        assert snippet.text() == before
    else:
        assert snippet.text() != before


@pytest.mark.parametrize("language", LANGUAGES)
def test_consistent_renaming_maps_each_bound_name_to_one_new_name(language: str) -> None:
    site = _site(language)
    before = _tokens(site)
    TRANSFORM["rename_consistent"](site, np.random.default_rng(3), _names(site))
    after = _tokens(site)
    assert [t for t, _, _ in before] == [t for t, _, _ in after]  # same token kinds
    mapping: dict[str, set[str]] = {}
    for (_, old, cat), (_, new, _) in zip(before, after, strict=True):
        if cat == "identifier" and old != new:
            mapping.setdefault(old, set()).add(new)
        elif cat != "identifier":
            assert old == new  # only identifiers change
    # parameters, a local, the function's own name: each has exactly one new spelling
    for bound in ("collect", "total", "seen", "width"):
        assert len(mapping[bound]) == 1, (bound, mapping)
    renamed = [next(iter(v)) for v in mapping.values()]
    assert len(set(renamed)) == len(renamed)  # distinct names stay distinct
    olds = {old for _, old, cat in before if cat == "identifier" and old in mapping}
    assert not olds & {new for _, new, cat in after if cat == "identifier"}  # none left over


@pytest.mark.parametrize("language", LANGUAGES)
def test_inconsistent_renaming_gives_one_variable_several_names(language: str) -> None:
    site = _site(language)
    before = _tokens(site)
    TRANSFORM["rename_inconsistent"](site, np.random.default_rng(5), _names(site))
    after = _tokens(site)
    spellings: dict[str, set[str]] = {}
    for (_, old, cat), (_, new, _) in zip(before, after, strict=True):
        if cat == "identifier":
            spellings.setdefault(old, set()).add(new)
    assert any(len(v) > 1 for v in spellings.values()), spellings


@pytest.mark.parametrize("language", LANGUAGES)
def test_dead_code_adds_statements_and_keeps_every_original_token(language: str) -> None:
    site = _site(language)
    before = _tokens(site)
    count = sum(len(s) for s in site.lang.statements(site.outer))
    TRANSFORM["dead_code"](site, np.random.default_rng(11), _names(site))
    after = _tokens(site)
    assert sum(len(s) for s in site.lang.statements(site.outer)) > count
    rest = iter(after)
    assert all(any(tok == other for other in rest) for tok in before)  # a subsequence
    assert error_count(site.lang.parse(site.source)) == 0


@pytest.mark.parametrize("language", LANGUAGES)
def test_reformatting_changes_layout_and_comments_only(language: str) -> None:
    site = _site(language)
    before = _tokens(site)
    text = site.text(site.outer)
    TRANSFORM["reformat"](site, np.random.default_rng(2), _names(site))
    assert _tokens(site) == before
    assert site.text(site.outer) != text


@pytest.mark.parametrize("language", LANGUAGES)
def test_reordering_swaps_independent_statements(language: str) -> None:
    site = _site(language)
    before = _tokens(site)
    TRANSFORM["reorder"](site, np.random.default_rng(4), _names(site))
    after = _tokens(site)
    assert after != before and Counter(after) == Counter(before)


@pytest.mark.parametrize("language", LANGUAGES)
def test_extraction_declares_constants_and_a_helper(language: str) -> None:
    site = _site(language)
    snippet = TRANSFORM["extract"](site, np.random.default_rng(6), _names(site))
    assert snippet is not None and snippet.pre and snippet.post
    code = "\n".join([snippet.body, *snippet.post])
    for line in snippet.pre:  # each constant is declared and used (maybe in the helper)
        name = next(w for w in line.replace("=", " ").split() if w.isupper() and "_" in w)
        assert name in code
    helper = snippet.post[0].split("(")[0].split()[-1]  # "def name(", "void name(" ...
    assert f"{helper}(" in snippet.body  # called where its statements were
    assert not site.lang.parse(in_place(site, snippet)).root_node.has_error


@pytest.mark.parametrize("language", LANGUAGES)
def test_loop_and_conditional_rewrites(language: str) -> None:
    site = _site(language)
    count = Counter(leaf.type for leaf in site.lang.leaves(site.outer))
    # Several seeds: the rewrites of one definition are drawn at random.
    seen_while, seen_negation = False, False
    for seed in range(6):
        site = _site(language)
        TRANSFORM["loops_conditionals"](site, np.random.default_rng(seed), _names(site))
        types = Counter(leaf.type for leaf in site.lang.leaves(site.outer))
        seen_while |= types["while"] > count["while"] or types["for"] > count["for"]
        seen_negation |= types["!"] + types["not"] > count["!"] + count["not"]
        assert not site.lang.parse(site.source).root_node.has_error
    assert seen_while and seen_negation


EXT = {"python": ".py", "c": ".c", "java": ".java", "javascript": ".js"}


def _donated(language: str, transform: str, seed: int) -> Donated:
    site = _site(language)
    start, end = site.outer.start_point[0] + 1, site.outer.end_point[0] + 1
    kind, tokens = site.outer.type, site.lang.code_tokens(site.outer)
    snippet = TRANSFORM[transform](site, np.random.default_rng(seed), _names(site))
    assert snippet is not None
    return Donated("donor" + EXT[language], start, end, kind, tokens, snippet)


@pytest.mark.parametrize("language", LANGUAGES)
def test_injection_records_the_lines_that_hold_the_snippet(language: str) -> None:
    lang = Language(language)
    host = {"host" + EXT[language]: SNIPPETS[language].encode()}
    donated = _donated(language, "extract", 6)
    out, regions = inject(language, "extract", host, [[donated]], np.random.default_rng(0), lang)
    (region,) = regions
    ((_, text),) = out.items()
    assert not lang.parse(text).root_node.has_error
    lines = text.decode().split("\n")[region.host_start - 1 : region.host_end]
    got = "\n".join(line.strip() for line in lines)
    assert got == "\n".join(line.strip() for line in donated.snippet.text().split("\n"))


def test_an_injected_renamed_function_is_recovered(tmp_path: Path) -> None:
    lang = Language("python")
    donated = _donated("python", "rename_consistent", 3)
    host_text = "\n\n".join(
        f"def helper_{k}(a, b):\n    if a > b:\n        return [a] * b\n    return {{b: a}}\n"
        for k in range(3))
    host = {"host.py": host_text.encode()}
    out, regions = inject("python", "rename_consistent", host, [[donated]],
                          np.random.default_rng(1), lang)
    donor = {"donor.py": SNIPPETS["python"].encode()}  # the name _donated gives it
    for name, files in (("left", donor), ("right", out)):
        for rel, data in files.items():
            (tmp_path / name).mkdir(exist_ok=True)
            (tmp_path / name / rel).write_bytes(data)
    result = compare_paths(str(tmp_path / "left"), str(tmp_path / "right"))
    cell = score(result, regions, donor, out)
    (region,) = cell.regions
    assert region.recovered and region.right > 0.9 and region.left > 0.9
    # An exact run may run on by a few tokens past the copy ("def <id>(<id>" of the next
    # function on both sides), so the matched lines are nearly, not all, injected ones.
    assert cell.precision > 0.9
