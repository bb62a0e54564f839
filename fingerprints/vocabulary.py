"""Strings taken from a published, fixed vocabulary: every project picks from the same
list, so two works sharing one show a common convention, not an author's wording. The
strings channel leaves them out (they still count wherever they lie in matched code)."""

from __future__ import annotations

import re

from .manifests import MANIFEST_VOCABULARIES

# PyPI's Trove classifiers ("License :: OSI Approved :: MIT License"), written into
# setup.py, setup.cfg and pyproject.toml of most Python packages: their top-level
# categories, as listed by the index (plus "Private", reserved for unpublished packages).
TROVE_CATEGORIES = (
    "Development Status", "Environment", "Framework", "Intended Audience", "License",
    "Natural Language", "Operating System", "Private", "Programming Language", "Topic",
    "Typing",
)
_TROVE = re.compile(
    r"\s*(?:" + "|".join(map(re.escape, TROVE_CATEGORIES)) + r")(?: :: [^:\n]+)+\s*")

# What the strings channel leaves out, in words (recorded in the result's settings): the
# classifiers, wherever they are written, and the manifests' vocabularies (read per
# manifest by ``fingerprints.manifests``; TOML's keys and go.mod's words: from the
# identifiers channel too).
VOCABULARIES = ("Python package classifiers (Trove: 'Topic :: …', 'License :: …')",
                *MANIFEST_VOCABULARIES)


def is_standard_vocabulary(text: str) -> bool:
    """Whether a string literal's text (without quotes) is an item of a fixed vocabulary."""
    return " :: " in text and _TROVE.fullmatch(text) is not None
