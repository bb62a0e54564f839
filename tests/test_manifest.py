"""Run manifests, verify, and CSV output, as a user runs them."""

from __future__ import annotations

import csv
import hashlib
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

SAMPLES = Path(__file__).resolve().parent.parent / "samples"


def _simcheck(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "simcheck.cli", *args],
        capture_output=True, text=True, cwd=cwd, timeout=300,
    )


def _run(tmp_path: Path, out: str) -> Path:
    for name in ("original", "knockoff"):
        if not (tmp_path / name).exists():
            shutil.copytree(SAMPLES / name, tmp_path / name)
    run = _simcheck("compare", "original", "knockoff", "--json", f"{out}/result.json",
                    "--csv", f"{out}/csv", "--html", f"{out}/report.html",
                    "--legend", "CONFIDENTIAL", "--exhibit-prefix", "PX", cwd=tmp_path)
    assert run.returncode == 0, run.stderr
    return tmp_path / out


def test_manifest_records_every_input_hash_versions_and_times(tmp_path):
    out = _run(tmp_path, "out")
    manifest = json.loads((out / "manifest.json").read_text())
    result = json.loads((out / "result.json").read_text())
    assert {(f["side"], f["path"], f["sha256"]) for f in manifest["files"]} == {
        (f["side"], f["path"], f["sha256"]) for f in result["files"]
    }
    assert manifest["versions"]["tree-sitter-language-pack"] == "0.13.0"
    assert manifest["started_utc"].endswith("+00:00") and manifest["finished_utc"]
    assert set(manifest["outputs"]) == {
        str(Path("out/result.json")), str(Path("out/csv/file_pairs.csv")),
        str(Path("out/csv/matches.csv")), str(Path("out/csv/channels.csv")),
        str(Path("out/csv/code_anomalies.csv")), str(Path("out/report.html")),
    }
    for name, digest in manifest["outputs"].items():
        assert hashlib.sha256((tmp_path / name).read_bytes()).hexdigest() == digest
    body = (out / "result.json").read_text()
    assert not re.search(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}", body)  # no clock time
    assert "started_utc" not in body and "finished_utc" not in body


def test_verify_passes_on_untouched_inputs_and_names_a_changed_file(tmp_path):
    out = _run(tmp_path, "out")
    ok = _simcheck("verify", str(out / "manifest.json"), cwd=tmp_path)
    assert ok.returncode == 0 and ok.stdout.startswith("PASS"), ok.stdout + ok.stderr
    target = tmp_path / "knockoff" / "src" / "main.c"
    target.write_bytes(target.read_bytes() + b" ")
    bad = _simcheck("verify", str(out / "manifest.json"), cwd=tmp_path)
    assert bad.returncode == 1
    assert "FAIL: right input src/main.c: SHA-256 changed" in bad.stdout


def test_verify_names_a_deleted_input_file_and_a_moved_input(tmp_path):
    out = _run(tmp_path, "out")
    (tmp_path / "original" / "host" / "tools" / "log_export.py").unlink()
    bad = _simcheck("verify", str(out / "manifest.json"), cwd=tmp_path)
    assert bad.returncode == 1
    assert "FAIL: left input host/tools/log_export.py: missing" in bad.stdout
    (tmp_path / "knockoff").rename(tmp_path / "moved")
    bad = _simcheck("verify", str(out / "manifest.json"), cwd=tmp_path)
    assert bad.returncode == 1
    assert f"FAIL: right input {tmp_path / 'knockoff'}: missing" in bad.stdout


def test_verify_rejects_a_manifest_of_another_version(tmp_path):
    manifest = tmp_path / "manifest.json"
    manifest.write_text(json.dumps({"manifest_version": "0.1"}))
    run = _simcheck("verify", str(manifest), cwd=tmp_path)
    assert run.returncode == 2
    assert "'0.1'" in run.stderr and "1.0.0" in run.stderr


def test_csv_and_html_use_the_json_match_ids_and_are_byte_identical_across_runs(tmp_path):
    first = _run(tmp_path, "one")
    second = _run(tmp_path, "two")
    result = json.loads((first / "result.json").read_text())
    with (first / "csv" / "matches.csv").open(newline="") as f:
        rows = list(csv.DictReader(f))
    assert [r["id"] for r in rows] == [m["id"] for m in result["matches"]]
    assert all(r["id"].startswith("PX") for r in rows)
    assert rows[0]["left_path"] == result["matches"][0]["left"]["path"]
    for name in ("csv/file_pairs.csv", "csv/matches.csv", "report.html"):
        assert (first / name).read_bytes() == (second / name).read_bytes()
    html = (first / "report.html").read_text()
    assert all(f'<article class="exhibit k-{m["kind"]}" id="{m["id"]}">' in html
               for m in result["matches"])


def test_verify_passes_for_a_run_with_an_exhibit_prefix(tmp_path):
    fixtures = Path(__file__).resolve().parent / "fixtures" / "copies"
    run = _simcheck("compare", str(fixtures / "original.py"), str(fixtures / "renamed.py"),
                    "--exhibit-prefix", "PX", "--json", "out/result.json", cwd=tmp_path)
    assert run.returncode == 0, run.stderr
    check = _simcheck("verify", "out/manifest.json", cwd=tmp_path)
    assert check.returncode == 0 and check.stdout.startswith("PASS"), check.stdout
def test_manifest_records_stage_times_of_the_run(tmp_path):
    out = _run(tmp_path, "out")
    manifest = json.loads(Path(out / "manifest.json").read_text())
    stages = manifest["stage_seconds"]
    assert {"before fingerprinting", "fingerprinting", "aligning", "outputs"} <= set(stages)
    assert all(isinstance(v, float) and v >= 0 for v in stages.values())
    digest = hashlib.sha256((out / "result.json").read_bytes()).hexdigest()
    assert manifest["result_sha256"] == manifest["outputs"][str(Path("out/result.json"))] == digest
