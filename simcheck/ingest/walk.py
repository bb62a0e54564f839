"""Walking a directory (or reading one file) into entries, without following links out."""

from __future__ import annotations

import errno
import os
import stat
from typing import BinaryIO

from simcheck.errors import InputError
from simcheck.ingest import reasons
from simcheck.ingest.archives import expand_outermost
from simcheck.ingest.content import failed, file_entry, read_blob, skipped
from simcheck.ingest.context import ArchiveUnreadable, Context
from simcheck.ingest.model import IngestedFile
from simcheck.ingest.paths import VCS_DIRS, archive_format, printable

_DirKey = tuple[int, int]  # (st_dev, st_ino): identifies a directory however it is reached


class NotRegularFile(Exception):
    """What was opened turned out not to be a regular file (swapped in after listing)."""


def open_file(path: str) -> BinaryIO:
    """Open ``path`` read-only for evidence handling.

    O_NOFOLLOW: a symlink swapped in after listing is not followed. O_NONBLOCK: a FIFO
    swapped in does not hang us. O_NOATIME where permitted: reading does not even change
    the access time of the evidence."""
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
    flags |= getattr(os, "O_BINARY", 0)
    noatime = getattr(os, "O_NOATIME", 0)
    try:
        fd = os.open(path, flags | noatime)
    except PermissionError:
        if not noatime:
            raise
        fd = os.open(path, flags)  # O_NOATIME needs file ownership; retry without it
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise NotRegularFile(path)
        return os.fdopen(fd, "rb")
    except BaseException:
        os.close(fd)
        raise


def walk_directory(root: str, ctx: Context) -> list[IngestedFile]:
    """Entries for every file under ``root``, paths relative to it ('/'-separated)."""
    out: list[IngestedFile] = []
    root_real = os.path.realpath(root)
    root_stat = os.stat(root)
    # Explicit stack rather than recursion: deep trees must not hit the recursion limit.
    stack: list[tuple[str, str, frozenset[_DirKey]]] = [
        (root, "", frozenset({(root_stat.st_dev, root_stat.st_ino)}))
    ]
    while stack:
        directory, prefix, ancestors = stack.pop()
        try:
            with os.scandir(directory) as listing:
                entries = sorted(listing, key=lambda e: e.name)
        except OSError as exc:
            if not prefix:
                raise InputError(f"{root}: {_os_reason(exc)}") from None
            out.append(failed(prefix[:-1], _os_reason(exc)))
            continue
        subdirs: list[tuple[str, str, frozenset[_DirKey]]] = []
        for entry in entries:
            rel = prefix + printable(entry.name)
            try:
                st = entry.stat(follow_symlinks=False)
            except OSError as exc:
                out.append(failed(rel, _os_reason(exc)))
                continue
            if stat.S_ISDIR(st.st_mode):
                if entry.name in VCS_DIRS:
                    out.append(skipped(rel, reasons.VCS))
                else:
                    key = (st.st_dev, st.st_ino)
                    subdirs.append((entry.path, rel + "/", ancestors | {key}))
                continue
            pattern = ctx.ignore.match(rel)
            if pattern is not None:
                size = st.st_size if stat.S_ISREG(st.st_mode) else 0
                out.append(skipped(rel, reasons.excluded(pattern), size))
            elif stat.S_ISLNK(st.st_mode):
                if ctx.options.follow_symlinks:
                    _follow(entry.path, rel, root_real, ancestors, ctx, out, subdirs)
                else:
                    out.append(skipped(rel, reasons.SYMLINK))
            elif stat.S_ISREG(st.st_mode):
                _regular(entry.path, rel, st.st_size, ctx, out)
            else:
                out.append(skipped(rel, reasons.NOT_REGULAR))
        stack.extend(reversed(subdirs))
    return out


def read_single(path: str, name: str, ctx: Context) -> list[IngestedFile]:
    """The entry for one input file that is not an archive, listed under ``name``."""
    out: list[IngestedFile] = []
    pattern = ctx.ignore.match(name)
    size = os.stat(path).st_size
    if pattern is not None:
        out.append(skipped(name, reasons.excluded(pattern), size))
    else:
        _read_file(os.path.realpath(path), name, size, ctx, out)
    return out


def _follow(
    link: str,
    rel: str,
    root_real: str,
    ancestors: frozenset[_DirKey],
    ctx: Context,
    out: list[IngestedFile],
    subdirs: list[tuple[str, str, frozenset[_DirKey]]],
) -> None:
    """follow_symlinks: a link is followed only to a target inside the input."""
    target = os.path.realpath(link)
    if os.path.commonpath([root_real, target]) != root_real:
        out.append(skipped(rel, reasons.SYMLINK_OUTSIDE))
        return
    try:
        st = os.stat(target)
    except OSError as exc:
        loop = exc.errno == errno.ELOOP
        out.append(skipped(rel, reasons.SYMLINK_LOOP if loop else reasons.SYMLINK_BROKEN))
        return
    if stat.S_ISDIR(st.st_mode):
        key = (st.st_dev, st.st_ino)
        if key in ancestors:  # pointing at a directory we are inside: a cycle
            out.append(skipped(rel, reasons.SYMLINK_LOOP))
        elif os.path.basename(rel) in VCS_DIRS:
            out.append(skipped(rel, reasons.VCS))
        else:
            subdirs.append((target, rel + "/", ancestors | {key}))
    elif stat.S_ISREG(st.st_mode):
        _regular(target, rel, st.st_size, ctx, out)
    else:
        out.append(skipped(rel, reasons.NOT_REGULAR))


def _regular(path: str, rel: str, size: int, ctx: Context, out: list[IngestedFile]) -> None:
    fmt = archive_format(rel)
    if fmt is None:
        _read_file(path, rel, size, ctx, out)
        return
    try:
        stream = open_file(path)
    except NotRegularFile:
        out.append(skipped(rel, reasons.NOT_REGULAR))
        return
    except OSError as exc:
        out.append(failed(rel, _os_reason(exc), size))
        return
    listed = len(out)
    with stream:
        try:
            # Expanded in place: members are listed as "rel!/member".
            expand_outermost(
                stream, fmt, ctx, out, prefix=rel + "!/", match_prefix=rel + "/", name=rel
            )
        except ArchiveUnreadable as exc:
            out.append(failed(rel, exc.reason, size))
            return
    if len(out) == listed:
        out.append(skipped(rel, reasons.EMPTY_ARCHIVE, size))


def _read_file(path: str, rel: str, size: int, ctx: Context, out: list[IngestedFile]) -> None:
    try:
        with open_file(path) as stream:
            if ctx.documents is not None and ctx.documents.wants(rel):
                out.append(ctx.documents.read(rel, stream, seekable=True))
                return
            blob = read_blob(stream, ctx.options.max_file_bytes)
    except NotRegularFile:
        out.append(skipped(rel, reasons.NOT_REGULAR))
        return
    except OSError as exc:
        out.append(failed(rel, _os_reason(exc), size))
        return
    out.append(file_entry(rel, blob, ctx.options))


def _os_reason(exc: OSError) -> str:
    if isinstance(exc, PermissionError):
        return reasons.PERMISSION_DENIED
    return reasons.read_error(exc.strerror)
