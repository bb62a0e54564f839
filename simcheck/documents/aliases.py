"""``--alias "Maker=Copier"``: brand and product names read as one word on both sides
before matching, so that a copy with the names swapped still matches; every use is
disclosed in the result and on the matches that depend on it."""

from __future__ import annotations

from dataclasses import dataclass

from fingerprints.words import WORD, fold


@dataclass(frozen=True)
class Alias:
    given: str
    left: tuple[str, ...]  # folded words of the left term
    right: tuple[str, ...]

    @property
    def left_term(self) -> str:
        return self.given.split("=", 1)[0].strip()

    @property
    def right_term(self) -> str:
        return self.given.split("=", 1)[1].strip()


def parse_alias(given: str) -> Alias:
    """``"Left term=Right term"``; raises ValueError with a message for the user."""
    if given.count("=") != 1:
        raise ValueError(f"--alias {given!r}: write it as \"Original=Copy\" (one '=')")
    left, right = (tuple(fold(w) for w in WORD.findall(part)) for part in given.split("="))
    if not left or not right:
        raise ValueError(f"--alias {given!r}: both sides need at least one word")
    if left == right:
        raise ValueError(f"--alias {given!r}: the two terms are the same words")
    return Alias(given.strip(), left, right)


def phrases(aliases: tuple[Alias, ...]) -> list[tuple[tuple[str, ...], int]]:
    """Every term of every alias, labelled with the alias's index: either term, on either
    side, becomes the same word."""
    out: list[tuple[tuple[str, ...], int]] = []
    for i, a in enumerate(aliases):
        out.append((a.left, i))
        out.append((a.right, i))
    return out
