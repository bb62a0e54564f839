"""Sibling functions of identical structure: the exhibit must cite the one actually
copied, not its structural twin."""

from __future__ import annotations

from pathlib import Path

from simcheck.compare import CompareOptions, compare_paths
from simcheck.result import Result

TEMPLATE = '''\
def {name}(self, value, locale):
    if value is None:
        return self.{field}_default
    names = self._{field}_names[locale]
    index = (value.weekday() + self.first_day) % len(names)
    return names[index].strip().lower()

'''


def _compare(tmp_path: Path, donor: str, host: str, options: CompareOptions) -> Result:
    """Compare a donor file (a/days.py) with a host file (b/host.py)."""
    for side, name, text in (("a", "days.py", donor), ("b", "host.py", host)):
        (tmp_path / side).mkdir()
        (tmp_path / side / name).write_text(text, encoding="utf-8")
    return compare_paths(str(tmp_path / "a"), str(tmp_path / "b"), options)


def test_a_verbatim_copy_of_one_sibling_cites_that_sibling(tmp_path: Path, fast_options):
    fields = ["weekdays", "weekdays_short", "weekdays_min", "eras", "era_abbr"]
    donor = "".join(TEMPLATE.format(name=f"get_{f}", field=f) for f in fields)
    copied = TEMPLATE.format(name="get_weekdays_min", field="weekdays_min")
    host = "import os\n\n\n" + copied + "def unrelated():\n    return os.getcwd()\n"
    result = _compare(tmp_path, donor, host, fast_options)
    (match,) = result.matches
    # The third function (lines 15-20), not the first of its structurally identical twins.
    assert (match.left.start_line, match.right.start_line) == (15, 4)
    assert match.left.text.startswith("def get_weekdays_min(")
    assert "_weekdays_min_names" in match.evidence.shared_identifiers


def test_the_copied_sibling_wins_over_a_twin_whose_run_reaches_further(
        tmp_path: Path, fast_options):
    # The last twin is followed by code shaped like the code after the copy in the host,
    # so its structural run is a few tokens longer than the true, literal one.
    fields = ["weekdays", "weekdays_short", "weekdays_min"]
    donor = "".join(TEMPLATE.format(name=f"get_{f}", field=f) for f in fields)
    donor += "RETRIES = 3\n"
    copied = TEMPLATE.format(name="get_weekdays_short", field="weekdays_short")
    host = "import os\n\n\n" + copied + "LIMIT = 10\n"
    result = _compare(tmp_path, donor, host, fast_options)
    cited = [m for m in result.matches if m.right.start_line == 4]
    assert [m.left.start_line for m in cited] == [8]
    assert cited[0].left.text.startswith("def get_weekdays_short(")


SIBLINGS_JS = '''\
import {{ isMoment }} from './constructor';

export function isAfter(input, units) {{
{body}
    return localInput.valueOf() < this.clone().startOf(units).valueOf();
}}

export function isBefore(input, units) {{
{body}
    return this.clone().endOf(units).valueOf() < localInput.valueOf();
}}
'''
BODY_JS = '''\
    var localInput = isMoment(input) ? input : createLocal(input);
    if (!(this.isValid() && localInput.isValid())) {
        return false;
    }
    units = normalizeUnits(units) || 'millisecond';'''


def test_a_twin_whose_run_starts_in_the_previous_function_does_not_win(
        tmp_path: Path, fast_options):
    # The twin's run starts at the closing brace of the function before it, which pairs
    # with the closing brace of the host's previous function: one token longer than the
    # copy's run, with as many identical tokens. That brace grazes another definition.
    donor = SIBLINGS_JS.format(body=BODY_JS)
    host = ("function route(path) {\n    return path;\n}\n\n"
            f"export function isAfter(input, units) {{\n{BODY_JS}\n    return null;\n}}\n")
    for side, name, text in (("a", "compare.js", donor), ("b", "router.js", host)):
        (tmp_path / side).mkdir()
        (tmp_path / side / name).write_text(text, encoding="utf-8")
    result = compare_paths(str(tmp_path / "a"), str(tmp_path / "b"), fast_options)
    cited = [m for m in result.matches if m.right.start_line == 5]
    assert [m.left.start_line for m in cited] == [3]
    assert cited[0].kind == "verbatim"


def test_each_copy_of_two_twins_in_its_own_file_cites_its_own_original(
        tmp_path: Path, fast_options):
    # Two structurally identical donor functions, each copied (renamed in part) into its
    # own host file. Each copy's run lies exactly on its twin's run on both sides (the
    # twin facing the same host code; the original facing the other host file): the run
    # whose text agrees more must be the one kept.
    fields = ["weekdays", "eras"]
    donor = "".join(TEMPLATE.format(name=f"get_{f}", field=f) for f in fields)
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "days.py").write_text(donor, encoding="utf-8")
    (tmp_path / "b").mkdir()
    for name, field in (("first.py", "weekdays"), ("second.py", "eras")):
        copied = TEMPLATE.format(name=f"read_{field}", field=field).replace("value", "when")
        (tmp_path / "b" / name).write_text("import os\n\n\n" + copied, encoding="utf-8")
    result = compare_paths(str(tmp_path / "a"), str(tmp_path / "b"), fast_options)
    cited = sorted((m.right.path, m.left.start_line) for m in result.matches)
    assert cited == [("first.py", 1), ("second.py", 8)]
