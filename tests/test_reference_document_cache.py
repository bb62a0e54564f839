"""The references' documents are cached: a run with a warm cache extracts only the reference
documents that share a word shingle with the works' matched documents, and gives the same
result, byte for byte, as the run that filled the cache.

Fixtures: tests/fixtures/docbase (two manuals sharing the FCC statement of a template
manual, the base), plus an unrelated document written beside the template in the test."""

from __future__ import annotations

import shutil
import zipfile
from pathlib import Path
from typing import IO

import pytest

from simcheck.compare import CompareOptions, compare_paths
from simcheck.documents.reader import Reader
from simcheck.filter.options import FilterOptions
from simcheck.ingest import ingest
from simcheck.ingest.model import IngestedFile
from simcheck.result import Result, to_json

FIXTURES = Path(__file__).parent / "fixtures" / "docbase"
LEFT, RIGHT = str(FIXTURES / "left"), str(FIXTURES / "right")
UNRELATED = (
    "# Pasta\n\nBring a large pot of salted water to a rolling boil before adding the pasta."
    " Stir now and then so that nothing sticks to the bottom, and taste a piece a minute"
    " before the time on the packet.\n\nDrain it, keep a cup of the cooking water, and toss"
    " the pasta with the sauce over a low heat until it clings.\n"
)


@pytest.fixture
def extracted(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Every path the document reader extracts, in order (the real reader does the work)."""
    paths: list[str] = []
    real = Reader.read

    def counting(self: Reader, path: str, stream: IO[bytes], seekable: bool) -> IngestedFile:
        paths.append(path)
        return real(self, path, stream, seekable)

    monkeypatch.setattr(Reader, "read", counting)
    return paths


def _base(tmp_path: Path) -> Path:
    base = tmp_path / "base"
    base.mkdir()
    shutil.copy(FIXTURES / "base" / "template-manual.txt", base)
    (base / "recipes.md").write_text(UNRELATED, "utf-8")
    return base


def _compare(base: Path, cache: Path) -> Result:
    options = CompareOptions(filtration=FilterOptions(
        base=str(base), corpora=(str(FIXTURES / "corpus"),), cache_dir=str(cache)))
    return compare_paths(LEFT, RIGHT, options)


def _reference_reads(paths: list[str]) -> list[str]:
    return sorted(p for p in paths if p != "manual.md")  # the works' documents aside


def test_a_warm_cache_extracts_only_the_reference_documents_that_share_text(
        tmp_path, extracted):
    base, cache = _base(tmp_path), tmp_path / "cache"
    cold = _compare(base, cache)
    assert _reference_reads(extracted) == [
        "recipes.md", "safety-warnings.md", "template-manual.txt"]
    extracted.clear()
    warm = _compare(base, cache)
    # The recipe shares nothing with the manuals: the warm run never opens it.
    assert _reference_reads(extracted) == ["safety-warnings.md", "template-manual.txt"]
    assert to_json(warm) == to_json(cold)
    assert cold.references[0].documents == 2  # counted from the cache on the warm run
    assert {m.filter.classification for m in warm.matches} >= {
        "explained-by-base", "explained-by-corpus"}


def test_a_cold_run_reads_again_only_a_reference_s_document_files(tmp_path, monkeypatch):
    from simcheck.documents import reference_documents

    base = _base(tmp_path)
    (base / "helpers.py").write_text("def helper():\n    return 1\n", "utf-8")
    selected: list[object] = []
    real = reference_documents.ingest

    def recording(given: str, options: object, reader: object = None, only: object = None):
        selected.append(only)
        return real(given, options, reader, only)  # type: ignore[arg-type]

    monkeypatch.setattr(reference_documents, "ingest", recording)
    cold = _compare(base, tmp_path / "cache")
    # The code pass read helpers.py; the documents' pass opens the documents alone.
    assert selected == [{"recipes.md", "template-manual.txt"}, {"safety-warnings.md"}]
    assert cold.references[0].documents == 2
    assert cold.references[0].files_total == 3


def test_the_result_with_a_warm_cache_is_the_result_without_a_cache_entry(tmp_path):
    base = _base(tmp_path)
    fresh = _compare(base, tmp_path / "one")
    _compare(base, tmp_path / "two")
    assert to_json(_compare(base, tmp_path / "two")) == to_json(fresh)


def test_the_cache_holds_no_text_of_the_reference_documents(tmp_path):
    base, cache = _base(tmp_path), tmp_path / "cache"
    _compare(base, cache)
    entries = sorted(cache.glob("*.parquet"))
    assert len(entries) == 4  # per reference: the code index and the documents
    stored = b"".join(p.read_bytes() for p in entries)
    for phrase in (b"rolling boil", b"harmful interference", b"expressly approved"):
        assert phrase in (base / "recipes.md").read_bytes() + (
            base / "template-manual.txt").read_bytes()
        assert phrase not in stored


def test_changing_a_reference_documents_bytes_invalidates_its_entry(tmp_path, extracted):
    base, cache = _base(tmp_path), tmp_path / "cache"
    first = _compare(base, cache)
    (base / "recipes.md").write_text(UNRELATED + "\nServe at once.\n", "utf-8")
    extracted.clear()
    changed = _compare(base, cache)
    assert "recipes.md" in _reference_reads(extracted)  # read again: the entry is new
    assert changed.references[0].words == first.references[0].words + 3
    assert changed.references[0].digest != first.references[0].digest


def test_a_warm_cache_reads_one_member_of_a_reference_archive(tmp_path, extracted):
    archive = tmp_path / "refs.zip"
    with zipfile.ZipFile(archive, "w") as z:
        z.write(FIXTURES / "base" / "template-manual.txt", "docs/template-manual.txt")
        z.writestr("docs/recipes.md", UNRELATED)
    cache = tmp_path / "cache"
    cold = _compare(archive, cache)
    extracted.clear()
    warm = _compare(archive, cache)
    assert _reference_reads(extracted) == ["docs/template-manual.txt", "safety-warnings.md"]
    assert to_json(warm) == to_json(cold)
    (m,) = [m for m in warm.matches if m.filter.classification == "explained-by-base"]
    assert m.filter.evidence[0].path == "docs/template-manual.txt"


def test_ingest_only_reads_the_paths_asked_for_and_the_archives_holding_them(tmp_path):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.md").write_text("alpha\n")
    (tmp_path / "in" / "b.md").write_text("beta\n")
    with zipfile.ZipFile(tmp_path / "in" / "c.zip", "w") as z:
        z.writestr("d/e.md", "epsilon\n")
        z.writestr("d/f.md", "phi\n")
    work = ingest(str(tmp_path / "in"), only={"b.md", "c.zip!/d/f.md"})
    assert [(f.path, f.state, f.text) for f in work.files] == [
        ("b.md", "ok", "beta\n"), ("c.zip!/d/f.md", "ok", "phi\n")]


def test_a_template_docx_alone_is_a_usable_reference_with_a_warm_cache(tmp_path, extracted):
    # Binary to the code reader: only its cached document entry says it can be read.
    docx = pytest.importorskip("docx")
    base = tmp_path / "base"
    base.mkdir()
    template = docx.Document()
    for paragraph in (FIXTURES / "base" / "template-manual.txt").read_text().split("\n\n"):
        template.add_paragraph(" ".join(paragraph.split()))
    template.save(str(base / "template.docx"))
    cache = tmp_path / "cache"
    cold = _compare(base, cache)
    extracted.clear()
    warm = _compare(base, cache)
    assert "template.docx" in extracted
    assert to_json(warm) == to_json(cold)
    assert (warm.references[0].files_compared, warm.references[0].documents) == (0, 1)
    assert "explained-by-base" in {m.filter.classification for m in warm.matches}
