"""The chance baseline: statistics with known answers, and real comparisons against
reference works written here (a copy never looks like chance; a shared idiom does)."""

from __future__ import annotations

import json
import math
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest
from hypothesis import given
from hypothesis import strategies as st

from simcheck.chance import Distribution, Observation, quantiles, upper_bound
from simcheck.compare import CompareOptions, compare_paths
from simcheck.errors import InputError
from simcheck.render.html import render_html
from simcheck.result import Result, from_dict, schema, to_dict, to_json

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "copies"

# An idiom both sides wrote independently; one reference work has it too.
IDIOM_LEFT = '''import csv


def read_rows(path):
    rows = []
    with open(path, newline="") as handle:
        for row in csv.reader(handle):
            if not row or row[0].startswith("#"):
                continue
            rows.append([cell.strip() for cell in row])
    return rows
'''
IDIOM_RIGHT = IDIOM_LEFT.replace("read_rows", "load_csv").replace("handle", "fh")
REFERENCE_WORKS = {
    "table_tool/table.py": '''"""Print a CSV table with aligned columns."""
import csv
import sys


def load_table(filename):
    table = []
    with open(filename, newline="") as f:
        for record in csv.reader(f):
            if not record or record[0].startswith("#"):
                continue
            table.append([field.strip() for field in record])
    return table


def widths(table):
    return [max(len(r[i]) for r in table if i < len(r)) for i in range(max(map(len, table)))]


if __name__ == "__main__":
    t = load_table(sys.argv[1])
    w = widths(t)
    for r in t:
        print("  ".join(c.ljust(n) for c, n in zip(r, w)))
''',
    "queue_sim.py": '''"""Single-server queue: mean wait by simulation."""
import random


def simulate(arrival_rate, service_rate, customers, seed=7):
    rng = random.Random(seed)
    clock = free_at = waited = 0.0
    for _ in range(customers):
        clock += rng.expovariate(arrival_rate)
        start = max(clock, free_at)
        waited += start - clock
        free_at = start + rng.expovariate(service_rate)
    return waited / customers


for load in (0.5, 0.8, 0.95):
    print(load, round(simulate(load, 1.0, 20000), 3))
''',
    "strutil/strutil.c": '''#include <ctype.h>
#include <string.h>

/* Trim leading and trailing blanks in place; returns the start of the text. */
char *str_trim(char *s)
{
    char *end;
    while (isspace((unsigned char)*s)) {
        s++;
    }
    end = s + strlen(s);
    while (end > s && isspace((unsigned char)end[-1])) {
        end--;
    }
    *end = '\\0';
    return s;
}

int str_count(const char *s, char c)
{
    int n = 0;
    for (; *s; s++) {
        n += *s == c;
    }
    return n;
}
''',
}


def _write(root: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
    return root


@pytest.fixture
def case(tmp_path: Path) -> tuple[Path, Path, Path]:
    left = _write(tmp_path / "left", {
        "tank.py": (FIXTURES / "original.py").read_text(), "io_util.py": IDIOM_LEFT,
    })
    right = _write(tmp_path / "right", {
        "tank.py": (FIXTURES / "renamed.py").read_text(), "files.py": IDIOM_RIGHT,
    })
    reference = _write(tmp_path / "reference", REFERENCE_WORKS)
    (reference / ".git").mkdir()  # hidden entries are not works
    (reference / "firmware.bin").write_bytes(bytes(range(256)) * 4)  # nothing to compare
    return left, right, reference


@pytest.fixture
def result(case, fast_options) -> Result:
    left, right, reference = case
    options = CompareOptions(fingerprint=fast_options.fingerprint,
                             chance_reference=str(reference))
    return compare_paths(str(left), str(right), options)


# --- statistics ---------------------------------------------------------------------------

def test_upper_bound_for_none_seen_is_the_rule_of_three():
    assert upper_bound(0, 10) == pytest.approx(1 - 0.05 ** (1 / 10))
    assert upper_bound(0, 300) == pytest.approx(3 / 300, rel=0.01)


@pytest.mark.parametrize(("reached", "n"), [(1, 10), (3, 10), (5, 40), (39, 40)])
def test_upper_bound_is_the_exact_clopper_pearson_bound(reached, n):
    p = upper_bound(reached, n)
    cdf = sum(math.comb(n, i) * p**i * (1 - p) ** (n - i) for i in range(reached + 1))
    assert cdf == pytest.approx(0.05, abs=1e-9)


def test_upper_bound_grows_with_what_was_seen_and_is_one_when_all_were():
    bounds = [upper_bound(k, 20) for k in range(21)]
    assert bounds == sorted(bounds) and len(set(bounds)) == 21
    assert bounds[-1] == 1.0
    assert upper_bound(1, 10) == pytest.approx(0.3942, abs=1e-4)  # published table value


def test_quantiles_are_nearest_rank_observed_values():
    got = {q.q: q.value for q in quantiles(list(range(1, 11)))}
    assert got == {0.5: 5, 0.9: 9, 0.95: 10, 0.99: 10, 1.0: 10}
    assert quantiles([]) == []


@given(
    st.lists(st.integers(0, 500), min_size=1, max_size=40),
    st.integers(0, 600),
    st.integers(0, 600),
)
def test_a_bigger_match_never_gets_a_higher_chance_rate(largest, a, b):
    dist = Distribution.of(Observation(x, 0.0) for x in largest)
    small, big = sorted((a, b))
    assert dist.match_rate(big).rate <= dist.match_rate(small).rate
    assert dist.match_rate(big).upper_95 <= dist.match_rate(small).upper_95


def test_rates_count_comparisons_reaching_the_figure():
    dist = Distribution.of(
        [Observation(0, 0.0), Observation(30, 0.05), Observation(30, 0.02), Observation(80, 0.1)]
    )
    assert (dist.match_rate(30).reached, dist.match_rate(31).reached) == (3, 1)
    assert dist.match_rate(81).reached == 0 and dist.match_rate(81).comparisons == 4
    assert dist.coverage_rate(0.05).reached == 2 and dist.coverage_rate(0.5).reached == 0


# --- real comparisons -----------------------------------------------------------------------

def test_each_side_is_compared_with_each_usable_reference_work(result):
    c = result.chance
    assert c is not None
    assert [w.name for w in c.works] == [
        "firmware.bin", "queue_sim.py", "strutil", "table_tool"
    ]
    assert [w.used for w in c.works] == [False, True, True, True]
    assert "no file that can be compared" in (c.works[0].reason or "")
    assert c.works_used == 3 and c.comparisons == 6


def test_the_shared_idiom_is_common_by_chance_and_the_copy_is_not(result):
    c = result.chance
    table_tool = next(w for w in c.works if w.name == "table_tool")
    assert table_tool.left_largest_match > 0 and table_tool.right_largest_match > 0
    idiom = next(m for m in result.matches if m.left.path == "io_util.py")
    copy = max((m for m in result.matches if m.left.path == "tank.py"), key=lambda m: m.tokens)
    assert idiom.chance is not None and copy.chance is not None
    assert idiom.chance.reached == 2  # table_tool shares it with both sides
    assert copy.tokens > idiom.tokens and copy.chance.reached == 0
    assert copy.chance.upper_95 == pytest.approx(1 - 0.05 ** (1 / 6))
    assert c.left.reached == 0 and c.right.reached == 0  # no chance of this coverage


def test_in_a_real_result_bigger_matches_never_have_higher_chance_rates(result):
    ranked = sorted(result.matches, key=lambda m: m.tokens)
    rates = [m.chance.rate for m in ranked if m.chance]
    assert len(rates) == len(ranked) >= 2
    assert rates == sorted(rates, reverse=True)


def test_the_baseline_is_deterministic_valid_and_read_back(case, result, fast_options):
    left, right, reference = case
    options = CompareOptions(fingerprint=fast_options.fingerprint,
                             chance_reference=str(reference))
    again = to_json(compare_paths(str(left), str(right), options))
    assert again == to_json(result)
    assert str(reference.parent) not in again
    data = to_dict(result)
    jsonschema.validate(data, schema())
    assert to_json(from_dict(data)) == to_json(result)  # read back whole (floats rounded)


def test_without_a_reference_there_is_no_chance_figure(case, fast_options):
    left, right, _ = case
    plain = compare_paths(str(left), str(right), fast_options)
    assert plain.chance is None and all(m.chance is None for m in plain.matches)
    assert "Could this be coincidence" not in render_html(plain)


def test_the_report_explains_the_chance_figures(result):
    html = render_html(result)
    assert "Could this be coincidence?" in html and 'id="method-chance"' in html
    assert html.count("Chance: a shared region this large") == len(result.matches)
    assert "none of 6" in html


# --- bad input ------------------------------------------------------------------------------

def test_an_empty_reference_directory_is_an_error_naming_it(case, tmp_path, fast_options):
    left, right, _ = case
    empty = tmp_path / "nothing here"
    empty.mkdir()
    (empty / ".hidden").write_text("x = 1\n")
    options = CompareOptions(fingerprint=fast_options.fingerprint, chance_reference=str(empty))
    with pytest.raises(InputError, match="nothing here.*empty"):
        compare_paths(str(left), str(right), options)


def test_a_reference_with_nothing_comparable_is_an_error(case, tmp_path, fast_options):
    left, right, _ = case
    (tmp_path / "bins").mkdir()
    (tmp_path / "bins" / "a.bin").write_bytes(bytes(range(256)) * 4)
    options = CompareOptions(fingerprint=fast_options.fingerprint,
                             chance_reference=str(tmp_path / "bins"))
    with pytest.raises(InputError, match="bins.*no work"):
        compare_paths(str(left), str(right), options)


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "simcheck.cli", *args], capture_output=True, text=True, timeout=300
    )


def test_cli_empty_or_missing_reference_exits_2_with_one_line(case, tmp_path):
    left, right, _ = case
    (tmp_path / "empty").mkdir()
    for bad in (tmp_path / "empty", tmp_path / "missing"):
        run = _run("compare", str(left), str(right), "--chance-reference", str(bad))
        assert run.returncode == 2
        lines = [line for line in run.stderr.splitlines() if line.strip()]
        assert len(lines) == 1 and str(bad) in lines[0] and "chance reference" in lines[0]


def test_cli_writes_the_chance_column_and_verify_reruns_it(case, tmp_path):
    left, right, reference = case
    out = tmp_path / "out"
    run = _run("compare", str(left), str(right), "--chance-reference", str(reference),
               "--csv", str(out), "--json", str(out / "result.json"))
    assert run.returncode == 0, run.stderr
    assert "Chance baseline" in run.stdout
    header, *rows = (out / "matches.csv").read_text().splitlines()
    assert "chance_rate" in header.split(",") and rows
    data = json.loads((out / "result.json").read_text())
    assert data["chance"]["comparisons"] == 6
    check = _run("verify", str(out / "manifest.json"))
    assert check.returncode == 0, check.stdout + check.stderr
    assert check.stdout.startswith("PASS")
    (reference / "queue_sim.py").write_text("print('changed')\n")  # a reference work changes
    changed = _run("verify", str(out / "manifest.json"))
    assert changed.returncode == 1 and "FAIL: result differs" in changed.stdout
