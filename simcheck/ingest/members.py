"""What happens to one archive member, whatever the archive format.

A format module lists members; ``plan`` decides each one from its name and type alone
(so nothing is decompressed for members that will not be read), then the format module
hands the member's bytes to ``read_stream``/``use_blob``, which record the entry.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from typing import Literal

from simcheck.ingest import reasons
from simcheck.ingest.content import Blob, failed, file_entry, read_blob, skipped
from simcheck.ingest.context import ArchiveUnreadable, Level
from simcheck.ingest.limits import ExpansionStopped, MemberMeter, MemberProblem, Readable
from simcheck.ingest.model import IngestedFile
from simcheck.ingest.paths import (
    ArchiveFormat,
    archive_format,
    inert_member_name,
    member_parts,
    printable,
    vcs_dir,
)

# zip and 7z need random access, so a nested one is held in memory; bigger ones fail.
NESTED_BUFFER_LIMIT = 512 * 1024 * 1024
# Appended when a tar stream ends at a failed member: later members cannot be listed.
REST_NOT_READ = "; rest of archive not read"

MemberKind = Literal["file", "dir", "symlink", "hardlink", "special"]
Status = Literal["ok", "problem", "bomb"]


@dataclass(frozen=True)
class Member:
    name: str  # as stored in the archive
    kind: MemberKind
    size: int  # as declared by the archive (for entries whose bytes are not read)


@dataclass(frozen=True)
class Decided:
    """Recorded without reading: ``entry`` None means nothing to record (a directory, or
    more content of an already recorded version-control directory)."""

    entry: IngestedFile | None
    path: str  # the member's path, for a problem found while skipping its bytes


@dataclass(frozen=True)
class ReadFile:
    path: str
    size: int


@dataclass(frozen=True)
class Expand:
    path: str
    match_path: str
    size: int
    fmt: ArchiveFormat


Plan = Decided | ReadFile | Expand


def plan(level: Level, member: Member) -> Plan:
    parts = member_parts(member.name)
    if parts is None or (not parts and member.kind != "dir"):
        path = level.prefix + printable(inert_member_name(member.name))
        return Decided(failed(path, reasons.UNSAFE_MEMBER, member.size), path)
    rel = "/".join(printable(p) for p in parts)
    path = level.prefix + rel
    vcs = vcs_dir(parts, member.kind == "dir")
    if vcs is not None:
        # One entry per metadata directory, however many members it holds.
        key = level.prefix + "/".join(printable(p) for p in vcs)
        if key in level.vcs_seen:
            return Decided(None, path)
        level.vcs_seen.add(key)
        return Decided(skipped(key, reasons.VCS), path)
    if member.kind == "dir":
        return Decided(None, path)
    pattern = level.ctx.ignore.match(level.match_prefix + rel)
    if pattern is not None:
        return Decided(skipped(path, reasons.excluded(pattern), member.size), path)
    if member.kind == "symlink":
        return Decided(skipped(path, reasons.SYMLINK), path)
    if member.kind == "hardlink":
        return Decided(skipped(path, reasons.HARDLINK), path)
    if member.kind == "special":
        return Decided(skipped(path, reasons.NOT_REGULAR), path)
    fmt = archive_format(rel)
    if fmt is None:
        return ReadFile(path, member.size)
    if level.depth + 1 > level.options.max_archive_depth:
        limit = level.options.max_archive_depth
        return Decided(failed(path, reasons.too_deep(limit), member.size), path)
    return Expand(path, level.match_prefix + rel, member.size, fmt)


def admit(level: Level, target: Plan, size: int) -> None:
    """Count a member against the budget; one too many is recorded and stops expansion."""
    try:
        level.budget.count_member()
    except ExpansionStopped as stop:
        record_stop(level, target.path, size, stop)
        raise


def record_decided(level: Level, decided: Decided, meter: MemberMeter | None = None) -> Status:
    """Record a decided entry; on a stream archive first drain the member's bytes through
    ``meter`` so a bomb hidden in a member nobody reads is still caught and named."""
    entry = decided.entry
    if meter is not None:
        try:
            drain(meter)
        except MemberProblem as problem:
            if problem.meter is not meter:
                raise
            size = entry.size if entry is not None else 0
            level.out.append(failed(decided.path, _stop(level, problem.reason), size))
            return "bomb" if problem.bomb else "problem"
        except ExpansionStopped as stop:
            record_stop(level, decided.path, entry.size if entry is not None else 0, stop)
            raise
    if entry is not None:
        level.out.append(entry)
    return "ok"


def read_stream(level: Level, target: ReadFile | Expand, meter: MemberMeter) -> Status:
    """Read a member through ``meter`` and record it (expanding it if it is an archive)."""
    try:
        if isinstance(target, ReadFile) and _document(level, target.path):
            level.out.append(level.ctx.documents.read(target.path, meter, seekable=False))  # type: ignore[union-attr]
        elif isinstance(target, ReadFile):
            level.out.append(file_entry(target.path, read_blob(meter, _keep(level)), level.options))
        elif target.fmt == "tar":
            _expand(level, target, meter)  # tar streams: nothing is held in memory
            drain(meter)  # bytes after the tar end still count and are still checked
        else:
            use_blob(level, target, read_blob(meter, NESTED_BUFFER_LIMIT))
    except MemberProblem as problem:
        if problem.meter is not meter:
            raise
        level.out.append(failed(target.path, _stop(level, problem.reason), target.size))
        return "bomb" if problem.bomb else "problem"
    except ExpansionStopped as stop:
        record_stop(level, target.path, target.size, stop)
        raise
    return "ok"


def use_blob(level: Level, target: ReadFile | Expand, blob: Blob) -> None:
    """Record a member whose bytes were already read into ``blob``."""
    if isinstance(target, ReadFile) and blob.data is not None and _document(level, target.path):
        stream = io.BytesIO(blob.data)
        level.out.append(level.ctx.documents.read(target.path, stream, seekable=True))  # type: ignore[union-attr]
    elif isinstance(target, ReadFile):
        level.out.append(file_entry(target.path, blob, level.options))
    elif blob.data is None:
        reason = reasons.nested_too_large(blob.size, NESTED_BUFFER_LIMIT)
        level.out.append(failed(target.path, reason, blob.size, blob.sha256))
    else:
        try:
            _expand(level, target, io.BytesIO(blob.data))
        except ExpansionStopped as stop:
            record_stop(level, target.path, target.size, stop)
            raise


def not_read(level: Level, member: Member) -> None:
    """Record a member left unread because expansion of its archive stopped."""
    decided = plan(level, member)
    if isinstance(decided, Decided):
        if decided.entry is not None:
            level.out.append(decided.entry)
    else:
        level.out.append(failed(decided.path, reasons.NOT_READ, decided.size))


def drain(stream: Readable) -> None:
    while stream.read(1 << 16):
        pass


def _expand(level: Level, target: Expand, source: io.BytesIO | Readable) -> None:
    listed = len(level.out)
    try:
        level.expand(source, target.fmt, level.child(target.path, target.match_path))
    except ArchiveUnreadable as exc:
        # Entries already read from the nested archive stay; the archive itself is failed.
        level.out.append(failed(target.path, exc.reason, target.size))
        return
    if len(level.out) == listed:
        level.out.append(skipped(target.path, reasons.EMPTY_ARCHIVE, target.size))


def record_stop(level: Level, path: str, size: int, stop: ExpansionStopped) -> None:
    """Put the stop reason on the member being read, unless a nested archive already did."""
    if not stop.recorded:
        level.out.append(failed(path, _stop(level, stop.reason), size))
        stop.recorded = True


def _stop(level: Level, reason: str) -> str:
    return reason + REST_NOT_READ if level.sequential else reason


def _document(level: Level, path: str) -> bool:
    return level.ctx.documents is not None and level.ctx.documents.wants(path)


def _keep(level: Level) -> int:
    return level.options.max_file_bytes
