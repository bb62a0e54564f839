"""The ``DocumentReader`` ingestion calls for document files: hashes the bytes, extracts
the document while the file is open, and records why a document could not be read."""

from __future__ import annotations

import io
from typing import IO

from ..ingest import reasons
from ..ingest.content import read_blob
from ..ingest.decode import decode
from ..ingest.model import IngestedFile
from .extract import extract_binary, extract_from_text
from .formats import BINARY_FORMATS, Mode, document_format, is_document
from .model import ExtractionError
from .time_limit import TimeLimitExceeded, within


class Reader:
    def __init__(self, mode: Mode, max_document_bytes: int, extract_seconds: float = 300.0
                 ) -> None:
        self.mode = mode
        self.max_bytes = max_document_bytes
        self.seconds = extract_seconds

    def wants(self, path: str) -> bool:
        return is_document(path, self.mode)

    def read(self, path: str, stream: IO[bytes], seekable: bool) -> IngestedFile:
        fmt = document_format(path) or "text"
        if fmt in BINARY_FORMATS and seekable:
            # Hash the whole file without keeping it, then extract from the same open
            # file page by page: a large PDF is never held in memory.
            blob = read_blob(stream, 0)
            if blob.size > self.max_bytes:
                return _skipped(path, blob.size, blob.sha256, self.max_bytes)
            stream.seek(0)
            return self._binary(path, fmt, stream, blob.size, blob.sha256)
        blob = read_blob(stream, self.max_bytes)
        if blob.data is None:
            return _skipped(path, blob.size, blob.sha256, self.max_bytes)
        if fmt in BINARY_FORMATS:
            return self._binary(path, fmt, io.BytesIO(blob.data), blob.size, blob.sha256)
        decoded = decode(blob.data)
        if decoded.text is None:
            state = "skipped" if decoded.reason == reasons.BINARY else "failed"
            return IngestedFile(path, blob.size, blob.sha256, state, decoded.reason)  # type: ignore[arg-type]
        document = extract_from_text(fmt, decoded.text, decoded.encoding)
        return IngestedFile(path, blob.size, blob.sha256, "ok", encoding=decoded.encoding,
                            document=document)

    def _binary(self, path: str, fmt: str, stream: IO[bytes], size: int, sha: str) -> IngestedFile:
        try:
            document = within(self.seconds, lambda: extract_binary(fmt, stream, self.max_bytes))
        except TimeLimitExceeded:
            return IngestedFile(path, size, sha, "failed",
                                f"{fmt.upper()} extraction took longer than {self.seconds:g} s")
        except ExtractionError as exc:
            return IngestedFile(path, size, sha, exc.status, exc.reason)
        except MemoryError:
            return IngestedFile(path, size, sha, "failed", f"{fmt.upper()} too large to extract")
        except Exception as exc:  # noqa: BLE001 - a broken file fails alone; the run goes on
            return IngestedFile(path, size, sha, "failed",
                                f"corrupt {fmt.upper()} ({type(exc).__name__})")
        return IngestedFile(path, size, sha, "ok", document=document)


def _skipped(path: str, size: int, sha: str, limit: int) -> IngestedFile:
    return IngestedFile(path, size, sha, "skipped", reasons.too_large(size, limit))
