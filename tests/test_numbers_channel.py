"""Magic numbers as evidence (the ``numbers`` channel): a copy renamed until no name is
shared still keeps its thresholds."""

from __future__ import annotations

from pathlib import Path

import pytest

from simcheck.compare import compare_paths
from simcheck.match.evidence import distinctive_number

_WEIGHT = """int {name}(int {arg}) {{
    if ({arg} < {a}) {{
        return {arg};
    }} else if ({arg} < {b}) {{
        return {c};
    }} else if ({arg} < {d}) {{
        return {e};
    }} else {{
        return {f};
    }}
}}
"""


def _compare(tmp_path: Path, left: str, right: str, options):
    for side, text in (("a", left), ("b", right)):
        (tmp_path / side).mkdir()
        (tmp_path / side / f"{side}.c").write_text(text, encoding="utf-8")
    return compare_paths(str(tmp_path / "a"), str(tmp_path / "b"), options)


def test_a_renamed_copy_sharing_magic_numbers_is_supported_by_them(tmp_path, fast_options):
    numbers = dict(a=100, b=550, c=100, d=750, e=400, f=700)
    result = _compare(tmp_path, _WEIGHT.format(name="lighter", arg="inherited", **numbers),
                      _WEIGHT.format(name="pivot_count", arg="data_delta", **numbers),
                      fast_options)
    (match,) = result.matches
    assert match.evidence.identifiers_shared == 0
    assert "numbers" in match.evidence.channels
    assert match.evidence.shared_numbers == ["100", "400", "550", "700", "750"]
    assert match.kind == "renamed"
    assert match.filter.classification == "none"


def test_numbers_every_program_has_support_nothing(tmp_path, fast_options):
    numbers = dict(a=0, b=1, c=2, d=2, e=1, f=0)
    result = _compare(tmp_path, _WEIGHT.format(name="lighter", arg="inherited", **numbers),
                      _WEIGHT.format(name="pivot_count", arg="data_delta", **numbers),
                      fast_options)
    (match,) = result.matches
    assert match.evidence.numbers_shared == 0
    assert match.kind == "structural-only"
    assert match.filter.classification == "short-structural-only"


@pytest.mark.parametrize(
    "text, magic",
    [(b"550", True), (b"10", True), (b"0x7f", True), (b"0xFFul", True), (b"1e9", True),
     (b"3.14", True), (b"0.25", True), (b"10L", True), (b"1_000", True),
     (b"0", False), (b"2", False), (b"0.5", False), (b"1.0", False), (b"2.0f", False),
     (b"0x1", False), (b"07", False), (b"nan", False), (b"inf", False),
     # pycryptodome 3.20.0 against pycryptodomex 3.20.0: a 2048-bit hexadecimal modulus
     # in a test raised OverflowError (int too large to convert to float) and ended the
     # run; a long decimal one read as infinity, not magic.
     (b"0x" + b"c7" * 256, True), (b"1" * 400, True), (b"0" * 400, False),
     (b"0b" + b"1" * 1100, True)],
)
def test_a_magic_number_is_at_least_10_or_has_two_decimals(text, magic):
    assert distinctive_number(text) is magic
