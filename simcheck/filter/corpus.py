"""Reference corpora (the base and the excluded corpora): ingested and fingerprinted with
the works' own pipeline, indexed by k-gram, and cached between runs."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path, PurePath
from typing import Literal, Protocol

import numpy as np

from fingerprints.fileprint import FingerprintSettings

from ..errors import InputError
from ..ingest import ingest
from ..ingest.model import IngestOptions, Work
from ..prepare import PreparedWork, prepare
from ..progress import Progress, silent
from . import cache
from .cache import CorpusFile, KgramTable
from .frequency import Frequency, from_sorted
from .options import FilterOptions

Role = Literal["base", "corpus"]
_OPTION = {"base": "--base", "corpus": "--exclude-corpus"}


class ReferenceDocuments(Protocol):
    """A reference's documents as the documents' filter stages read them."""

    @property
    def readable(self) -> bool: ...  # any of its documents could be read


class DocumentIndexer(Protocol):
    """Reads a reference's documents (through the cache); see
    simcheck.documents.reference_documents."""

    def index(self, given: str, work: Work, options: IngestOptions, cache_dir: Path,
              label: str, progress: Progress) -> ReferenceDocuments: ...


@dataclass(frozen=True)
class ReferenceIndex:
    role: Role
    label: str  # as the user gave it (no absolute location)
    digest: str  # the cache key: contents, settings and versions
    files: tuple[CorpusFile, ...]
    kgrams: KgramTable
    # Its documents (PDF, DOCX, Markdown...), read as the works' documents are, for the
    # documents' filter stages; its code index above is built from every file, as before.
    documents: ReferenceDocuments | None = None

    @property
    def tokens(self) -> int:
        return sum(f.tokens for f in self.files)

    def distinct(self) -> np.ndarray:
        """Sorted distinct k-gram hashes."""
        h = self.kgrams.hashes
        if h.size == 0:
            return h
        keep = np.ones(h.size, dtype=bool)
        np.not_equal(h[1:], h[:-1], out=keep[1:])
        return h[keep]

    def frequency(self) -> Frequency:
        return from_sorted(self.kgrams.hashes, self.kgrams.file)


@dataclass(frozen=True)
class References:
    base: ReferenceIndex | None = None
    corpora: tuple[ReferenceIndex, ...] = ()

    @property
    def all(self) -> tuple[ReferenceIndex, ...]:
        return ((self.base,) if self.base else ()) + self.corpora


def label_of(given: str) -> str:
    """The input as the user named it, minus any absolute location (result bodies must
    not depend on where the evidence sits on this machine)."""
    path = PurePath(given)
    return path.name or given if path.is_absolute() else given


def _index(prepared: PreparedWork, k: int) -> tuple[list[CorpusFile], KgramTable]:
    files: list[CorpusFile] = []
    hashes, owner, where, first, last = [], [], [], [], []
    for f in prepared.files:
        e = f.entry
        fp = f.fingerprint
        state = "compared" if fp is not None else ("failed" if e.state == "failed" else "skipped")
        files.append(
            CorpusFile(e.path, e.sha256, state, e.reason, f.language, len(fp.tokens) if fp else 0)
        )
        if fp is None or fp.kgrams.size == 0:
            continue
        n = fp.kgrams.size
        hashes.append(fp.kgrams)
        owner.append(np.full(n, len(files) - 1, dtype=np.int32))
        where.append(np.arange(n, dtype=np.int32))
        first.append(fp.tokens.start_line[:n].astype(np.int32))
        last.append(fp.tokens.end_line[k - 1 : k - 1 + n].astype(np.int32))
    if not hashes:
        empty = np.zeros(0, dtype=np.int32)
        return files, KgramTable(np.zeros(0, dtype=np.uint64), empty, empty, empty, empty)
    h = np.concatenate(hashes)
    # Files come in path order and positions in file order: a stable sort on the hash
    # leaves the rows ordered by (hash, file, position).
    order = np.argsort(h, kind="stable")
    return files, KgramTable(
        h[order],
        np.concatenate(owner)[order],
        np.concatenate(where)[order],
        np.concatenate(first)[order],
        np.concatenate(last)[order],
    )


def load_reference(
    role: Role,
    given: str,
    label: str,
    fingerprint: FingerprintSettings,
    ingest_options: IngestOptions,
    cache_dir: Path,
    workers: int = 2,
    progress: Progress = silent,
    documents: DocumentIndexer | None = None,
) -> ReferenceIndex:
    """Ingest ``given``; fingerprint and index it, or load its index from the cache;
    with ``documents``, also index its documents (through the cache as well).

    Raises ``InputError`` naming the option and the input when it is missing, unreadable
    or holds no file that can be compared."""
    option = _OPTION[role]
    try:
        work = ingest(given, ingest_options)
    except InputError as exc:
        raise InputError(f"{option} {exc}") from None
    docs = (documents.index(given, work, ingest_options, cache_dir, label, progress)
            if documents is not None else None)
    readable = [f for f in work.files if f.state == "ok"]
    # A template manual alone (a PDF or DOCX, which is binary to the code reader) is a
    # usable reference when its documents are read.
    if not readable and not (docs is not None and docs.readable):
        detail = "it is empty" if not work.files else (
            f"none of its {len(work.files)} files can be read as text; first: "
            f"{work.files[0].path}: {work.files[0].reason}"
        )
        raise InputError(f"{option} {given}: no readable source file ({detail})")
    key = cache.cache_key(work.files, fingerprint, ingest_options)
    cached = cache.load(cache_dir, key)
    if cached is not None:
        advance = progress(f"Loading cached fingerprints of {label}", 1)
        files, kgrams = cached
        advance(1)
    else:
        named: Progress = lambda description, total: progress(  # noqa: E731
            f"{description} {label}", total
        )
        (prepared,) = prepare([work], fingerprint, workers, named)
        files, kgrams = _index(prepared, fingerprint.k)
        try:
            cache.store(cache_dir, key, files, kgrams)
        except OSError:
            pass  # an unwritable cache costs time on the next run, never the result
    return ReferenceIndex(role, label, key, tuple(files), kgrams, docs)


def load_references(
    options: FilterOptions,
    fingerprint: FingerprintSettings,
    ingest_options: IngestOptions,
    workers: int = 2,
    progress: Progress = silent,
    documents: DocumentIndexer | None = None,
) -> References:
    """The base and the excluded corpora that ``options`` names (possibly none); with
    ``documents``, each with its documents."""
    given = ([options.base] if options.base else []) + list(options.corpora)
    labels = list(options.labels) or [label_of(g) for g in given]
    if len(labels) != len(given):
        raise ValueError("one label per reference input")
    directory = Path(options.cache_dir) if options.cache_dir else cache.default_dir()
    loaded = [
        load_reference(
            "base" if options.base and i == 0 else "corpus", path, label, fingerprint,
            ingest_options, directory, workers, progress, documents,
        )
        for i, (path, label) in enumerate(zip(given, labels, strict=True))
    ]
    if options.base:
        return References(loaded[0], tuple(loaded[1:]))
    return References(None, tuple(loaded))
