"""Line numbers of document exhibits stay inside the text they show, whatever the parser
reports: a paragraph whose text holds line breaks the source does not (HTML's ``&#10;``)
would otherwise be numbered past the file's last line (a crash found on Django's docs)."""

from __future__ import annotations

from pathlib import Path

from simcheck.compare import CompareOptions, compare_paths
from simcheck.documents.settings import DocumentSettings

PARAGRAPHS = [
    "The relief valve opens when the line pressure exceeds the set point by ten percent.",
    "Check the float switch weekly and clean the sump strainer before every pressure test.",
    "A blinking amber lamp means the pump ran dry and the controller stopped it for safety.",
]


def _html(tmp: Path, name: str) -> Path:
    # Every paragraph on the last line, its sentences separated by encoded line feeds.
    body = "".join(f"<p>{p.replace('. ', '.&#10;').replace(' ', '&#10;', 3)}</p>"
                   for p in PARAGRAPHS)
    (tmp / name).mkdir()
    (tmp / name / "guide.html").write_text(f"<html><head></head>\n<body>{body}</body></html>")
    return tmp / name


def test_exhibit_lines_stay_within_the_file_when_the_text_has_more_line_breaks(tmp_path):
    left, right = _html(tmp_path, "a"), _html(tmp_path, "b")
    options = CompareOptions(documents=DocumentSettings(mode="text"))
    result = compare_paths(str(left), str(right), options)
    assert result.matches, "the copied paragraphs must be found"
    lines = (left / "guide.html").read_bytes().count(b"\n") + 1
    size = (left / "guide.html").stat().st_size
    for match in result.matches:
        for side in (match.left, match.right):
            assert 1 <= side.start_line <= side.end_line <= lines
            assert 0 <= side.start_byte <= side.end_byte <= size
