"""Build the sample manuals (PDF and DOCX) from their sources in source/*.md.

    python samples/manuals/generate.py

PDF: the Markdown is rendered to HTML and printed by headless Chromium (Debian's
`chromium`), with a running header and "Page N of M" footer on every page, typographic
quotes, and soft hyphens in long words (so that some words are broken across lines, as
in real typeset manuals). DOCX: written with python-docx (Title, Heading 1/2, Caption and
Table Grid styles, a page break before each chapter, the running header and a page
number field in the footer). The outputs are committed; the tests read them and never
run this script.
"""

from __future__ import annotations

import html
import re
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from docx import Document
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt
from markdown_it import MarkdownIt

HERE = Path(__file__).resolve().parent
MANUALS = {
    # source: (output folder, file stem, running header)
    "original": ("original", "NPC-200_Operating_Manual",
                 "Norvale Instruments · NPC-200 Operating Manual · OM-200 Rev. C"),
    "knockoff": ("knockoff", "KA-2000_User_Guide",
                 "Kestrel Automation · KA-2000 User Guide · UG-2000 Issue 1"),
    "independent": ("independent", "BT-40_Instruction_Leaflet",
                    "Brightwater Controls · BT-40 Instruction Leaflet"),
}
CAPTION = re.compile(r"^(Table|Figure) \d+:")
LONG_WORD = re.compile(r"\b([A-Za-z]{4,}?)([a-z]{4,})\b")


@dataclass
class Block:
    kind: str  # title | h1 | h2 | p | caption | table
    text: str = ""
    rows: list[list[str]] = field(default_factory=list)


def parse(source: str) -> list[Block]:
    tokens = MarkdownIt("commonmark").enable("table").parse(source)
    blocks: list[Block] = []
    level = 0
    row: list[str] = []
    for i, t in enumerate(tokens):
        if t.type == "heading_open":
            level = int(t.tag[1])
        elif t.type == "table_open":
            blocks.append(Block("table"))
        elif t.type == "tr_open":
            row = []
        elif t.type == "tr_close":
            blocks[-1].rows.append(row)
        elif t.type == "inline":
            if tokens[i - 1].type in ("th_open", "td_open"):
                row.append(t.content)
            elif level:
                blocks.append(Block("title" if not blocks else f"h{level}", t.content))
                level = 0
            else:
                kind = "caption" if CAPTION.match(t.content) else "p"
                blocks.append(Block(kind, t.content))
    return blocks


def smart_quotes(text: str) -> str:
    text = re.sub(r'"(\S[^"]*?)"', "\u201c\\1\u201d", text)
    return re.sub(r"(\w)'(\w)", "\\1\u2019\\2", text)


def soft_hyphens(text: str) -> str:
    """A soft hyphen inside long words: Chromium breaks there at a line end."""
    return LONG_WORD.sub(lambda m: m.group(1) + "\u00ad" + m.group(2), text)


CSS = """
@page { size: A4; margin: 22mm 20mm 20mm 20mm;
  @top-center { content: "%s"; font: 8.5pt "DejaVu Sans", sans-serif; color: #333; }
  @bottom-right { content: "Page " counter(page) " of " counter(pages);
                  font: 8.5pt "DejaVu Sans", sans-serif; } }
body { font: 10.5pt/1.45 "DejaVu Serif", serif; }
h1.title { font: bold 20pt "DejaVu Sans", sans-serif; margin-top: 40mm; }
h1 { font: bold 15pt "DejaVu Sans", sans-serif; break-before: page; margin: 0 0 8pt; }
h2 { font: bold 12pt "DejaVu Sans", sans-serif; margin: 14pt 0 6pt; }
table { border-collapse: collapse; margin: 4pt 0 10pt; width: 100%%; }
caption { text-align: left; font: italic 9.5pt "DejaVu Serif", serif; padding-bottom: 3pt; }
th, td { border: 0.75pt solid #000; padding: 2pt 4pt; font-size: 9.5pt; text-align: left;
         vertical-align: top; }
"""


def to_html(blocks: list[Block], header: str) -> str:
    out = [f"<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'><style>{CSS % header}"
           "</style></head><body>"]
    caption = None
    for b in blocks:
        text = html.escape(soft_hyphens(smart_quotes(b.text)), quote=False)
        if b.kind == "title":
            out.append(f"<h1 class='title'>{text}</h1>")
        elif b.kind in ("h1", "h2"):
            out.append(f"<{b.kind}>{text}</{b.kind}>")
        elif b.kind == "caption":
            caption = text
        elif b.kind == "table":
            out.append("<table>")
            if caption:
                out.append(f"<caption>{caption}</caption>")
                caption = None
            for i, row in enumerate(b.rows):
                cell = "th" if i == 0 else "td"
                out.append("<tr>" + "".join(
                    f"<{cell}>{html.escape(smart_quotes(c), quote=False)}</{cell}>" for c in row
                ) + "</tr>")
            out.append("</table>")
        else:
            out.append(f"<p>{text}</p>")
    out.append("</body></html>")
    return "\n".join(out)


def print_pdf(page: str, pdf: Path) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "manual.html"
        src.write_text(page, encoding="utf-8")
        subprocess.run(
            ["chromium", "--headless", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer",
             f"--user-data-dir={tmp}/profile", f"--print-to-pdf={pdf}", src.as_uri()],
            check=True, capture_output=True, timeout=120,
        )


def _page_field(paragraph) -> None:  # noqa: ANN001 - python-docx paragraph
    run = paragraph.add_run()
    for kind, text in (("begin", None), (None, "PAGE"), ("end", None)):
        if kind:
            el = OxmlElement("w:fldChar")
            el.set(qn("w:fldCharType"), kind)
        else:
            el = OxmlElement("w:instrText")
            el.set(qn("xml:space"), "preserve")
            el.text = text
        run._r.append(el)


def to_docx(blocks: list[Block], header: str, path: Path) -> None:
    doc = Document()
    doc.styles["Normal"].font.size = Pt(10.5)
    section = doc.sections[0]
    section.header.paragraphs[0].text = header
    footer = section.footer.paragraphs[0]
    footer.text = "Page "
    _page_field(footer)
    caption = None
    for b in blocks:
        text = smart_quotes(b.text)
        if b.kind == "title":
            doc.add_paragraph(text, style="Title")
        elif b.kind == "h1":  # each chapter starts a page, as in the PDF
            doc.add_heading(text, level=1).paragraph_format.page_break_before = True
        elif b.kind == "h2":
            doc.add_heading(text, level=2)
        elif b.kind == "caption":
            caption = text
        elif b.kind == "table":
            if caption:
                doc.add_paragraph(caption, style="Caption")
                caption = None
            table = doc.add_table(rows=0, cols=len(b.rows[0]))
            table.style = "Table Grid"
            for row in b.rows:
                cells = table.add_row().cells
                for cell, value in zip(cells, row, strict=True):
                    cell.text = smart_quotes(value)
        else:
            doc.add_paragraph(soft_hyphens(text) if "WARNING" in text else text)
    doc.core_properties.author = header.split(" · ")[0]
    doc.save(str(path))


def main() -> int:
    for source, (folder, stem, header) in MANUALS.items():
        blocks = parse((HERE / "source" / f"{source}.md").read_text(encoding="utf-8"))
        out = HERE / folder
        out.mkdir(exist_ok=True)
        print_pdf(to_html(blocks, header), out / f"{stem}.pdf")
        to_docx(blocks, header, out / f"{stem}.docx")
        print(f"{folder}/{stem}.pdf, .docx: {len(blocks)} blocks")
    return 0


if __name__ == "__main__":
    sys.exit(main())
