"""What a worker process imports before its first job: a parser-pool or re-hash worker
starts by importing the main module of the command that started it, then the module of
its task; neither may pull in the whole command line or the comparison."""

from __future__ import annotations

import hashlib
import subprocess
import sys
from pathlib import Path

from simcheck.ingest.model import IngestOptions
from simcheck.ingest.rehash import rehash_inputs

SAMPLES = Path(__file__).resolve().parent.parent / "samples"


def _imported_after(statement: str) -> set[str]:
    """The simcheck modules a fresh interpreter holds after ``statement``."""
    listing = "print(' '.join(m for m in sys.modules if m.startswith('simcheck')))"
    code = f"{statement}\nimport sys\n{listing}"
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True, timeout=60)
    return set(run.stdout.split())


def test_the_command_main_module_imports_no_command_line_until_run() -> None:
    assert _imported_after("import simcheck.__main__") == {"simcheck", "simcheck.__main__"}


def test_the_rehash_task_imports_ingesting_but_not_the_comparison() -> None:
    modules = _imported_after("import simcheck.ingest.rehash")
    assert "simcheck.ingest.rehash" in modules
    assert not modules & {"simcheck.compare", "simcheck.cli", "simcheck.manifest"}


def test_python_m_simcheck_runs_the_command_line() -> None:
    run = subprocess.run([sys.executable, "-m", "simcheck", "languages"], capture_output=True,
                         text=True, timeout=60)
    assert run.returncode == 0
    assert "python" in run.stdout.lower()


def test_rehash_reads_every_input_file_hash_afresh() -> None:
    rows = rehash_inputs(str(SAMPLES / "original"), str(SAMPLES / "knockoff"), IngestOptions())
    sides = {row["side"] for row in rows}
    assert sides == {"left", "right"}
    for row in rows:
        base = SAMPLES / ("original" if row["side"] == "left" else "knockoff")
        assert row["sha256"] == hashlib.sha256((base / row["path"]).read_bytes()).hexdigest()
