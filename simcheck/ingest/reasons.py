"""Every skip/fail reason ingestion can record, in one place.

Reasons end up in court exhibits, so they are short, human and stable: no absolute paths,
no timestamps, no exception reprs, no numbers that depend on buffer sizes.
"""

from __future__ import annotations

BINARY = "binary file"
UNDECODABLE = "undecodable text"
SYMLINK = "symbolic link (not followed)"
SYMLINK_OUTSIDE = "symbolic link points outside the input (not followed)"
SYMLINK_LOOP = "symbolic link loop (not followed)"
SYMLINK_BROKEN = "broken symbolic link"
HARDLINK = "hard link (not followed)"
NOT_REGULAR = "not a regular file"
VCS = "version-control metadata"
PERMISSION_DENIED = "permission denied"
UNSAFE_MEMBER = "unsafe archive member path"
ENCRYPTED_MEMBER = "encrypted archive member (no password)"
ENCRYPTED_ARCHIVE = "encrypted archive (no password)"
UNSUPPORTED_7Z = "unsupported 7z archive layout"
TRUNCATED_MEMBER = "truncated archive member"
NOT_READ = "not read: archive expansion stopped"
AMBIGUOUS_MEMBER = "ambiguous duplicate member name in 7z archive"
# An archive that yielded no entry (empty, or directories only) is listed itself.
EMPTY_ARCHIVE = "archive holds no files"


def too_large(size: int, limit: int) -> str:
    return f"too large ({size} bytes > limit {limit})"


def excluded(pattern: str) -> str:
    return f"excluded by pattern {pattern}"


def read_error(strerror: str | None) -> str:
    # strerror is the OS's fixed text (e.g. "Input/output error"), never a path.
    return f"read error: {strerror or 'I/O error'}"


def corrupt_archive(detail: str) -> str:
    return f"corrupt archive: {detail}"


def corrupt_member(detail: str) -> str:
    return f"corrupt archive member: {detail}"


def bomb_ratio(limit: float) -> str:
    # The measured ratio is not reported: it depends on decompressor buffer sizes.
    return f"decompression bomb (compression ratio > limit {limit:g})"


def bomb_total(limit: int) -> str:
    return f"decompression bomb (expanded bytes > limit {limit})"


def too_many_members(limit: int) -> str:
    return f"too many archive members (limit {limit})"


def too_deep(limit: int) -> str:
    return f"archive nesting too deep (limit {limit})"


def nested_too_large(size: int, limit: int) -> str:
    return f"nested archive too large to expand in memory ({size} bytes > limit {limit})"
