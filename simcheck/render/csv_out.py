"""File pairs and matches as CSV, with the same match ids as the JSON (and reports)."""

from __future__ import annotations

from pathlib import Path

from ..result import Result
from .citation import filter_evidence
from .csv_channels import write_channel_csv
from .csv_documents import write_document_csv
from .spreadsheet import SpreadsheetWriter

PAIR_COLUMNS = (
    "left", "right", "left_coverage", "right_coverage", "similarity", "tokens_matched",
    "jaccard_estimate", "matches", "tokens_filtered", "left_coverage_filtered",
    "right_coverage_filtered",
)
MATCH_COLUMNS = (
    "id", "kind", "tokens", "literal_similarity",
    "left_path", "left_start_line", "left_end_line",
    "right_path", "right_start_line", "right_end_line",
    # share of independent comparisons with a match this large, its 95% upper bound
    # (empty without a chance reference)
    "chance_rate", "chance_upper_95",
    # evidence channels supporting the match, space-separated (structure identifiers ...)
    "channels",
    "filter", "tokens_filtered", "filter_evidence",
    "rarity_left_files", "rarity_right_files", "rarity_reference_files",
)
# One row per content found byte-identical on both sides but too small to match; a side's
# paths one per line within its cell.
IDENTICAL_COLUMNS = ("sha256", "size", "tokens", "left_files", "right_files")


def write_csv(result: Result, directory: Path) -> list[Path]:
    """Write ``file_pairs.csv``, ``matches.csv``, the channel and document tables and, when
    there are any, ``identical_files.csv`` into ``directory``; return their paths."""
    directory.mkdir(parents=True, exist_ok=True)
    pairs_path, matches_path = directory / "file_pairs.csv", directory / "matches.csv"
    with pairs_path.open("w", newline="", encoding="utf-8") as f:
        writer = SpreadsheetWriter(f)
        writer.writerow(PAIR_COLUMNS)
        for p in result.file_pairs:
            writer.writerow([
                p.left, p.right, f"{p.left_coverage:.6f}", f"{p.right_coverage:.6f}",
                f"{p.similarity:.6f}", p.tokens_matched, f"{p.jaccard_estimate:.6f}",
                " ".join(p.matches), p.tokens_filtered, f"{p.left_coverage_filtered:.6f}",
                f"{p.right_coverage_filtered:.6f}",
            ])
    with matches_path.open("w", newline="", encoding="utf-8") as f:
        writer = SpreadsheetWriter(f)
        writer.writerow(MATCH_COLUMNS)
        for m in result.matches:
            writer.writerow([
                m.id, m.kind, m.tokens, f"{m.literal_similarity:.4f}",
                m.left.path, m.left.start_line, m.left.end_line,
                m.right.path, m.right.start_line, m.right.end_line,
                f"{m.chance.rate:.6f}" if m.chance else "",
                f"{m.chance.upper_95:.6f}" if m.chance else "",
                " ".join(m.evidence.channels),
                m.filter.classification, m.filter.tokens_filtered, filter_evidence(m),
                m.rarity.left_files, m.rarity.right_files, m.rarity.reference_files,
            ])
    written = [pairs_path, matches_path, *write_channel_csv(result, directory),
               *write_document_csv(result, directory)]
    if result.identical_files:
        identical_path = directory / "identical_files.csv"
        with identical_path.open("w", newline="", encoding="utf-8") as f:
            writer = SpreadsheetWriter(f)
            writer.writerow(IDENTICAL_COLUMNS)
            for g in result.identical_files:
                writer.writerow([g.sha256, g.size, g.tokens, "\n".join(g.left),
                                 "\n".join(g.right)])
        written.append(identical_path)
    return written
