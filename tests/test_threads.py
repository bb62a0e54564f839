"""Independent computations run together in threads: answers in the order asked."""

import threading

import pytest

from simcheck.threads import together


def test_answers_come_in_call_order_with_one_or_two_workers():
    calls = [lambda i=i: i * i for i in range(5)]
    assert together(calls, 2) == [0, 1, 4, 9, 16]
    assert together(calls, 1) == [0, 1, 4, 9, 16]


def test_two_workers_run_the_calls_in_two_threads():
    seen = []
    calls = [lambda: seen.append(threading.get_ident()), lambda: seen.append(threading.get_ident())]
    together(calls, 2)
    assert len(set(seen)) == 2
    seen.clear()
    together(calls, 1)
    assert len(set(seen)) == 1


def test_an_error_in_another_thread_reaches_the_caller():
    def fail() -> int:
        raise ValueError("broken")

    with pytest.raises(ValueError, match="broken"):
        together([lambda: 1, fail], 2)
