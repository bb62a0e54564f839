"""Turning bytes into ``IngestedFile`` entries: hashing, size limit, decoding."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from simcheck.ingest import reasons
from simcheck.ingest.decode import decode
from simcheck.ingest.limits import CHUNK, Readable
from simcheck.ingest.model import FileState, IngestedFile, IngestOptions


@dataclass(frozen=True)
class Blob:
    """One file's bytes as read: always fully hashed, kept only up to a limit."""

    data: bytes | None  # None when size exceeded the keep limit (memory stays bounded)
    size: int
    sha256: str


def read_blob(stream: Readable, keep_limit: int) -> Blob:
    """Read ``stream`` to its end in chunks. Bytes beyond ``keep_limit`` are hashed but not
    kept, so the hash is always of the whole file while memory stays bounded."""
    digest = hashlib.sha256()
    kept = bytearray()
    size = 0
    keeping = True
    while chunk := stream.read(CHUNK):
        digest.update(chunk)
        size += len(chunk)
        if keeping:
            if size > keep_limit:
                keeping = False
                kept = bytearray()
            else:
                kept += chunk
    return Blob(bytes(kept) if keeping else None, size, digest.hexdigest())


def file_entry(path: str, blob: Blob, options: IngestOptions) -> IngestedFile:
    """The entry for a regular file whose bytes were read."""
    if blob.data is None or blob.size > options.max_file_bytes:
        reason = reasons.too_large(blob.size, options.max_file_bytes)
        return IngestedFile(path, blob.size, blob.sha256, "skipped", reason)
    decoded = decode(blob.data)
    if decoded.text is not None:
        return IngestedFile(
            path, blob.size, blob.sha256, "ok", text=decoded.text, encoding=decoded.encoding
        )
    state: FileState = "skipped" if decoded.reason == reasons.BINARY else "failed"
    return IngestedFile(path, blob.size, blob.sha256, state, decoded.reason)


def skipped(path: str, reason: str, size: int = 0, sha256: str | None = None) -> IngestedFile:
    return IngestedFile(path, size, sha256, "skipped", reason)


def failed(path: str, reason: str, size: int = 0, sha256: str | None = None) -> IngestedFile:
    return IngestedFile(path, size, sha256, "failed", reason)
