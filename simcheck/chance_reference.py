"""The chance baseline: compare each side with works independent of both, and place the
real comparison's figures in what those independent comparisons produced.

A reference directory holds independent works: each top-level entry (a subdirectory, a
file or an archive) is one work; hidden entries (names starting with ".") are left out.
Each work is ingested and fingerprinted once, compared with both sides, then dropped:
works are prepared in small batches, so memory stays bounded however many there are.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from pathlib import PurePath

from fingerprints.fileprint import FingerprintSettings

from .chance import Distribution, Observation, quantiles
from .errors import InputError
from .ingest import ingest
from .ingest.model import IngestOptions, Work
from .prepare import PreparedWork, prepare
from .progress import Progress, silent
from .result import ChanceBaseline, ReferenceWork, Result

# Works prepared together (one parser pool) before they are compared and dropped.
BATCH_WORKS = 16
BATCH_BYTES = 64 * 1024 * 1024

Compare = Callable[[PreparedWork, PreparedWork], Result]


def reference_entries(directory: str) -> list[str]:
    """The top-level entries of a reference directory, sorted; an error naming the
    directory when it cannot be read or holds none."""
    if not os.path.isdir(directory):
        what = "no such directory" if not os.path.exists(directory) else "not a directory"
        raise InputError(f"{directory}: chance reference: {what}")
    try:
        names = os.listdir(directory)
    except OSError as exc:
        raise InputError(
            f"{directory}: chance reference: cannot read ({exc.strerror or 'I/O error'})"
        ) from None
    entries = sorted(n for n in names if not n.startswith("."))
    if not entries:
        raise InputError(f"{directory}: chance reference is empty (it needs independent works)")
    return entries


@dataclass(frozen=True)
class _Entry:
    name: str
    work: Work | None  # None when the entry could not be read at all
    reason: str | None


def _ingested(directory: str, options: IngestOptions) -> Iterator[_Entry]:
    for name in reference_entries(directory):
        try:
            yield _Entry(name, ingest(os.path.join(directory, name), options), None)
        except InputError as exc:
            # One unreadable work does not spoil the others; it is listed with why.
            yield _Entry(name, None, str(exc).removeprefix(os.path.join(directory, name) + ": "))


def _digest_lines(entry: _Entry) -> list[str]:
    if entry.work is None:
        return [f"{entry.name}\t-\t{entry.reason}\n"]
    return [f"{entry.name}\t{f.path}\t{f.sha256}\t{f.state}\n" for f in entry.work.files]


def reference_digest(directory: str, options: IngestOptions) -> str:
    """SHA-256 over every reference work's name, file paths and file SHA-256s (the
    digest the baseline records; re-read after a run to show nothing changed)."""
    digest = hashlib.sha256()
    for entry in _ingested(directory, options):
        for line in _digest_lines(entry):
            digest.update(line.encode("utf-8", "surrogateescape"))
    return digest.hexdigest()


def _batches(entries: Iterator[_Entry]) -> Iterator[list[_Entry]]:
    batch: list[_Entry] = []
    size = 0
    for entry in entries:
        batch.append(entry)
        size += sum(f.size for f in entry.work.files) if entry.work else 0
        if len(batch) >= BATCH_WORKS or size >= BATCH_BYTES:
            yield batch
            batch, size = [], 0
    if batch:
        yield batch


def _observe(result: Result) -> Observation:
    sizes = tuple(sorted(m.tokens for m in result.matches))
    return Observation(
        largest_match=sizes[-1] if sizes else 0,
        coverage=max(result.left.coverage.fraction, result.right.coverage.fraction),
        matches=sizes,
    )


def _label(given: str) -> str:
    # The directory as the user named it, minus any absolute location (result bodies
    # must not depend on where the files sit on this machine).
    path = PurePath(given)
    return (path.name or given) if path.is_absolute() else given


METHOD = (
    "Each side was compared, with exactly the settings of this comparison, with each of"
    " the {works} works of the reference '{label}', which are independent of both sides:"
    " {comparisons} independent comparisons. Each gave its largest match (in code tokens)"
    " and the larger of its two works' coverages. A match's chance rate is the share of"
    " independent comparisons holding a match at least as large; a work's chance rate is"
    " the share of independent comparisons whose larger coverage was at least that work's"
    " coverage. Each rate comes with a one-sided 95% upper confidence bound (exact,"
    " Clopper-Pearson): when no independent comparison reached a figure, the rate is 0 of"
    " n and the bound is 1 - 0.05^(1/n), about 3/n (the rule of three): on this evidence,"
    " independent code reaches that figure in fewer than that share of comparisons. Using"
    " the larger coverage and the largest match of each comparison makes the rates err"
    " towards chance. They describe code like the reference works and are only as"
    " representative as that set is."
)


@dataclass(frozen=True)
class Measured:
    """What the independent comparisons produced, before the real figures are placed."""

    reference: str  # label
    digest: str
    works: list[ReferenceWork]
    observations: list[Observation]


def measure_chance(
    left: PreparedWork,
    right: PreparedWork,
    directory: str,
    compare: Compare,
    fingerprint: FingerprintSettings,
    ingest_options: IngestOptions,
    workers: int = 2,
    progress: Progress = silent,
    label: str | None = None,
) -> Measured:
    """Compare ``left`` and ``right`` with every work of ``directory`` through
    ``compare`` (the real comparison's pipeline and settings). Each side keeps its place:
    the left work is compared as the left side, the right work as the right side."""
    names = reference_entries(directory)
    advance = progress("Chance baseline", len(names))
    digest = hashlib.sha256()
    observations: list[Observation] = []
    rows: list[ReferenceWork] = []
    for batch in _batches(_ingested(directory, ingest_options)):
        for entry in batch:
            for line in _digest_lines(entry):
                digest.update(line.encode("utf-8", "surrogateescape"))
        works = [e.work for e in batch if e.work is not None]
        prepared = iter(prepare(works, fingerprint, workers))
        for entry in batch:
            work = next(prepared) if entry.work is not None else None
            rows.append(_reference_row(entry, work, left, right, compare, observations))
            advance(1)
    if not any(r.used for r in rows):
        raise InputError(
            f"{directory}: chance reference holds no work with a file that can be compared"
        )
    return Measured(_label(label or directory), digest.hexdigest(), rows, observations)


def _reference_row(
    entry: _Entry,
    work: PreparedWork | None,
    left: PreparedWork,
    right: PreparedWork,
    compare: Compare,
    observations: list[Observation],
) -> ReferenceWork:
    compared = work.compared if work else []
    if work is None or not compared:
        # A work with no comparable code would only dilute the baseline: not used.
        return ReferenceWork(
            name=entry.name, used=False,
            reason=entry.reason or "no file that can be compared",
            files_compared=0, tokens=0, left_largest_match=0, left_coverage=0.0,
            right_largest_match=0, right_coverage=0.0,
        )
    with_left = _observe(compare(left, work))
    with_right = _observe(compare(work, right))
    observations.extend((with_left, with_right))
    return ReferenceWork(
        name=entry.name, used=True, reason=None,
        files_compared=len(compared),
        tokens=sum(len(f.fp.tokens) for f in compared),
        left_largest_match=with_left.largest_match,
        left_coverage=with_left.coverage,
        right_largest_match=with_right.largest_match,
        right_coverage=with_right.coverage,
    )


DEFINITIONS = {
    "chance.rate": "share of independent comparisons (each side against each reference work)"
    " that reached a figure: a match at least as large, or a coverage at least as high",
    "chance.upper_95": "one-sided 95% upper confidence bound on a chance rate (exact,"
    " Clopper-Pearson); for 0 of n it is 1 - 0.05^(1/n), about 3/n (the rule of three)",
}


def attach_chance(result: Result, measured: Measured) -> Result:
    """The result with its chance section and each match's chance rate."""
    dist = Distribution.of(measured.observations)
    used = sum(w.used for w in measured.works)
    all_matches = [t for o in measured.observations for t in o.matches]
    baseline = ChanceBaseline(
        reference=measured.reference,
        digest=measured.digest,
        works_used=used,
        comparisons=dist.comparisons,
        matches=len(all_matches),
        largest_match_tokens=quantiles(dist.largest),
        match_tokens=quantiles(all_matches),
        coverage=quantiles(dist.coverage),
        left=dist.coverage_rate(result.left.coverage.fraction),
        right=dist.coverage_rate(result.right.coverage.fraction),
        method=METHOD.format(
            works=used, label=measured.reference, comparisons=dist.comparisons
        ),
        works=measured.works,
    )
    return replace(
        result,
        matches=[replace(m, chance=dist.match_rate(m.tokens)) for m in result.matches],
        chance=baseline,
        definitions={**result.definitions, **DEFINITIONS},
    )
