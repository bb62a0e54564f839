"""One file's fingerprints: token streams, every k-gram hash, the winnowed selection and a
MinHash signature. Computed once per distinct content and reused."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .kgrams import kgram_hashes
from .languages import LanguageSpec, get_spec
from .lexical_tokens import tokenize_lexical
from .literals import Literals, literals
from .minhash import NUM_PERM, signature
from .syntax_tokens import tokenize_syntax
from .tokens import FileTokens
from .winnow import winnow


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
    hashes = kgram_hashes(tokens.symbols, settings.k)
    return FileFingerprint(
        tokens=tokens,
        kgrams=hashes,
        winnowed=winnow(hashes, settings.w),
        minhash=signature(hashes, settings.num_perm),
        literals=literals(source, tokens) if source is not None else None,
    )


def fingerprint_source(
    source: bytes,
    language: str | None,
    settings: FingerprintSettings,
    fallback_note: str | None = None,
) -> FileFingerprint:
    """Tokenise with the language's grammar, or lexically when there is no grammar or
    ``fallback_note`` says why the grammar may not be used (e.g. it hung on this file)."""
    spec: LanguageSpec | None = get_spec(language) if language else None
    if spec is None or fallback_note is not None:
        return from_tokens(tokenize_lexical(source, spec, fallback_note), settings, source)
    try:
        tokens = tokenize_syntax(source, spec)
    except Exception as exc:  # any grammar failure must still leave the file compared
        note = f"parse failed ({type(exc).__name__}); lexical tokens used"
        tokens = tokenize_lexical(source, spec, note)
    return from_tokens(tokens, settings, source)
