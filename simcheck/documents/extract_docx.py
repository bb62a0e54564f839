"""DOCX (Office Open XML): paragraphs with their styles (headings, captions, list items),
tables row by row, and page numbers where the file records them.

The main part is read with lxml's iterparse and each body element is cleared once read,
so memory stays bounded however long the document is. Pages: Word records where it last
broke pages (``lastRenderedPageBreak``); when it did not (files written by programs), the
explicit page and section breaks are counted, and a document with neither has no pages.
Deleted tracked changes, comments, footnotes and field codes are not body text."""

from __future__ import annotations

import posixpath
import re
import zipfile
from typing import IO

from lxml import etree

from .builder import DocumentBuilder
from .model import Block, BlockKind, Document, ExtractionError

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
MC_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
REL = "{http://schemas.openxmlformats.org/package/2006/relationships}Relationship"
OFFICE_DOCUMENT = "/officeDocument"
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_HEADING_STYLE = re.compile(r"^heading\s*(\d)$", re.IGNORECASE)


class _Limited:
    """A part's decompressed stream, failed past a byte limit (a zip bomb in a DOCX)."""

    def __init__(self, raw: IO[bytes], limit: int) -> None:
        self.raw, self.limit, self.read_bytes = raw, limit, 0

    def read(self, n: int = -1) -> bytes:
        data = self.raw.read(n)
        self.read_bytes += len(data)
        if self.read_bytes > self.limit:
            raise ExtractionError(f"DOCX part expands beyond the limit ({self.limit} bytes)")
        return data


def _open_package(stream: IO[bytes]) -> zipfile.ZipFile:
    head = stream.read(8)
    stream.seek(0)
    if head == OLE_MAGIC:
        raise ExtractionError(
            "encrypted (password-protected) or legacy Word file, not a DOCX package"
        )
    try:
        return zipfile.ZipFile(stream)
    except (zipfile.BadZipFile, OSError, ValueError):
        raise ExtractionError("corrupt DOCX: not a readable zip package") from None


def _main_part(z: zipfile.ZipFile) -> str:
    try:
        rels = etree.fromstring(z.read("_rels/.rels"))
        for r in rels.iter(REL):
            if r.get("Type", "").endswith(OFFICE_DOCUMENT):
                return r.get("Target", "").lstrip("/")
    except (KeyError, etree.XMLSyntaxError, zipfile.BadZipFile, ValueError):
        pass
    return "word/document.xml"


def _styles(z: zipfile.ZipFile, main: str) -> dict[str, tuple[str, int | None, bool]]:
    """style id -> (name, outline level or None, page break before), basedOn resolved."""
    path = posixpath.join(posixpath.dirname(main), "styles.xml")
    try:
        root = etree.fromstring(z.read(path))
    except (KeyError, etree.XMLSyntaxError, zipfile.BadZipFile):
        return {}
    raw: dict[str, tuple[str, int | None, bool | None, str | None]] = {}
    for s in root.iter(f"{W}style"):
        sid = s.get(f"{W}styleId")
        if not sid:
            continue
        name_el = s.find(f"{W}name")
        outline = s.find(f"{W}pPr/{W}outlineLvl")
        brk = s.find(f"{W}pPr/{W}pageBreakBefore")
        based = s.find(f"{W}basedOn")
        raw[sid] = (
            name_el.get(f"{W}val", sid) if name_el is not None else sid,
            int(outline.get(f"{W}val", "9")) if outline is not None else None,
            None if brk is None else brk.get(f"{W}val", "true") not in ("0", "false"),
            based.get(f"{W}val") if based is not None else None,
        )
    out = {}
    for sid, (name, outline, brk, based) in raw.items():
        seen = {sid}
        while (outline is None or brk is None) and based in raw and based not in seen:
            seen.add(based)
            _, o2, b2, based2 = raw[based]
            outline = outline if outline is not None else o2
            brk = brk if brk is not None else b2
            based = based2
        out[sid] = (name, outline, bool(brk))
    return out


class _Reader:
    def __init__(self, styles: dict[str, tuple[str, int | None, bool]]) -> None:
        self.styles = styles
        self.b = DocumentBuilder("docx", None)
        self.explicit_page = 1
        self.rendered_page = 1
        self.rendered_breaks = 0
        self.explicit_breaks = 0
        self.pages: list[tuple[int, int]] = []  # per block: (explicit, rendered)
        self.deleted = 0
        self.inserted = 0
        self.pending_break = False  # a section break ends the previous paragraph's page

    def _mark(self, before: int) -> None:
        for _ in range(len(self.b.blocks) - before):
            self.pages.append((self.explicit_page, self.rendered_page))

    def _runs(self, p: etree._Element) -> tuple[str, list[int], list[int]]:
        """The paragraph's text, and the page breaks in it: [explicit, rendered] counts
        before its first text (it starts on a new page) and after (the next one does)."""
        parts: list[str] = []
        before, after = [0, 0], [0, 0]
        for el in p.iter():
            tag = el.tag
            if not isinstance(tag, str) or tag == MC_FALLBACK or _inside(el, MC_FALLBACK, p):
                continue
            if tag == f"{W}t":
                parts.append(el.text or "")
            elif tag == f"{W}tab":
                parts.append("\t")
            elif tag == f"{W}cr" or (
                tag == f"{W}br" and el.get(f"{W}type") in (None, "textWrapping")
            ):
                parts.append("\n")
            elif tag == f"{W}br" and el.get(f"{W}type") == "page":
                (after if "".join(parts).strip() else before)[0] += 1
            elif tag == f"{W}lastRenderedPageBreak":
                (after if "".join(parts).strip() else before)[1] += 1
            elif tag == f"{W}noBreakHyphen":
                parts.append("-")
            elif tag == f"{W}softHyphen":
                parts.append("\u00ad")
            elif tag == f"{W}sym":
                parts.append(" ")
            elif tag == f"{W}del":
                self.deleted += 1
            elif tag == f"{W}ins":
                self.inserted += 1
        return "".join(parts), before, after

    def _breaks(self, counts: list[int]) -> None:
        self.explicit_page += counts[0]
        self.rendered_page += counts[1]
        self.explicit_breaks += counts[0]
        self.rendered_breaks += counts[1]

    def paragraph(self, p: etree._Element) -> None:
        ppr = p.find(f"{W}pPr")
        style_id = None
        outline = None
        break_before = False
        numbered = False
        if ppr is not None:
            st = ppr.find(f"{W}pStyle")
            style_id = st.get(f"{W}val") if st is not None else None
            ol = ppr.find(f"{W}outlineLvl")
            outline = int(ol.get(f"{W}val", "9")) if ol is not None else None
            pb = ppr.find(f"{W}pageBreakBefore")
            break_before = pb is not None and pb.get(f"{W}val", "true") not in ("0", "false")
            numbered = ppr.find(f"{W}numPr") is not None
        default = (style_id or "", None, False)
        name, style_outline, style_break = self.styles.get(style_id or "", default)
        outline = outline if outline is not None else style_outline
        if self.pending_break or break_before or style_break:
            self.explicit_page += 1
            self.explicit_breaks += 1
            self.pending_break = False
        text, breaks_before, breaks_after = self._runs(p)
        self._breaks(breaks_before)
        before = len(self.b.blocks)
        heading = _HEADING_STYLE.match(name)
        lines = text.split("\n")
        if heading or name.lower() == "title" or (outline is not None and outline < 9):
            level = int(heading.group(1)) if heading else (
                outline + 1 if outline is not None else 1
            )
            self.b.add("heading", lines, level=level)
        else:
            kind: BlockKind = "paragraph"
            if name.lower() == "caption":
                kind = "caption"
            elif numbered or name.lower().startswith("list"):
                kind = "list_item"
            self.b.add(kind, lines)
        self._mark(before)
        self._breaks(breaks_after)
        if ppr is not None and ppr.find(f"{W}sectPr") is not None:
            kind_el = ppr.find(f"{W}sectPr/{W}type")
            if kind_el is None or kind_el.get(f"{W}val") != "continuous":
                self.pending_break = True

    def row(self, tr: etree._Element, new_table: bool) -> None:
        cells = []
        for tc in tr.iter(f"{W}tc"):
            if _inside(tc, f"{W}tc", tr):
                continue  # a nested table's cell: its text is in the outer cell
            texts = [self._runs(p)[0] for p in tc.iter(f"{W}p") if not _inside(p, f"{W}tc", tc)]
            cells.append("\n".join(texts))
        before = len(self.b.blocks)
        self.b.row(cells, new_table=new_table)
        self._mark(before)


def _inside(el: etree._Element, tag: str, stop: etree._Element) -> bool:
    """Whether ``el`` lies inside an element ``tag`` below ``stop``."""
    parent = el.getparent()
    while parent is not None and parent is not stop:
        if parent.tag == tag:
            return True
        parent = parent.getparent()
    return False


def _header_footer_text(z: zipfile.ZipFile, main: str) -> list[tuple[str, str]]:
    out = []
    folder = posixpath.dirname(main)
    for name in sorted(z.namelist()):
        base = posixpath.basename(name)
        if posixpath.dirname(name) == folder and re.fullmatch(r"(header|footer)\d*\.xml", base):
            try:
                root = etree.fromstring(z.read(name))
            except (etree.XMLSyntaxError, zipfile.BadZipFile, KeyError):
                continue
            text = " ".join(" ".join(t.text or "" for t in p.iter(f"{W}t"))
                            for p in root.iter(f"{W}p")).strip()
            if text:
                where = "header" if base.startswith("header") else "footer"
                out.append((where, " ".join(text.split())))
    return out


def extract_docx(stream: IO[bytes], max_part_bytes: int) -> Document:
    z = _open_package(stream)
    with z:
        main = _main_part(z)
        try:
            info = z.getinfo(main)
        except KeyError:
            raise ExtractionError(
                "not a Word document: the package has no main document part"
            ) from None
        if info.flag_bits & 0x1:
            raise ExtractionError("encrypted DOCX package (password required)")
        reader = _Reader(_styles(z, main))
        try:
            with z.open(info) as raw:
                _parse(reader, _Limited(raw, max_part_bytes))
        except etree.XMLSyntaxError:
            raise ExtractionError(
                "corrupt DOCX: the main document part is not well-formed XML"
            ) from None
        except (zipfile.BadZipFile, EOFError, OSError, ValueError) as exc:
            if isinstance(exc, ExtractionError):
                raise
            raise ExtractionError(
                "corrupt DOCX: the main document part cannot be decompressed"
            ) from None
        for where, text in _header_footer_text(z, main):
            reader.b.log.add(f"running {where} removed", text)
        names = set(z.namelist())
        folder = posixpath.dirname(main)
        for part, what in (("comments.xml", "comments"), ("footnotes.xml", "footnotes"),
                           ("endnotes.xml", "endnotes")):
            if posixpath.join(folder, part) in names:
                reader.b.note(f"{what} are stored apart from the body and were not compared")
    b = reader.b
    if reader.deleted or reader.inserted:
        b.note(f"tracked changes: {reader.inserted} insertions (compared as text), "
               f"{reader.deleted} deletions (deleted text not compared)")
    use_rendered = reader.rendered_breaks > 0
    if use_rendered:
        b.note("page numbers as Word last laid out the document (lastRenderedPageBreak)")
    elif reader.explicit_breaks:
        b.note("page numbers count explicit page and section breaks only")
    paged = use_rendered or reader.explicit_breaks > 0
    pages = [r if use_rendered else e for e, r in reader.pages]
    b.blocks = [
        _with_page(block, page if paged else None)
        for block, page in zip(b.blocks, pages, strict=True)
    ]
    return b.build(pages=max(pages, default=1) if paged else None)


def _with_page(block: Block, page: int | None) -> Block:
    from dataclasses import replace

    return replace(block, page=page)


def _parse(reader: _Reader, source: _Limited) -> None:
    body_depth = None
    depth = 0
    new_table = False
    table_depth = 0
    for event, el in etree.iterparse(source, events=("start", "end"), resolve_entities=False,
                                     huge_tree=True, no_network=True):
        if event == "start":
            depth += 1
            if el.tag == f"{W}body":
                body_depth = depth
            elif el.tag == f"{W}tbl" and body_depth is not None:
                table_depth += 1
                if table_depth == 1:
                    new_table = True
            continue
        depth -= 1
        if body_depth is None:
            continue
        if el.tag == f"{W}tr" and table_depth == 1:
            reader.row(el, new_table)
            new_table = False
            el.clear(keep_tail=True)
        elif el.tag == f"{W}tbl":
            table_depth -= 1
            if table_depth == 0:
                reader.b.end_table()
                _drop(el)
        elif el.tag == f"{W}p" and table_depth == 0 and depth == body_depth:
            reader.paragraph(el)
            _drop(el)
        elif el.tag == f"{W}sectPr" and depth == body_depth:
            _drop(el)
        elif depth == body_depth:
            _drop(el)


def _drop(el: etree._Element) -> None:
    """Free a processed body element and the siblings read before it."""
    el.clear(keep_tail=True)
    parent = el.getparent()
    if parent is not None:
        while el.getprevious() is not None:
            del parent[0]
