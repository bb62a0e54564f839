"""Archive expansion entry points: format dispatch and the outermost archive's budget."""

from __future__ import annotations

from typing import IO

from simcheck.ingest import reasons
from simcheck.ingest.archive_7z import expand_7z
from simcheck.ingest.archive_ar import expand_ar
from simcheck.ingest.archive_compressed import expand_compressed
from simcheck.ingest.archive_tar import expand_tar
from simcheck.ingest.archive_zip import expand_zip
from simcheck.ingest.context import ArchiveUnreadable, Context, Level
from simcheck.ingest.limits import Budget, ExpansionStopped, Readable
from simcheck.ingest.model import IngestedFile
from simcheck.ingest.paths import ArchiveFormat


def expand_archive(source: IO[bytes] | Readable, fmt: ArchiveFormat, level: Level) -> None:
    """Append the entries of one archive to ``level.out``. zip and 7z need a seekable
    ``source``; tar reads forward only. Raises ``ArchiveUnreadable`` when the archive as a
    whole cannot be read (entries already appended stay)."""
    if fmt == "tar":
        expand_tar(source, level)
    elif fmt == "zip":
        expand_zip(source, level)  # type: ignore[arg-type]
    elif fmt == "ar":
        expand_ar(source, level)
    elif fmt == "compressed":
        expand_compressed(source, level)
    else:
        expand_7z(source, level)  # type: ignore[arg-type]


def expand_outermost(
    source: IO[bytes],
    fmt: ArchiveFormat,
    ctx: Context,
    out: list[IngestedFile],
    prefix: str = "",
    match_prefix: str = "",
    name: str = "",
) -> None:
    """Expand an archive that is not inside another one, with a fresh budget.

    ``prefix`` is "" for the input archive itself, "dir/a.zip!/" for one found in a
    directory. Raises ``ArchiveUnreadable`` when the archive cannot be read, including a
    stop that no member could carry (the caller decides how the archive itself is shown).
    ``name`` is the archive's own file name (a single compressed file's member is named
    after it).
    """
    if ctx.options.max_archive_depth < 1:
        raise ArchiveUnreadable(reasons.too_deep(ctx.options.max_archive_depth))
    level = Level(
        ctx,
        prefix=prefix,
        match_prefix=match_prefix,
        depth=1,
        budget=Budget(ctx.options),
        out=out,
        expand=expand_archive,
        name=name,
    )
    try:
        expand_archive(source, fmt, level)
    except ExpansionStopped as stop:
        # Normally a member carries the reason; otherwise the archive itself must.
        if not stop.recorded:
            raise ArchiveUnreadable(stop.reason) from None
