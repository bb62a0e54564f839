"""The two-core split gives exactly the serial answers, in order, whoever computes them."""

from __future__ import annotations

import os
from collections.abc import Sequence

import pytest

from simcheck.fork_split import split_map, split_stream


def _squares(items: Sequence[int]) -> list[tuple[int, int]]:
    return [(i, i * i) for i in items]


def test_split_map_gives_the_serial_answers_in_order() -> None:
    items = list(range(1001))
    assert split_map(_squares, items, workers=2, min_items=2) == _squares(items)


def test_split_map_really_uses_a_second_process() -> None:
    pids = split_map(lambda xs: [os.getpid() for _ in xs], list(range(10)), 2, min_items=2)
    assert pids[0::2] == [os.getpid()] * 5
    assert set(pids[1::2]) != {os.getpid()}


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


def test_split_stream_yields_every_answer_in_order() -> None:
    items = [bytes([i % 256]) * (i * 997) for i in range(60)]  # up to ~60 KB each
    got = list(split_stream(lambda b: b[::-1] + b"!", items, 2, min_items=2))
    assert got == [b[::-1] + b"!" for b in items]


def test_split_stream_goes_on_when_the_child_dies() -> None:
    parent = os.getpid()

    def fragile(x: int) -> int:
        if os.getpid() != parent and x > 10:
            os._exit(3)
        return -x

    assert list(split_stream(fragile, list(range(40)), 2, min_items=2)) == [
        -x for x in range(40)
    ]
