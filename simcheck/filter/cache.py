"""The reference fingerprint cache: a reference corpus (often far larger than the works)
is fingerprinted once and its k-gram index stored as Parquet, keyed by the SHA-256 of
its files' contents, the fingerprint settings, the tool and grammar versions and the
language registry's data. An entry's file is named by that key and a digest of the source
code that builds the entry: a patched build keeps its version number, and must not reuse
what other code built; the key alone (which results quote) stays the same.

Its documents (PDF, DOCX, Markdown...) have an entry of their own beside it, keyed also by
the document settings and the extractors' versions: per document its state, word count
and winnowed word-shingle hashes, so that a later run extracts only the documents sharing
a shingle with the works (the code index is reused when only document settings change).

The cache holds hashes, line numbers and counts, never source text."""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from importlib.metadata import version
from pathlib import Path
from typing import Any, TypeVar

import numpy as np
import platformdirs

from fingerprints.fileprint import FingerprintSettings
from fingerprints.languages import registry_digest

from .. import __version__
from ..ingest.model import IngestedFile, IngestOptions
from .source_digest import DOCUMENT_SOURCES, INDEX_SOURCES, source_digest

T = TypeVar("T")

CACHE_FORMAT = "simcheck-reference-index/1"
DOCUMENTS_FORMAT = "simcheck-reference-documents/1"
_FILES_KEY = b"simcheck.files"
_DOCUMENTS_KEY = b"simcheck.documents"


@dataclass(frozen=True)
class CorpusFile:
    path: str
    sha256: str | None
    state: str  # compared | skipped | failed
    reason: str | None
    language: str | None
    tokens: int


@dataclass(frozen=True)
class KgramTable:
    """Every k-gram of a reference corpus, sorted by (hash, file, position)."""

    hashes: np.ndarray  # uint64
    file: np.ndarray  # int32 index into the corpus's files
    position: np.ndarray  # int32: the k-gram's first token in its file
    first_line: np.ndarray  # int32, 1-based: first line of the k-gram's first token
    last_line: np.ndarray  # int32: last line of its last token


@dataclass(frozen=True)
class CorpusDocument:
    """A reference file read as a document: what a later run needs without extracting it."""

    path: str
    sha256: str | None
    state: str  # ok | skipped | failed (as the document reader left it)
    reason: str | None
    words: int  # words as prepared for alignment (aliases applied)


@dataclass(frozen=True)
class DocumentPrints:
    """A reference's documents and the winnowed word-shingle hashes of each read one."""

    documents: tuple[CorpusDocument, ...]
    fingerprints: tuple[np.ndarray, ...]  # uint64, one array per document (empty if unread)


def default_dir() -> Path:
    return Path(platformdirs.user_cache_dir("simcheck")) / "references"


def cache_key(
    files: Sequence[IngestedFile], fingerprint: FingerprintSettings, ingest: IngestOptions
) -> str:
    """SHA-256 over everything the index depends on (never over where the corpus is)."""
    described: dict[str, Any] = {
        "format": CACHE_FORMAT,
        "simcheck": __version__,
        "tree-sitter": version("tree-sitter"),
        "grammars": version("tree-sitter-language-pack"),
        "languages": registry_digest(),
        "k": fingerprint.k,
        "parse_timeout": fingerprint.parse_timeout,
        "max_file_bytes": ingest.max_file_bytes,
        "ignore_patterns": list(ingest.ignore_patterns),
        "files": [[f.path, f.sha256, f.state] for f in files],
    }
    text = json.dumps(described, sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def documents_key(files: Sequence[IngestedFile], settings: dict[str, Any]) -> str:
    """SHA-256 over what a reference's document entry depends on: its document files'
    contents (``files``, as the code pass hashed them) and ``settings`` (document settings
    and extractor versions)."""
    described: dict[str, Any] = {
        "format": DOCUMENTS_FORMAT,
        "simcheck": __version__,
        "settings": settings,
        "files": [[f.path, f.sha256, f.state] for f in files],
    }
    text = json.dumps(described, sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _path(directory: Path, key: str, sources: tuple[str, ...]) -> Path:
    """The file of the entry ``key`` built by the code of ``sources``."""
    name = hashlib.sha256(f"{key}\0{source_digest(sources)}".encode()).hexdigest()
    return directory / f"{name}.parquet"


def _arrow() -> tuple[Any, Any]:
    """pyarrow and its parquet module, imported only when a reference corpus is cached
    (they take a noticeable part of every start of simcheck)."""
    import pyarrow
    import pyarrow.parquet

    return pyarrow, pyarrow.parquet


def load(directory: Path, key: str) -> tuple[list[CorpusFile], KgramTable] | None:
    """The cached index, or None when absent or unreadable (it is then rebuilt)."""

    def parse(table: Any, meta: dict[bytes, bytes]) -> tuple[list[CorpusFile], KgramTable]:
        files = [CorpusFile(**row) for row in json.loads(meta[_FILES_KEY])]
        return files, KgramTable(
            hashes=table.column("hash").to_numpy().astype(np.uint64, copy=False),
            file=table.column("file").to_numpy().astype(np.int32, copy=False),
            position=table.column("position").to_numpy().astype(np.int32, copy=False),
            first_line=table.column("first_line").to_numpy().astype(np.int32, copy=False),
            last_line=table.column("last_line").to_numpy().astype(np.int32, copy=False),
        )

    return _read(_path(directory, key, INDEX_SOURCES), parse)


def store(directory: Path, key: str, files: list[CorpusFile], kgrams: KgramTable) -> None:
    """Write the index atomically."""
    directory.mkdir(parents=True, exist_ok=True)
    pa, _ = _arrow()
    table = pa.table(
        {
            "hash": pa.array(kgrams.hashes, type=pa.uint64()),
            "file": pa.array(kgrams.file, type=pa.int32()),
            "position": pa.array(kgrams.position, type=pa.int32()),
            "first_line": pa.array(kgrams.first_line, type=pa.int32()),
            "last_line": pa.array(kgrams.last_line, type=pa.int32()),
        }
    )
    rows = [f.__dict__ for f in files]
    table = table.replace_schema_metadata({_FILES_KEY: json.dumps(rows).encode("utf-8")})
    _write(_path(directory, key, INDEX_SOURCES), table)


def load_documents(directory: Path, key: str) -> DocumentPrints | None:
    """The cached document entry, or None when absent or unreadable (it is then rebuilt)."""

    def parse(table: Any, meta: dict[bytes, bytes]) -> DocumentPrints:
        documents = tuple(CorpusDocument(**row) for row in json.loads(meta[_DOCUMENTS_KEY]))
        owner = table.column("document").to_numpy().astype(np.int64, copy=False)
        hashes = table.column("hash").to_numpy().astype(np.uint64, copy=False)
        # Rows are stored document by document, each document's hashes in their own order.
        bounds = np.searchsorted(owner, np.arange(len(documents) + 1), side="left")
        return DocumentPrints(documents, tuple(hashes[bounds[i] : bounds[i + 1]].copy()
                                               for i in range(len(documents))))

    return _read(_path(directory, key, DOCUMENT_SOURCES), parse)


def store_documents(directory: Path, key: str, entry: DocumentPrints) -> None:
    """Write a reference's document entry atomically."""
    directory.mkdir(parents=True, exist_ok=True)
    pa, _ = _arrow()
    sizes = [p.size for p in entry.fingerprints]
    owner = np.repeat(np.arange(len(sizes), dtype=np.int32), sizes)
    hashes = (np.concatenate(entry.fingerprints).astype(np.uint64, copy=False)
              if entry.fingerprints else np.zeros(0, dtype=np.uint64))
    table = pa.table({
        "document": pa.array(owner, type=pa.int32()),
        "hash": pa.array(hashes, type=pa.uint64()),
    })
    rows = [d.__dict__ for d in entry.documents]
    table = table.replace_schema_metadata({_DOCUMENTS_KEY: json.dumps(rows).encode("utf-8")})
    _write(_path(directory, key, DOCUMENT_SOURCES), table)


def _read(path: Path, parse: Callable[[Any, dict[bytes, bytes]], T]) -> T | None:
    """The entry at ``path`` read by ``parse`` (its table and schema metadata), or None
    when it is absent or unreadable: a damaged entry is rebuilt, never trusted."""
    if not path.is_file():
        return None
    pa, pq = _arrow()
    try:
        table = pq.read_table(path)
        return parse(table, table.schema.metadata or {})
    except (OSError, KeyError, ValueError, TypeError, pa.ArrowException):
        return None


def _write(path: Path, table: Any) -> None:
    """Write ``table`` as the entry at ``path`` atomically (a crash leaves no half-written
    cache entry)."""
    _, pq = _arrow()
    fd, scratch = tempfile.mkstemp(dir=path.parent, prefix=".partial-", suffix=".parquet")
    os.close(fd)
    try:
        pq.write_table(table, scratch)
        os.replace(scratch, path)
    except BaseException:
        Path(scratch).unlink(missing_ok=True)
        raise
