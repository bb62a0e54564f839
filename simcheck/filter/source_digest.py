"""The digest of simcheck's own source code that decides what a reference cache entry
holds. The version number alone does not: a patched build that kept it (a developer's,
or an expert's with a fix applied) must not reuse entries that other code built."""

from __future__ import annotations

import functools
import hashlib
from collections.abc import Sequence
from pathlib import Path

# The folder holding the simcheck and fingerprints packages (one distribution installs both).
_ROOT = Path(__file__).resolve().parents[2]

# What builds the code index: ingestion (files, hashes, states, decoded text), the
# fingerprinting engine, preparation, the index and its stored form.
INDEX_SOURCES = ("fingerprints", "simcheck/ingest", "simcheck/prepare.py",
                 "simcheck/filter/corpus.py", "simcheck/filter/cache.py")
# What builds a reference's document entry: ingestion, the document reader, extractors
# and preparation (the whole documents package, so that a new module is never missed),
# the engine's word shingles and the stored form.
DOCUMENT_SOURCES = ("fingerprints", "simcheck/ingest", "simcheck/documents",
                    "simcheck/filter/cache.py")


def tree_digest(root: Path, parts: Sequence[str]) -> str:
    """SHA-256 over the Python files of ``parts`` (files or folders, '/'-separated and
    relative to ``root``): each file's relative path and bytes, in sorted path order."""
    files: set[str] = set()
    for part in parts:
        path = root / part
        found = path.rglob("*.py") if path.is_dir() else [path]
        files.update(p.relative_to(root).as_posix() for p in found if p.is_file())
    digest = hashlib.sha256()
    for rel in sorted(files):
        data = (root / rel).read_bytes()
        digest.update(f"{rel}\0{len(data)}\0".encode())
        digest.update(data)
    return digest.hexdigest()


@functools.cache
def source_digest(parts: tuple[str, ...]) -> str:
    """``tree_digest`` of ``parts`` of this installation; computed once per process."""
    return tree_digest(_ROOT, parts)
