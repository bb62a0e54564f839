"""Documents pass the base and corpus filter stages: passages that a reference document
also holds (a compliance statement, a published standard's warnings) are explained with
the reference document cited; copied text that no reference holds still counts.

The fixtures (tests/fixtures/docbase): two manuals that both reproduce the FCC statement of
a template manual both makers received (``base``) and the general safety warnings of a
published text (``corpus``), and share a calibration paragraph that neither reference
holds; in the regulatory section a sentence about each maker's radio module, copied, follows
the FCC text."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import jsonschema
import pytest
from rich.console import Console

from simcheck.compare import CompareOptions, compare_paths
from simcheck.documents.settings import DocumentSettings
from simcheck.filter.options import FilterOptions
from simcheck.render.csv_out import write_csv
from simcheck.render.html import render_html
from simcheck.render.terminal import render
from simcheck.result import Match, Result, schema, to_dict, to_json

FIXTURES = Path(__file__).parent / "fixtures" / "docbase"
LEFT, RIGHT = str(FIXTURES / "left"), str(FIXTURES / "right")
BASE, CORPUS = str(FIXTURES / "base"), str(FIXTURES / "corpus")
BASE_LABEL, CORPUS_LABEL = "base", "corpus"  # an absolute input is named by its last part


def _compare(tmp_path: Path, base: str | None = BASE, corpora: tuple[str, ...] = (CORPUS,)
             ) -> Result:
    options = CompareOptions(filtration=FilterOptions(
        base=base, corpora=corpora, cache_dir=str(tmp_path / "cache")))
    return compare_paths(LEFT, RIGHT, options)


def _by_section(result: Result) -> dict[str, Match]:
    return {m.left.document.section: m for m in result.matches if m.text is not None}


@pytest.fixture(scope="module")
def filtered(tmp_path_factory: pytest.TempPathFactory) -> Result:
    return _compare(tmp_path_factory.mktemp("docbase"))


def test_the_compliance_statement_of_the_base_is_explained_and_cited(filtered):
    m = _by_section(filtered)["Regulatory notices"]
    assert m.filter.classification == "explained-by-base"
    (cited,) = m.filter.evidence
    assert (cited.stage, cited.where, cited.path) == (
        "explained-by-base", BASE_LABEL, "template-manual.txt")
    # The FCC statement and the modification warning: lines 5-11 of the template,
    # its third and fourth paragraphs.
    assert (cited.start_line, cited.end_line) == (5, 11)
    assert cited.document is not None and cited.document.line_basis == "file"
    assert (cited.document.paragraph_start, cited.document.paragraph_end) == (3, 4)


def test_the_standards_warnings_of_a_corpus_are_explained_and_cited(filtered):
    m = _by_section(filtered)["Safety"]
    assert m.filter.classification == "explained-by-corpus"
    assert m.filter.tokens_filtered == 0
    (cited,) = m.filter.evidence
    assert (cited.where, cited.path, cited.start_line, cited.end_line) == (
        CORPUS_LABEL, "safety-warnings.md", 3, 8)
    assert cited.document.section == "General safety warnings"


def test_a_copied_paragraph_no_reference_holds_still_counts(filtered):
    m = _by_section(filtered)["Calibration"]
    assert m.filter.classification == "none"
    assert m.filter.tokens_filtered == m.tokens > 20
    assert not m.filter.evidence and not m.filter.spans


def test_the_copied_sentence_beside_the_reference_text_keeps_its_words(filtered):
    # One passage: the FCC text (in the base) then the radio-module sentence (not in it).
    m = _by_section(filtered)["Regulatory notices"]
    (radio,) = [i for i, s in enumerate(m.text.sentences) if "radio module" in s.left]
    radio_words = m.segments[radio].tokens  # the words the aligner counts in that pair
    assert m.filter.tokens_filtered == radio_words
    assert [(x.stage, x.tokens) for x in m.filter.explained] == [
        ("explained-by-base", m.tokens - radio_words)]
    stages = [s.stage for s in m.filter.spans]
    assert stages[-1] == "none" and set(stages[:-1]) == {"explained-by-base"}


def test_the_filtered_document_figures_drop_by_the_explained_words(filtered, tmp_path):
    plain = _compare(tmp_path, None, ())
    d, p = filtered.documents, plain.documents
    explained = sum(x.tokens for m in filtered.matches for x in m.filter.explained)
    assert explained > 0
    # Every explained word is matched once per side here (one document pair).
    assert d.left.words_matched == p.left.words_matched
    assert d.left_filtered.words_matched == d.left.words_matched - explained
    assert d.right_filtered.words_matched == d.right.words_matched - explained
    assert d.similarity_filtered == pytest.approx(
        (d.left_filtered.words_matched + d.right_filtered.words_matched)
        / (d.left.words_total + d.right.words_total))
    # Nothing but documents in this comparison: the overall figures are the documents'.
    assert filtered.similarity_filtered == pytest.approx(d.similarity_filtered, abs=1e-6)
    assert filtered.similarity_filtered < filtered.similarity == plain.similarity
    (pair,) = filtered.file_pairs
    assert pair.tokens_filtered == d.left_filtered.words_matched
    assert pair.left_coverage_filtered == pytest.approx(
        d.left_filtered.words_matched / d.left.words_total)


def test_without_a_reference_the_document_figures_are_unchanged(tmp_path):
    plain = _compare(tmp_path, None, ())
    d = plain.documents
    assert d.left_filtered == d.left and d.right_filtered == d.right
    assert d.similarity_filtered == d.similarity
    assert plain.similarity_filtered == plain.similarity > 0.5
    assert all(m.filter.classification == "none" and m.filter.tokens_filtered == m.tokens
               for m in plain.matches)
    (pair,) = plain.file_pairs
    assert pair.tokens_filtered == pair.tokens_matched
    assert [r.left.tokens_before - r.left.tokens_after for r in d.ledger] == [0, 0]


def test_the_document_ledger_accounts_for_the_words_of_each_stage(filtered):
    d = filtered.documents
    base, corpus = d.ledger
    assert (base.stage, corpus.stage) == ("explained-by-base", "explained-by-corpus")
    assert (base.matches, corpus.matches) == (1, 1)
    sections = _by_section(filtered)
    assert base.left.tokens_before == d.left.words_matched
    assert base.left.tokens_before - base.left.tokens_after == (
        sections["Regulatory notices"].tokens - sections["Regulatory notices"].filter
        .tokens_filtered)
    assert corpus.left.tokens_before - corpus.left.tokens_after == sections["Safety"].tokens
    assert corpus.left.tokens_after == d.left_filtered.words_matched
    assert corpus.right.tokens_after == d.right_filtered.words_matched
    # Paragraphs: the two safety paragraphs go; the FCC paragraph goes; the paragraph
    # holding the radio-module sentence stays, as does the calibration paragraph.
    assert (base.left.lines_before, corpus.left.lines_after) == (5, 2)
    (pair,) = filtered.file_pairs
    assert pair.ledger == d.ledger


def test_a_paraphrase_of_the_reference_explains_nothing(tmp_path):
    note = str(FIXTURES / "paraphrase")
    # The aligner does pair the note with the manual's calibration paragraph...
    aligned = compare_paths(note, LEFT, CompareOptions(
        filtration=FilterOptions(cache_dir=str(tmp_path / "c1"))))
    assert [m.kind for m in aligned.matches] == ["paraphrase"]
    # ...but as a paraphrase, it does not explain the copy of it.
    result = _compare(tmp_path, note, ())
    m = _by_section(result)["Calibration"]
    assert m.filter.classification == "none" and m.filter.tokens_filtered == m.tokens


def test_the_references_say_how_many_documents_and_words_were_read(filtered):
    base, corpus = filtered.references
    assert (base.role, base.documents, corpus.role, corpus.documents) == ("base", 1, "corpus", 1)
    assert 50 < base.words < 80 and 30 < corpus.words < 60


def test_the_result_with_document_citations_is_valid_and_byte_identical(filtered, tmp_path):
    jsonschema.validate(to_dict(filtered), schema())
    again = _compare(tmp_path)
    assert to_json(again) == to_json(filtered)


def test_the_reports_show_the_explained_document_matches_and_their_citations(filtered,
                                                                              tmp_path):
    page = render_html(filtered)
    assert 'id="ledger-documents"' in page
    # Documents only: no code channels or code ledger of zeros.
    assert 'id="channels"' not in page and 'id="ledger"' not in page
    assert "No code on either side: documents only" in page
    assert "template-manual.txt, ¶ 3–4, lines 5–11" in page
    assert "safety-warnings.md, section “General safety warnings”, ¶ 2–3, lines 3–8" in page
    write_csv(filtered, tmp_path / "csv")
    rows = list(csv.DictReader(io.StringIO(
        (tmp_path / "csv" / "document_matches.csv").read_text("utf-8"))))
    by_id = {r["id"]: r for r in rows}
    regulatory = _by_section(filtered)["Regulatory notices"]
    row = by_id[regulatory.id]
    assert row["filter"] == "explained-by-base"
    assert row["words_filtered"] == str(regulatory.filter.tokens_filtered)
    assert f"{BASE_LABEL}:template-manual.txt ¶3-4 lines 5-11" in row["filter_evidence"]
    matches = {r["id"]: r for r in csv.DictReader(io.StringIO(
        (tmp_path / "csv" / "matches.csv").read_text("utf-8")))}
    assert matches[regulatory.id]["filter_evidence"] == row["filter_evidence"]
    out = io.StringIO()
    render(filtered, Console(file=out, width=200))
    text = out.getvalue()
    assert "Document filtration ledger" in text
    # Documents only: no code ledger or code channels of zeros, the references still named.
    assert "No code on either side: documents only. Filtered against base" in text
    assert "Filtration ledger (matched tokens" not in text and "Evidence channels" not in text
    cited = f"{BASE_LABEL}:template-manual.txt ¶3-4 lines 5-11"
    assert f"{regulatory.id} explained-by-base: {cited}" in text


def test_a_documents_only_overview_gives_the_documents_coverage_not_code_zeros(filtered):
    left, kept = filtered.documents.left, filtered.documents.left_filtered
    assert not filtered.has_code and filtered.has_documents and kept.words_matched > 0
    page = render_html(filtered)
    overview = page[page.index("<h2>Overview"):page.index('id="filtration"')]
    assert "(document words)" in overview and "code tokens" not in overview
    assert "<h1 id=\"overview\">Document comparison report</h1>" in page
    assert f"({left.words_matched:,} of {left.words_total:,})" in overview
    assert f"({kept.words_matched:,} of {kept.words_total:,})" in overview
    assert re.search(r"shares? text,", overview) and "Order-free structure" not in overview
    out = io.StringIO()
    render(filtered, Console(file=out, width=250))
    works = out.getvalue().split("Overall similarity")[0]
    assert f"of words ({kept.words_matched:,}/{kept.words_total:,})" in works
    assert "of tokens" not in works
    assert "Documents (compared as prose)" not in out.getvalue()  # said once, in the works


def test_empty_inputs_are_not_called_documents_only(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    result = compare_paths(tmp_path / "a", tmp_path / "b")
    assert not result.has_code and not result.has_documents
    out = io.StringIO()
    render(result, Console(file=out, width=250))
    assert "documents only" not in out.getvalue() and "Warning: the left input" in out.getvalue()
    assert "documents only" not in render_html(result)


def test_the_definitions_state_what_found_in_a_reference_means(filtered):
    text = filtered.definitions["documents.filter"]
    assert "verbatim or near-verbatim" in text and "paraphrase" in text
    assert "documents pass no filter" not in json.dumps(filtered.definitions)


def test_a_comparison_without_documents_on_both_sides_reads_no_reference_document(tmp_path):
    left, right = tmp_path / "left", tmp_path / "right"
    for side in (left, right):
        side.mkdir()
        (side / "notes.md").write_text((FIXTURES / "left" / "manual.md").read_text())
    (right / "notes.md").unlink()  # the right side has no document
    (right / "main.c").write_text("int main(void) { return 0; }\n")
    options = CompareOptions(filtration=FilterOptions(base=BASE, cache_dir=str(tmp_path / "c")))
    result = compare_paths(str(left), str(right), options)
    (base,) = result.references
    assert (base.documents, base.words) == (0, 0)
    with_docs = _compare(tmp_path, BASE, ())
    assert with_docs.references[0].documents == 1


def test_a_template_manual_in_docx_explains_the_copied_sections_not_the_paraphrased(tmp_path):
    # The bundled manuals (samples/manuals): the original manual's DOCX given as the base,
    # as if it were a template both makers received. Its copied sections are then set aside
    # with the template's paragraphs cited; the knock-off's paraphrases of it still count.
    manuals = Path(__file__).resolve().parent.parent / "samples" / "manuals"
    expected = json.loads((manuals / "expected.json").read_text())
    template = tmp_path / "template"
    template.mkdir()
    original = manuals / expected["original"][1]
    (template / original.name).write_bytes(original.read_bytes())
    options = CompareOptions(
        documents=DocumentSettings(aliases=tuple(expected["aliases"])),
        filtration=FilterOptions(base=str(template), cache_dir=str(tmp_path / "cache")))
    result = compare_paths(str(original), str(manuals / expected["knockoff"][1]), options)
    by_section = {m.right.document.section: m for m in result.matches}
    for s in expected["sections"]:
        m = by_section[s["knockoff"]]
        if s["derivation"] == "copied":
            assert m.filter.classification == "explained-by-base", s
            cited = m.filter.evidence[0]
            assert cited.path == original.name and cited.document.line_basis is None
            assert cited.start_line == cited.document.paragraph_start  # DOCX: by paragraph
        elif s["derivation"] == "paraphrased" and s.get("note") is None:
            assert m.filter.classification == "none", s
            assert m.filter.tokens_filtered >= 0.9 * m.tokens, s
    assert result.references[0].documents == 1
    assert 0 < result.documents.right_filtered.words_matched < result.documents.right.words_matched
