"""A package manifest's standard vocabulary (``fingerprints.manifests``) set aside from the
literal channels: its fields, dependency names and version ranges are removed from the
manifest's string items (and, for TOML's bare keys, from its identifiers, and their parts
from its name parts). The file itself is compared as before: inside a matched region these
texts still count."""

from __future__ import annotations

import dataclasses

import numpy as np

from fingerprints.literals import CHANNELS, ItemSet, form_hash, identifier_parts
from fingerprints.manifests import is_manifest, manifest_vocabulary

from ..prepare import PreparedFile

# The channels whose items are whole texts (a comment that is only a vocabulary word is
# a tool's mark: go.mod's "// indirect", written by the go command).
CLEANED = ("identifiers", "strings", "comments")
# The channel of the parts of names: a TOML key's parts leave it as the key leaves the
# identifiers (Cargo.toml's documentation, categories, keywords, readme ...).
PARTS = "identifier_parts"


def without_manifest_vocabulary(f: PreparedFile) -> PreparedFile:
    """``f``, its literal items less its manifest vocabulary (``f`` itself when it is no
    manifest, or has none)."""
    lits = f.fp.literals if f.compared else None
    if lits is None or not is_manifest(f.entry.path):
        return f
    vocabulary = manifest_vocabulary(f.entry.path, f.text)
    if not vocabulary:
        return f
    symbols = _symbols(vocabulary)
    parts = _symbols({p for word in vocabulary for p in identifier_parts(word)})
    channels = tuple(_without(items, symbols) if name in CLEANED
                     else _without(items, parts) if name == PARTS else items
                     for name, items in zip(CHANNELS, lits.channels, strict=True))
    fingerprint = dataclasses.replace(f.fp, literals=dataclasses.replace(lits,
                                                                         channels=channels))
    return dataclasses.replace(f, fingerprint=fingerprint)


def _symbols(forms: set[str] | frozenset[str]) -> np.ndarray:
    return np.fromiter(map(form_hash, sorted(forms)), dtype=np.uint64, count=len(forms))


def _without(items: ItemSet, symbols: np.ndarray) -> ItemSet:
    keep = ~np.isin(items.symbols, symbols)
    return ItemSet(*(column[keep] for column in (items.symbols, items.start, items.end,
                                                 items.line)))
