"""Settings of the text pipeline; every one is recorded in the result."""

from __future__ import annotations

from dataclasses import dataclass, field

from .align import AlignSettings
from .formats import Mode


@dataclass(frozen=True)
class DocumentSettings:
    mode: Mode = "auto"  # which files are documents: by name (auto), all (text), none (code)
    aliases: tuple[str, ...] = ()  # "Left term=Right term", applied before matching
    k: int = 5  # word shingle length
    window: int = 4  # winnowing window: any shared run of k + window - 1 words nominates
    max_document_bytes: int = 512 * 1024 * 1024  # PDF/DOCX larger than this are skipped
    extract_seconds: float = 300.0  # a PDF/DOCX whose extraction takes longer fails
    align: AlignSettings = field(default_factory=AlignSettings)
