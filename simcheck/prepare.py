"""Ingested works -> fingerprinted files. Each distinct content is fingerprinted once,
however many paths (on either side) hold it."""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property

import numpy as np

from fingerprints.fileprint import FileFingerprint, FingerprintSettings
from fingerprints.languages import detect_language
from fingerprints.parse_pool import Job, fingerprint_all

from .ingest.model import IngestedFile, Work
from .progress import Progress, silent


@dataclass(frozen=True)
class PreparedFile:
    entry: IngestedFile
    language: str | None  # registry name, None when no grammar applies
    source: bytes | None  # UTF-8 text the token offsets refer to; None if not compared
    fingerprint: FileFingerprint | None

    @property
    def compared(self) -> bool:
        return self.fingerprint is not None

    @property
    def fp(self) -> FileFingerprint:
        """The fingerprint of a compared file."""
        if self.fingerprint is None:
            raise ValueError(f"{self.entry.path} was not compared")
        return self.fingerprint

    @property
    def text(self) -> bytes:
        """The UTF-8 text of a compared file (token offsets index it)."""
        if self.source is None:
            raise ValueError(f"{self.entry.path} was not compared")
        return self.source


@dataclass(frozen=True)
class PreparedWork:
    work: Work
    files: tuple[PreparedFile, ...]  # same order as work.files

    @property
    def compared(self) -> list[PreparedFile]:
        return [f for f in self.files if f.compared]

    @cached_property
    def unreferenced(self) -> list[np.ndarray]:
        """Per compared file, True on its structure tokens inside definitions its program
        never reaches (``match.referenced.unreferenced_masks``): found once per work,
        however many comparisons it is in (a benchmark's or a chance baseline's)."""
        from .match.referenced import unreferenced_masks  # it imports this module

        masks = unreferenced_masks(self.compared)
        for m in masks:
            m.setflags(write=False)  # shared by every comparison of this work
        return masks


def prepare(
    works: Sequence[Work],
    settings: FingerprintSettings,
    workers: int = 2,
    progress: Progress = silent,
) -> list[PreparedWork]:
    """Fingerprint every readable file of ``works`` (deduplicated by content)."""
    keyed: dict[tuple[str, str | None], int] = {}
    jobs: list[Job] = []
    plan: list[list[tuple[IngestedFile, str | None, bytes | None, int | None]]] = []
    for work in works:
        rows = []
        for entry in work.files:
            if entry.state != "ok" or entry.text is None:
                rows.append((entry, None, None, None))
                continue
            source = entry.text.encode("utf-8", errors="surrogatepass")
            spec = detect_language(entry.path.rsplit("!/", 1)[-1], source[:4096])
            language = spec.name if spec else None
            key = (hashlib.blake2b(source, digest_size=16).hexdigest(), language)
            if key not in keyed:
                keyed[key] = len(jobs)
                jobs.append(Job(source, language))
            rows.append((entry, language, source, keyed[key]))
        plan.append(rows)

    advance = progress("Fingerprinting", len(jobs))
    prints = fingerprint_all(jobs, settings, workers, on_done=lambda _i: advance(1))
    return [
        PreparedWork(
            work,
            tuple(
                PreparedFile(entry, language, source, None if job is None else prints[job])
                for entry, language, source, job in rows
            ),
        )
        for work, rows in zip(works, plan, strict=True)
    ]
