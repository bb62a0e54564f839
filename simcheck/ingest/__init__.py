"""Ingestion: turn an input (directory, file or archive) into a ``Work`` of files with
provenance. Public entry point: ``ingest``."""

from __future__ import annotations

import os
from collections.abc import Collection
from dataclasses import replace
from typing import Literal

from simcheck.errors import InputError
from simcheck.ingest import walk
from simcheck.ingest.archives import expand_outermost
from simcheck.ingest.context import ArchiveUnreadable, Context
from simcheck.ingest.model import DocumentReader, FileState, IngestedFile, IngestOptions, Work
from simcheck.ingest.paths import archive_format, printable
from simcheck.ingest.patterns import IgnoreMatcher, Selection

WorkKind = Literal["directory", "file", "archive"]

__all__ = ["FileState", "IngestOptions", "IngestedFile", "InputError", "Work", "ingest"]


def ingest(
    path: str,
    options: IngestOptions = IngestOptions(),  # noqa: B008
    documents: DocumentReader | None = None,
    only: Collection[str] | None = None,
) -> Work:
    """Read ``path`` (a directory, a single file, or an archive) into a ``Work``.

    Files that ``documents`` wants are read by it (extracted while open) instead of being
    decoded as text.

    Every file found ends up in ``Work.files`` exactly once, as "ok", "skipped" or
    "failed" with a reason, sorted by path. Nothing is written, extracted or chmodded.
    With ``only`` (paths as ingestion names them), just those files are read and listed:
    the others are neither read nor expanded (a second pass over an input already read).

    Raises ``InputError`` when the input cannot be used at all."""
    if not os.path.exists(path):
        raise InputError(f"{path}: no such file or directory")
    ignore = (IgnoreMatcher(options.ignore_patterns) if only is None
              else Selection(options.ignore_patterns, only))
    ctx = Context(options, ignore, documents)
    work = _read(path, ctx)
    if only is None:
        return work
    wanted = set(only)
    return replace(work, files=tuple(f for f in work.files if f.path in wanted))


def _read(path: str, ctx: Context) -> Work:
    if os.path.isdir(path):
        return _work(path, "directory", walk.walk_directory(path, ctx))
    if not os.path.isfile(path):
        raise InputError(f"{path}: not a regular file or directory")
    name = printable(os.path.basename(path))
    fmt = archive_format(name)
    if fmt is None:
        return _work(path, "file", walk.read_single(path, name, ctx))
    files: list[IngestedFile] = []
    try:
        # The input itself was named by the user, so a symlink to it is resolved here.
        with walk.open_file(os.path.realpath(path)) as stream:
            expand_outermost(stream, fmt, ctx, files, name=name)
    except PermissionError:
        raise InputError(f"{path}: permission denied") from None
    except OSError as exc:
        raise InputError(f"{path}: read error: {exc.strerror or 'I/O error'}") from None
    except walk.NotRegularFile:
        raise InputError(f"{path}: not a regular file or directory") from None
    except ArchiveUnreadable as exc:
        raise InputError(f"{path}: {exc.reason}") from None
    return _work(path, "archive", files)


def _work(label: str, kind: WorkKind, files: list[IngestedFile]) -> Work:
    # Plain string sort of the '/'-joined path; the sort is stable, so members with
    # the same path (duplicates in an archive) keep their archive order.
    return Work(label=label, kind=kind, files=tuple(sorted(files, key=lambda f: f.path)))
