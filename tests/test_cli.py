"""The command line as a user runs it: exit codes, one-line errors, JSON output."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from simcheck.result import SCHEMA_VERSION

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "copies"


def _run(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "simcheck.cli", *args],
        capture_output=True, text=True, cwd=cwd, timeout=300,
    )


def test_compare_writes_json_and_a_summary(tmp_path):
    out = tmp_path / "result.json"
    run = _run("compare", str(FIXTURES / "original.py"), str(FIXTURES / "renamed.py"),
               "--json", str(out))
    assert run.returncode == 0, run.stderr
    assert "Overall similarity" in run.stdout
    data = json.loads(out.read_text())
    assert data["schema_version"] == SCHEMA_VERSION and data["matches"]
    assert "\x1b[" not in run.stdout and "\x1b[" not in run.stderr  # quiet in pipes


def test_a_missing_path_exits_2_with_one_clear_line(tmp_path):
    run = _run("compare", str(tmp_path / "missing"), str(FIXTURES))
    assert run.returncode == 2
    lines = [line for line in run.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and "no such file" in lines[0]


def test_an_unsupported_or_corrupt_archive_exits_2(tmp_path):
    bad = tmp_path / "evidence.zip"
    bad.write_bytes(b"this is not a zip archive")
    run = _run("compare", str(bad), str(FIXTURES))
    assert run.returncode == 2
    assert "evidence.zip" in run.stderr and "Traceback" not in run.stderr


def test_fail_above_exits_1_when_similarity_is_higher(tmp_path):
    run = _run("compare", str(FIXTURES / "original.py"), str(FIXTURES / "original.py"),
               "--fail-above", "0.5")
    assert run.returncode == 1


def test_languages_lists_the_registry():
    run = _run("languages")
    assert run.returncode == 0
    for name in ("cobol", "verilog", "vhdl", "objc", "matlab", "fortran", "ada", "pascal"):
        assert name in run.stdout
    # The grammar gaps are listed (rich wraps long lines: compare without the breaks).
    assert 'typescript: the grammar reports syntax errors on valid' in run.stdout
    assert 'import("m").T<A>' in " ".join(run.stdout.split())
    # Component files, with the languages their regions are read in.
    for name in ("scss", "svelte", "vue"):
        assert name in run.stdout
    assert "raw_text in script_element: javascript (lang: js=javascript, jsx=javascript, " \
        "ts=typescript, tsx=tsx)" in " ".join(run.stdout.split())


def test_benchmark_scores_a_labelled_pair_set(tmp_path):
    data = tmp_path / "set"
    data.mkdir()
    for name in ("original.py", "renamed.py", "reformatted.c", "reformatted_copy.c"):
        (data / name).write_bytes((FIXTURES / name).read_bytes())
    truth = tmp_path / "pairs.csv"
    truth.write_text(
        "left,right,label\noriginal.py,renamed.py,1\nreformatted.c,reformatted_copy.c,1\n"
        "original.py,reformatted.c,0\nrenamed.py,reformatted_copy.c,0\n"
    )
    scores = tmp_path / "scores.csv"
    run = _run("benchmark", str(data), "--truth", str(truth), "--scores-out", str(scores))
    assert run.returncode == 0, run.stderr
    rows = scores.read_text().splitlines()
    assert rows[0] == "left,right,score" and len(rows) == 5
    assert "1.0000" in run.stdout  # perfectly separated: ROC AUC 1


def test_two_processes_with_different_hash_seeds_write_identical_json(tmp_path):
    import os

    samples = Path(__file__).resolve().parent.parent / "samples"
    outputs = []
    for seed in ("1", "2"):
        out = tmp_path / f"run{seed}.json"
        env = {**os.environ, "PYTHONHASHSEED": seed}
        run = subprocess.run(
            [sys.executable, "-m", "simcheck.cli", "compare", "original", "knockoff",
             "--json", str(out)],
            capture_output=True, text=True, cwd=samples, env=env, timeout=300,
        )
        assert run.returncode == 0, run.stderr
        outputs.append(out.read_bytes())
    assert outputs[0] == outputs[1]


def test_an_empty_input_still_finishes_but_is_warned_of_on_terminal_and_in_the_report(
        tmp_path):
    (tmp_path / "empty").mkdir()
    html = tmp_path / "report.html"
    run = _run("compare", "empty", str(FIXTURES / "original.py"), "--html", str(html),
               cwd=tmp_path)
    assert run.returncode == 0, run.stderr
    printed = " ".join(run.stdout.split())  # rich wraps long lines
    assert "Warning: the left input 'empty' holds no files" in printed
    assert printed.index("Warning:") < printed.index("Overall similarity")
    assert "Warning: the left input &#39;empty&#39; holds no files" in html.read_text()
