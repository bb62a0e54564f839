"""Extraction of each document format into blocks with their coordinates, and what
happens to documents that cannot be read: failed or skipped with a reason, the run goes
on."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from docx import Document as DocxDocument
from docx.enum.text import WD_BREAK
from PIL import Image
from pypdf import PdfWriter

from simcheck.compare import compare_paths
from simcheck.documents.extract import extract_binary, extract_from_text
from simcheck.documents.formats import document_format, is_document
from simcheck.documents.model import ExtractionError

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "documents"
MANUAL_PDF = (Path(__file__).resolve().parent.parent / "samples" / "manuals" / "original"
              / "NPC-200_Operating_Manual.pdf")


def _blocks(name: str, fmt: str) -> list[tuple[str, str, int | None]]:
    text = (FIXTURES / name).read_text(encoding="utf-8")
    doc = extract_from_text(fmt, text, "utf-8")
    return [(b.kind, b.text, b.line_start) for b in doc.blocks]


def test_markdown_blocks_keep_their_file_lines():
    blocks = _blocks("guide.md", "markdown")
    assert blocks[0] == ("heading", "Pump Guide", 1)
    assert blocks[1] == ("paragraph", "The pump moves water from the tank to the mixer. It runs"
                         " only when the level switch is closed.", 3)
    assert ("list_item", "Connect the motor to terminals 5 and 6.", 8) in blocks
    assert ("table_row", "Fuse | 2 A slow", 13) in blocks
    assert ("code", "code block line", 16) in blocks


def test_restructuredtext_keeps_titles_paragraphs_and_tables_but_not_parser_messages():
    blocks = _blocks("guide.rst", "rst")
    assert blocks[0] == ("heading", "Pump Guide", 1)
    assert ("paragraph", "The pump moves water from the tank to the mixer. It runs only when"
            " the level switch is closed.", 4) in blocks
    assert ("heading", "Wiring", 7) in blocks
    assert ("table_row", "Fuse | 2 A slow", 17) in blocks
    assert not any("automodule" in text or "Unknown" in text for _, text, _ in blocks)


def test_html_skips_scripts_and_styles_and_reads_tables_and_captions():
    blocks = _blocks("guide.html", "html")
    texts = [text for _, text, _ in blocks]
    assert not any("secret" in t or "color" in t for t in texts)
    assert ("heading", "Pump Guide", 5) in blocks
    assert ("caption", "Table 1: Fuses", 10) in blocks
    assert ("table_row", "Fuse | 2 A slow", 12) in blocks
    assert blocks[1][0] == "paragraph" and blocks[1][2] == 6


def test_a_man_page_is_read_without_roff_markup():
    blocks = _blocks("pump.1", "man")
    texts = [text for _, text, _ in blocks]
    assert ("heading", "DESCRIPTION", 5) in blocks
    assert "pump moves water from the tank to the mixer. It runs only when the level switch" \
           " is closed." in texts
    assert "Use --dry to test without water." in texts
    assert not any("\\f" in t or ".TH" in t for t in texts)


def test_plain_text_pages_lose_running_headers_and_page_numbers_and_say_so():
    doc = extract_from_text("text", (FIXTURES / "guide.txt").read_text(), "utf-8")
    texts = [b.text for b in doc.blocks]
    assert doc.pages == 3
    assert not any("rev 2" in t or t.startswith("Page") for t in texts)
    assert "The pump moves water from the tank to the mixer. It runs only when the level" \
           " switch is closed. The installation takes ten minutes." in texts
    log = {e.rule: e for e in doc.log}
    assert log["running header removed"].count == 2
    assert log["page number removed"].count == 2
    assert log["end-of-line hyphenation joined"].examples == ("instal-|lation",)
    assert doc.blocks[0].kind == "heading"


def test_a_pdf_keeps_pages_headings_tables_and_logs_what_was_removed():
    with MANUAL_PDF.open("rb") as f:
        doc = extract_binary("pdf", f, 1 << 30)
    assert doc.pages == 13
    headings = [b for b in doc.blocks if b.kind == "heading"]
    assert any(b.text == "2.1 Specifications" and b.page == 3 for b in headings)
    rows = [b for b in doc.blocks if b.kind == "table_row" and b.table == 0]
    assert rows[1].cells == ("Supply voltage", "24 V DC, -15 % to +20 %")
    assert all(b.line_start is not None for b in doc.blocks)
    log = {e.rule: e.count for e in doc.log}
    assert log["running header removed"] == 13 and log["page number removed"] == 13
    assert log["ligature expanded"] > 0
    assert not any("Page " in b.text and " of 13" in b.text for b in doc.blocks)


def _docx(path: Path) -> Path:
    d = DocxDocument()
    d.add_paragraph("Pump Manual", style="Title")
    d.add_heading("1 Wiring", level=1)
    d.add_paragraph("Connect the motor to terminals 5 and 6 before the \u201cfirst\u201d start.")
    p = d.add_paragraph("The fuse is fitted in the factory.")
    p.add_run().add_break(WD_BREAK.PAGE)
    h = d.add_heading("2 Service", level=1)
    h.paragraph_format.page_break_before = False
    d.add_paragraph("Table 1: Fuses", style="Caption")
    t = d.add_table(rows=2, cols=2)
    for row, values in zip(t.rows, (("Item", "Value"), ("Fuse", "2 A slow")), strict=True):
        for cell, v in zip(row.cells, values, strict=True):
            cell.text = v
    d.add_paragraph("Replace the fil\u00adter yearly.")
    d.sections[0].header.paragraphs[0].text = "Pump Manual rev 1"
    d.save(str(path))
    return path


def test_a_docx_keeps_styles_tables_explicit_pages_and_logs_its_header(tmp_path):
    with _docx(tmp_path / "m.docx").open("rb") as f:
        doc = extract_binary("docx", f, 1 << 30)
    kinds = [(b.kind, b.text, b.page) for b in doc.blocks]
    assert kinds[0] == ("heading", "Pump Manual", 1)
    assert ("heading", "1 Wiring", 1) in kinds
    assert ("heading", "2 Service", 2) in kinds
    assert ("caption", "Table 1: Fuses", 2) in kinds
    assert ("table_row", "Fuse | 2 A slow", 2) in kinds
    assert ("paragraph", "Replace the filter yearly.", 2) in kinds
    assert doc.pages == 2 and doc.line_basis is None
    rules = {e.rule: e for e in doc.log}
    assert rules["running header removed"].examples == ("Pump Manual rev 1",)
    assert rules["soft hyphen removed"].count == 1
    assert rules["curly quote straightened"].count == 2


def _encrypted_pdf(path: Path) -> Path:
    writer = PdfWriter(clone_from=str(MANUAL_PDF))
    writer.encrypt(user_password="secret", owner_password="owner")
    with path.open("wb") as f:
        writer.write(f)
    return path


def _scanned_pdf(path: Path) -> Path:
    Image.new("RGB", (200, 280), "white").save(path, "PDF")
    return path


@pytest.mark.parametrize(
    ("name", "make", "status", "reason"),
    [
        ("locked.pdf", _encrypted_pdf, "failed", "encrypted PDF (password required)"),
        ("scan.pdf", _scanned_pdf, "skipped", "no text layer on any of its 1 pages"),
        ("broken.pdf", lambda p: p.write_bytes(b"%PDF-1.4\nnot really a pdf") or p,
         "failed", "corrupt PDF"),
        ("broken.docx", lambda p: p.write_bytes(b"PK\x03\x04 truncated") or p,
         "failed", "corrupt DOCX: not a readable zip package"),
        ("locked.docx", lambda p: p.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600))
         or p, "failed", "encrypted (password-protected) or legacy Word file"),
        ("empty.docx", lambda p: zipfile.ZipFile(p, "w").close() or p,
         "failed", "not a Word document"),
    ],
)
def test_unreadable_documents_are_reported_and_the_run_goes_on(tmp_path, name, make, status,
                                                                reason):
    left, right = tmp_path / "left", tmp_path / "right"
    left.mkdir()
    right.mkdir()
    make(left / name)
    (left / "guide.md").write_text((FIXTURES / "guide.md").read_text())
    (right / "copy.md").write_text((FIXTURES / "guide.md").read_text())
    result = compare_paths(str(left), str(right))
    entry = next(f for f in result.files if f.path == name)
    assert entry.status == status and entry.reason.startswith(reason)
    assert result.matches  # the readable documents were still compared


def test_a_scanned_pdf_says_so_rather_than_comparing_nothing(tmp_path):
    with _scanned_pdf(tmp_path / "scan.pdf").open("rb") as f, pytest.raises(ExtractionError) as e:
        extract_binary("pdf", f, 1 << 30)
    assert "OCR is not performed" in e.value.reason and e.value.status == "skipped"


def test_the_encoding_of_a_legacy_text_document_is_detected_and_recorded(tmp_path):
    text = "Der Schalter schließt, während die Pumpe läuft. Größe und Gewicht sind gleich.\n"
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    (tmp_path / "a" / "notes.txt").write_bytes(text.encode("cp1252"))
    (tmp_path / "b" / "notes.txt").write_bytes(text.encode("utf-8"))
    result = compare_paths(str(tmp_path / "a"), str(tmp_path / "b"))
    encodings = {f.side: f.encoding for f in result.files}
    assert encodings == {"left": "cp1252", "right": "utf-8"}
    assert result.documents.left.fraction == 1.0
    info = next(i for i in result.documents.documents if i.side == "left")
    assert "read as cp1252" in info.notes


def test_documents_inside_archives_are_extracted(tmp_path):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as z:
        z.write(MANUAL_PDF, "docs/manual.pdf")
        z.writestr("docs/guide.md", (FIXTURES / "guide.md").read_text())
    (tmp_path / "bundle.zip").write_bytes(buffer.getvalue())
    result = compare_paths(str(tmp_path / "bundle.zip"), str(MANUAL_PDF))
    entry = next(f for f in result.files if f.path == "docs/manual.pdf")
    assert entry.status == "compared" and entry.language == "pdf"
    assert result.documents.right.fraction > 0.99  # all but a lone two-word heading


def test_file_names_route_to_the_text_pipeline_by_mode():
    assert document_format("a.zip!/docs/Manual.PDF") == "pdf"
    assert document_format("man/ls.1") == "man"
    assert document_format("README") == "text"
    assert document_format("src/main.c") is None
    assert is_document("src/main.c", "text") and not is_document("guide.md", "code")
    assert is_document("guide.md", "auto") and not is_document("main.c", "auto")


GPL_NOTICE = """\
    This program is free software; you can redistribute it and/or modify
    it under the terms of the GNU General Public License as published by
    the Free Software Foundation; either version 2 of the License, or
    (at your option) any later version.
"""


def test_licence_files_named_after_their_licence_are_prose(tmp_path):
    # MySQL-python 1.2.5 against mysqlclient 1.3.14: the left's GPL-2.0 was read as code
    # (3,147 lexical tokens), so its text was not compared with the right's LICENSE, and
    # "This program is free software; ..." was listed as commented-out code (a comment of
    # the right's _mysql.c).
    for name in ("GPL-2.0", "LGPL-2.1", "Apache-2.0", "LICENSE-MIT", "LICENSE.APACHE2",
                 "COPYING.LIB", "BSD-3-Clause"):
        assert document_format(f"pkg/{name}") == "text", name
    for name in ("license.go", "copying.c", "mit.c", "install-sh", "gpl.py"):
        assert document_format(f"pkg/{name}") is None, name
    assert document_format("man/git-log.1") == "man"
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    (tmp_path / "a" / "GPL-2.0").write_text(GPL_NOTICE * 3)
    (tmp_path / "b" / "LICENSE").write_text(GPL_NOTICE * 3)
    (tmp_path / "b" / "mod.c").write_text(
        "/*\n" + GPL_NOTICE + "*/\nint add(int a, int b) { return a + b; }\n")
    result = compare_paths(str(tmp_path / "a"), str(tmp_path / "b"))
    entry = next(f for f in result.files if f.path == "GPL-2.0")
    assert entry.tokenizer == "words"
    assert result.documents.left.fraction > 0.99
    assert not [a for a in result.code_anomalies if a.kind == "commented-out code"]


def test_cmake_build_script_is_code_though_named_txt():
    # react-native-svg 15.2.0's android/src/main/jni/CMakeLists.txt was read as a manual.
    assert document_format("android/src/main/jni/CMakeLists.txt") is None
    assert not is_document("pkg.tgz!/jni/CMakeLists.txt", "auto")
    assert document_format("docs/lists.txt") == "text"


DEBIAN_COPYRIGHT = """\
Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/
Source: https://github.com/satori/go.uuid
Upstream-Name: go.uuid

Files: *
Copyright: 2013-2016 Maxim Bublis <b@codemonkey.ru>
License: Expat
"""


def test_debian_copyright_and_changelog_are_prose(tmp_path):
    # Debian's golang-github-satori-go.uuid-dev 1.2.0-3 against golang-github-gofrs-uuid-dev
    # 4.3.1-1: usr/share/doc/PKG/copyright and changelog.Debian were read as code, so
    # 'codemonkey' and 'Copyright' were listed as shared identifiers and the Format: URL's
    # '//www.debian.org/doc/...' as a shared comment.
    for name in ("copyright", "changelog.Debian", "README.Debian", "NEWS.Debian"):
        assert document_format(f"usr/share/doc/pkg/{name}") == "text", name
    for name in ("changelog.py", "readme.go", "news.c"):
        assert document_format(f"pkg/{name}") is None, name
    for side in ("a", "b"):
        (tmp_path / side).mkdir()
        (tmp_path / side / "copyright").write_text(DEBIAN_COPYRIGHT)
        (tmp_path / side / "main.go").write_text(
            f"package main\n\nfunc {side}Main() int {{ return 1 }}\n")
    result = compare_paths(str(tmp_path / "a"), str(tmp_path / "b"))
    entry = next(f for f in result.files if f.path == "copyright")
    assert entry.tokenizer == "words"
    shared = {item.text for channel in result.channels for item in channel.items}
    assert not {"codemonkey", "Copyright"} & shared
    assert not [t for t in shared if "debian.org" in t]
