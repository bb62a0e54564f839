"""Expanding 7z archives with py7zr (>= 1.1), in memory.

py7zr pushes decompressed bytes into writer objects it asks a factory for, one per member,
keyed by a sanitised output name. The mapping from that name back to the member is
rebuilt here with py7zr's own sanitiser; a name that does not map exactly fails the
archive rather than risking bytes attributed to the wrong member.
"""

from __future__ import annotations

import hashlib
import stat
from collections.abc import Callable
from dataclasses import dataclass
from typing import IO

import py7zr
import py7zr.exceptions
import py7zr.helpers
import py7zr.io
from py7zr.py7zr import ArchiveFile

from simcheck.ingest import members, reasons
from simcheck.ingest.content import Blob, failed
from simcheck.ingest.context import ArchiveUnreadable, Level
from simcheck.ingest.limits import (
    READ_ERRORS,
    ExpansionStopped,
    MemberMeter,
    MemberProblem,
    archive_error,
    member_error,
)


class _Unmapped(Exception):
    """py7zr asked for a writer under a name we did not predict."""


class _Sink(py7zr.io.Py7zIO):
    """Receives one member's bytes: counted, hashed, kept only up to a limit, and handed
    on as soon as the member is complete so memory holds one member at a time."""

    def __init__(
        self, meter: MemberMeter, keep_limit: int, on_done: Callable[[Blob], None]
    ) -> None:
        self.meter = meter
        self._keep_limit = keep_limit
        self._on_done = on_done
        self._digest = hashlib.sha256()
        self._kept: bytearray | None = bytearray()
        self._size = 0
        self.done = False

    def write(self, s: bytes | bytearray) -> int:
        self.meter.account(len(s))  # raises on a bomb before anything is kept
        self._digest.update(s)
        self._size += len(s)
        if self._kept is not None:
            if self._size > self._keep_limit:
                self._kept = None
            else:
                self._kept += s
        return len(s)

    def read(self, size: int | None = None) -> bytes:
        return b""

    def seek(self, offset: int, whence: int = 0) -> int:
        return 0

    def flush(self) -> None:
        pass

    def size(self) -> int:
        return self._size

    def close(self) -> None:
        # py7zr calls this only once the member decompressed cleanly (CRC checked).
        self.done = True
        data = bytes(self._kept) if self._kept is not None else None
        self._kept = None
        self._on_done(Blob(data, self._size, self._digest.hexdigest()))


class _Factory(py7zr.io.WriterFactory):
    def __init__(
        self,
        level: Level,
        files: list[ArchiveFile],
        plans: list[members.Plan],
        expected: dict[str, int | None],
    ) -> None:
        self._level = level
        self._files = files
        self._plans = plans
        self._expected = expected
        # Compressed size per block: py7zr gives it only on the block's first file.
        self._packed: dict[int, int] = {}
        for info in files:
            if info.folder is not None and info.compressed is not None:
                self._packed.setdefault(id(info.folder), info.compressed)
        self.sinks: dict[int, _Sink] = {}
        self.current: _Sink | None = None

    def create(self, filename: str) -> py7zr.io.Py7zIO:
        if filename not in self._expected:
            raise _Unmapped(filename)
        index = self._expected[filename]
        target = self._plans[index] if index is not None else None
        packed = self._packed.get(id(self._files[index].folder)) if index is not None else None
        meter = MemberMeter(
            None,
            self._level.options,
            budget=self._level.budget,
            # Members of a solid block share its compressed size; a member's bytes over
            # it understate the block's real ratio, so a flagged bomb is a real one.
            compressed=lambda: packed,
        )
        if isinstance(target, (members.ReadFile, members.Expand)):
            keep = (
                self._level.options.max_file_bytes
                if isinstance(target, members.ReadFile)
                else members.NESTED_BUFFER_LIMIT
            )
            chosen: members.ReadFile | members.Expand = target  # narrowed, for the closure
            sink = _Sink(meter, keep, lambda blob: members.use_blob(self._level, chosen, blob))
        else:
            # Shares a name with a wanted member (py7zr selects by name): counted, dropped.
            sink = _Sink(meter, 0, lambda blob: None)
        if index is not None:
            self.sinks[index] = sink
        self.current = sink
        return sink


def expand_7z(source: IO[bytes], level: Level) -> None:
    """Expand a 7z read from a seekable binary stream; never writes anything."""
    try:
        # A file object (not a name) keeps py7zr single-threaded: deterministic order.
        # Its own size cap backs up ours for blocks holding only members we skip.
        archive = py7zr.SevenZipFile(
            source, mode="r", max_extract_size=max(level.budget.bytes_left, 0)
        )
    except READ_ERRORS as exc:
        raise ArchiveUnreadable(archive_error(exc)) from None
    with archive:
        files = list(archive.files)
        if len(files) > level.budget.members_left:
            raise ArchiveUnreadable(reasons.too_many_members(level.options.max_archive_members))
        if archive.needs_password():
            raise ArchiveUnreadable(reasons.ENCRYPTED_ARCHIVE)
        _expand(archive, files, level)


def _expand(archive: py7zr.SevenZipFile, files: list[ArchiveFile], level: Level) -> None:
    plans: list[members.Plan] = []
    for info in files:
        target = members.plan(level, _describe(info))
        members.admit(level, target, info.uncompressed or 0)
        if not isinstance(target, members.Decided) and not _py7zr_accepts(info.filename):
            target = members.Decided(failed(target.path, reasons.UNSAFE_MEMBER), target.path)
        plans.append(target)
    wanted = {
        info.filename
        for info, target in zip(files, plans, strict=True)
        if not isinstance(target, members.Decided)
    }
    expected = _expected_names(files, wanted)
    mapped = {index for index in expected.values() if index is not None}
    factory = _Factory(level, files, plans, expected)
    failure = _extract(archive, wanted, factory, level)
    # Completed members recorded themselves; everything else is recorded here.
    for index, target in enumerate(plans):
        sink = factory.sinks.get(index)
        if isinstance(target, members.Decided):
            members.record_decided(level, target)
        elif index not in mapped:
            level.out.append(failed(target.path, reasons.AMBIGUOUS_MEMBER, target.size))
        elif sink is not None and sink is failure.culprit:
            level.out.append(failed(target.path, failure.reason, target.size))
        elif sink is None or not sink.done:
            level.out.append(failed(target.path, reasons.NOT_READ, target.size))
    if failure.broken is not None:
        raise ArchiveUnreadable(failure.broken)
    if failure.stop is not None:
        raise failure.stop


@dataclass
class _Failure:
    reason: str = ""  # why extraction ended early ("" when it did not)
    culprit: _Sink | None = None  # the member being written when it ended
    stop: ExpansionStopped | None = None  # the outermost archive's budget is spent
    broken: str | None = None  # an archive-level failure no member can carry


def _extract(
    archive: py7zr.SevenZipFile, wanted: set[str], factory: _Factory, level: Level
) -> _Failure:
    failure = _Failure()
    try:
        if wanted:
            archive.extract(targets=sorted(wanted), factory=factory)
    except _Unmapped:
        raise ArchiveUnreadable(reasons.UNSUPPORTED_7Z) from None
    except ExpansionStopped as exc:
        failure.stop, failure.reason = exc, exc.reason
    except MemberProblem as exc:
        failure.reason = exc.reason
    except py7zr.exceptions.DecompressionBombError:  # py7zr's own cap (skipped members)
        failure.stop = ExpansionStopped(reasons.bomb_total(level.options.max_expanded_bytes))
        failure.reason = failure.stop.reason
    except READ_ERRORS as exc:
        failure.reason, failure.broken = member_error(exc), archive_error(exc)
    current = factory.current
    if failure.reason and current is not None and not current.done:
        # py7zr stops at the first error, so it belongs to the member being written.
        failure.culprit, failure.broken = current, None
        if failure.stop is not None:
            failure.stop.recorded = True
    return failure


def _expected_names(files: list[ArchiveFile], wanted: set[str]) -> dict[str, int | None]:
    """Writer name -> member index, as py7zr's extract() derives it (a repeated name gets
    "_N" appended); None marks a writer name that two members would share."""
    seen: dict[str, int] = {}
    expected: dict[str, int | None] = {}
    for index, info in enumerate(files):
        name = info.filename
        if name not in wanted:
            continue
        if name in seen:
            outname = f"{name}_{seen[name]}"
            seen[name] += 1
        else:
            outname = name
            seen[name] = 0
        if info.is_directory or info.is_socket:
            continue
        key = py7zr.helpers.get_sanitized_output_path(outname, None).as_posix()
        expected[key] = None if key in expected else index
    return expected


def _py7zr_accepts(name: str) -> bool:
    # py7zr refuses some names we accept (its own traversal rules); such a name would
    # abort the whole extraction, so the member is failed as unsafe instead.
    try:
        py7zr.helpers.get_sanitized_output_path(name, None)
    except (py7zr.exceptions.Bad7zFile, ValueError):
        return False
    return True


def _describe(info: ArchiveFile) -> members.Member:
    kind: members.MemberKind = "file"
    fmt = info.st_fmt
    if info.is_directory:
        kind = "dir"
    elif info.is_symlink or info.is_junction:
        kind = "symlink"
    elif info.is_socket or (fmt is not None and fmt != 0 and not stat.S_ISREG(fmt)):
        kind = "special"
    return members.Member(info.filename or "", kind, info.uncompressed or 0)
