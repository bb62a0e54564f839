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
