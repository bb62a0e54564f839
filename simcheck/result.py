"""The result model: one versioned contract that every renderer reads and nothing else.

Serialised as JSON with a fixed field order and rounded floats, so the same inputs and
settings give byte-identical output on any machine. No clock times, no absolute paths.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from dataclasses import dataclass, field, fields, is_dataclass
from importlib import resources
from types import UnionType
from typing import Any, BinaryIO, Literal, Union, get_args, get_origin, get_type_hints

import orjson

from .heap import paused

SCHEMA_VERSION = "1.13.0"

FileStatus = Literal["compared", "skipped", "failed"]


@dataclass(frozen=True)
class Coverage:
    """How much of one side is matched by the other. Tokens are the primary unit (layout
    independent); lines are lines holding at least one code token."""

    tokens_total: int
    tokens_matched: int
    lines_total: int
    lines_matched: int

    @property
    def fraction(self) -> float:
        return self.tokens_matched / self.tokens_total if self.tokens_total else 0.0


@dataclass(frozen=True)
class WorkSummary:
    label: str  # the input as the user gave it
    kind: str  # directory | file | archive
    files_total: int
    files_compared: int
    files_skipped: int
    files_failed: int
    coverage: Coverage  # of this work by the other one
    # Rarity-weighted share of this work's short structural k-grams found anywhere in the
    # other work, in any order (the order-free structure channel).
    order_free: float
    # The same after filtration: only matched tokens no filter stage explained.
    coverage_filtered: Coverage = field(default_factory=lambda: Coverage(0, 0, 0, 0))
    # Tokens of definitions no chain of mentions by name reaches from this program's main
    # entry point, which the order-free figure leaves out (fingerprints.unreferenced).
    order_free_set_aside: int = 0
    # Of coverage_filtered's matched tokens, those inside the same definitions: without
    # both, the filtered coverage of the code the program reaches (the benchmark's runs).
    matched_set_aside: int = 0


@dataclass(frozen=True)
class FileEntry:
    side: Literal["left", "right"]
    path: str
    status: FileStatus
    reason: str | None
    sha256: str | None
    size: int
    language: str | None
    encoding: str | None
    lines: int
    tokens: int
    tokenizer: str | None  # tree-sitter | lexical | None when not compared


@dataclass(frozen=True)
class LedgerSide:
    """Matched tokens and code lines of one side before and after one filter stage."""

    tokens_before: int
    tokens_after: int
    lines_before: int
    lines_after: int


@dataclass(frozen=True)
class LedgerRow:
    """One filter stage of the filtration ledger (stages in a fixed order; each row's
    ``*_before`` equals the previous row's ``*_after``)."""

    stage: str
    matches: int  # matches classified by this stage
    left: LedgerSide
    right: LedgerSide


@dataclass(frozen=True)
class FilePair:
    left: str
    right: str
    left_coverage: float  # share of the left file's tokens matched in the right file
    right_coverage: float
    similarity: float  # matched tokens of both files / all tokens of both files
    tokens_matched: int  # per side (tiles have equal length on both sides)
    jaccard_estimate: float  # MinHash estimate over k-gram sets
    matches: list[str]  # match ids, in left-file order
    # After filtration: matched tokens no filter stage explained, and the coverages.
    tokens_filtered: int = 0
    left_coverage_filtered: float = 0.0
    right_coverage_filtered: float = 0.0
    ledger: list[LedgerRow] = field(default_factory=list)


@dataclass(frozen=True)
class Segment:
    """One exact run of identical normalised tokens inside a match."""

    left_start_line: int
    left_end_line: int
    right_start_line: int
    right_end_line: int
    tokens: int


@dataclass(frozen=True)
class DocumentLocation:
    """Where a match lies in a document (PDF, DOCX, HTML, Markdown...)."""

    format: str  # pdf | docx | html | markdown | rst | man | text
    page_start: int | None  # 1-based; None where the format has no pages
    page_end: int | None
    section: str | None  # heading of the section the match starts in
    paragraph_start: int  # 1-based, counting the document's headings, paragraphs, rows
    paragraph_end: int
    # What line_start/line_end count: "file" lines, lines on the "page" (from its top),
    # or None when the format has no lines (DOCX).
    line_basis: str | None
    line_start: int | None
    line_end: int | None


@dataclass(frozen=True)
class MatchSide:
    path: str
    start_line: int  # 1-based
    end_line: int  # 1-based, inclusive
    start_byte: int  # offsets into the file's UTF-8 text, end exclusive
    end_byte: int
    span_tokens: int  # tokens from first to last matched token, gaps included
    # The original text of lines start_line..end_line, so that reports can show the
    # evidence without reading the inputs again.
    text: str
    # 1-based columns (characters of the line; a tab counts one) of the first matched
    # character on start_line and of the last one on end_line (None: the line's end). On a
    # long line, such as minified code, they say exactly where the evidence lies.
    start_column: int = 1
    end_column: int | None = None
    # Documents only. Their start_line/end_line are the file's lines for text formats,
    # else paragraph numbers (``text`` then has one line per paragraph, as extracted).
    document: DocumentLocation | None = None


@dataclass(frozen=True)
class AlignedSentence:
    """One sentence of a document match and the sentence it was aligned with."""

    left: str  # normalised sentence text
    right: str
    kind: str  # verbatim | near-verbatim | paraphrase
    similarity: float  # word-level Indel similarity, word order respected
    overlap: float  # shared words / all words (Dice), word order ignored


@dataclass(frozen=True)
class TextEvidence:
    """What a document match rests on, sentence by sentence."""

    sentences: list[AlignedSentence]
    aliases: list[str]  # the --alias substitutions this match's sentences depend on
    anomalies: list[str]  # shared misspellings and rare words inside the match


@dataclass(frozen=True)
class Evidence:
    """The channels that support a match, with the shared texts an examiner can cite."""

    # "structure" always; "identifiers", "strings", "comments", "numbers" if shared
    channels: list[str]
    identifiers_shared: int  # distinct identifier names present on both sides
    identifiers_left: int  # distinct identifier names on each side
    identifiers_right: int
    shared_identifiers: list[str]  # up to 10, longest first
    strings_shared: int  # distinct string literals present on both sides
    shared_strings: list[str]
    comments_shared: int  # distinct comments (whitespace-normalised) on both sides
    shared_comments: list[str]
    # distinct numeric literals of two significant digits or more on both sides
    numbers_shared: int = 0
    shared_numbers: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class ChanceRate:
    """How often comparisons between independent works reached a figure."""

    comparisons: int  # independent comparisons measured
    reached: int  # of them, those that reached the figure
    rate: float  # reached / comparisons
    # One-sided 95% upper confidence bound on the rate (Clopper-Pearson; for 0 of n it
    # is 1 - 0.05^(1/n), about 3/n: the rule of three).
    upper_95: float


@dataclass(frozen=True)
class FilterEvidence:
    """Why a filter stage explains (part of) a match: a cited reference file and lines, a
    generator marker line, or a vendored directory."""

    stage: str
    where: str  # a reference corpus label, or "left" / "right" for the compared works
    path: str  # file path relative to that corpus or work
    start_line: int | None  # 1-based, inclusive; None when no line applies (vendored)
    end_line: int | None
    note: str  # the marker line, the vendored directory, how many k-grams are shared...
    # A reference document cited for a document match: its page, section and paragraphs
    # (start_line/end_line then number its lines as a match side's do: file lines for text
    # formats, paragraphs for PDF and DOCX).
    document: DocumentLocation | None = None


@dataclass(frozen=True)
class StageTokens:
    stage: str
    tokens: int  # matched tokens (per side) this stage explained


@dataclass(frozen=True)
class FilterSpan:
    """A run of a match's tokens that one stage explains ("none": still counted), with
    the lines holding it on both sides."""

    stage: str
    left_start_line: int
    left_end_line: int
    right_start_line: int
    right_end_line: int
    tokens: int


@dataclass(frozen=True)
class MatchFilter:
    """How filtration classified a match. Nothing is deleted: the match stays in the
    result; ``tokens_filtered`` is what still counts after every stage."""

    classification: str = "none"  # "none" or the stage that explained most of it
    tokens_filtered: int = 0
    explained: list[StageTokens] = field(default_factory=list)  # stages with tokens > 0
    evidence: list[FilterEvidence] = field(default_factory=list)
    # Where the explained and the counted tokens lie (empty when nothing is explained).
    spans: list[FilterSpan] = field(default_factory=list)


@dataclass(frozen=True)
class Rarity:
    """In how many files the match's k-grams occur (median over its k-grams)."""

    kgrams: int = 0  # k-grams lying wholly inside the match's segments
    left_files: int = 0  # files of the left work holding such a k-gram
    right_files: int = 0
    reference_files: int = 0  # files of the base and the excluded corpora


@dataclass(frozen=True)
class Match:
    id: str
    left: MatchSide
    right: MatchSide
    tokens: int  # matched tokens (per side); words of the left side for documents
    # verbatim | reformatted | renamed | modified | structural-only; documents: verbatim,
    # near-verbatim, paraphrase
    kind: str
    literal_similarity: float
    segments: list[Segment]
    evidence: Evidence
    # How often independent code produced a match at least this large; None without a
    # chance reference.
    chance: ChanceRate | None = None
    text: TextEvidence | None = None  # documents only: the aligned sentences
    filter: MatchFilter = field(default_factory=MatchFilter)
    rarity: Rarity = field(default_factory=Rarity)


@dataclass(frozen=True)
class FilterSettings:
    """The filtration parameters (``simcheck.filter``)."""

    stages: list[str] = field(default_factory=list)  # in the order they are applied
    min_tokens: int = 0  # a match with fewer matched tokens is "too-short"
    min_content_tokens: int = 0  # ...with fewer identifiers/literals is "keyword-only"
    # A structural-only match with fewer matched tokens is "short-structural-only".
    min_structural_tokens: int = 0
    explained_fraction: float = 0.5  # share of a match a stage must explain to name it
    common_max_file_frequency: int = 0  # a k-gram in more files than this is common idiom
    base: str | None = None  # the base (template) input as given
    corpora: list[str] = field(default_factory=list)  # --exclude-corpus inputs as given
    generator_markers: list[str] = field(default_factory=list)  # generators recognised
    vendored_directories: list[str] = field(default_factory=list)  # directory names


@dataclass(frozen=True)
class Settings:
    k: int
    window: int
    guarantee_tokens: int
    min_match_tokens: int
    exhibit_prefix: str
    merge_gap_tokens: int
    max_occurrences: int
    candidate_max_file_frequency: int
    minhash_permutations: int
    parse_timeout_seconds: float
    max_file_bytes: int
    ignore_patterns: list[str]
    # How the reference-corpus filter was built, in words; None when none was used.
    common_kgrams: str | None = None
    order_free_k: int = 8  # k-gram length of the order-free structure channel
    # Token kinds the order-free channel's second, bare measurement leaves out.
    order_free_ignored: list[str] = field(default_factory=list)
    # The units whose k-gram frequencies weight the order-free channel, in words.
    rarity_reference: str = "the files of both works"
    # Shortest identical run, with the same names and literals, that extends a match beside
    # one of its runs (0: none).
    extend_min_tokens: int = 0
    # A match's edge lying in another definition than its bulk is cut off when shorter than
    # this many tokens, or on at most ``trim_lines`` lines (0: never).
    trim_tokens: int = 0
    trim_lines: int = 0
    filtration: FilterSettings = field(default_factory=FilterSettings)
    channels: ChannelSettings | None = None


@dataclass(frozen=True)
class DocumentCoverage:
    """How much of one side's documents is matched by the other side's documents."""

    documents: int  # documents compared
    words_total: int
    words_matched: int  # words inside matched sentences
    paragraphs_total: int
    paragraphs_matched: int  # paragraphs holding at least one matched word

    @property
    def fraction(self) -> float:
        return self.words_matched / self.words_total if self.words_total else 0.0


_NO_WORDS = DocumentCoverage(0, 0, 0, 0, 0)


@dataclass(frozen=True)
class NormalisationStep:
    rule: str
    count: int
    examples: list[str]


@dataclass(frozen=True)
class DocumentInfo:
    side: Literal["left", "right"]
    path: str
    format: str
    pages: int | None
    paragraphs: int
    words: int
    headings: int
    tables: int
    normalisation: list[NormalisationStep]  # what normalisation changed or removed
    notes: list[str]


@dataclass(frozen=True)
class AliasUse:
    """One --alias substitution, disclosed: both terms are read as one word before
    matching."""

    given: str  # as given: "Left term=Right term"
    left_term: str
    right_term: str
    left_occurrences: int  # occurrences of either term in the left documents
    right_occurrences: int
    matches: list[str]  # ids of the matches that depend on it


@dataclass(frozen=True)
class Place:
    """A place in a document."""

    path: str
    page: int | None
    paragraph: int
    section: str | None


@dataclass(frozen=True)
class SharedAnomaly:
    """The same unusual word form on both sides: a misspelling or a rare word."""

    word: str
    kind: str  # misspelling | not-in-dictionary | rare
    suggestion: str | None  # the dictionary word a misspelling is one edit from
    left: list[Place]  # first occurrences (at most 10 per side)
    right: list[Place]
    left_count: int
    right_count: int
    matches: list[str]


@dataclass(frozen=True)
class SharedElement:
    """A table or caption found on both sides."""

    kind: str  # table | caption
    identical: bool  # same words in every cell (after normalisation and aliases)
    similarity: float
    left: Place
    right: Place
    left_text: str  # the caption, or the table's first row
    right_text: str
    rows: int  # rows of the left table (1 for a caption)
    matches: list[str]


@dataclass(frozen=True)
class SectionPair:
    left_number: int  # ordinal of the section among the document's headings, 1-based
    left_heading: str | None
    right_number: int
    right_heading: str | None
    words: int  # matched words of the left section found in the right section
    in_order: bool  # part of the longest run kept in the original order


@dataclass(frozen=True)
class SectionOrder:
    """Selection and arrangement: which sections of a left document reappear in a right
    document, and in what order."""

    left: str
    right: str
    left_sections: int  # sections in the left document
    right_sections: int
    sections: list[SectionPair]  # in left order
    kept_in_order: int  # sections in the longest sequence whose order is unchanged
    moved: int


@dataclass(frozen=True)
class DocumentsReport:
    """The text pipeline: documents compared, coverage, normalisation, aliases and the
    evidence beyond single matches."""

    mode: str  # auto | code | text: how files were routed
    settings: dict[str, float | int | str]
    left: DocumentCoverage
    right: DocumentCoverage
    similarity: float  # matched words of both sides / all words of both sides
    documents: list[DocumentInfo]
    aliases: list[AliasUse]
    anomalies: list[SharedAnomaly]
    shared_elements: list[SharedElement]
    section_order: list[SectionOrder]
    # The same figures after filtration (the base and corpus stages: matched sentences also
    # found in a reference document), and the documents' ledger: per stage, matched words
    # (``tokens_*``) and paragraphs (``lines_*``) of each side before and after it.
    left_filtered: DocumentCoverage = field(default_factory=lambda: _NO_WORDS)
    right_filtered: DocumentCoverage = field(default_factory=lambda: _NO_WORDS)
    similarity_filtered: float = 0.0
    ledger: list[LedgerRow] = field(default_factory=list)


@dataclass(frozen=True)
class SharedItem:
    """A literal both works have: a name, a name part, a string or a comment."""

    text: str  # as written at its first place on the left
    right_text: str  # as written at its first place on the right
    similarity: float  # 1.0: identical after the channel's normalisation; else 0.9..1
    units_with: int  # reference units (files or works) that have it: fewer is rarer
    left: str  # path:line of its first place on the left
    right: str


@dataclass(frozen=True)
class Channel:
    """One literal evidence channel over the two whole works."""

    name: str  # identifiers | identifier_parts | strings | comments
    left_items: int  # distinct items (normalised forms) on the left
    right_items: int
    shared: int  # items identical on both sides after normalisation
    left_share: float  # rarity-weighted share of the left's items the right also has
    right_share: float
    items: list[SharedItem]  # the rarest shared items
    similar: int = 0  # items without an identical partner but a near-identical one
    similar_items: list[SharedItem] = field(default_factory=list)
    # The part of left_share (right_share) made of items no other work of the reference
    # population has: all of it when the reference is the two works' own files.
    left_share_exclusive: float = 0.0
    right_share_exclusive: float = 0.0


@dataclass(frozen=True)
class CodeAnomaly:
    """An oddity both works share: the same misspelt word, or code that one side has
    live and the other commented out."""

    kind: str  # misspelling | commented-out code
    text: str  # the word, or the line of code
    suggestion: str | None  # misspellings: the dictionary word it is one edit from
    left: str  # path:line of its first place on the left
    right: str
    note: str  # where each side has it, in words


@dataclass(frozen=True)
class IdenticalFiles:
    """Files with the same bytes (one SHA-256) on both sides that no file pair reports:
    smaller than the minimum match (one-line headers, re-exports). Listed as a fact; no
    similarity figure counts them (they are below the minimum on purpose). Empty and
    whitespace-only files are left out."""

    sha256: str
    size: int  # bytes
    tokens: int  # structure tokens of one copy
    left: list[str]  # every path with these bytes on the left, sorted
    right: list[str]


@dataclass(frozen=True)
class ChannelSettings:
    """How the literal channels were measured (recorded for reproduction)."""

    listed: int  # shared items listed per channel
    fuzzy_min_similarity: float  # rapidfuzz ratio (0..1) for a near-identical pair
    fuzzy_min_chars: int  # shorter strings and comments are not compared fuzzily
    fuzzy_max_items: int  # per side: the longest unpaired items compared fuzzily
    dictionary: str  # the dictionary that decides misspellings
    # Fixed vocabularies whose items the strings channel leaves out (Trove classifiers)
    standard_vocabularies: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Tool:
    name: str
    version: str
    grammars: str  # tree-sitter-language-pack version


@dataclass(frozen=True)
class ReferenceSummary:
    """A reference corpus the matches were filtered against (the base or an excluded
    corpus). ``digest`` identifies its exact contents and the fingerprint settings."""

    role: Literal["base", "corpus"]
    label: str  # the input as the user gave it
    files_total: int
    files_compared: int
    files_skipped: int
    files_failed: int
    tokens: int
    digest: str  # SHA-256 over its files' paths and SHA-256s, the settings and versions
    documents: int = 0  # its files read as documents (as the works' documents are)
    words: int = 0  # their words


@dataclass(frozen=True)
class Quantile:
    q: float  # 0..1
    value: float  # nearest rank: the smallest observed value with a share q at or below


@dataclass(frozen=True)
class ReferenceWork:
    """One work of the chance reference and what comparing it with each side found."""

    name: str  # the top-level entry of the reference directory
    used: bool  # False when it holds no file that could be compared
    reason: str | None  # why it was not used
    files_compared: int
    tokens: int
    left_largest_match: int  # tokens of the largest match with the left work
    left_coverage: float  # the larger of the two coverages in that comparison
    right_largest_match: int
    right_coverage: float


@dataclass(frozen=True)
class ChanceBaseline:
    """The chance baseline: each side compared with independent reference works, with
    exactly the settings of the real comparison."""

    reference: str  # the reference directory as the user gave it
    # SHA-256 over the reference works' names, file paths and file SHA-256s.
    digest: str
    works_used: int
    comparisons: int  # independent comparisons (each side with each work used)
    matches: int  # matches found in all independent comparisons together
    largest_match_tokens: list[Quantile]  # of the largest match per comparison
    match_tokens: list[Quantile]  # of every match found
    coverage: list[Quantile]  # of the larger coverage per comparison
    left: ChanceRate  # comparisons whose larger coverage reached the left's coverage
    right: ChanceRate
    method: str  # the method, in words
    works: list[ReferenceWork] = field(default_factory=list)


@dataclass(frozen=True)
class Result:
    schema_version: str
    tool: Tool
    settings: Settings
    left: WorkSummary
    right: WorkSummary
    similarity: float  # matched tokens of both works / all tokens of both works
    files: list[FileEntry]
    file_pairs: list[FilePair]
    matches: list[Match]
    definitions: dict[str, str] = field(default_factory=dict)
    chance: ChanceBaseline | None = None  # None without --chance-reference
    # The text pipeline's report (compare always writes it; None only when a result is
    # built without it).
    documents: DocumentsReport | None = None
    # Filtration: the same figures after filtering, the ledger, the references used.
    similarity_filtered: float = 0.0
    ledger: list[LedgerRow] = field(default_factory=list)
    references: list[ReferenceSummary] = field(default_factory=list)
    # Literal evidence channels over the whole works, and the oddities both share.
    channels: list[Channel] = field(default_factory=list)
    code_anomalies: list[CodeAnomaly] = field(default_factory=list)
    # What the reader must know before reading any figure, in words: an input with
    # nothing to compare (its figures are 0 by construction, not a finding).
    warnings: list[str] = field(default_factory=list)
    # Byte-identical files of both sides too small for any match (not counted anywhere).
    identical_files: list[IdenticalFiles] = field(default_factory=list)

    @property
    def has_code(self) -> bool:
        """Either side has code tokens (else the code figures are all 0 by construction)."""
        return bool(self.left.coverage.tokens_total or self.right.coverage.tokens_total)

    @property
    def has_documents(self) -> bool:
        """Either side has documents compared as prose."""
        d = self.documents
        return d is not None and d.left.documents + d.right.documents > 0


# Fields per dataclass (-1: the JSON adds derived figures): when an instance's attribute
# dict holds exactly its fields (in field order, as its __init__ set them) and no float,
# that dict already is its JSON object.
_FIELD_COUNT: dict[type, int] = {}


def _encode(value: Any) -> Any:
    """The encoder calls this for each dataclass it meets: one level to a dict in field
    order, floats rounded (stable text across machines); everything else stays in the
    compiled encoder. (``dataclasses.asdict`` deep-copies every leaf, far too slow for
    large results.)"""
    count = _FIELD_COUNT.get(type(value))
    if count is None:
        if not is_dataclass(value):
            raise TypeError(f"{type(value).__name__} is not part of the result model")
        derived = isinstance(value, (Coverage, DocumentCoverage))
        count = _FIELD_COUNT[type(value)] = -1 if derived else len(value.__dataclass_fields__)
    own = getattr(value, "__dict__", None)
    if own is not None and len(own) == count and float not in map(type, own.values()):
        return own
    data = {}
    for name in value.__dataclass_fields__:
        item = getattr(value, name)
        data[name] = round(item, 6) if type(item) is float else item
    if isinstance(value, DocumentCoverage):
        data["fraction"] = round(value.fraction, 6)
    if isinstance(value, Coverage):  # derived figures, written for the reader
        data["fraction"] = round(value.fraction, 6)
        lines = value.lines_matched / value.lines_total if value.lines_total else 0.0
        data["lines_fraction"] = round(lines, 6)
    return data


# orjson (compact separators, shortest float text, UTF-8 as is) is several times faster
# than the standard library's encoder on large results, and as deterministic. Dataclasses
# go through ``_encode`` so that floats are rounded and derived figures added.
_OPTIONS = orjson.OPT_PASSTHROUGH_DATACLASS


def _dumps(value: Any) -> bytes:
    return orjson.dumps(round(value, 6) if type(value) is float else value, default=_encode,
                        option=_OPTIONS)


_RAW = object()  # a piece of JSON text with no value to encode
Piece = tuple[bytes, Any, bytes]  # text before, value (or _RAW), text after


def _pieces(result: Result) -> list[Piece]:
    """The result's JSON as pieces still to encode: one top-level field per line, and one
    element per line for the lists (one match per line: readable, greppable)."""
    pieces: list[Piece] = [(b"{\n", _RAW, b"")]
    names = list(result.__dataclass_fields__)
    for i, name in enumerate(names):
        value = getattr(result, name)
        comma = b"," if i < len(names) - 1 else b""
        if isinstance(value, list) and value:
            pieces.append((b"  " + _dumps(name) + b": [\n", _RAW, b""))
            pieces += [(b"    ", v, b",\n") for v in value[:-1]]
            pieces.append((b"    ", value[-1], b"\n"))
            pieces.append((b"  ]" + comma + b"\n", _RAW, b""))
        else:
            pieces.append((b"  " + _dumps(name) + b": ", value, comma + b"\n"))
    pieces.append((b"}\n", _RAW, b""))
    return pieces


def _text(piece: Piece) -> bytes:
    before, value, after = piece
    return before if value is _RAW else before + _dumps(value) + after


def json_chunks(result: Result) -> Iterator[bytes]:
    """The result as UTF-8 JSON text, in pieces (see ``_pieces``): a large result goes to
    a file without first becoming one huge string."""
    return (_text(p) for p in _pieces(result))


def to_json(result: Result) -> str:
    """The result as JSON text (see ``json_chunks``)."""
    return b"".join(json_chunks(result)).decode("utf-8")


# Pieces are encoded and written in blocks of this many (a match is one piece).
_BLOCK_PIECES = 256


def write_json(result: Result, stream: BinaryIO | None = None) -> str:
    """Write the result's JSON (UTF-8, exactly ``to_json``) to ``stream`` as it is
    encoded, and return its SHA-256 (hex); with no stream, only the SHA-256."""
    digest = hashlib.sha256()
    pieces = _pieces(result)
    with paused():  # only short-lived objects: a collection would rescan the whole result
        for i in range(0, len(pieces), _BLOCK_PIECES):
            data = b"".join([_text(p) for p in pieces[i : i + _BLOCK_PIECES]])
            digest.update(data)
            if stream is not None:
                stream.write(data)
    return digest.hexdigest()


def to_dict(result: Result) -> dict[str, Any]:
    """The result as plain JSON data (exactly what ``to_json`` writes)."""
    return json.loads(to_json(result))


def schema() -> dict[str, Any]:
    """The JSON Schema of this result version, shipped in the package."""
    text = resources.files("simcheck").joinpath("schema/result.schema.json").read_text("utf-8")
    return json.loads(text)


def from_dict(data: dict[str, Any]) -> Result:
    """A result read back from its JSON form (for re-rendering without re-running)."""
    found = data.get("schema_version")
    if found != SCHEMA_VERSION:
        raise ValueError(
            f"result schema version {found!r}; this simcheck reads {SCHEMA_VERSION!r}"
        )
    return _build(Result, data)


def _build(cls: type, data: dict[str, Any]) -> Any:
    """Fields the JSON adds (derived figures such as coverage fractions) are ignored."""
    hints = get_type_hints(cls)
    kwargs = {}
    for f in fields(cls):
        if f.name in data:
            kwargs[f.name] = _value(hints[f.name], data[f.name])
    return cls(**kwargs)


def _value(hint: Any, value: Any) -> Any:
    if value is None:
        return None
    if get_origin(hint) in (Union, UnionType):  # X | None: the non-None member
        hint = next(a for a in get_args(hint) if a is not type(None))
    if isinstance(hint, type) and is_dataclass(hint):
        return _build(hint, value)
    if get_origin(hint) is list:
        (item,) = get_args(hint)
        return [_value(item, v) for v in value]
    return value
