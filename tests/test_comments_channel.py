"""The comments channel: identical comments found anywhere, whatever the code around them,
and the pair score that combines it with structure."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from fingerprints.comments import comment_symbols, comment_text
from fingerprints.fileprint import FingerprintSettings, fingerprint_source
from simcheck.benchmark import pair_score
from simcheck.compare import compare_paths

ORIGINAL = """\
#include <stdio.h>
/* Drain the   sump before the
   pressure test (the valve sticks otherwise). */
int drain(int level) {
    // never below the float switch
    while (level > 12) { level -= 3; }
    return level;
}
"""

# Rewritten code, the comments kept but re-wrapped, re-cased and turned into // comments.
REWRITTEN = """\
#include <stdio.h>
int drain_sump(int l)
{
  // drain the sump before the pressure test (the valve sticks otherwise).
  for (; l > 12; l = l - 3) printf("%d\\n", l);
  // Never below the float switch!
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


def test_comment_text_ignores_markers_case_and_layout():
    assert comment_text("/* Drain the\n   SUMP */") == comment_text("// drain the sump")
    assert comment_text("# ---- x ----") == "x"


def test_short_comments_say_nothing_and_are_not_counted():
    source = b"int a; // ok\nint b; /* id */\nint c; // the real reason\n"
    fp = fingerprint_source(source, "c", FingerprintSettings())
    assert fp.comments.size == 1


def test_a_rewrite_that_keeps_the_comments_is_seen_by_the_comments_channel(
    tmp_path, fast_options
):
    left = _write(tmp_path / "a", ORIGINAL)
    right = _write(tmp_path / "b", REWRITTEN)
    result = compare_paths(str(left), str(right), fast_options)
    assert result.left.comments == pytest.approx(1.0)
    assert result.right.comments == pytest.approx(1.0)
    assert pair_score(result) == pytest.approx(1.0)


def test_independent_comments_score_zero_even_when_the_code_is_alike(tmp_path, fast_options):
    left = _write(tmp_path / "a", ORIGINAL)
    right = _write(tmp_path / "b", INDEPENDENT)
    result = compare_paths(str(left), str(right), fast_options)
    assert result.left.comments == 0.0 and result.right.comments == 0.0


def test_pair_score_adds_comment_evidence_to_structure_as_independent_evidence(
    tmp_path, fast_options
):
    left = _write(tmp_path / "a", ORIGINAL)
    right = _write(tmp_path / "b", INDEPENDENT)
    result = compare_paths(str(left), str(right), fast_options)
    structure = pair_score(result)
    half = replace(result, left=replace(result.left, comments=0.5))
    assert pair_score(half) == pytest.approx(1 - (1 - structure) * 0.5)


def test_files_without_comments_have_an_empty_comment_set():
    fp = fingerprint_source(b"x = 1\ny = 2\n", "python", FingerprintSettings())
    assert fp.comments.size == 0
    assert comment_symbols(b"x = 1\ny = 2\n", fp.tokens).size == 0
