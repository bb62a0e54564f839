"""What ingestion hands to the rest of simcheck: every input file with its provenance."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import IO, Literal, Protocol

FileState = Literal["ok", "skipped", "failed"]


@dataclass(frozen=True)
class IngestOptions:
    max_file_bytes: int = 5 * 1024 * 1024  # larger files are skipped ("too large")
    max_archive_depth: int = 5  # nested archives deeper than this are failed, not expanded
    max_archive_members: int = 100_000
    max_expanded_bytes: int = 2 * 1024**3  # total bytes expanded from one top-level archive
    max_compression_ratio: float = 200.0  # per member; above it the member is a zip bomb
    ignore_patterns: tuple[str, ...] = ()  # gitignore syntax, matched on relative paths
    follow_symlinks: bool = False  # symlinks are skipped unless set (never outside the root)


@dataclass(frozen=True)
class IngestedFile:
    """One input file. ``path`` is relative to the work's root, '/'-separated; an archive
    member is ``outer.zip!/dir/inner.tar!/file.c``. ``text`` is set only when state=="ok"."""

    path: str
    size: int  # bytes as stored (after decompression for archive members)
    sha256: str | None  # of the raw bytes; None when the bytes could not be read
    state: FileState
    reason: str | None = None  # why skipped/failed; None when ok
    text: str | None = None  # decoded text (newlines preserved as in the file)
    encoding: str | None = None  # encoding the text was decoded from, e.g. "utf-8"
    # The extracted document (simcheck.documents.model.Document) for a file read by a
    # DocumentReader; its raw bytes are not kept.
    document: object | None = None


class DocumentReader(Protocol):
    """Reads document files (PDF, DOCX, Markdown...) while their stream is open, so that
    large documents are extracted page by page instead of being held in memory."""

    def wants(self, path: str) -> bool: ...

    def read(self, path: str, stream: IO[bytes], seekable: bool) -> IngestedFile: ...


@dataclass(frozen=True)
class Work:
    """One side of a comparison: a directory, a single file or an archive."""

    label: str  # what the user passed, as given (never made absolute)
    kind: Literal["directory", "file", "archive"]
    files: tuple[IngestedFile, ...] = field(default_factory=tuple)  # sorted by path
