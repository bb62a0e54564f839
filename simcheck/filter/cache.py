"""The reference fingerprint cache: a reference corpus (often far larger than the works)
is fingerprinted once and its k-gram index stored as Parquet, keyed by the SHA-256 of
its files' contents, the fingerprint settings, the tool and grammar versions and the
language registry's data.

The cache holds hashes and line numbers, never source text."""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from importlib.metadata import version
from pathlib import Path
from typing import Any

import numpy as np
import platformdirs

from fingerprints.fileprint import FingerprintSettings
from fingerprints.languages import registry_digest

from .. import __version__
from ..ingest.model import IngestedFile, IngestOptions

CACHE_FORMAT = "simcheck-reference-index/1"
_FILES_KEY = b"simcheck.files"


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


def _path(directory: Path, key: str) -> Path:
    return directory / f"{key}.parquet"


def _arrow() -> tuple[Any, Any]:
    """pyarrow and its parquet module, imported only when a reference corpus is cached
    (they take a noticeable part of every start of simcheck)."""
    import pyarrow
    import pyarrow.parquet

    return pyarrow, pyarrow.parquet


def load(directory: Path, key: str) -> tuple[list[CorpusFile], KgramTable] | None:
    """The cached index, or None when absent or unreadable (it is then rebuilt)."""
    path = _path(directory, key)
    if not path.is_file():
        return None
    pa, pq = _arrow()
    try:
        table = pq.read_table(path)
        meta = table.schema.metadata or {}
        files = [CorpusFile(**row) for row in json.loads(meta[_FILES_KEY])]
        kgrams = KgramTable(
            hashes=table.column("hash").to_numpy().astype(np.uint64, copy=False),
            file=table.column("file").to_numpy().astype(np.int32, copy=False),
            position=table.column("position").to_numpy().astype(np.int32, copy=False),
            first_line=table.column("first_line").to_numpy().astype(np.int32, copy=False),
            last_line=table.column("last_line").to_numpy().astype(np.int32, copy=False),
        )
    except (OSError, KeyError, ValueError, TypeError, pa.ArrowException):
        return None
    return files, kgrams


def store(directory: Path, key: str, files: list[CorpusFile], kgrams: KgramTable) -> None:
    """Write the index atomically (a crash leaves no half-written cache entry)."""
    directory.mkdir(parents=True, exist_ok=True)
    pa, pq = _arrow()
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
    fd, scratch = tempfile.mkstemp(dir=directory, prefix=".partial-", suffix=".parquet")
    os.close(fd)
    try:
        pq.write_table(table, scratch)
        os.replace(scratch, _path(directory, key))
    except BaseException:
        Path(scratch).unlink(missing_ok=True)
        raise
