"""User ignore patterns (gitignore syntax), matched on '/'-joined relative paths."""

from __future__ import annotations

from collections.abc import Iterable

import pathspec

from simcheck.errors import InputError


class IgnoreMatcher:
    def __init__(self, patterns: tuple[str, ...]) -> None:
        for pattern in patterns:  # one at a time, to name the bad one
            try:
                pathspec.GitIgnoreSpec.from_lines([pattern])
            except ValueError:  # pathspec's pattern errors subclass ValueError
                raise InputError(f"invalid ignore pattern: {pattern!r}") from None
        self._spec = pathspec.GitIgnoreSpec.from_lines(patterns)

    def match(self, rel_path: str) -> str | None:
        """The pattern that excludes ``rel_path`` (as the user wrote it), or None.
        Negations ("!keep.c") are honoured: the last matching pattern decides."""
        if not self._spec.patterns:
            return None
        result = self._spec.check_file(rel_path)
        if not result.include or result.index is None:
            return None
        pattern = self._spec.patterns[result.index]
        return str(getattr(pattern, "pattern", pattern))


class Selection(IgnoreMatcher):
    """The user's ignore patterns, and every file outside ``paths`` left unread too: a
    second pass that reads only some files of an input (archives holding one of them are
    opened; nothing else is)."""

    NOT_SELECTED = "(not selected)"

    def __init__(self, patterns: tuple[str, ...], paths: Iterable[str]) -> None:
        super().__init__(patterns)
        # Matching sees archive members as "outer.zip/dir/file" (see ingest.members).
        self._keep: set[str] = set()
        for path in paths:
            parts = path.replace("!/", "/").split("/")
            self._keep.update("/".join(parts[:i]) for i in range(1, len(parts) + 1))

    def match(self, rel_path: str) -> str | None:
        pattern = super().match(rel_path)
        if pattern is not None:
            return pattern
        return None if rel_path in self._keep else self.NOT_SELECTED
