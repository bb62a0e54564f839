"""The bundled manuals: every copied, edited or paraphrased section of the knock-off is
found with page and paragraph on both sides, the shared typos are listed as shared
anomalies, the aliases are disclosed, and an independent manual scores near zero."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from simcheck.compare import CompareOptions, compare_paths
from simcheck.documents.settings import DocumentSettings
from simcheck.render.html import render_html
from simcheck.result import Result

MANUALS = Path(__file__).resolve().parent.parent / "samples" / "manuals"
EXPECTED = json.loads((MANUALS / "expected.json").read_text())
FORMATS = (0, 1)  # PDF with PDF, DOCX with DOCX


def _options() -> CompareOptions:
    return CompareOptions(documents=DocumentSettings(aliases=tuple(EXPECTED["aliases"])))


@pytest.fixture(scope="module", params=FORMATS, ids=("pdf", "docx"))
def knockoff(request: pytest.FixtureRequest) -> Result:
    i = request.param
    return compare_paths(
        str(MANUALS / EXPECTED["original"][i]), str(MANUALS / EXPECTED["knockoff"][i]), _options()
    )


@pytest.mark.parametrize("section", EXPECTED["sections"], ids=lambda s: s["knockoff"])
def test_each_derived_section_is_found_with_page_and_paragraph(knockoff, section):
    found = [
        m for m in knockoff.matches
        if m.left.document and m.right.document
        and m.left.document.section == section["original"]
        and m.right.document.section == section["knockoff"]
    ]
    assert found, f"no match from {section['original']!r} to {section['knockoff']!r}"
    for m in found:
        for side in (m.left.document, m.right.document):
            assert side.page_start is not None and side.page_end is not None
            assert 1 <= side.paragraph_start <= side.paragraph_end
    kinds = {s.kind for m in found for s in m.text.sentences}
    if section["derivation"] == "paraphrased":
        assert "paraphrase" in kinds
    else:
        assert {m.kind for m in found} <= {"verbatim", "near-verbatim"}


def test_no_match_comes_from_sections_that_were_not_copied(knockoff):
    for m in knockoff.matches:
        assert m.left.document.section not in EXPECTED["not_copied"]
        assert m.right.document.section not in EXPECTED["knockoff_only"]


def test_the_shared_typos_are_listed_as_shared_misspellings_on_both_sides(knockoff):
    anomalies = {a.word: a for a in knockoff.documents.anomalies}
    for typo in EXPECTED["typos"]["shared"]:
        a = anomalies[typo]
        assert a.kind == "misspelling"
        assert a.left and a.right and a.matches
        assert all(p.page is not None and p.paragraph >= 1 for p in a.left + a.right)
    for typo in EXPECTED["typos"]["original_only"]:
        assert typo not in anomalies


def test_the_aliases_are_disclosed_with_the_matches_that_depend_on_them(knockoff):
    uses = {a.given: a for a in knockoff.documents.aliases}
    assert sorted(uses) == sorted(EXPECTED["aliases"])
    for a in uses.values():
        assert a.left_occurrences > 0 and a.right_occurrences > 0 and a.matches
        for mid in a.matches:
            match = next(m for m in knockoff.matches if m.id == mid)
            assert a.given in match.text.aliases
    page = render_html(knockoff)
    assert "configuration software" in page and 'id="doc-aliases"' in page


def test_the_moved_chapters_are_reported_out_of_order(knockoff):
    (order,) = knockoff.documents.section_order
    moved = {s.left_heading for s in order.sections if not s.in_order}
    assert moved == set(EXPECTED["moved"])


def test_identical_tables_and_captions_are_listed(knockoff):
    tables = [e for e in knockoff.documents.shared_elements if e.kind == "table" and e.identical]
    assert len(tables) >= 4
    assert any(e.kind == "caption" for e in knockoff.documents.shared_elements)


def test_normalisation_is_logged_per_document(knockoff):
    for info in knockoff.documents.documents:
        rules = {s.rule for s in info.normalisation}
        assert "running header removed" in rules
        if info.format == "pdf":
            assert {"page number removed", "end-of-line hyphenation joined"} <= rules


@pytest.mark.parametrize("i", FORMATS, ids=("pdf", "docx"))
def test_an_independent_manual_on_the_same_subject_scores_near_zero(i):
    result = compare_paths(
        str(MANUALS / EXPECTED["original"][i]), str(MANUALS / EXPECTED["independent"][i]),
        _options(),
    )
    assert result.documents.left.fraction < 0.02
    assert result.documents.right.fraction < 0.02
    assert not [a for a in result.documents.anomalies if a.kind == "misspelling"]


def test_pdf_against_docx_finds_the_same_copy():
    result = compare_paths(
        str(MANUALS / EXPECTED["original"][0]), str(MANUALS / EXPECTED["knockoff"][1]), _options()
    )
    assert result.documents.left.fraction > 0.8
