"""Expanding Unix ar archives (Debian packages, .deb) as one forward-only stream.

A .deb is an ar archive of debian-binary, control.tar.* and data.tar.*: the tars are
expanded in turn, so the package's files are compared as any tar's are. ar stores members
as they are (no compression): the stream counter charges every byte to the budget.
"""

from __future__ import annotations

from simcheck.ingest import members
from simcheck.ingest.context import ArchiveUnreadable, Level
from simcheck.ingest.limits import (
    READ_ERRORS,
    CountingReader,
    MemberMeter,
    Readable,
    archive_error,
    read_exactly,
)

_MAGIC = b"!<arch>\n"
_HEADER = 60  # name 16, mtime 12, uid 6, gid 6, mode 8, size 10, magic "`\n"
_CORRUPT = "corrupt archive (bad ar member header)"


class _Bounded:
    """The next ``size`` bytes of a stream: one member's data."""

    def __init__(self, raw: Readable, size: int) -> None:
        self._raw = raw
        self.left = size

    def read(self, n: int = -1, /) -> bytes:
        if self.left <= 0:
            return b""
        data = self._raw.read(self.left if n < 0 else min(n, self.left))
        if not data:
            raise EOFError("unexpected end of ar member")
        self.left -= len(data)
        return data


def expand_ar(source: Readable, level: Level) -> None:
    """Expand an ar archive read from any forward-only binary stream; never writes."""
    level.sequential = True
    try:
        _expand(source, level)
    except READ_ERRORS as exc:  # a truncated member or header: later ones cannot be reached
        raise ArchiveUnreadable(archive_error(exc)) from None


def _expand(source: Readable, level: Level) -> None:
    stream = CountingReader(source, level.budget)
    if read_exactly(stream, len(_MAGIC)) != _MAGIC:
        raise ArchiveUnreadable("corrupt archive (not an ar archive)")
    long_names = b""
    while True:
        header = read_exactly(stream, _HEADER)
        if not header:
            return
        if len(header) < _HEADER or header[58:60] != b"`\n":
            raise ArchiveUnreadable(_CORRUPT)
        try:
            size = int(header[48:58].decode("ascii").strip() or "0")
        except ValueError:
            raise ArchiveUnreadable(_CORRUPT) from None
        data = _Bounded(stream, size)
        raw_name = header[:16].rstrip(b" ")
        if raw_name.startswith(b"#1/"):  # BSD: the name precedes the data
            name_size = int(raw_name[3:] or b"0")  # ValueError: corrupt
            raw_name = read_exactly(data, name_size).rstrip(b"\0")
        if raw_name in (b"/", b"/SYM64/", b"__.SYMDEF", b"__.SYMDEF SORTED"):
            members.drain(data)  # a symbol index: no file of the archive
        elif raw_name == b"//":  # GNU: the table of long names
            long_names = read_exactly(data, size)
        else:
            name = _name(raw_name, long_names)
            meter = MemberMeter(data, level.options, budget=None, compressed=_no_ratio)
            if _member(members.Member(name, "file", size), meter, level) != "ok":
                return  # the stream is broken or hostile; later members cannot be reached
            members.drain(data)
        if size % 2:
            read_exactly(stream, 1)  # members start on even offsets


def _member(member: members.Member, meter: MemberMeter, level: Level) -> members.Status:
    target = members.plan(level, member)
    members.admit(level, target, member.size)
    if isinstance(target, members.Decided):
        return members.record_decided(level, target, meter)
    return members.read_stream(level, target, meter)


def _name(raw: bytes, long_names: bytes) -> str:
    """A member's name: GNU ends short names with "/" and writes "/N" for the long name
    at offset N of the "//" table (ended by "/\\n")."""
    if raw.startswith(b"/") and raw[1:].isdigit() and long_names:
        start = int(raw[1:])
        end = long_names.find(b"\n", start)
        raw = long_names[start:end if end >= 0 else len(long_names)]
    return raw.removesuffix(b"/").decode("utf-8", "surrogateescape")


def _no_ratio() -> int | None:
    return None  # ar stores bytes as they are: a ratio means nothing
