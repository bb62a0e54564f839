"""Path rules: archive recognition, safe archive member names, printable names."""

from __future__ import annotations

import re
from typing import Literal

ArchiveFormat = Literal["zip", "tar", "7z", "ar", "compressed"]

# Longest suffixes first so "x.tar.gz" is not mistaken for something ending in ".gz".
_ARCHIVE_SUFFIXES: tuple[tuple[str, ArchiveFormat], ...] = (
    (".tar.gz", "tar"),
    (".tar.bz2", "tar"),
    (".tar.xz", "tar"),
    (".tgz", "tar"),
    (".tbz2", "tar"),
    (".tbz", "tar"),
    (".txz", "tar"),
    (".tar", "tar"),
    # Package formats that are tars: a Ruby gem (holding data.tar.gz), a Rust crate.
    (".gem", "tar"),
    (".crate", "tar"),
    (".zip", "zip"),
    (".jar", "zip"),
    (".war", "zip"),
    (".ear", "zip"),
    # Package formats that are zips and ship sources: Python wheels and eggs, Android
    # libraries, NuGet packages, VS Code and Firefox extensions.
    (".whl", "zip"),
    (".egg", "zip"),
    (".aar", "zip"),
    (".nupkg", "zip"),
    (".vsix", "zip"),
    (".xpi", "zip"),
    (".7z", "7z"),
    # Debian packages: ar archives holding control.tar.* and data.tar.*.
    (".deb", "ar"),
    (".udeb", "ar"),
    # One compressed file (not a tar): Debian's README.md.gz and changelog.gz, man pages
    # (ls.1.gz), logs in a discovery dump. Its one member is the name without the suffix.
    (".gz", "compressed"),
    (".bz2", "compressed"),
    (".xz", "compressed"),
)

VCS_DIRS = frozenset({".git", ".hg", ".svn"})

# "C:" at the start of a member name is a drive letter to Windows extractors.
_DRIVE = re.compile(r"^[A-Za-z]:")


def archive_format(name: str) -> ArchiveFormat | None:
    """The archive format implied by a file name's extension, if any (case-insensitive)."""
    lower = name.lower()
    for suffix, fmt in _ARCHIVE_SUFFIXES:
        if lower.endswith(suffix) and len(lower) > len(suffix):
            return fmt
    return None


def compressed_member_name(archive_name: str) -> str:
    """The file a single compressed file holds: its name without ".gz", ".bz2" or ".xz"."""
    base = archive_name.replace("\\", "/").rsplit("/", 1)[-1]
    stem, dot, _suffix = base.rpartition(".")
    return stem if dot and stem else base


def printable(name: str) -> str:
    """A file name as clean text: undecodable bytes (surrogate escapes) become "\\xNN" so
    the name survives JSON/UTF-8 output deterministically instead of raising later.
    UTF-8 is assumed rather than the locale's encoding so output does not depend on it."""
    try:
        raw = name.encode("utf-8", "surrogateescape")
    except UnicodeEncodeError:  # a surrogate that no byte produced
        return name.encode("utf-8", "backslashreplace").decode("utf-8")
    return raw.decode("utf-8", "backslashreplace")


def member_parts(name: str) -> list[str] | None:
    """The components of an archive member name, or None when the name is unsafe
    (absolute, drive letter, or any ".." component, even one that stays inside: a name
    that needs resolving is refused outright, as tarfile's "data" filter does).

    Backslashes count as separators: archives made on Windows use them, and a Windows
    extractor would honour them in "..\\x"."""
    unified = name.replace("\\", "/")
    if unified.startswith("/") or _DRIVE.match(unified):
        return None
    parts = [p for p in unified.split("/") if p not in ("", ".")]
    if ".." in parts:
        return None
    return parts


def inert_member_name(name: str) -> str:
    """How an unsafe member is shown: its name with the leading "/" or drive removed so the
    listed path is never absolute; ".." is kept so the reader sees what was attempted."""
    unified = name.replace("\\", "/")
    unified = _DRIVE.sub("", unified)
    return unified.lstrip("/") or "(empty name)"


def vcs_dir(parts: list[str], is_dir: bool) -> list[str] | None:
    """The leading components up to a version-control directory, if the path is one or
    lies inside one. A final ".git" that is a plain file (worktrees) is ordinary."""
    for i, part in enumerate(parts):
        if part in VCS_DIRS and (i < len(parts) - 1 or is_dir):
            return parts[: i + 1]
    return None
