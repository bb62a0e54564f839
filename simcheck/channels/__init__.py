"""Literal evidence channels over two whole works: shared names, name parts, strings and
comments (exact and near-identical), ranked by rarity, and the oddities both share
(misspellings, code one side has live and the other commented out)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from fingerprints.literals import CHANNELS
from fingerprints.vocabulary import VOCABULARIES

from ..filter.generated import is_tool_data
from ..match.order_free import KgramRarity
from ..prepare import PreparedFile
from ..result import Channel, ChannelSettings, CodeAnomaly
from ..spelling import dictionary_name
from .anomalies import commented_out, misspellings
from .fuzzy import FUZZY_MAX_ITEMS, FUZZY_MIN_CHARS, FUZZY_MIN_SIMILARITY
from .manifests import without_manifest_vocabulary
from .shared import LISTED, measure

# The first bytes a file is told tool data by: a fuzzing corpus's first line, phpab's marker
# (after the require lines of a package's dependencies, 1 KB down in php-monolog 2.9.1's).
TOOL_DATA_HEAD = 8192


def settings() -> ChannelSettings:
    return ChannelSettings(
        listed=LISTED,
        fuzzy_min_similarity=FUZZY_MIN_SIMILARITY,
        fuzzy_min_chars=FUZZY_MIN_CHARS,
        fuzzy_max_items=FUZZY_MAX_ITEMS,
        dictionary=dictionary_name(),
        standard_vocabularies=list(VOCABULARIES),
    )


def channels(
    left: Sequence[PreparedFile],
    right: Sequence[PreparedFile],
    rarity: Mapping[str, KgramRarity] | None = None,
    names: frozenset[str] = frozenset(),
) -> tuple[list[Channel], list[CodeAnomaly]]:
    """Every channel of the two works' compared files but those a tool writes as data
    (source maps, lockfiles); ``rarity`` per channel name weights the items (default:
    their frequencies among the files of both works). Their strings are encoded positions,
    copies of sources or checksums, not an author's choices: as the rarest shared strings
    they hid every real one. A package manifest's standard vocabulary (its fields,
    dependency names, version ranges) is left out the same way. ``names``: package and
    module names, never misspellings."""
    left, right = ([without_manifest_vocabulary(f) for f in files
                    if not is_tool_data(f.entry.path, f.text[:TOOL_DATA_HEAD])]
                   for files in (left, right))
    found = [measure(name, left, right, (rarity or {}).get(name)) for name in CHANNELS]
    return found, misspellings(left, right, names) + commented_out(left, right)
