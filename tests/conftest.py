"""Shared test helpers."""

from __future__ import annotations

from pathlib import Path

import pytest

from fingerprints.fileprint import FingerprintSettings
from simcheck.compare import CompareOptions

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
SAMPLES = ROOT / "samples"


@pytest.fixture
def fast_options() -> CompareOptions:
    """Defaults, with a short parse limit so the hang tests finish quickly."""
    return CompareOptions(fingerprint=FingerprintSettings(parse_timeout=3.0))


INJECTION_PROBE = "</script><script>alert(1)</script>"
HOSTILE_NAME = "<img src=x onerror=alert(1)>.py"


@pytest.fixture
def hostile_inputs(tmp_path: Path) -> tuple[Path, Path]:
    """Two folders sharing code, with script injection in the code and in a file name."""
    body = (FIXTURES / "copies" / "original.py").read_text()
    left, right = tmp_path / "a", tmp_path / "b"
    left.mkdir()
    right.mkdir()
    (left / HOSTILE_NAME).write_text(f"# {INJECTION_PROBE}\n" + body)
    (right / "copy.py").write_text(f"x = '{INJECTION_PROBE}'\n" + body)
    return left, right
