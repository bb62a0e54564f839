"""reStructuredText (docutils): section titles, paragraphs, list items, table rows,
literal blocks and captions, each with the file line docutils recorded for it. Sphinx
roles and directives docutils does not know are kept as their literal text, and the
parser's own messages are never taken for document text."""

from __future__ import annotations

import io

import docutils.core
from docutils import nodes

from .builder import DocumentBuilder
from .model import Document

_SETTINGS = {
    "report_level": 5,  # silent: messages are nodes we skip, never printed
    "halt_level": 5,
    "warning_stream": io.StringIO(),
    "file_insertion_enabled": False,  # never read other files (include directives)
    "raw_enabled": False,
    "input_encoding": "unicode",
    "_disable_config": True,
}
_SKIP = (nodes.system_message, nodes.comment, nodes.substitution_definition, nodes.target,
         nodes.raw, nodes.colspec)
_TEXT_ELEMENTS = (nodes.term, nodes.field_name, nodes.rubric, nodes.attribution,
                  nodes.line_block)


def extract_rst(text: str, encoding: str | None = None) -> Document:
    b = DocumentBuilder("rst", "file")
    tree = docutils.core.publish_doctree(text, settings_overrides=dict(_SETTINGS,
                                         warning_stream=io.StringIO()))
    _visit(tree, b, 0, False)
    return b.build(encoding=encoding)


def _lines(node: nodes.Node) -> list[str]:
    return node.astext().split("\n")


def _visit(node: nodes.Node, b: DocumentBuilder, level: int, in_list: bool) -> None:
    for child in node.children:
        if isinstance(child, _SKIP) or not isinstance(child, nodes.Element):
            continue
        if isinstance(child, nodes.section):
            _visit(child, b, level + 1, False)
        elif isinstance(child, nodes.title):
            line = child.line - 1 if child.line else None
            if isinstance(node, nodes.section):
                b.add("heading", _lines(child), line_start=line, level=max(level, 1))
            elif isinstance(node, nodes.document):
                b.add("heading", _lines(child), line_start=line, level=1)
            else:  # the title of a table, figure, topic or admonition
                b.add("caption", _lines(child), line_start=line)
        elif isinstance(child, nodes.caption):
            b.add("caption", _lines(child), line_start=child.line)
        elif isinstance(child, nodes.paragraph):
            b.add("list_item" if in_list else "paragraph", _lines(child), line_start=child.line)
        elif isinstance(child, (nodes.literal_block, nodes.doctest_block)):
            b.add("code", _lines(child), line_start=child.line)
        elif isinstance(child, _TEXT_ELEMENTS):
            b.add("paragraph", _lines(child), line_start=child.line)
        elif isinstance(child, nodes.table):
            _table(child, b)
        elif isinstance(child, nodes.list_item):
            _visit(child, b, level, True)
        else:
            _visit(child, b, level, in_list)


def _table(table: nodes.table, b: DocumentBuilder) -> None:
    for title in table.findall(nodes.title):
        b.add("caption", _lines(title), line_start=title.line)
    first = True
    for row in table.findall(nodes.row):
        cells = [entry.astext() for entry in row.findall(nodes.entry)]
        line = next((p.line for p in row.findall(nodes.paragraph) if p.line), None)
        b.row(cells, line_start=line, new_table=first)
        first = False
    b.end_table()
