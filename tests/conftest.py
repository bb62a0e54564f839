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


@pytest.fixture
def one_line_copy(tmp_path: Path) -> tuple[Path, Path]:
    """A function copied into the middle of one long (minified-style) line on each side,
    between different non-ASCII text, so that its columns are far from both line ends."""
    body = " ".join(
        line.strip() for line in (FIXTURES / "copies/reformatted.c").read_text().splitlines()
        if not line.startswith("/*")
    )
    left_pad = " ".join(f'const char *a{i} = "é{i}";' for i in range(150))
    right_pad = " ".join(f"long b{i}[3] = {{0, 1, 2}};" for i in range(90))
    left, right = tmp_path / "left.c", tmp_path / "right.c"
    left.write_text(f"/* ünïcode */\n{left_pad} {body} {left_pad}\n", encoding="utf-8")
    right.write_text(f"{right_pad} {body} {right_pad}\n", encoding="utf-8")
    return left, right
