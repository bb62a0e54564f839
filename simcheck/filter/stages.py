"""The filter stages, in the fixed order they are applied, and what each means."""

from __future__ import annotations

KEYWORD_ONLY = "keyword-only"
TOO_SHORT = "too-short"
SHORT_STRUCTURAL = "short-structural-only"
BASE = "explained-by-base"
CORPUS = "explained-by-corpus"
GENERATED = "generated"
VENDORED = "vendored"
COMMON = "common-idiom"

# Trivial runs first (they never count), then the explanations that cite a specific
# source (base, corpus), then those that name a kind of file, then the statistical one:
# a token is credited to the first stage that explains it.
STAGES: tuple[str, ...] = (
    KEYWORD_ONLY, TOO_SHORT, SHORT_STRUCTURAL, BASE, CORPUS, GENERATED, VENDORED, COMMON
)
NONE = "none"


def meanings(
    min_content: int,
    min_tokens: int,
    min_structural: int,
    common_files: int,
    common_occurrences: int,
) -> dict[str, str]:
    """Plain-language meaning of each stage (and of "none") with this run's thresholds."""
    return {
        KEYWORD_ONLY: f"the match holds fewer than {min_content} identifier or literal"
        " token(s): only keywords, operators and punctuation, which any two programs in"
        " the language share",
        TOO_SHORT: f"the match has fewer than {min_tokens} matched tokens: too small to"
        " count as evidence of copying",
        SHORT_STRUCTURAL: "only the token structure supports the match (kind"
        " structural-only: the two sides share almost no identifier names, string literals,"
        f" comments or magic numbers) and it has fewer than {min_structural} matched tokens:"
        " short runs of the same statement shapes recur by chance between unrelated programs",
        BASE: "the code also occurs in the base (template or starter code both sides"
        " received); the base file and lines are cited",
        CORPUS: "the code also occurs in a reference corpus (third-party or open-source"
        " code, vendor SDKs, standards); the corpus file and lines are cited",
        GENERATED: "a file of the match carries a code generator's marker (such as 'Code"
        " generated ... DO NOT EDIT', '@generated', a protoc, Bison or SWIG header), or its"
        " name marks a tool's output (a source map, a package manager's lockfile, PKG-INFO,"
        " a wheel's METADATA and RECORD, an egg-info's SOURCES.txt and top_level.txt, an"
        " Xcode project.pbxproj); the marker line or the file name is cited",
        VENDORED: "a file of the match lies in a directory that by convention holds"
        " third-party code (vendor/, third_party/, node_modules/ ...); the directory is"
        " cited",
        COMMON: f"the code is made of k-grams found in more than {common_files} files of"
        f" one work or of the reference corpora, or more than {common_occurrences} times in"
        " one work (or in a benchmark's reference set): common idiom, not evidence of"
        " copying. Literal data identical on both sides (a table of numbers or strings"
        " whose values agree) is not idiom even where its shape is common: it still counts",
        NONE: "no filter explains most of the match: it counts as evidence",
    }
