"""Definitions a program never reaches are left out of the order-free structure channel."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from fingerprints.fileprint import tokenize
from fingerprints.languages import get_spec
from fingerprints.unreferenced import unreferenced
from simcheck.benchmark import reached_coverage
from simcheck.compare import compare_paths
from simcheck.match.referenced import spans, tokens_within
from simcheck.render.html import render_html

FIXTURES = Path(__file__).parent / "fixtures" / "unreferenced"


def _file(source: bytes, language: str):
    return tokenize(source, language), source, get_spec(language).entry_points


def _masked_text(source: bytes, language: str) -> tuple[str, str]:
    """The source of the tokens set aside and of those kept, each joined by spaces."""
    tokens, _, _ = file = _file(source, language)
    [mask] = unreferenced([file])
    pieces = [source[s:e].decode() for s, e in zip(tokens.start_byte.tolist(),
                                                    tokens.end_byte.tolist(), strict=True)]
    return (" ".join(p for p, m in zip(pieces, mask, strict=True) if m),
            " ".join(p for p, m in zip(pieces, mask, strict=True) if not m))


def test_helpers_never_called_from_the_program_are_set_aside():
    set_aside, kept = _masked_text((FIXTURES / "Towers.java").read_bytes(), "java")
    for unused in ("isPrime", "power", "sieveTable"):
        assert unused in set_aside and unused not in kept
    # main (the entry point), the class holding it and the method main calls stay.
    for used in ("main", "class Towers", "nearest"):
        assert used in kept and used not in set_aside


def test_a_recursive_helper_that_only_calls_itself_is_set_aside():
    source = b"""
int unused(int n) { return n <= 1 ? 1 : n * unused(n - 1); }
int used(int n) { return n + 1; }
int main(void) { return used(2); }
"""
    set_aside, kept = _masked_text(source, "c")
    assert "unused" in set_aside and "unused" not in kept
    assert "used ( 2 )" in kept


def test_a_helper_called_only_from_unused_code_is_set_aside_too():
    source = b"""
int square(int n) { return n * n; }
int sum_of_squares(int n) { int s = 0; for (int i = 1; i <= n; i++) s += square(i); return s; }
int twice(int n) { return 2 * n; }
int main(void) {
    int total = 0;
    for (int i = 0; i < 10; i++) { total += twice(i); if (total > 50) { total -= 7; } }
    for (int j = 10; j > 0; j--) { total = total * 3 % 101 + twice(j); }
    return total;
}
"""
    set_aside, kept = _masked_text(source, "c")
    # square is called, but only by sum_of_squares, which nothing reachable calls.
    assert "int square ( int n )" in set_aside and "sum_of_squares" in set_aside
    assert "twice" in kept and "square" not in kept


def test_without_an_entry_point_nothing_is_set_aside():
    # A library: its functions are its interface, whether or not it calls them itself.
    source = b"""
int area(int w, int h) { return w * h; }
int perimeter(int w, int h) { return 2 * (w + h); }
"""
    tokens, _, _ = file = _file(source, "c")
    [mask] = unreferenced([file])
    assert len(tokens) > 0 and not mask.any()


def test_nothing_is_set_aside_when_that_would_be_most_of_the_work():
    # A stub main beside the real work (a class handed in for a test harness).
    source = b"""
int first(int a, int b) { int s = 0; for (int i = a; i < b; i++) { s += i * i; } return s; }
int second(int a, int b) { int p = 1; for (int i = a; i < b; i++) { p *= i + 1; } return p; }
int main(void) { return 0; }
"""
    tokens, _, _ = file = _file(source, "c")
    [mask] = unreferenced([file])
    assert not mask.any()


def test_a_main_in_a_language_that_starts_at_top_level_code_is_no_entry_point():
    # Python runs a module's top-level code; a ``main`` there is a convention, and a
    # framework holding one (a project template's) is still a library.
    source = b"""
def main():
    helper()

def helper():
    return 1

def handler(request):
    return request
"""
    tokens, _, _ = file = _file(source, "python")
    [mask] = unreferenced([file])
    assert len(tokens) > 0 and not mask.any()
    # The same shape in C does start at main: the handler nothing calls is set aside.
    c_source = b"int helper(void) { return 1; }\nint handler(int r) { return r; }\n" \
        b"int main(void) { return helper(); }\n"
    set_aside, kept = _masked_text(c_source, "c")
    assert "handler" in set_aside and "helper" in kept


def test_a_name_mentioned_in_another_file_of_the_work_keeps_the_definition():
    helper = b"int scale(int x) { return 3 * x; }\nint unused_here(int x) { return x - 1; }\n"
    program = b"int scale(int x);\nint main(void) { return scale(2); }\n"
    files = [_file(helper, "c"), _file(program, "c")]
    masks = unreferenced(files)
    tokens = files[0][0]
    aside = {helper[s:e].decode() for s, e, m in zip(tokens.start_byte.tolist(),
                                                     tokens.end_byte.tolist(), masks[0],
                                                     strict=True) if m}
    assert "unused_here" in aside and "scale" not in aside
    assert isinstance(masks[1], np.ndarray) and not masks[1].any()


def test_programs_sharing_their_working_code_are_not_diluted_by_different_unused_templates(
    fast_options,
):
    result = compare_paths(str(FIXTURES / "Towers.java"), str(FIXTURES / "Heaters.java"),
                           fast_options)
    # Each side's unused template is left out of the order-free figure, and said so...
    assert result.left.order_free_set_aside > 0 and result.right.order_free_set_aside > 0
    # ...so all that is left of each (the working code) is found in the other.
    assert result.left.order_free > 0.95 and result.right.order_free > 0.95


def test_the_report_says_how_much_the_order_free_figure_left_out(fast_options):
    result = compare_paths(str(FIXTURES / "Towers.java"), str(FIXTURES / "Heaters.java"),
                           fast_options)
    text = " ".join(render_html(result).split())
    assert (f"Left out of it: {result.left.order_free_set_aside} tokens of the left side and "
            f"{result.right.order_free_set_aside} of the right side's") in text


def test_run_coverage_of_reached_code_leaves_out_a_shared_unused_template(fast_options):
    # Two programs for different tasks by one author: only the unused template agrees.
    result = compare_paths(str(FIXTURES / "Towers.java"), str(FIXTURES / "Sums.java"),
                           fast_options)
    towers = result.left
    # The template is matched, and those matched tokens lie in the definitions set aside...
    assert towers.order_free_set_aside > 0
    assert towers.matched_set_aside == towers.order_free_set_aside
    assert towers.coverage_filtered.fraction > 0.4
    # ...so of the code the program reaches, almost nothing is matched.
    assert reached_coverage(towers) < 0.1


def test_run_coverage_of_reached_code_is_not_diluted_by_different_unused_templates(
    fast_options,
):
    result = compare_paths(str(FIXTURES / "Towers.java"), str(FIXTURES / "Heaters.java"),
                           fast_options)
    for side in (result.left, result.right):
        assert side.coverage_filtered.fraction < 0.65  # diluted by its own template
        assert reached_coverage(side) > 0.95


def test_tokens_within_counts_positions_inside_each_files_spans():
    unreached = [spans(np.array([0, 1, 1, 0, 0, 1, 0, 1], dtype=bool)),
                 spans(np.zeros(4, dtype=bool))]
    assert unreached[0].tolist() == [[1, 3], [5, 6], [7, 8]] and unreached[1].size == 0
    positions = [np.array([0, 1, 2, 5, 6, 7]), np.array([0, 1, 2, 3])]
    assert tokens_within(positions, unreached) == 4  # 1, 2, 5 and 7 of the first file
