"""Expanding tar archives (plain, gzip, bzip2, xz) as one forward-only stream.

Decompression is done here rather than by tarfile so that every decompressed byte, headers
and skipped data included, passes through a budget-charging counter.
"""

from __future__ import annotations

import bz2
import gzip
import lzma
import tarfile
from collections.abc import Callable

from simcheck.ingest import members
from simcheck.ingest.context import ArchiveUnreadable, Level
from simcheck.ingest.limits import (
    READ_ERRORS,
    CountingReader,
    ExpansionStopped,
    MemberMeter,
    MemberProblem,
    Readable,
    archive_error,
    read_exactly,
)

_MAGIC_LEN = 6


class _Prefixed:
    """A stream whose first bytes were already read (to sniff the compression)."""

    def __init__(self, head: bytes, rest: Readable) -> None:
        self._head = head
        self._rest = rest

    def read(self, n: int = -1, /) -> bytes:
        if not self._head:
            return self._rest.read(n)
        if n < 0 or n >= len(self._head):
            data, self._head = self._head, b""
        else:
            data, self._head = self._head[:n], self._head[n:]
        return data


def expand_tar(source: Readable, level: Level) -> None:
    """Expand a tar read from any forward-only binary stream; never writes anything."""
    level.sequential = True
    try:
        raw, plain = open_compressed(source)
        compressed = plain is not None
        stream = CountingReader(plain if plain is not None else raw, level.budget)
        # Names decoded as UTF-8 explicitly: the locale's encoding would vary by machine.
        archive = tarfile.open(  # type: ignore[call-overload]
            fileobj=stream, mode="r|", encoding="utf-8", errors="surrogateescape"
        )
    except (ExpansionStopped, MemberProblem):
        raise
    except READ_ERRORS as exc:
        raise ArchiveUnreadable(archive_error(exc)) from None
    while True:
        try:
            info = archive.next()
        except (ExpansionStopped, MemberProblem):
            raise
        except READ_ERRORS as exc:
            raise ArchiveUnreadable(archive_error(exc)) from None
        if info is None:
            break
        meter = MemberMeter(
            archive.extractfile(info) if info.isreg() else None,
            level.options,
            budget=None,  # the stream counter below tarfile already charges the budget
            compressed=_consumed_since(raw, raw.count) if compressed else _no_ratio,
        )
        if _member(info, meter, level) != "ok":
            return  # the stream is broken or hostile; later members cannot be reached
    try:
        # Read to the end so a truncated or corrupt compressed trailer is noticed.
        members.drain(stream)
    except (ExpansionStopped, MemberProblem):
        raise
    except READ_ERRORS as exc:
        raise ArchiveUnreadable(archive_error(exc)) from None


def _member(info: tarfile.TarInfo, meter: MemberMeter, level: Level) -> members.Status:
    target = members.plan(level, _describe(info))
    members.admit(level, target, info.size)
    if isinstance(target, members.Decided):
        return members.record_decided(level, target, meter)
    return members.read_stream(level, target, meter)


def _consumed_since(raw: CountingReader, start: int) -> Callable[[], int | None]:
    """Compressed bytes read since ``start``: the denominator of a tar member's ratio."""
    return lambda: raw.count - start


def _no_ratio() -> int | None:
    return None  # plain tar stores bytes as they are: a ratio means nothing


def _describe(info: tarfile.TarInfo) -> members.Member:
    kind: members.MemberKind
    if info.isreg():
        kind = "file"
    elif info.isdir():
        kind = "dir"
    elif info.issym():
        kind = "symlink"
    elif info.islnk():
        kind = "hardlink"
    else:
        kind = "special"
    return members.Member(info.name, kind, info.size)


def open_compressed(source: Readable) -> tuple[CountingReader, Readable | None]:
    """``source`` counted as read (its compressed bytes), and its decompressed stream when
    its first bytes start a gzip, bzip2 or xz stream (None otherwise)."""
    head = read_exactly(source, _MAGIC_LEN)
    raw = CountingReader(_Prefixed(head, source))
    return raw, _compressed_stream(head, raw)


def _compressed_stream(head: bytes, raw: Readable) -> Readable | None:
    """The decompressor picked from the magic bytes, not the file name (names lie); None
    when ``head`` starts no gzip, bzip2 or xz stream."""
    if head.startswith(b"\x1f\x8b"):
        return gzip.GzipFile(fileobj=raw, mode="rb")  # type: ignore[call-overload,no-any-return]
    if head.startswith(b"BZh"):
        return bz2.BZ2File(raw, mode="rb")  # type: ignore[call-overload,no-any-return]
    if head.startswith(b"\xfd7zXZ\x00"):
        return lzma.LZMAFile(raw, mode="rb")  # type: ignore[arg-type]
    return None
