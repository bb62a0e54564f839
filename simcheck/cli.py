"""The ``simcheck`` command line."""

from __future__ import annotations

import gc
import json
import multiprocessing as mp
import re
import sys
import tempfile
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from fingerprints.fileprint import FingerprintSettings
from fingerprints.languages import LANGUAGES, TEMPLATE_SUFFIXES

from .benchmark import (
    COMMON_FRACTION,
    breakdown,
    read_meta,
    read_truth,
    run_benchmark,
    write_scores,
)
from .chance_reference import reference_digest
from .compare import CompareOptions, compare_paths
from .documents.aliases import parse_alias
from .documents.formats import MODES
from .documents.settings import DocumentSettings
from .errors import InputError
from .filter.options import FilterOptions
from .heap import keep_freed_memory
from .ingest.model import IngestOptions
from .ingest.rehash import rehash_inputs
from .manifest import (
    build_manifest,
    changed_inputs,
    file_hashes,
    utc_now,
    write_manifest,
)
from .manifest import verify as verify_manifest
from .progress import StageClock, terminal_progress
from .render.csv_out import write_csv
from .render.terminal import render
from .result import Result, from_dict, write_json

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    help="Find which parts of one codebase appear in another, with evidence.",
)
err = Console(stderr=True)


def _fail(message: str) -> typer.Exit:
    # Plain write, not rich: an error must stay one line, whatever the terminal width.
    print(f"simcheck: error: {message}", file=sys.stderr)
    return typer.Exit(2)


@app.command()
def compare(
    left: Annotated[str, typer.Argument(help="Directory, file or archive (the original).")],
    right: Annotated[str, typer.Argument(help="Directory, file or archive (the suspect).")],
    json_out: Annotated[
        Path | None, typer.Option("--json", help="Write the full result (JSON) here.")
    ] = None,
    csv_dir: Annotated[
        Path | None,
        typer.Option("--csv", help="Write file_pairs.csv and matches.csv into this folder."),
    ] = None,
    html_out: Annotated[
        Path | None, typer.Option("--html", help="Write the self-contained HTML report here.")
    ] = None,
    pdf_out: Annotated[
        Path | None,
        typer.Option("--pdf", help="Also print the report to PDF (needs Chromium)."),
    ] = None,
    legend: Annotated[
        str, typer.Option(help='Legend on every page, e.g. "CONFIDENTIAL - SOURCE CODE".')
    ] = "",
    caption: Annotated[str, typer.Option(help="Case caption shown in the report.")] = "",
    exhibit_prefix: Annotated[
        str, typer.Option(help="Prefix of exhibit (match) ids, e.g. PX.")
    ] = "M",
    manifest_out: Annotated[
        Path | None,
        typer.Option(
            "--manifest",
            help="Write the run manifest here (default: manifest.json beside the first"
            " output written).",
        ),
    ] = None,
    exclude: Annotated[
        list[str] | None,
        typer.Option("--exclude", help="gitignore-style pattern of files to leave out."),
    ] = None,
    base: Annotated[
        str | None,
        typer.Option(
            help="Template or starter code (or a template manual) both sides received:"
            " code and document matches also found there are classified explained-by-base,"
            " with the base file and lines cited."
        ),
    ] = None,
    exclude_corpus: Annotated[
        list[str] | None,
        typer.Option(
            "--exclude-corpus",
            help="Third-party or open-source code, vendor SDKs, standards, regulatory texts"
            " (repeatable): code and document matches also found there are classified"
            " explained-by-corpus, with citations.",
        ),
    ] = None,
    cache_dir: Annotated[
        Path | None,
        typer.Option(
            envvar="SIMCHECK_CACHE_DIR",
            help="Where reference fingerprints are cached (default: the user cache dir).",
        ),
    ] = None,
    filter_min_tokens: Annotated[
        int | None,
        typer.Option(
            help="Matches with fewer tokens are classified too-short (default: the"
            " winnowing guarantee, k + window - 1)."
        ),
    ] = None,
    filter_min_content_tokens: Annotated[
        int,
        typer.Option(
            help="Matches with fewer identifier/literal tokens are classified keyword-only."
        ),
    ] = FilterOptions().min_content_tokens,
    filter_min_structural_tokens: Annotated[
        int | None,
        typer.Option(
            help="Matches supported by token structure alone (kind structural-only) with"
            " fewer tokens are classified short-structural-only (default: twice the"
            " too-short minimum)."
        ),
    ] = None,
    max_file_bytes: Annotated[
        int, typer.Option(help="Files larger than this are skipped and listed.")
    ] = IngestOptions().max_file_bytes,
    k: Annotated[int, typer.Option(help="k-gram length in tokens.")] = FingerprintSettings().k,
    window: Annotated[int, typer.Option(help="Winnowing window.")] = FingerprintSettings().w,
    parse_timeout: Annotated[
        float, typer.Option(help="Seconds per file before the parser is abandoned.")
    ] = FingerprintSettings().parse_timeout,
    workers: Annotated[int, typer.Option(help="Processes: parsing, aligning.")] = 2,
    fail_above: Annotated[
        float | None,
        typer.Option(help="Exit 1 when the overall similarity (0..1) is above this."),
    ] = None,
    chance_reference: Annotated[
        str | None,
        typer.Option(
            help="Directory of works independent of both sides; each top-level entry"
            " (subdirectory, file or archive; names starting with '.' are left out) is one"
            " work. Each side is compared with each work, with the same settings, to state"
            " per match and per side how often independent code reached that level.",
        ),
    ] = None,
    mode: Annotated[
        str,
        typer.Option(
            help="Route files to the code or text pipeline: auto (documents by name: PDF,"
            " DOCX, HTML, Markdown, reST, text, man pages), code (all as code) or text (all"
            " as prose)."
        ),
    ] = "auto",
    alias: Annotated[
        list[str] | None,
        typer.Option(
            "--alias",
            help='Documents: read two names as one before matching, e.g. "Maker=Copier"'
            " (left=right, repeatable; disclosed in the result).",
        ),
    ] = None,
    extract_seconds: Annotated[
        float,
        typer.Option(
            "--extract-seconds", min=0.1,
            help="Documents: a PDF or DOCX whose text takes longer to extract fails (listed"
            " with the reason); the run goes on.",
        ),
    ] = DocumentSettings().extract_seconds,
) -> None:
    """Compare LEFT with RIGHT and report every region of one found in the other."""
    if mode not in MODES:
        raise _fail(f"--mode {mode!r}: use one of {', '.join(MODES)}")
    try:
        for given in alias or ():
            parse_alias(given)
    except ValueError as exc:
        raise _fail(str(exc)) from None
    options = CompareOptions(
        fingerprint=FingerprintSettings(k=k, w=window, parse_timeout=parse_timeout),
        ingest=IngestOptions(max_file_bytes=max_file_bytes, ignore_patterns=tuple(exclude or ())),
        workers=workers,
        exhibit_prefix=exhibit_prefix,
        filtration=FilterOptions(
            base=base,
            corpora=tuple(exclude_corpus or ()),
            cache_dir=str(cache_dir) if cache_dir else None,
            min_tokens=filter_min_tokens,
            min_content_tokens=filter_min_content_tokens,
            min_structural_tokens=filter_min_structural_tokens,
        ),
        chance_reference=chance_reference,
        documents=DocumentSettings(  # type: ignore[arg-type]
            mode=mode, aliases=tuple(alias or ()), extract_seconds=extract_seconds
        ),
    )
    if not re.fullmatch(r"[A-Za-z][A-Za-z0-9_-]{0,15}", exhibit_prefix):
        raise _fail(f"--exhibit-prefix {exhibit_prefix!r}: use a letter, then letters/digits/-/_")
    console = Console()
    started = utc_now()
    try:
        with terminal_progress(err) as progress:
            clock = StageClock(progress)
            result = compare_paths(left, right, options, clock.progress)
            clock.mark("result")
    except InputError as exc:
        raise _fail(str(exc)) from None
    wants_manifest = manifest_out is not None or any(
        p is not None for p in (json_out, csv_dir, html_out, pdf_out)
    )
    # forkserver, like the parser pool: a process forked from this one could inherit a
    # lock held by the progress-bar thread.
    background = ProcessPoolExecutor(max_workers=1, mp_context=mp.get_context("forkserver"))
    with background:
        # Evidence must not change under us: every input is read again and hashed, in
        # another process, while this one writes the outputs.
        rehashed = (
            background.submit(rehash_inputs, left, right, options.ingest)
            if wants_manifest else None
        )
        outputs: list[Path] = []
        written: dict[Path, str] = {}
        result_sha256 = ""
        if json_out is not None:
            json_out.parent.mkdir(parents=True, exist_ok=True)
            with json_out.open("wb") as stream:
                result_sha256 = written[json_out] = write_json(result, stream)
            outputs.append(json_out)
        if csv_dir is not None:
            outputs.extend(write_csv(result, csv_dir))
        if html_out is not None or pdf_out is not None:
            outputs.extend(_report_files(result, html_out, pdf_out, legend, caption))
        render(result, console)
        clock.mark("outputs")
        if manifest_out is None and outputs:
            manifest_out = outputs[0].parent / "manifest.json"
        if manifest_out is not None and rehashed is not None:
            try:
                changed = changed_inputs(file_hashes(result), rehashed.result())
            except InputError as exc:  # an input gone altogether
                raise _fail(f"inputs changed during the run: {exc}") from None
            clock.mark("inputs re-read")
            if result.chance is not None and chance_reference is not None and (
                reference_digest(chance_reference, options.ingest) != result.chance.digest
            ):
                changed.append(f"chance reference {chance_reference}: contents changed")
            if changed:
                raise _fail("inputs changed during the run: " + "; ".join(changed))
            write_manifest(
                manifest_out,
                build_manifest(
                    left, right, options, result, result_sha256 or write_json(result),
                    outputs, started, written, clock.seconds,
                ),
            )
    if fail_above is not None and result.similarity > fail_above:
        raise typer.Exit(1)


@app.command()
def benchmark(
    dataset: Annotated[Path, typer.Argument(help="Folder the pair paths are relative to.")],
    truth: Annotated[Path, typer.Option(help="CSV with columns left,right,label.")],
    scores_out: Annotated[
        Path | None, typer.Option(help="Write left,right,score here.")
    ] = None,
    workers: Annotated[int, typer.Option(help="Parser processes.")] = 2,
    meta: Annotated[
        Path | None,
        typer.Option(help="CSV with left,right and the --by column (default: the truth file)."),
    ] = None,
    by: Annotated[
        str | None,
        typer.Option(
            help="Also report, for each value of this column found on positive pairs, those"
            " positives against all negatives (evaluate.py --by-positive).",
        ),
    ] = None,
) -> None:
    """Score every labelled pair with the default settings; print the error rates."""
    console = Console()
    if meta is not None and by is None:
        raise _fail("--meta needs --by COLUMN")
    try:
        pairs = read_truth(truth)
        groups = read_meta(meta or truth, by) if by is not None else None
        with terminal_progress(err) as progress:
            scored, m = run_benchmark(dataset, pairs, CompareOptions(workers=workers), progress)
        rows = [("all", m)] + (breakdown(scored, groups) if groups is not None else [])
    except (InputError, ValueError) as exc:
        raise _fail(str(exc)) from None
    if scores_out is not None:
        write_scores(scores_out, scored)
    table = Table(title=f"{dataset} ({truth.name})", title_justify="left")
    table.add_column(by or "pairs", no_wrap=True)  # group names stay readable
    for column in ("n", "positive", "ROC AUC", "avg precision", "best F1", "at score >=",
                   "precision", "recall"):
        table.add_column(column)
    for name, g in rows:
        table.add_row(
            name, str(g.pairs), str(g.positives), f"{g.roc_auc:.4f}",
            f"{g.average_precision:.4f}", f"{g.best_f1:.4f}", f"{g.threshold:.4f}",
            f"{g.precision:.4f}", f"{g.recall:.4f}",
        )
    console.print(table)
    if by is not None:
        console.print(
            f"Each {by} row: the positive pairs of that {by} against all negative pairs."
        )
    console.print(
        "score = 1 - (1 - s)(1 - c)(1 - t): s (structure) is the mean of the larger coverage "
        "by matched regions after filtration and the larger order-free structure "
        "containment (definitions a program never reaches left out), c the larger share "
        "of one side's comments found on the other, t the "
        "smaller share of string literals found on the other times s; k-grams in "
        f"more than {COMMON_FRACTION:.0%} of the dataset's works are treated as common, and "
        "its works weight the rarity of k-grams, comments and strings (labels are never used)."
    )


def _report_files(
    result: Result, html: Path | None, pdf: Path | None, legend: str, caption: str
) -> list[Path]:
    """Write the HTML report and/or its PDF print; return the files written."""
    # Imported here: Jinja2 adds to every start of simcheck, and most runs make no report.
    from .render.html import write_html
    from .render.pdf import write_pdf

    written = []
    with tempfile.TemporaryDirectory(prefix="simcheck-") as scratch:
        page = write_html(result, html or Path(scratch) / "report.html", legend, caption)
        if html is not None:
            written.append(page)
        if pdf is not None:
            try:
                written.append(write_pdf(page, pdf))
            except InputError as exc:
                raise _fail(str(exc)) from None
    return written


@app.command()
def report(
    result_json: Annotated[Path, typer.Argument(help="A result JSON written by compare.")],
    html_out: Annotated[
        Path | None, typer.Option("--html", help="Write the HTML report here.")
    ] = None,
    pdf_out: Annotated[
        Path | None, typer.Option("--pdf", help="Print the report to PDF (needs Chromium).")
    ] = None,
    legend: Annotated[str, typer.Option(help="Legend on every page.")] = "",
    caption: Annotated[str, typer.Option(help="Case caption shown in the report.")] = "",
) -> None:
    """Re-render a saved result without re-running the comparison."""
    try:
        result = from_dict(json.loads(result_json.read_text(encoding="utf-8")))
    except OSError as exc:
        raise _fail(f"{result_json}: cannot read ({exc.strerror})") from None
    except ValueError as exc:
        raise _fail(f"{result_json}: {exc}") from None
    if html_out is None and pdf_out is None:
        raise _fail("give --html FILE and/or --pdf FILE")
    _report_files(result, html_out, pdf_out, legend, caption)


@app.command()
def verify(
    manifest: Annotated[Path, typer.Argument(help="A manifest.json written by compare.")],
) -> None:
    """Re-run a comparison from its manifest: PASS only if the inputs and the result are
    identical to those recorded."""
    try:
        problems = verify_manifest(manifest)
    except InputError as exc:
        raise _fail(str(exc)) from None
    if problems:
        for line in problems:
            print(f"FAIL: {line}")
        raise typer.Exit(1)
    print("PASS: inputs and result identical to the manifest")


@app.command()
def languages() -> None:
    """List the languages simcheck parses, with their file extensions."""
    table = Table(title=f"{len(LANGUAGES)} languages (grammars bundled, nothing downloaded)")
    for column in ("name", "language", "extensions", "file names / interpreters"):
        table.add_column(column, overflow="fold")
    for spec in sorted(LANGUAGES, key=lambda s: s.name):
        table.add_row(
            spec.name,
            spec.display,
            " ".join(spec.extensions),
            " ".join(spec.filenames + spec.shebangs),
        )
    console = Console()
    console.print(table)
    suffixes = " ".join(TEMPLATE_SUFFIXES)
    console.print(f"templates: a file named X.EXT plus one of {suffixes} (config.h.in) is read"
                  " as X.EXT", highlight=False, markup=False)
    # A file hitting one of these is compared from the recovered tree, its note says so.
    for spec in sorted(LANGUAGES, key=lambda s: s.name):
        if spec.known_parse_gaps:
            console.print(f"{spec.name}: the grammar reports syntax errors on valid "
                          + "; ".join(spec.known_parse_gaps), highlight=False, markup=False)
    # Hosts of embedded code: which node holds which language (``LanguageSpec.embedded``).
    for spec in sorted(LANGUAGES, key=lambda s: s.name):
        if spec.embedded:
            parts = []
            for e in spec.embedded:
                where = " in ".join((e.node, *e.within))
                chosen = ", ".join(f"{v}={n}" for v, n in e.choices)
                parts.append(f"{where}: {e.language}"
                             + (f" ({e.attribute}: {chosen})" if e.attribute else ""))
            console.print(f"{spec.name} embeds " + "; ".join(parts), highlight=False,
                          markup=False)


def main() -> None:
    # A large comparison keeps millions of objects alive and allocates millions more:
    # with the default thresholds the cyclic collector rescans the live ones hundreds of
    # times (seconds on two Django releases). Little of it is ever cyclic garbage.
    gc.set_threshold(100_000, 50, 100)
    keep_freed_memory()
    try:
        app()
    except KeyboardInterrupt:
        sys.exit(130)


if __name__ == "__main__":
    main()
