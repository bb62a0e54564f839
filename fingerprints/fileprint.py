"""One file's fingerprints: token streams, every k-gram hash, the winnowed selection and a
MinHash signature. Computed once per distinct content and reused."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from .kgrams import kgram_hashes_many
from .languages import LanguageSpec, get_spec
from .lexical_tokens import read_lexical
from .literals import Literals, literals_many
from .minhash import NUM_PERM, signatures
from .syntax_tokens import read_syntax
from .tokens import FileTokens, RawTokens, file_tokens_many
from .winnow import winnow_many


@dataclass(frozen=True)
class FingerprintSettings:
    """Engine parameters; recorded in every result so a run can be reproduced."""

    k: int = 20  # k-gram length in tokens: no match shorter than this is ever reported
    w: int = 8  # winnowing window: any shared run of >= k + w - 1 tokens is guaranteed found
    num_perm: int = NUM_PERM  # MinHash permutations
    parse_timeout: float = 20.0  # seconds per file before the parse is abandoned

    @property
    def guarantee(self) -> int:
        return self.k + self.w - 1


@dataclass(frozen=True)
class FileFingerprint:
    tokens: FileTokens
    kgrams: np.ndarray  # uint64, one per token window [i, i+k)
    winnowed: np.ndarray  # int64 positions into ``kgrams``
    minhash: np.ndarray  # uint64 signature
    # The literal channels (fingerprints.literals); None when built without the source.
    literals: Literals | None = None

    @property
    def fingerprints(self) -> np.ndarray:
        return self.kgrams[self.winnowed]


def from_tokens(
    tokens: FileTokens, settings: FingerprintSettings, source: bytes | None = None
) -> FileFingerprint:
    """``source``, when given, is the text ``tokens`` came from: its literals are read."""
    return from_tokens_many([tokens], settings, None if source is None else [source])[0]


def from_tokens_many(
    tokens: Sequence[FileTokens],
    settings: FingerprintSettings,
    sources: Sequence[bytes] | None = None,
) -> list[FileFingerprint]:
    """``from_tokens`` of several files, computed together: numpy then runs once for all of
    them rather than once per file, which for small files costs more than the work."""
    bounds = np.zeros(len(tokens) + 1, dtype=np.int64)
    np.cumsum([len(t) for t in tokens], out=bounds[1:])
    symbols = np.concatenate([t.symbols for t in tokens]) if tokens else np.zeros(0, np.uint64)
    hashes, kgram_bounds = kgram_hashes_many(symbols, bounds, settings.k)
    picks, pick_bounds = winnow_many(hashes, kgram_bounds, settings.w)
    minhashes = signatures(hashes, kgram_bounds, settings.num_perm)
    found = literals_many(sources, tokens) if sources is not None else [None] * len(tokens)
    k, p = kgram_bounds.tolist(), pick_bounds.tolist()
    return [
        FileFingerprint(
            tokens=t,
            kgrams=hashes[k[i] : k[i + 1]],
            winnowed=picks[p[i] : p[i + 1]],
            minhash=minhashes[i],
            literals=found[i],
        )
        for i, t in enumerate(tokens)
    ]


def tokenize(
    source: bytes, language: str | None, fallback_note: str | None = None
) -> FileTokens:
    """Tokenise with the language's grammar, or lexically when there is no grammar or
    ``fallback_note`` says why the grammar may not be used (e.g. it hung on this file)."""
    return file_tokens_many([read_tokens(source, language, fallback_note)])[0]


def read_tokens(
    source: bytes, language: str | None, fallback_note: str | None = None
) -> RawTokens:
    """``tokenize`` before line numbers (``file_tokens_many`` adds them, for several files
    at once)."""
    spec: LanguageSpec | None = get_spec(language) if language else None
    if spec is None or fallback_note is not None:
        return read_lexical(source, spec, fallback_note)
    try:
        return read_syntax(source, spec)
    except Exception as exc:  # any grammar failure must still leave the file compared
        note = f"parse failed ({type(exc).__name__}); lexical tokens used"
        return read_lexical(source, spec, note)


def fingerprint_source(
    source: bytes,
    language: str | None,
    settings: FingerprintSettings,
    fallback_note: str | None = None,
) -> FileFingerprint:
    """``tokenize`` then ``from_tokens``."""
    return from_tokens(tokenize(source, language, fallback_note), settings, source)
