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
from simcheck.result import from_dict, to_dict

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


def test_exhibits_show_both_sides_with_original_line_numbers():
    result = compare_paths(str(FIXTURES / "original.py"), str(FIXTURES / "renamed.py"))
    html = render_html(result)
    match = next(m for m in result.matches if m.left.start_line == 21)
    section = html[html.index(f'id="{match.id}"'):]
    section = section[: section.index("</article>")]
    assert '<td class="ln">21</td>' in section and '<td class="ln">31</td>' in section
    assert '<td class="ln">4</td>' in section and '<td class="ln">14</td>' in section
    assert "summarise_samples" in section and "def summarize(readings):" in section


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
    assert "'0.9.0'" in run.stderr and "'1.2.0'" in run.stderr
