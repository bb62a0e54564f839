"""The inputs' file hashes read afresh after a run, to check that the evidence did not
change under it (ingest only; nothing is compared).

Run in a worker process while the outputs are written: this module imports no more than
ingesting needs (the worker imports it before starting)."""

from __future__ import annotations

from typing import Any

from simcheck.ingest import ingest
from simcheck.ingest.model import IngestOptions


def rehash_inputs(left: str, right: str, options: IngestOptions) -> list[dict[str, Any]]:
    """Per input file (both sides): its side, path and SHA-256, read now."""
    rows = []
    for side, given in (("left", left), ("right", right)):
        for f in ingest(given, options).files:
            rows.append({"side": side, "path": f.path, "sha256": f.sha256})
    return rows
