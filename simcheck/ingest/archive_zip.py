"""Expanding zip archives (.zip, .jar, .war, .ear, .whl ...) member by member, in memory."""

from __future__ import annotations

import stat
import zipfile
from typing import IO

from simcheck.ingest import members, reasons
from simcheck.ingest.content import failed
from simcheck.ingest.context import ArchiveUnreadable, Level
from simcheck.ingest.limits import (
    RATIO_FLOOR,
    READ_ERRORS,
    ExpansionStopped,
    MemberMeter,
    archive_error,
    member_error,
)

_UNIX = 3  # ZipInfo.create_system value meaning the mode bits are Unix st_mode


def expand_zip(source: IO[bytes], level: Level) -> None:
    """Expand a zip read from a seekable binary stream; never writes anything."""
    try:
        archive = zipfile.ZipFile(source)
    except READ_ERRORS as exc:
        raise ArchiveUnreadable(archive_error(exc)) from None
    with archive:
        infos = archive.infolist()
        # The central directory is already in memory, so the count is known up front.
        if len(infos) > level.budget.members_left:
            raise ArchiveUnreadable(reasons.too_many_members(level.options.max_archive_members))
        for index, info in enumerate(infos):
            try:
                status = _member(archive, info, level)
            except ExpansionStopped:
                _not_read(infos[index + 1 :], level)
                raise
            if status == "bomb":
                _not_read(infos[index + 1 :], level)
                return


def _member(archive: zipfile.ZipFile, info: zipfile.ZipInfo, level: Level) -> members.Status:
    target = members.plan(level, _describe(info))
    # Nested archives share the count, so the up-front check above is not enough.
    members.admit(level, target, info.file_size)
    if isinstance(target, members.Decided):
        return members.record_decided(level, target)
    if info.flag_bits & 0x1:
        level.out.append(failed(target.path, reasons.ENCRYPTED_MEMBER, info.file_size))
        return "problem"
    options = level.options
    # Headers can only make us refuse early; the meter counts what really comes out.
    if info.file_size > RATIO_FLOOR and (
        info.file_size > options.max_compression_ratio * max(info.compress_size, 1)
    ):
        reason = reasons.bomb_ratio(options.max_compression_ratio)
        level.out.append(failed(target.path, reason, info.file_size))
        return "bomb"
    if info.file_size > level.budget.bytes_left:
        stop = ExpansionStopped(reasons.bomb_total(options.max_expanded_bytes))
        level.out.append(failed(target.path, stop.reason, info.file_size))
        stop.recorded = True
        raise stop
    try:
        stream = archive.open(info)
    except READ_ERRORS as exc:
        level.out.append(failed(target.path, member_error(exc), info.file_size))
        return "problem"
    with stream:
        meter = MemberMeter(
            stream, options, budget=level.budget, compressed=lambda: info.compress_size
        )
        return members.read_stream(level, target, meter)


def _describe(info: zipfile.ZipInfo) -> members.Member:
    kind: members.MemberKind = "file"
    mode = info.external_attr >> 16
    if info.is_dir():
        kind = "dir"
    elif info.create_system == _UNIX and stat.S_IFMT(mode):
        if stat.S_ISLNK(mode):
            kind = "symlink"
        elif stat.S_ISDIR(mode):
            kind = "dir"
        elif not stat.S_ISREG(mode):
            kind = "special"
    return members.Member(_name(info), kind, info.file_size)


def _name(info: zipfile.ZipInfo) -> str:
    """The member's name as its archiver wrote it. Without the UTF-8 flag zipfile reads a
    name as cp437, the format's old default; but Info-ZIP's zip on Linux writes UTF-8
    names without the flag ('src/café.c' read as 'src/caf├⌐.c'). Bytes that read as UTF-8
    are taken as UTF-8: cp437 text rarely does (accented letters are single bytes there)."""
    name = info.filename
    if info.flag_bits & 0x800 or name.isascii():
        return name
    try:
        return name.encode("cp437").decode("utf-8")
    except UnicodeError:
        return name


def _not_read(rest: list[zipfile.ZipInfo], level: Level) -> None:
    for info in rest:
        members.not_read(level, _describe(info))
