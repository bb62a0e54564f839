"""A document whose extraction outlasts the limit fails alone, with the reason; the run
finishes and every other file is compared (a hostile PDF must never hang a run)."""

from __future__ import annotations

import shutil
from pathlib import Path

from simcheck.compare import CompareOptions, compare_paths
from simcheck.documents.settings import DocumentSettings

MANUALS = Path(__file__).resolve().parent.parent / "samples" / "manuals"
PDF = next((MANUALS / "original").glob("*.pdf"))


def _work(tmp: Path, name: str) -> Path:
    (tmp / name).mkdir()
    shutil.copy(PDF, tmp / name / PDF.name)
    (tmp / name / "notes.md").write_text(
        "The relief valve opens when the line pressure exceeds the set point by ten percent.\n"
        "Check the float switch weekly and clean the sump strainer before each test.\n")
    return tmp / name


def test_a_pdf_over_the_time_limit_fails_with_the_reason_and_the_rest_is_compared(tmp_path):
    left, right = _work(tmp_path, "a"), _work(tmp_path, "b")
    options = CompareOptions(documents=DocumentSettings(extract_seconds=0.05))
    result = compare_paths(str(left), str(right), options)
    pdfs = [f for f in result.files if f.path.endswith(".pdf")]
    assert len(pdfs) == 2
    assert all(f.status == "failed" for f in pdfs)
    assert all(f.reason == "PDF extraction took longer than 0.05 s" for f in pdfs)
    notes = [f for f in result.files if f.path == "notes.md"]
    assert [f.status for f in notes] == ["compared", "compared"]
    assert result.documents is not None and result.documents.settings["extract_seconds"] == 0.05


def test_within_the_limit_the_pdf_is_read(tmp_path):
    left, right = _work(tmp_path, "a"), _work(tmp_path, "b")
    result = compare_paths(str(left), str(right), CompareOptions())
    assert all(f.status == "compared" for f in result.files)
    assert result.documents is not None and result.documents.left.words_total > 1000
