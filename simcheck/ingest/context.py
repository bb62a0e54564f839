"""State shared while ingesting: options, ignore rules, and the archive being expanded."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import IO

from simcheck.ingest.limits import Budget, Readable
from simcheck.ingest.model import DocumentReader, IngestedFile, IngestOptions
from simcheck.ingest.paths import ArchiveFormat
from simcheck.ingest.patterns import IgnoreMatcher


class ArchiveUnreadable(Exception):
    """An archive as a whole cannot be opened or walked any further."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


@dataclass(frozen=True)
class Context:
    options: IngestOptions
    ignore: IgnoreMatcher
    documents: DocumentReader | None = None  # reads the files it wants as documents


# Expands one archive into a level's entry list; injected so member handling can recurse
# without importing the format modules that import it.
ExpandFn = Callable[["IO[bytes] | Readable", ArchiveFormat, "Level"], None]


@dataclass
class Level:
    """One archive being expanded, and where its entries go."""

    ctx: Context
    prefix: str  # prepended to member paths: "" for the input archive, "d/a.zip!/" nested
    match_prefix: str  # the same path with "!/" read as "/", for ignore patterns
    depth: int  # 1 for an outermost archive
    budget: Budget  # shared with every archive nested inside the outermost one
    out: list[IngestedFile]
    expand: ExpandFn
    sequential: bool = False  # tar: a member problem ends the stream, later ones unseen
    vcs_seen: set[str] = field(default_factory=set)
    name: str = ""  # the archive's own file name (names a single compressed file's member)

    @property
    def options(self) -> IngestOptions:
        return self.ctx.options

    def child(self, path: str, match_path: str) -> Level:
        """The level for an archive found at member ``path`` of this one."""
        return Level(
            self.ctx,
            prefix=path + "!/",
            match_prefix=match_path + "/",
            depth=self.depth + 1,
            budget=self.budget,
            out=self.out,
            expand=self.expand,
            name=path,
        )
