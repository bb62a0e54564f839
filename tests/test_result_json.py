"""The result's JSON written in pieces is exactly the JSON text, with its SHA-256."""

from __future__ import annotations

import hashlib
import io
import json

from simcheck.compare import compare_paths
from simcheck.result import to_json, write_json


def test_streamed_json_is_the_json_text_and_its_digest(tmp_path, fast_options, monkeypatch):
    # Non-ASCII text in matches, and one piece per block: many blocks.
    monkeypatch.setattr("simcheck.result._BLOCK_PIECES", 1)
    code = "def größe(x):\n    # Maß für Länge\n    return [x * i for i in range(10) if i % 2]\n"
    for side in ("a", "b"):
        (tmp_path / side).mkdir()
        (tmp_path / side / "m.py").write_text(code * 3, encoding="utf-8")
    result = compare_paths(str(tmp_path / "a"), str(tmp_path / "b"), fast_options)
    assert result.matches and "größe" in result.matches[0].left.text
    text = to_json(result).encode("utf-8")
    stream = io.BytesIO()
    digest = write_json(result, stream)
    assert stream.getvalue() == text
    assert digest == write_json(result) == hashlib.sha256(text).hexdigest()
    assert json.loads(text)["matches"][0]["id"] == result.matches[0].id

