"""Documents from the command line: routing modes, aliases, the outputs that carry the
document evidence, re-rendering and verification."""

from __future__ import annotations

import csv
import json
import subprocess
import sys
from pathlib import Path

from simcheck.compare import CompareOptions, compare_paths
from simcheck.documents.settings import DocumentSettings

ROOT = Path(__file__).resolve().parent.parent
MANUALS = ROOT / "samples" / "manuals"
ORIGINAL = MANUALS / "original" / "NPC-200_Operating_Manual.docx"
KNOCKOFF = MANUALS / "knockoff" / "KA-2000_User_Guide.docx"
GUIDE = Path(__file__).resolve().parent / "fixtures" / "documents" / "guide.md"


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "simcheck.cli", *args],
                          capture_output=True, text=True, timeout=300)


def test_aliases_are_applied_disclosed_and_written_to_every_output(tmp_path):
    out = tmp_path / "out"
    run = _run("compare", str(ORIGINAL), str(KNOCKOFF), "--alias", "Norvale=Kestrel",
               "--alias", "NPC-200=KA-2000", "--json", str(out / "r.json"), "--csv", str(out),
               "--html", str(out / "r.html"))
    assert run.returncode == 0, run.stderr
    assert "Alias applied before matching: 'Norvale' (left) = 'Kestrel' (right)" in run.stdout
    data = json.loads((out / "r.json").read_text())
    assert [a["given"] for a in data["documents"]["aliases"]] == ["Norvale=Kestrel",
                                                                  "NPC-200=KA-2000"]
    rows = list(csv.DictReader((out / "document_matches.csv").open()))
    assert rows and all(r["left_page_start"] and r["right_paragraph_start"] for r in rows)
    assert any("threshhold" == r["word"] for r in csv.DictReader((out / "anomalies.csv").open()))
    html = (out / "r.html").read_text()
    assert "Norvale" in html and "threshhold" in html and 'id="doc-order"' in html
    assert (out / "manifest.json").exists()


def test_report_rerenders_a_document_result_identically(tmp_path):
    first = _run("compare", str(ORIGINAL), str(KNOCKOFF), "--alias", "Norvale=Kestrel",
                 "--json", str(tmp_path / "r.json"), "--html", str(tmp_path / "a.html"))
    assert first.returncode == 0, first.stderr
    again = _run("report", str(tmp_path / "r.json"), "--html", str(tmp_path / "b.html"))
    assert again.returncode == 0, again.stderr
    assert (tmp_path / "a.html").read_text() == (tmp_path / "b.html").read_text()


def test_verify_passes_for_a_run_with_aliases(tmp_path):
    run = _run("compare", str(ORIGINAL), str(KNOCKOFF), "--alias", "Norvale=Kestrel",
               "--json", str(tmp_path / "r.json"))
    assert run.returncode == 0, run.stderr
    check = _run("verify", str(tmp_path / "manifest.json"))
    assert check.returncode == 0 and check.stdout.startswith("PASS"), check.stdout + check.stderr


def test_a_malformed_alias_or_mode_is_one_clear_error():
    bad_alias = _run("compare", str(GUIDE), str(GUIDE), "--alias", "Norvale")
    assert bad_alias.returncode == 2
    assert bad_alias.stderr.strip().count("\n") == 0 and "--alias" in bad_alias.stderr
    bad_mode = _run("compare", str(GUIDE), str(GUIDE), "--mode", "prose")
    assert bad_mode.returncode == 2 and "--mode" in bad_mode.stderr


def test_modes_route_files_to_the_code_or_the_text_pipeline(tmp_path):
    for side in ("a", "b"):
        (tmp_path / side).mkdir()
        (tmp_path / side / "guide.md").write_text(GUIDE.read_text())
        (tmp_path / side / "main.c").write_text("int main(void) { return 0; }\n")

    def tokenizers(mode: str) -> dict[str, str | None]:
        options = CompareOptions(documents=DocumentSettings(mode=mode))  # type: ignore[arg-type]
        result = compare_paths(str(tmp_path / "a"), str(tmp_path / "b"), options)
        return {f.path: f.tokenizer for f in result.files if f.side == "left"}

    assert tokenizers("auto") == {"guide.md": "words", "main.c": "tree-sitter"}
    assert tokenizers("code") == {"guide.md": "lexical", "main.c": "tree-sitter"}
    assert tokenizers("text") == {"guide.md": "words", "main.c": "words"}


def test_the_terminal_ledger_counts_code_regions_only(tmp_path):
    # rxjs 7.5.0 against 7.8.1: the ledger's "matched (unfiltered)" row counted the
    # documents' exhibits (LICENSE, README) as regions beside code-only token figures.
    from rich.console import Console

    from simcheck.render.terminal import render

    for side in ("a", "b"):
        (tmp_path / side).mkdir()
        (tmp_path / side / "guide.md").write_text(GUIDE.read_text())
        # Some code on each side, matching nothing: the code ledger is shown.
        (tmp_path / side / "tool.py").write_text(f"def scale_{side}(x):\n    return x * 3\n")
    result = compare_paths(str(tmp_path / "a"), str(tmp_path / "b"))
    assert result.matches and all(m.text is not None for m in result.matches)
    console = Console(record=True, width=200)
    render(result, console)
    row = next(line for line in console.export_text().splitlines()
               if "matched (unfiltered)" in line)
    assert row.split("│")[2].strip() == "0"
