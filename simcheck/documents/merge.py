"""How the text pipeline joins a comparison: routing files between the code and the text
pipelines, and merging the documents' matches, pairs and report into the one result."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from ..filter.corpus import References
from ..filter.options import FilterOptions
from ..ingest.model import IngestedFile, Work
from ..progress import Progress, silent
from ..result import Result, WorkSummary
from .align import TEXT_KIND_MEANING
from .formats import is_document
from .pipeline import compare_documents
from .reader import Reader
from .settings import DocumentSettings

TEXT_DEFINITIONS: dict[str, str] = {
    "documents.coverage": "share of a side's document words that lie in a sentence matched"
    " with the other side",
    "documents.similarity": "matched words of both sides divided by all words of both sides",
    "similarity (overall)": "matched code tokens and document words of both sides divided by"
    " all code tokens and document words of both sides",
    "similarity_filtered (overall)": "the same, counting only the matched code tokens and"
    " document words that no filter stage explained (documents pass the base and corpus"
    " stages only)",
    "documents.filter": "a document match's aligned sentence pair is explained by the base"
    " (explained-by-base) or an excluded corpus (explained-by-corpus) when every sentence of"
    " it, on both sides, is found in a document of that reference: the aligner, with the"
    " settings used between the works, aligns it verbatim or near-verbatim inside a passage"
    " it reports between the two documents (a paraphrase of the reference explains nothing);"
    " the reference document's paragraphs and lines are cited. A match's tokens_filtered are"
    " the words (left side) of its sentence pairs that no stage explains; the other filter"
    " stages apply to code only",
    "documents.filter.explained-by-base": "the text also occurs in a document of the base"
    " (a template manual both sides received); the base document's paragraphs and lines are"
    " cited",
    "documents.filter.explained-by-corpus": "the text also occurs in a document of a"
    " reference corpus (a standard, a regulatory text, a published manual); the reference"
    " document's paragraphs and lines are cited",
    "documents.filter.none": "no reference document holds most of the match: it counts as"
    " evidence",
    "documents.coverage_filtered": "documents.coverage counting only the words of matched"
    " sentence pairs that no filter stage explains (left_filtered, right_filtered,"
    " similarity_filtered)",
    "documents.ledger": "per document filter stage, in the order applied: matched words"
    " (tokens_*) and paragraphs holding one (lines_*) of each side before and after it; a"
    " word matched in several document pairs still counts while one of its matches is"
    " unexplained",
    **{f"kind.{k}": f"documents: {v}" for k, v in TEXT_KIND_MEANING.items()},
    "kind.verbatim (documents)": "the same words in the same order after normalisation and"
    " aliases",
    "sentence.similarity": "word-level Indel similarity of two aligned sentences, word order"
    " respected",
    "sentence.overlap": "shared words over all words of two aligned sentences (Dice), word"
    " order ignored",
    "evidence.text": "documents: the aligned sentences listed under the exhibit",
    "documents.text": "a PDF or DOCX side of a match shows its paragraphs' normalised text, one"
    " paragraph per line, numbered by paragraph; text formats show the file's own lines",
    "anomaly.misspelling": "not in the dictionary, always in lower case, one edit from a"
    " common word",
    "anomaly.not-in-dictionary": "not in the dictionary (coined words, jargon, names)",
    "anomaly.rare": "in the dictionary but rarely used",
}


def document_reader(settings: DocumentSettings) -> Reader | None:
    """What ingestion uses to read documents; None when every file is code."""
    if settings.mode == "code":
        return None
    return Reader(settings.mode, settings.max_document_bytes, settings.extract_seconds)


def split_work(work: Work, settings: DocumentSettings) -> tuple[Work, list[IngestedFile]]:
    """The work's code files (as a work) and its document files."""
    docs = [f for f in work.files if is_document(f.path, settings.mode)]
    code = tuple(f for f in work.files if not is_document(f.path, settings.mode))
    return replace(work, files=code), docs


def _summary(summary: WorkSummary, side: str, result: Result) -> WorkSummary:
    rows = [f for f in result.files if f.side == side]
    return replace(
        summary,
        files_total=len(rows),
        files_compared=sum(1 for f in rows if f.status == "compared"),
        files_skipped=sum(1 for f in rows if f.status == "skipped"),
        files_failed=sum(1 for f in rows if f.status == "failed"),
    )


def add_documents(
    result: Result,
    left: Sequence[IngestedFile],
    right: Sequence[IngestedFile],
    settings: DocumentSettings,
    max_file_frequency: int,
    progress: Progress = silent,
    references: References | None = None,
    filtration: FilterOptions | None = None,
    code_names: frozenset[str] = frozenset(),
) -> Result:
    """``result`` (of the code files) with the documents compared, filtered against the
    documents of ``references``, and merged in; ``code_names``: package and module names
    the works use (never misspellings)."""
    docs = compare_documents(
        left, right, settings, max_file_frequency, len(result.matches) + 1,
        result.settings.exhibit_prefix, progress, references, filtration, code_names,
    )
    files = sorted(
        result.files + docs.entries, key=lambda f: (f.side != "left", f.path)
    )
    pairs = sorted(
        result.file_pairs + docs.file_pairs,
        key=lambda p: (-p.similarity, -p.tokens_matched, p.left, p.right),
    )
    merged = replace(result, files=files)
    lcode, rcode = result.left.coverage, result.right.coverage
    words_total = docs.report.left.words_total + docs.report.right.words_total
    words_matched = docs.report.left.words_matched + docs.report.right.words_matched
    words_kept = (docs.report.left_filtered.words_matched
                  + docs.report.right_filtered.words_matched)
    total = lcode.tokens_total + rcode.tokens_total + words_total
    matched = lcode.tokens_matched + rcode.tokens_matched + words_matched
    # One denominator for both overall figures: the filtered one is never larger.
    kept = (result.left.coverage_filtered.tokens_matched
            + result.right.coverage_filtered.tokens_matched + words_kept)
    # The references' summaries say how much of each was read as documents (same order).
    references = [
        replace(summary, documents=text.documents, words=text.words)
        for summary, text in zip(result.references, docs.references, strict=True)
    ] if docs.references else result.references
    return replace(
        merged,
        left=_summary(result.left, "left", merged),
        right=_summary(result.right, "right", merged),
        similarity=matched / total if total else 0.0,
        similarity_filtered=kept / total if total else 0.0,
        file_pairs=pairs,
        matches=result.matches + docs.matches,
        definitions={**result.definitions, **TEXT_DEFINITIONS},
        documents=docs.report,
        references=references,
    )
