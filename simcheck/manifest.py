"""The run manifest: everything needed to reproduce a comparison and to show that the
evidence did not change while it ran. Clock times and absolute paths live here, never in
the result."""

from __future__ import annotations

import hashlib
import json
import platform
from collections.abc import Mapping
from dataclasses import asdict, fields, replace
from datetime import datetime, timezone
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Any

from fingerprints.fileprint import FingerprintSettings

from .compare import CompareOptions, compare_paths
from .documents.align import AlignSettings
from .documents.settings import DocumentSettings
from .errors import InputError
from .filter.corpus import label_of
from .filter.options import FilterOptions
from .ingest.model import IngestOptions
from .match.align import MatchSettings
from .result import Result, write_json

MANIFEST_VERSION = "1.0.0"
PACKAGES = (
    "simcheck", "tree-sitter", "tree-sitter-language-pack", "numpy", "xxhash", "datasketch",
    "rapidfuzz", "pathspec", "charset-normalizer", "py7zr", "typer", "rich", "pyarrow",
    "pdfplumber", "pdfminer.six", "lxml", "markdown-it-py", "docutils", "pyspellchecker",
)


def utc_now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _versions() -> dict[str, str]:
    found = {"python": platform.python_version()}
    for name in PACKAGES:
        try:
            found[name] = version(name)
        except PackageNotFoundError:
            found[name] = "not installed"
    return found


def _input_record(given: str) -> dict[str, Any]:
    path = Path(given).resolve()
    return {
        "given": given,
        "absolute": str(path),
        "sha256": sha256_file(path) if path.is_file() else None,  # an archive or single file
    }


def file_hashes(result: Result) -> list[dict[str, Any]]:
    return [
        {"side": f.side, "path": f.path, "sha256": f.sha256, "size": f.size, "status": f.status}
        for f in result.files
    ]


def options_to_dict(options: CompareOptions) -> dict[str, Any]:
    if options.common is not None:
        raise ValueError("runs with a reference corpus cannot be recorded yet")
    data = asdict(options)
    data.pop("common")
    cache = data["filtration"].get("cache_dir")
    if cache:
        # Where this run kept it, so that ``verify`` run from elsewhere uses the same cache
        # rather than creating one under its own working directory.
        data["filtration"]["cache_dir"] = str(Path(cache).resolve())
    return data


def options_from_dict(data: dict[str, Any]) -> CompareOptions:
    def build(cls: type, values: dict[str, Any]) -> Any:
        kwargs = {}
        for f in fields(cls):
            if f.name in values:
                value = values[f.name]
                kwargs[f.name] = tuple(value) if isinstance(value, list) else value
        return cls(**kwargs)

    documents = dict(data.get("documents", {}))
    align = build(AlignSettings, documents.pop("align", {}))
    return CompareOptions(
        fingerprint=build(FingerprintSettings, data["fingerprint"]),
        match=build(MatchSettings, data["match"]),
        ingest=build(IngestOptions, data["ingest"]),
        candidate_max_file_frequency=data["candidate_max_file_frequency"],
        workers=data["workers"],
        exhibit_prefix=data.get("exhibit_prefix", "M"),
        chance_reference=data.get("chance_reference"),
        chance_label=data.get("chance_label"),
        documents=replace(build(DocumentSettings, documents), align=align),
        filtration=build(FilterOptions, data.get("filtration", {})),
    )


def _reference_records(options: CompareOptions) -> list[dict[str, Any]]:
    """The base and excluded corpora as given and where they were on this machine."""
    fo = options.filtration
    given = ([fo.base] if fo.base else []) + list(fo.corpora)
    labels = list(fo.labels) or [label_of(g) for g in given]
    return [
        {"given": g, "label": label, "absolute": str(Path(g).resolve())}
        for g, label in zip(given, labels, strict=True)
    ]


def _rerun_options(options: CompareOptions, references: list[dict[str, Any]]) -> CompareOptions:
    """``options`` reading the references from where the manifest says they were, under
    the names the original run gave them (the result must come out identical)."""
    fo = options.filtration
    if not references:
        return options
    paths = [r["absolute"] for r in references]
    has_base = fo.base is not None
    return replace(options, filtration=replace(
        fo,
        base=paths[0] if has_base else None,
        corpora=tuple(paths[1:] if has_base else paths),
        labels=tuple(r["label"] for r in references),
    ))


def build_manifest(
    left: str,
    right: str,
    options: CompareOptions,
    result: Result,
    result_sha256: str,
    outputs: list[Path],
    started: str,
    written_sha256: Mapping[Path, str] | None = None,
    stage_seconds: Mapping[str, float] | None = None,
) -> dict[str, Any]:
    """``result_sha256``: of the result's JSON (``write_json`` returns it);
    ``written_sha256``: digests of outputs hashed as they were written (the others are
    read back and hashed here)."""
    written = written_sha256 or {}
    manifest = {
        "manifest_version": MANIFEST_VERSION,
        "versions": _versions(),
        "inputs": {
            "left": _input_record(left),
            "right": _input_record(right),
            **(
                {"chance_reference": _input_record(options.chance_reference)}
                if options.chance_reference is not None else {}
            ),
        },
        "references": _reference_records(options),
        "options": options_to_dict(options),
        "files": file_hashes(result),
        "result_sha256": result_sha256,
        "outputs": {str(p): written.get(p) or sha256_file(p) for p in outputs},
        "started_utc": started,
        "finished_utc": utc_now(),
    }
    if stage_seconds:
        manifest["stage_seconds"] = dict(stage_seconds)  # wall clock, for speed reports
    return manifest


def write_manifest(path: Path, manifest: dict[str, Any]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(manifest, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


def changed_inputs(before: list[dict[str, Any]], after: list[dict[str, Any]]) -> list[str]:
    """Every input file whose presence or SHA-256 differs, named, in a stable order."""
    old = {(f["side"], f["path"]): f["sha256"] for f in before}
    new = {(f["side"], f["path"]): f["sha256"] for f in after}
    problems = []
    for key in sorted(old.keys() | new.keys()):
        side, path = key
        if key not in new:
            problems.append(f"{side} input {path}: missing")
        elif key not in old:
            problems.append(f"{side} input {path}: not in the manifest")
        elif old[key] != new[key]:
            problems.append(f"{side} input {path}: SHA-256 changed")
    return problems


def verify(manifest_path: Path) -> list[str]:
    """Re-run the comparison a manifest records; return what differs (empty = PASS)."""
    try:
        manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise InputError(f"{manifest_path}: not a readable manifest ({exc})") from exc
    if manifest.get("manifest_version") != MANIFEST_VERSION:
        raise InputError(
            f"{manifest_path}: manifest version {manifest.get('manifest_version')!r}, "
            f"this simcheck reads {MANIFEST_VERSION}"
        )
    left = manifest["inputs"]["left"]["absolute"]
    right = manifest["inputs"]["right"]["absolute"]
    problems = []
    for record in manifest.get("references", []):
        if not Path(record["absolute"]).exists():
            problems.append(f"reference {record['absolute']}: missing")
    for side, record in manifest["inputs"].items():
        path = Path(record["absolute"])
        if not path.exists():
            problems.append(f"{side} input {record['absolute']}: missing")
        elif record["sha256"] is not None and sha256_file(path) != record["sha256"]:
            problems.append(f"{side} input {record['absolute']}: SHA-256 changed")
    if problems:
        return problems
    options = options_from_dict(manifest["options"])
    if "chance_reference" in manifest["inputs"]:
        record = manifest["inputs"]["chance_reference"]
        options = replace(
            options,
            chance_reference=record["absolute"],
            chance_label=options.chance_label or record["given"],
        )
    options = _rerun_options(options, manifest.get("references", []))
    labels = (manifest["inputs"]["left"]["given"], manifest["inputs"]["right"]["given"])
    result = compare_paths(left, right, options, labels=labels)
    problems = changed_inputs(manifest["files"], file_hashes(result))
    if write_json(result) != manifest["result_sha256"]:
        problems.append("result differs from the recorded one (SHA-256 of the result JSON)")
    return problems
