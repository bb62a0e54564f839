"""The two-core split gives exactly the serial answers, in order, whoever computes them."""

from __future__ import annotations

import os
from collections.abc import Sequence

import pytest

import simcheck.fork_split as fork_split
from simcheck.fork_split import split_map

_MEASURED_IDLE = fork_split._idle_cores  # the real measurement (the fixture replaces it)


@pytest.fixture(autouse=True)
def _idle_machine(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every test here sees a core idle (the real check samples the machine's load)."""
    monkeypatch.setattr(fork_split, "_idle_cores", lambda: 2.0)


def _squares(items: Sequence[int]) -> list[tuple[int, int]]:
    return [(i, i * i) for i in items]


def test_split_map_gives_the_serial_answers_in_order() -> None:
    items = list(range(1001))
    assert split_map(_squares, items, workers=2, min_items=2) == _squares(items)


def test_split_map_really_uses_a_second_process() -> None:
    pids = split_map(lambda xs: [os.getpid() for _ in xs], list(range(10)), 2, min_items=2)
    assert pids[0::2] == [os.getpid()] * 5
    assert set(pids[1::2]) != {os.getpid()}


def test_a_busy_machine_keeps_the_work_in_this_process(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(fork_split, "_idle_cores", lambda: 0.2)
    pids = split_map(lambda xs: [os.getpid() for _ in xs], list(range(10)), 2, min_items=2)
    assert set(pids) == {os.getpid()}


@pytest.mark.skipif(not os.path.exists("/proc/stat"), reason="measured from /proc/stat")
def test_idle_cores_are_measured_from_the_machine() -> None:
    idle = _MEASURED_IDLE()
    assert idle is not None and 0.0 <= idle <= (os.cpu_count() or 1) + 1e-9


def test_split_map_computes_a_failed_childs_share_itself() -> None:
    parent = os.getpid()

    def fragile(xs: Sequence[int]) -> list[int]:
        if os.getpid() != parent:
            os._exit(3)  # the child dies without answering
        return [x + 1 for x in xs]

    assert split_map(fragile, list(range(20)), 2, min_items=2) == list(range(1, 21))


def test_split_map_raises_what_the_computation_raises() -> None:
    def broken(xs: Sequence[int]) -> list[int]:
        raise ValueError("bad item")

    with pytest.raises(ValueError, match="bad item"):
        split_map(broken, list(range(20)), 2, min_items=2)


def test_small_or_single_worker_runs_stay_in_this_process() -> None:
    pids = split_map(lambda xs: [os.getpid() for _ in xs], list(range(10)), 1, min_items=2)
    assert set(pids) == {os.getpid()}
    assert set(split_map(lambda xs: [os.getpid() for _ in xs], [1, 2], 2)) == {os.getpid()}


def test_beside_computes_in_a_second_process_while_this_one_goes_on() -> None:
    answer = fork_split.beside(lambda: (os.getpid(), sum(range(10_000))), workers=2)
    pid, total = answer()
    assert pid != os.getpid() and total == sum(range(10_000))


def test_beside_stays_here_when_not_worth_it_or_the_child_dies() -> None:
    answer = fork_split.beside(lambda: os.getpid(), workers=2, worth_it=False)
    assert answer() == os.getpid()
    parent = os.getpid()

    def fragile() -> int:
        if os.getpid() != parent:
            os._exit(3)
        return 42

    assert fork_split.beside(fragile, workers=2)() == 42


def test_a_large_comparison_gives_the_same_json_with_one_or_two_processes(tmp_path) -> None:
    from dataclasses import replace

    from simcheck.compare import BESIDE_MIN_FILES, CompareOptions, compare_paths
    from simcheck.result import to_json

    for side in ("a", "b"):
        for i in range(BESIDE_MIN_FILES // 2 + 1):
            path = tmp_path / side / f"m{i:03d}.py"
            path.parent.mkdir(exist_ok=True)
            path.write_text(
                f"# helper number {i} for the pump (keep in sync)\n"
                f"def f{i}(x, y):\n    total = x * {i} + y\n    if total > {i * 7}:\n"
                f"        return total - {i}\n    return \"pump {i} ok\"\n")
    options = CompareOptions()
    two = compare_paths(str(tmp_path / "a"), str(tmp_path / "b"), options)
    one = compare_paths(str(tmp_path / "a"), str(tmp_path / "b"), replace(options, workers=1))
    assert to_json(two) == to_json(one)
    assert any(c.name == "comments" and c.shared > 0 for c in two.channels)
    assert two.left.order_free > 0
