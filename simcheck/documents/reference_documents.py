"""The documents of a reference (the base or an excluded corpus) for the documents' filter
stages. The first run reads and prepares them all and caches, per document, its state,
word count and winnowed word-shingle hashes (never its text); a later run loads that
entry and extracts again, by path from the reference input, only the documents sharing a
shingle with the works: the only ones the aligner can ever be asked to align."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import cached_property
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Any

import numpy as np

from ..errors import InputError
from ..filter import cache
from ..filter.cache import CorpusDocument, DocumentPrints
from ..ingest import ingest
from ..ingest.model import IngestedFile, IngestOptions, Work
from ..progress import Progress, silent
from .aliases import Alias, parse_alias
from .model import Document
from .prepare import TextFile, prepare_text
from .reader import Reader
from .settings import DocumentSettings

# What extracts and decodes documents: a new version may read a document differently.
EXTRACTORS = ("pdfplumber", "pdfminer.six", "lxml", "markdown-it-py", "docutils",
              "charset-normalizer")


def _version(package: str) -> str | None:
    try:
        return version(package)
    except PackageNotFoundError:
        return None


class ReferenceDocuments:
    """One reference's documents: every one's cached summary and, for those read, its
    fingerprints; prepared text only for those loaded (all of them on a cold run)."""

    def __init__(self, given: str, options: IngestOptions, indexer: DocumentIndexer | None,
                 entry: DocumentPrints, prepared: dict[int, TextFile], progress: Progress,
                 label: str) -> None:
        self._given = given
        self._options = options
        self._indexer = indexer
        self._progress = progress
        self._label = label
        # The documents read (in path order, as ingestion lists them): their index into
        # entry.documents; the filter stages number them in this order.
        self._read = [i for i, d in enumerate(entry.documents) if d.state == "ok"]
        self.documents: tuple[CorpusDocument, ...] = tuple(entry.documents[i]
                                                           for i in self._read)
        self.fingerprints: tuple[np.ndarray, ...] = tuple(entry.fingerprints[i]
                                                          for i in self._read)
        self._prepared = prepared  # by index into self.documents
        self.extracted = len(prepared)  # documents extracted by this run (a cold run: all)

    @classmethod
    def none(cls) -> ReferenceDocuments:
        return cls("", IngestOptions(), None, DocumentPrints((), ()), {}, silent, "")

    @property
    def readable(self) -> bool:
        return bool(self.documents)

    @property
    def words(self) -> int:
        return sum(d.words for d in self.documents)

    def file(self, i: int) -> TextFile:
        """The ``i``-th document read, prepared (extracted now if it was not yet)."""
        if i not in self._prepared:
            self.load([i])
        return self._prepared[i]

    def load(self, indices: Iterable[int]) -> None:
        """Extract and prepare the documents ``indices`` not prepared yet, in one pass over
        the reference input that opens no other file."""
        missing = sorted(set(indices) - self._prepared.keys())
        if not missing or self._indexer is None:
            return
        indexer = self._indexer
        paths = {self.documents[i].path for i in missing}
        advance = self._progress(
            f"Reading the documents of {self._label} that share text", len(missing))
        read = ingest(self._given, self._options, indexer.reader, only=paths)
        # Members of an archive may share a path: the n-th of a path is the n-th again.
        again: dict[str, list[IngestedFile]] = {}
        for f in read.files:
            again.setdefault(f.path, []).append(f)
        seen: dict[str, int] = {}
        for i, d in enumerate(self.documents):
            n = seen.get(d.path, 0)
            seen[d.path] = n + 1
            if i not in missing:
                continue
            found = again.get(d.path, [])
            f = found[n] if n < len(found) else None
            if f is None or f.sha256 != d.sha256 or not isinstance(f.document, Document):
                raise InputError(
                    f"{self._given}: {d.path} changed or could not be read again during the"
                    " comparison; run it again")
            self._prepared[i] = indexer.prepare(f.path, f.document)
            self.extracted += 1
            advance(1)


@dataclass(frozen=True)
class DocumentIndexer:
    """Reads a reference's documents with the works' document settings, through the cache."""

    reader: Reader
    settings: DocumentSettings

    @cached_property
    def aliases(self) -> tuple[Alias, ...]:
        return tuple(parse_alias(a) for a in self.settings.aliases)

    def wants(self, path: str) -> bool:
        return self.reader.wants(path)

    def prepare(self, path: str, document: Document) -> TextFile:
        s = self.settings
        return prepare_text(path, document, self.aliases, s.k, s.window)

    def described(self) -> dict[str, Any]:
        """Everything a document's state, words and fingerprints depend on (besides its
        bytes and the simcheck version)."""
        s = self.settings
        return {
            "mode": s.mode,
            "max_document_bytes": s.max_document_bytes,
            "extract_seconds": s.extract_seconds,
            "k": s.k,
            "window": s.window,
            "aliases": list(s.aliases),
            "versions": {p: _version(p) for p in EXTRACTORS},
        }

    def index(self, given: str, work: Work, options: IngestOptions, cache_dir: Path,
              label: str, progress: Progress = silent) -> ReferenceDocuments:
        """The documents of the reference ``given`` (already read as code into ``work``):
        from the cache, or read, prepared and cached."""
        wanted = [f for f in work.files if self.wants(f.path)]
        if not wanted:
            return ReferenceDocuments.none()
        key = cache.documents_key(wanted, self.described())
        cached = cache.load_documents(cache_dir, key)
        if cached is not None and len(cached.documents) == len(wanted):
            advance = progress(f"Loading cached fingerprints of {label}'s documents", 1)
            advance(1)
            return ReferenceDocuments(given, options, self, cached, {}, progress, label)
        # Only the document files are read again (the code files were read a moment ago,
        # by the code pass whose hashes key this entry); all of them when that pass failed
        # a file: an archive's expansion limits, reached then, must be reached again.
        only = (None if any(f.state == "failed" for f in wanted)
                else {f.path for f in wanted})
        try:
            read = ingest(given, options, self.reader, only=only)
        except InputError:
            return ReferenceDocuments.none()  # read a moment ago; gone now, it explains nothing
        files = [f for f in read.files if self.wants(f.path)]
        advance = progress(f"Preparing the documents of {label}", len(files))
        rows: list[CorpusDocument] = []
        prints: list[np.ndarray] = []
        texts: list[TextFile] = []
        for f in files:
            if isinstance(f.document, Document):
                t = self.prepare(f.path, f.document)
                texts.append(t)
                rows.append(CorpusDocument(f.path, f.sha256, "ok", None, len(t.words)))
                prints.append(t.fingerprints)
            else:
                state = "failed" if f.state == "failed" else "skipped"
                rows.append(CorpusDocument(f.path, f.sha256, state, f.reason, 0))
                prints.append(np.zeros(0, dtype=np.uint64))
            advance(1)
        entry = DocumentPrints(tuple(rows), tuple(prints))
        # Stored only when the documents read are the files the key was computed from.
        same = [(f.path, f.sha256) for f in files] == [(f.path, f.sha256) for f in wanted]
        if same:
            try:
                cache.store_documents(cache_dir, key, entry)
            except OSError:
                pass  # an unwritable cache costs time on the next run, never the result
        return ReferenceDocuments(given, options, self, entry, dict(enumerate(texts)),
                                  progress, label)
