"""Decompression limits: counting every decompressed byte, not trusting archive headers.

Two failure signals travel up through library code (tarfile, gzip...), which passes
unknown exceptions through untouched:

* ``ExpansionStopped``: the budget of the outermost archive is spent (total bytes or
  member count). Every enclosing archive stops too.
* ``MemberProblem``: one member's bytes could not be read (bomb ratio, corrupt data).
  It names the ``MemberMeter`` that raised it, so a nested archive reading *through* its
  parent's member can tell its own problems from the parent's.
"""

from __future__ import annotations

import gzip
import lzma
import tarfile
import zipfile
import zlib
from collections.abc import Callable
from typing import Protocol

import py7zr.exceptions

from simcheck.ingest import reasons
from simcheck.ingest.model import IngestOptions

CHUNK = 1 << 16
# Below this many bytes a member is not judged by its ratio: small, repetitive text
# (whitespace runs, tar headers) legitimately compresses beyond any sane ratio limit,
# and so few bytes cannot exhaust memory. The total budget still covers them.
RATIO_FLOOR = 1 << 20


class Readable(Protocol):
    def read(self, n: int = -1, /) -> bytes: ...


def read_exactly(stream: Readable, n: int) -> bytes:
    """The next ``n`` bytes, fewer only at the stream's end (one read may return less)."""
    data = b""
    while len(data) < n:
        chunk = stream.read(n - len(data))
        if not chunk:
            break
        data += chunk
    return data


class ExpansionStopped(Exception):
    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason
        self.recorded = False  # set once a member entry carries this reason


class MemberProblem(Exception):
    def __init__(self, meter: MemberMeter, reason: str, *, bomb: bool = False) -> None:
        super().__init__(reason)
        self.meter = meter
        self.reason = reason
        self.bomb = bomb


class Budget:
    """Limits shared by one outermost archive and everything nested in it."""

    def __init__(self, options: IngestOptions) -> None:
        self.options = options
        self.expanded = 0
        self.members = 0

    @property
    def bytes_left(self) -> int:
        return self.options.max_expanded_bytes - self.expanded

    @property
    def members_left(self) -> int:
        return self.options.max_archive_members - self.members

    def consume(self, n: int) -> None:
        self.expanded += n
        if self.expanded > self.options.max_expanded_bytes:
            raise ExpansionStopped(reasons.bomb_total(self.options.max_expanded_bytes))

    def count_member(self) -> None:
        self.members += 1
        if self.members > self.options.max_archive_members:
            raise ExpansionStopped(reasons.too_many_members(self.options.max_archive_members))


class CountingReader:
    """Passes reads through, counting bytes and optionally charging them to a budget."""

    def __init__(self, raw: Readable, budget: Budget | None = None) -> None:
        self._raw = raw
        self._budget = budget
        self.count = 0

    def read(self, n: int = -1, /) -> bytes:
        data = self._raw.read(n if n >= 0 else CHUNK)  # never an unbounded read
        self.count += len(data)
        if self._budget is not None:
            self._budget.consume(len(data))
        return data


class MemberMeter:
    """Reads one archive member, turning library errors into a ``MemberProblem`` and
    enforcing the compression-ratio limit on the bytes actually produced.

    ``compressed`` returns the compressed bytes consumed for this member so far (or its
    known compressed size); None disables the ratio check (no meaningful ratio)."""

    def __init__(
        self,
        raw: Readable | None,
        options: IngestOptions,
        *,
        budget: Budget | None,
        compressed: Callable[[], int | None],
    ) -> None:
        self._raw = raw
        self._options = options
        self._budget = budget
        self._compressed = compressed
        self.count = 0

    def read(self, n: int = -1, /) -> bytes:
        if self._raw is None:
            return b""
        try:
            data = self._raw.read(n if n >= 0 else CHUNK)
        except (ExpansionStopped, MemberProblem):
            raise
        except READ_ERRORS as exc:
            raise MemberProblem(self, member_error(exc)) from None
        self.account(len(data))
        return data

    def account(self, n: int) -> None:
        """Count ``n`` bytes produced for this member (also used for pushed data: 7z)."""
        self.count += n
        if self._budget is not None:
            self._budget.consume(n)
        if self.count <= RATIO_FLOOR:
            return
        compressed = self._compressed()
        limit = self._options.max_compression_ratio
        if compressed is not None and self.count > limit * max(compressed, 1):
            raise MemberProblem(self, reasons.bomb_ratio(limit), bomb=True)


# What archive and compression libraries raise on bad input. RuntimeError and
# NotImplementedError are how zipfile reports encryption and unknown methods.
READ_ERRORS: tuple[type[BaseException], ...] = (
    OSError,
    EOFError,
    zlib.error,
    lzma.LZMAError,
    zipfile.BadZipFile,
    tarfile.TarError,
    py7zr.exceptions.ArchiveError,
    py7zr.exceptions.PasswordRequired,
    RuntimeError,
    NotImplementedError,
    ValueError,
)


def member_error(exc: BaseException) -> str:
    """A short, stable reason for a member whose bytes could not be read."""
    detail = _detail(exc)
    if detail == "truncated":
        return reasons.TRUNCATED_MEMBER
    if detail == "encrypted":
        return reasons.ENCRYPTED_MEMBER
    if detail.startswith("read error"):
        return detail
    return reasons.corrupt_member(detail)


def archive_error(exc: BaseException) -> str:
    """A short, stable reason for an archive that cannot be opened or walked."""
    detail = _detail(exc)
    if detail == "encrypted":
        return reasons.ENCRYPTED_ARCHIVE
    if detail.startswith("read error"):
        return detail
    return reasons.corrupt_archive(detail)


def _detail(exc: BaseException) -> str:
    # Library messages embed member names and offsets; map them to fixed phrases.
    message = str(exc).lower()
    if isinstance(exc, EOFError) or "unexpected end" in message or "truncated" in message:
        return "truncated"
    if isinstance(exc, py7zr.exceptions.PasswordRequired) or "encrypt" in message:
        return "encrypted"
    if "password" in message:
        return "encrypted"
    if isinstance(exc, py7zr.exceptions.CrcError) or "crc" in message:
        return "checksum mismatch"
    if isinstance(exc, gzip.BadGzipFile):
        return "bad gzip data"
    if isinstance(exc, zlib.error):
        return "bad compressed data"
    if isinstance(exc, lzma.LZMAError):
        return "bad xz data"
    if isinstance(exc, (NotImplementedError, py7zr.exceptions.UnsupportedCompressionMethodError)):
        return "unsupported compression method"
    if isinstance(exc, zipfile.BadZipFile):
        if "overlap" in message:
            return "overlapping entries"
        if "magic" in message or "header" in message or "differ" in message:
            return "bad member header"
        return "not a valid zip file"
    if isinstance(exc, tarfile.TarError):
        return "empty file" if "empty" in message else "not a valid tar file"
    if isinstance(exc, py7zr.exceptions.ArchiveError):
        return "not a valid 7z file"
    if isinstance(exc, OSError) and exc.errno is not None:
        return reasons.read_error(exc.strerror)
    if isinstance(exc, OSError) and "invalid data stream" in message:  # how bz2 says it
        return "bad bzip2 data"
    return "unreadable data"
