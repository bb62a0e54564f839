"""What the user asks filtration to do; recorded in the run manifest."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class FilterOptions:
    base: str | None = None  # template or starter code both sides received
    corpora: tuple[str, ...] = ()  # third-party / open-source code, SDKs, standards
    # Names for base then corpora in the result (default: the paths as given); a re-run
    # from a manifest passes the names the original run used.
    labels: tuple[str, ...] = ()
    cache_dir: str | None = None  # reference fingerprint cache; None: the user cache dir
    # A match with fewer matched tokens is "too-short"; None: the winnowing guarantee
    # (k + w - 1), the shortest run the method finds wherever it occurs.
    min_tokens: int | None = None
    # A match that only the token structure supports (kind structural-only) with fewer
    # matched tokens is "short-structural-only"; None: twice the too-short minimum (chance
    # hits between unrelated code are mostly structure-only, and run longer than the
    # shortest literal-supported matches do).
    min_structural_tokens: int | None = None
    # A match with fewer identifier or literal tokens is "keyword-only".
    min_content_tokens: int = 1
    # A match is named after a stage when that stage explains at least this share of it.
    explained_fraction: float = 0.5
    max_citations: int = 5  # reference line ranges cited per match and stage
