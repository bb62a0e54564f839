"""`compare` end to end on real files: copies found with the right line ranges, every
input file accounted for, byte-identical reruns."""

from __future__ import annotations

import csv
import json
import os
import shutil
from dataclasses import replace
from pathlib import Path

import jsonschema
import pytest

from simcheck.compare import compare_paths
from simcheck.errors import InputError
from simcheck.render.csv_out import write_csv
from simcheck.render.html import render_html
from simcheck.result import schema, to_dict, to_json

FIXTURES = Path(__file__).resolve().parent / "fixtures"


def _copy(src: Path, dst_dir: Path, name: str | None = None) -> Path:
    dst_dir.mkdir(parents=True, exist_ok=True)
    target = dst_dir / (name or src.name)
    shutil.copyfile(src, target)
    return target


def _copy_text(target: Path, text: str) -> Path:
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(text, encoding="utf-8")
    return target


def _lines(match, side):
    s = getattr(match, side)
    return (s.start_line, s.end_line)


def test_renamed_and_reordered_python_copy_is_found_with_its_line_ranges(tmp_path, fast_options):
    left = _copy(FIXTURES / "copies/original.py", tmp_path / "a")
    right = _copy(FIXTURES / "copies/renamed.py", tmp_path / "b")
    result = compare_paths(str(left), str(right), fast_options)
    spans = {(_lines(m, "left"), _lines(m, "right")): m for m in result.matches}
    # summarize() (left 21-31) became summarise_samples() (right 4-14), moved to the top
    assert ((21, 31), (4, 14)) in spans
    assert spans[((21, 31), (4, 14))].kind == "renamed"
    # clamp()+fill_rate() (left 4-18) became limit()+pump_rate() (right 17-30)
    assert ((4, 18), (17, 30)) in spans
    assert result.left.coverage.fraction > 0.85


def test_reformatted_c_copy_is_classified_reformatted(tmp_path, fast_options):
    left = _copy(FIXTURES / "copies/reformatted.c", tmp_path / "a")
    right = _copy(FIXTURES / "copies/reformatted_copy.c", tmp_path / "b")
    result = compare_paths(str(left), str(right), fast_options)
    assert [(_lines(m, "left"), _lines(m, "right"), m.kind) for m in result.matches] == [
        ((2, 13), (3, 8), "reformatted")
    ]
    assert result.matches[0].literal_similarity == 1.0


def test_constants_extracted_in_the_file_stand_for_their_literals(fast_options):
    # policy.py is retry.py with literals moved into named constants declared above it.
    left = FIXTURES / "extracted" / "retry.py"
    right = FIXTURES / "extracted" / "policy.py"
    (match,) = compare_paths(str(left), str(right), fast_options).matches
    assert (match.left.start_line, match.left.end_line) == (4, 15)
    assert (match.right.start_line, match.right.end_line) == (8, 19)
    assert len(match.segments) == 1


def test_a_copy_cut_short_by_imported_constants_is_followed_to_its_end(fast_options):
    # policy_imported.py imports the constants: they are names here, so its last
    # statement survives only as a 12-token run, found beside the longer run before it.
    left = FIXTURES / "extracted" / "retry.py"
    right = FIXTURES / "extracted" / "policy_imported.py"
    result = compare_paths(str(left), str(right), fast_options)
    assert result.settings.extend_min_tokens == 10
    (match,) = result.matches
    assert (match.left.end_line, match.right.end_line) == (14, 16)
    assert match.segments[-1].tokens < fast_options.match.min_tokens
    off = replace(fast_options, match=replace(fast_options.match, extend_min_tokens=0))
    (short,) = compare_paths(str(left), str(right), off).matches
    assert (short.left.end_line, short.right.end_line) == (13, 15)


PDU_PY = """import struct


def request(address, values):
    pdu = struct.pack(">BHHB", {code}, address, len(values), 2 * len(values))
    return pdu
{tail}"""


@pytest.mark.parametrize(("left_code", "counted"), [("FC_WRITE", True), ("16", False)])
def test_a_match_must_reach_the_minimum_without_tokens_agreeing_through_a_constant(
        tmp_path, fast_options, left_code, counted):
    # The right side names function code 16 FC_WRITE. The match is set exactly at the
    # minimum size: against the same name it counts; against the bare literal 16 it agrees
    # there only through the constant, and is one token short of the minimum.
    tail = "\n\nFC_WRITE = 16\n"
    left = _copy_text(tmp_path / "a" / "a.py", PDU_PY.format(
        code=left_code, tail=tail if left_code == "FC_WRITE" else ""))
    right = _copy_text(tmp_path / "b" / "b.py", PDU_PY.format(code="FC_WRITE", tail=tail))
    (found,) = compare_paths(str(left), str(right), fast_options).matches
    options = replace(fast_options, filtration=replace(fast_options.filtration,
                                                       min_tokens=found.tokens))
    match = next(m for m in compare_paths(str(left), str(right), options).matches
                 if m.left.start_line <= 4 <= m.left.end_line)
    assert (match.filter.classification == "none") is counted
    if not counted:
        assert "agree only through a named constant" in match.filter.evidence[0].note


MAP_JS = """export default function map(arr, fn) {{
    var res = [],
        i,
        arrLen = arr.length;
{loop}
    return res;
}}
"""


def test_files_sharing_only_runs_shorter_than_the_guarantee_are_still_compared(
        tmp_path, fast_options):
    # The for loop became a while loop: the copy keeps a 24-token run (shorter than the
    # winnowing guarantee, so it may share no winnowed fingerprint) and a 17-token one.
    for_loop = "    for (i = 0; i < arrLen; ++i) {\n        res.push(fn(arr[i], i));\n    }"
    while_loop = ("    i = 0;\n    while (i < arrLen) {\n        res.push(fn(arr[i], i));\n"
                  "        ++i;\n    }")
    left = _copy_text(tmp_path / "a" / "map.js", MAP_JS.format(loop=for_loop))
    right = _copy_text(tmp_path / "b" / "collect.js", MAP_JS.format(loop=while_loop))
    (match,) = compare_paths(str(left.parent), str(right.parent), fast_options).matches
    assert (match.left.start_line, match.left.end_line) == (1, 6)
    assert (match.right.start_line, match.right.end_line) == (1, 7)
    assert match.filter.classification == "none"


def test_identical_files_are_verbatim_and_fully_covered(tmp_path, fast_options):
    left = _copy(FIXTURES / "copies/original.py", tmp_path / "a")
    right = _copy(FIXTURES / "copies/original.py", tmp_path / "b", "copy.py")
    result = compare_paths(str(left.parent), str(right.parent), fast_options)
    assert [m.kind for m in result.matches] == ["verbatim"]
    assert result.left.coverage.fraction == 1.0 and result.right.coverage.fraction == 1.0
    assert result.file_pairs[0].left == "original.py" and result.file_pairs[0].right == "copy.py"


def test_two_runs_give_byte_identical_json(tmp_path, fast_options):
    a = _copy(FIXTURES / "copies/original.py", tmp_path / "a")
    _copy(FIXTURES / "copies/reformatted.c", tmp_path / "a")
    b = _copy(FIXTURES / "copies/renamed.py", tmp_path / "b")
    _copy(FIXTURES / "copies/reformatted_copy.c", tmp_path / "b")
    first = to_json(compare_paths(str(a.parent), str(b.parent), fast_options))
    second = to_json(compare_paths(str(a.parent), str(b.parent), fast_options))
    assert first == second
    assert str(tmp_path) not in first  # no absolute paths in the body


def test_result_validates_against_the_shipped_schema(tmp_path, fast_options):
    a = _copy(FIXTURES / "copies/original.py", tmp_path / "a")
    b = _copy(FIXTURES / "copies/renamed.py", tmp_path / "b")
    data = to_dict(compare_paths(str(a.parent), str(b.parent), fast_options))
    jsonschema.validate(data, schema())
    assert json.loads(json.dumps(data)) == data


def test_a_file_whose_parse_hangs_is_still_compared(tmp_path, fast_options):
    # The bundled COBOL grammar never returns on the one-byte input "x".
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    (tmp_path / "a" / "hang.cob").write_text("x")
    (tmp_path / "b" / "hang.cob").write_text("x")
    result = compare_paths(str(tmp_path / "a"), str(tmp_path / "b"), fast_options)
    entries = {(f.side, f.path): f for f in result.files}
    entry = entries[("left", "hang.cob")]
    assert entry.status == "compared"
    assert entry.tokenizer == "lexical"
    assert "exceeded" in (entry.reason or "")


def test_a_file_the_grammar_cannot_parse_is_compared_and_matched(tmp_path, fast_options):
    broken = "def f(:\n    return ((((\n" + (FIXTURES / "copies/original.py").read_text()
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "broken.py").write_text(broken)
    b = _copy(FIXTURES / "copies/original.py", tmp_path / "b")
    result = compare_paths(str(tmp_path / "a"), str(b.parent), fast_options)
    assert result.files[0].status == "compared"
    assert result.matches, "the intact part of the broken file must still match"


def test_empty_inputs_give_an_empty_result(tmp_path, fast_options):
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "empty.c").write_text("")
    result = compare_paths(str(tmp_path / "a"), str(tmp_path / "b"), fast_options)
    assert result.matches == [] and result.file_pairs == [] and result.similarity == 0.0
    assert [(f.path, f.status, f.tokens) for f in result.files] == [("empty.c", "compared", 0)]
    # Both inputs are empty, each in its own way: the reader is told which and why.
    left, right = result.warnings
    assert left.startswith("the left input ") and "'a' holds no files" in left
    assert right.startswith("the right input ")
    assert "'b' holds no file that can be compared" in right
    assert "0 by construction" in left


def test_an_input_whose_files_were_all_skipped_is_warned_of(tmp_path, fast_options):
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "firmware.bin").write_bytes(bytes(range(256)) * 8)
    b = _copy(FIXTURES / "copies/original.py", tmp_path / "b")
    result = compare_paths(str(tmp_path / "a"), str(b.parent), fast_options)
    (warning,) = result.warnings
    assert warning.startswith("the left input ")
    assert "holds no file that can be compared: its 1 file(s) were all skipped or failed" in warning
    jsonschema.validate(json.loads(to_json(result)), schema())
    # An input with something to compare gets no warning.
    assert compare_paths(str(b.parent), str(b.parent), fast_options).warnings == []


def test_binaries_are_skipped_and_listed(tmp_path, fast_options):
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "firmware.bin").write_bytes(bytes(range(256)) * 8)
    b = _copy(FIXTURES / "copies/original.py", tmp_path / "b")
    result = compare_paths(str(tmp_path / "a"), str(b.parent), fast_options)
    entry = next(f for f in result.files if f.path == "firmware.bin")
    assert entry.status == "skipped" and "binary" in (entry.reason or "")
    assert entry.sha256 is not None and len(entry.sha256) == 64


def test_an_unreadable_file_is_listed_as_failed(tmp_path, fast_options, monkeypatch):
    (tmp_path / "a").mkdir()
    bad = tmp_path / "a" / "locked.py"
    bad.write_text("x = 1\n")
    good = _copy(FIXTURES / "copies/original.py", tmp_path / "a")
    real_os_open = os.open

    def deny(path, *args, **kwargs):
        # Root can read a chmod-000 file, so deny at the OS call for this one path.
        if os.fspath(path) == str(bad):
            raise PermissionError(13, "Permission denied", os.fspath(path))
        return real_os_open(path, *args, **kwargs)

    monkeypatch.setattr(os, "open", deny)
    result = compare_paths(str(bad.parent), str(good.parent), fast_options)
    entry = next(f for f in result.files if f.side == "left" and f.path == "locked.py")
    assert entry.status == "failed" and "permission" in (entry.reason or "").lower()
    assert any(f.path == "original.py" and f.status == "compared" for f in result.files)


def test_a_missing_input_is_an_input_error(tmp_path, fast_options):
    with pytest.raises(InputError, match="no such file"):
        compare_paths(str(tmp_path / "nope"), str(tmp_path), fast_options)


def _zip(entries: dict[str, bytes]) -> bytes:
    import io
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in entries.items():
            z.writestr(name, data)
    return buffer.getvalue()


def test_archives_are_compared_member_by_member_and_a_broken_member_loses_nothing_else(
    tmp_path, fast_options
):
    original = (FIXTURES / "copies/original.py").read_bytes()
    inner = _zip({"src/level.py": original})
    (tmp_path / "delivery.zip").write_bytes(
        _zip({"vendor/inner.zip": inner, "broken.zip": b"PK\x03\x04 not really a zip"})
    )
    b = _copy(FIXTURES / "copies/renamed.py", tmp_path / "b")
    result = compare_paths(str(tmp_path / "delivery.zip"), str(b.parent), fast_options)
    entries = {f.path: f for f in result.files if f.side == "left"}
    assert entries["vendor/inner.zip!/src/level.py"].status == "compared"
    assert entries["broken.zip"].status == "failed"
    assert "corrupt" in (entries["broken.zip"].reason or "")
    assert {m.left.path for m in result.matches} == {"vendor/inner.zip!/src/level.py"}
    assert result.left.kind == "archive"



def test_match_columns_locate_the_matched_text_exactly_on_a_long_line(
    one_line_copy, fast_options
):
    left, right = one_line_copy
    result = compare_paths(str(left), str(right), fast_options)
    assert result.matches
    for match in result.matches:
        for side, path in ((match.left, left), (match.right, right)):
            matched = path.read_bytes()[side.start_byte : side.end_byte].decode("utf-8")
            # The text starts text_cut_before characters into the line (one line here).
            start = side.start_column - 1 - side.text_cut_before
            end = side.end_column - side.text_cut_before
            assert side.text[start:end] == matched
            assert "int moving_average" in matched and len(matched) < 250
            assert side.start_column > 2000 and side.start_line == side.end_line


def test_equally_similar_file_pairs_list_the_larger_first(tmp_path, fast_options):
    # pybind11 2.11.1 against 2.12.0: the summary's "top file pairs" were LICENSE and a
    # 6-line MANIFEST.in (100% alike, first by name) while 2,000-line headers came later.
    small = "def add(a, b):\n    total = a + b\n    return total * 2 + len(str(a)) - 1\n"
    large = "".join(
        f"def f{i}(x, y):\n    z = x * {i} + y\n    return [z, x - y, str(z) + 'k{i}']\n"
        for i in range(30)
    )
    for side in ("a", "b"):
        (tmp_path / side).mkdir()
        (tmp_path / side / "a_small.py").write_text(small)
        (tmp_path / side / "z_large.py").write_text(large)
    result = compare_paths(str(tmp_path / "a"), str(tmp_path / "b"), fast_options)
    assert [p.similarity for p in result.file_pairs] == [1.0, 1.0]
    assert [p.left for p in result.file_pairs] == ["z_large.py", "a_small.py"]


def test_byte_identical_files_too_small_to_match_are_listed_not_counted(tmp_path, fast_options):
    # A one-line package __init__.py is the same bytes on both sides, but 6 tokens are
    # below the minimum match: before, nothing in the result said the two were identical.
    stub = "from .pump import drain\n"
    for side, name in (("a", "original.py"), ("b", "renamed.py")):
        _copy(FIXTURES / "copies" / name, tmp_path / side / "pkg")
        _copy_text(tmp_path / side / "pkg" / "__init__.py", stub)
        _copy_text(tmp_path / side / "pkg" / "empty.py", "")
        _copy_text(tmp_path / side / "pkg" / "blank.py", "\n\n")
        _copy_text(tmp_path / side / f"only_{side}.py", f"import {side}\n")
    _copy_text(tmp_path / "b" / "vendor_init.py", stub)  # a second right copy
    result = compare_paths(str(tmp_path / "a"), str(tmp_path / "b"), fast_options)
    (group,) = result.identical_files
    assert (group.left, group.right) == (["pkg/__init__.py"],
                                         ["pkg/__init__.py", "vendor_init.py"])
    assert group.size == len(stub) and 0 < group.tokens < result.settings.min_match_tokens
    listed = {p for p in group.left + group.right}
    assert not [p for p in result.file_pairs if {p.left, p.right} & listed]
    assert result.file_pairs  # the real code still pairs
    jsonschema.validate(to_dict(result), schema())
    page = render_html(result)
    assert 'id="identical-files"' in page and "vendor_init.py" in page
    written = write_csv(result, tmp_path / "csv")
    with (tmp_path / "csv" / "identical_files.csv").open(newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    assert tmp_path / "csv" / "identical_files.csv" in written
    assert [(r["sha256"], r["left_files"], r["right_files"]) for r in rows] == [
        (group.sha256, "pkg/__init__.py", "pkg/__init__.py\nvendor_init.py")]


def test_compiled_files_skipped_as_binary_are_warned_of(tmp_path, fast_options):
    # Debian's libandroid-json-java against libjson-java: every class of both jars was
    # 'skipped: binary file' and the overall figure read 0.4% (two Debian control files
    # and changelogs), with no word that the code itself was never compared.
    import zipfile

    b = _copy(FIXTURES / "copies/original.py", tmp_path / "b")
    a = _copy(FIXTURES / "copies/original.py", tmp_path / "a")
    magic = b"\xca\xfe\xba\xbe\x00\x00\x00\x34" + bytes(range(256)) * 4
    with zipfile.ZipFile(a.parent / "json.jar", "w") as jar:
        jar.writestr("org/json/JSONObject.class", magic)
        jar.writestr("org/json/JSONArray.class", magic[:-1])
    (a.parent / "libjni.so.1.2").write_bytes(b"\x7fELF" + bytes(range(256)) * 4)
    result = compare_paths(str(a.parent), str(b.parent), fast_options)
    (warning,) = result.warnings
    assert warning.startswith("the left input ")
    assert "holds 3 compiled file(s) (2 .class, 1 .so) skipped as binary" in warning
    jsonschema.validate(json.loads(to_json(result)), schema())
