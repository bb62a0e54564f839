"""The HTML report: self-contained, navigable, faithful to the result, and safe."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

from simcheck.compare import CompareOptions, compare_paths
from simcheck.render.html import render_html
from simcheck.result import SCHEMA_VERSION, TEXT_CONTEXT_CHARS, from_dict, to_dict

SAMPLES = Path(__file__).resolve().parent.parent / "samples"
FIXTURES = Path(__file__).resolve().parent / "fixtures" / "copies"


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.ids: set[str] = set()
        self.hrefs: list[str] = []
        self.urls: list[str] = []
        self.scripts: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if "id" in a:
            self.ids.add(a["id"])
        if tag == "a" and "href" in a:
            self.hrefs.append(a["href"])
        for name in ("src", "href", "action"):
            if a.get(name) and not a[name].startswith("#"):
                self.urls.append(a[name])
        self._in_script = tag == "script"

    def handle_endtag(self, tag):
        self._in_script = False

    def handle_data(self, data):
        if self._in_script:
            self.scripts.append(data)


def _parse(html: str) -> _Links:
    parser = _Links()
    parser.feed(html)
    return parser


def test_every_link_lands_on_an_anchor_and_nothing_points_outside():
    result = compare_paths(str(SAMPLES / "original"), str(SAMPLES / "knockoff"),
                           CompareOptions(exhibit_prefix="PX"))
    html = render_html(result, legend="CONFIDENTIAL", caption="A v. B")
    page = _parse(html)
    assert page.urls == []  # no external resource of any kind
    assert not re.search(r"(?i)\b(?:https?:|ftp:)//", html)
    assert all(h[1:] in page.ids for h in page.hrefs)
    for m in result.matches:
        assert m.id.startswith("PX") and m.id in page.ids  # every match is an exhibit
    assert len(page.scripts) == 1  # the table sorter only


class _CodeTables(HTMLParser):
    """The code tables of one exhibit: per table its heading and its (number, text, marked)
    rows, read the way a browser does (cell and row end tags may be implied)."""

    def __init__(self, exhibit: str) -> None:
        super().__init__(convert_charrefs=True)
        self.exhibit = exhibit
        self.tables: list[dict] = []
        self._inside = False
        self._cell: list[str] | None = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "article":
            self._inside = a.get("id") == self.exhibit
        if not self._inside:
            return
        if tag == "table" and a.get("class") == "code":
            self.tables.append({"heading": [], "rows": []})
        elif tag == "th" and self.tables:
            self._cell = self.tables[-1]["heading"]
        elif tag == "tr" and self.tables:
            self.tables[-1]["rows"].append({"cells": [], "marked": a.get("class") != "o"})
        elif tag == "td" and self.tables:
            row = self.tables[-1]["rows"][-1]
            row["cells"].append([])
            self._cell = row["cells"][-1]

    def handle_endtag(self, tag):
        if tag in ("td", "th", "tr", "table"):
            self._cell = None
        if tag == "article":
            self._inside = False

    def handle_data(self, data):
        if self._inside and self._cell is not None:
            self._cell.append(data)


def code_tables(html: str, exhibit: str) -> list[tuple[str, list[tuple[int, str, bool]]]]:
    parser = _CodeTables(exhibit)
    parser.feed(html)
    return [
        ("".join(t["heading"]),
         [(int("".join(r["cells"][0])), "".join(r["cells"][1]), r["marked"])
          for r in t["rows"] if r["cells"]])
        for t in parser.tables
    ]


def test_exhibits_show_both_sides_with_original_line_numbers():
    result = compare_paths(str(FIXTURES / "original.py"), str(FIXTURES / "renamed.py"))
    html = render_html(result)
    match = next(m for m in result.matches if m.left.start_line == 21)
    (left_head, left), (right_head, right) = code_tables(html, match.id)
    assert left_head == f"{match.id} · Left: original.py, lines 21–31"
    assert right_head == f"{match.id} · Right: renamed.py, lines 4–14"
    assert [n for n, _, _ in left] == list(range(21, 32))
    assert [n for n, _, _ in right] == list(range(4, 15))
    assert "\n".join(t for _, t, _ in left) == match.left.text
    assert "\n".join(t for _, t, _ in right) == match.right.text
    assert left[0][1] == "def summarize(readings):" and left[0][2]  # a marked line
    assert right[0][1] == "def summarise_samples(samples):" and right[0][2]


def test_each_exhibit_names_its_channels_and_cites_the_shared_comment_with_its_typo():
    result = compare_paths(str(SAMPLES / "original"), str(SAMPLES / "knockoff"))
    html = render_html(result)
    typo = next(
        m for m in result.matches
        if any("threshhold" in c for c in m.evidence.shared_comments)
    )
    article = html[html.index(f'id="{typo.id}"') :]
    article = article[: article.index("</article>")]
    assert "Supported by: structure, identifiers, comments" in article
    assert "clearing threshhold" in article
    assert "Order-free structure:" in html


def test_exactly_the_lines_inside_the_matched_runs_are_marked():
    result = compare_paths(str(SAMPLES / "original"), str(SAMPLES / "knockoff"))
    html = render_html(result)
    unmarked = 0
    for match in result.matches:
        (_, left), (_, right) = code_tables(html, match.id)
        for rows, runs in (
            (left, [(s.left_start_line, s.left_end_line) for s in match.segments]),
            (right, [(s.right_start_line, s.right_end_line) for s in match.segments]),
        ):
            for number, _, marked in rows:
                assert marked == any(lo <= number <= hi for lo, hi in runs)
                unmarked += not marked
    assert unmarked > 0  # the samples' modified copies have lines outside the runs


def test_code_text_is_shown_exactly_and_control_characters_visibly(tmp_path):
    body = (FIXTURES / "original.py").read_text()
    odd = 'flag = a < b && c > d and "q" != \'&amp;\'\x0c  # bell:\x07\r\n'
    (tmp_path / "a.py").write_text(odd + body, newline="")
    (tmp_path / "b.py").write_text(odd + body, newline="")
    result = compare_paths(str(tmp_path / "a.py"), str(tmp_path / "b.py"))
    html = render_html(result)
    (_, left), _ = code_tables(html, result.matches[0].id)
    assert left[0] == (
        1, 'flag = a < b && c > d and "q" != \'&amp;\'\u240c  # bell:\u2407', True
    )  # the CR of a CRLF line end is layout, not shown


def test_a_long_line_is_shown_around_the_match_with_the_rest_counted(one_line_copy):
    result = compare_paths(*map(str, one_line_copy))
    (match,) = result.matches
    html = render_html(result)
    (_, left), (_, right) = code_tables(html, match.id)
    for path, side, rows in ((one_line_copy[0], match.left, left),
                             (one_line_copy[1], match.right, right)):
        ((number, shown, marked),) = rows
        line = path.read_text(encoding="utf-8").splitlines()[side.start_line - 1]
        before = side.start_column - 1 - TEXT_CONTEXT_CHARS
        after = len(line) - side.end_column - TEXT_CONTEXT_CHARS
        # The result keeps the match and 160 characters either side, and counts the rest.
        assert (side.text_cut_before, side.text_cut_after) == (before, after)
        assert side.text == line[before : len(line) - after]
        assert number == side.start_line and marked
        assert shown == (f"[{before:,} characters not shown]" + side.text
                         + f"[{after:,} characters not shown]")
        assert len(shown) < len(line) / 5


def test_code_and_file_names_are_rendered_as_text(hostile_inputs):
    left, right = hostile_inputs
    html = render_html(compare_paths(str(left), str(right)))
    assert "<img src=x" not in html and "<script>alert" not in html
    assert "&lt;img src=x onerror=alert(1)&gt;.py" in html
    assert len(_parse(html).scripts) == 1


def test_report_command_rerenders_the_saved_result_identically(tmp_path):
    for name in ("original", "knockoff"):
        shutil.copytree(SAMPLES / name, tmp_path / name)
    args = ["--legend", "CONFIDENTIAL", "--caption", "A v. B"]
    first = subprocess.run(
        [sys.executable, "-m", "simcheck.cli", "compare", "original", "knockoff",
         "--json", "out/result.json", "--html", "out/report.html", *args],
        cwd=tmp_path, capture_output=True, text=True, timeout=300,
    )
    assert first.returncode == 0, first.stderr
    again = subprocess.run(
        [sys.executable, "-m", "simcheck.cli", "report", "out/result.json",
         "--html", "out/again.html", *args],
        cwd=tmp_path, capture_output=True, text=True, timeout=300,
    )
    assert again.returncode == 0, again.stderr
    assert (tmp_path / "out/report.html").read_bytes() == (tmp_path / "out/again.html").read_bytes()


def test_a_result_of_another_schema_version_is_refused_naming_both(tmp_path):
    result = compare_paths(str(FIXTURES / "original.py"), str(FIXTURES / "renamed.py"))
    data = to_dict(result)
    assert from_dict(json.loads(json.dumps(data))) is not None
    data["schema_version"] = "0.9.0"
    path = tmp_path / "old.json"
    path.write_text(json.dumps(data))
    run = subprocess.run(
        [sys.executable, "-m", "simcheck.cli", "report", str(path), "--html",
         str(tmp_path / "r.html")],
        capture_output=True, text=True, timeout=300,
    )
    assert run.returncode == 2
    assert "'0.9.0'" in run.stderr and f"'{SCHEMA_VERSION}'" in run.stderr


def test_the_method_appendix_lists_settings_in_words_not_python_notation(tmp_path):
    # Every report's settings table showed Python's notation: "common_kgrams None",
    # "filtration.base None", "order_free_ignored [';', 'abstract', ...]" and
    # "channels ChannelSettings(listed=25, fuzzy_min_similarity=0.9, ...)".
    result = compare_paths(str(FIXTURES / "original.py"), str(FIXTURES / "renamed.py"))
    html = render_html(result)
    table = html[html.index("<tr><th>Setting</th>"):]
    table = table[: table.index("</table>")]
    rows = dict(re.findall(r"<tr><td>([^<]+)</td><td>(.*?)</td></tr>", table))
    assert rows["filtration.base"] == "none" and rows["common_kgrams"] == "none"
    assert rows["order_free_ignored"].startswith(";, abstract, const")
    assert rows["channels"].startswith("listed: 25; fuzzy_min_similarity: 0.9; ")
    assert "None" not in table and "Settings(" not in table and "[" not in table
