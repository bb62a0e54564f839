"""Expanding one compressed file (gzip, bzip2, xz; not a tar) into the one file it holds.

A Debian package's README.md.gz, a man page's ls.1.gz or a dump's server.log.xz would
otherwise be a "binary file" and never compared. The member is named after the archive
without its suffix ("README.md.gz!/README.md") and read like any archive member, so the
byte budget and the compression-ratio limit apply to it.
"""

from __future__ import annotations

from simcheck.ingest import members
from simcheck.ingest.archive_tar import open_compressed
from simcheck.ingest.context import ArchiveUnreadable, Level
from simcheck.ingest.limits import CountingReader, MemberMeter, Readable
from simcheck.ingest.paths import compressed_member_name


def expand_compressed(source: Readable, level: Level) -> None:
    """Record the one file a compressed file holds; never writes anything."""
    level.sequential = True
    raw, plain = open_compressed(source)
    if plain is None:
        # Named .gz/.bz2/.xz but not compressed so: the name lies; say so plainly.
        raise ArchiveUnreadable("not compressed data (no gzip, bzip2 or xz header)")
    meter = MemberMeter(
        CountingReader(plain, level.budget),
        level.options,
        budget=None,  # the counter above already charges the budget
        compressed=lambda: raw.count,
    )
    member = members.Member(compressed_member_name(level.name), "file", 0)
    target = members.plan(level, member)
    members.admit(level, target, 0)
    if isinstance(target, members.Decided):
        members.record_decided(level, target, meter)
    else:
        members.read_stream(level, target, meter)
