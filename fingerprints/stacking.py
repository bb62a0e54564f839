"""Many values of one shape as one, to send between processes: ``unstack(stack(values))``
gives values equal to ``values``.

A file's fingerprint holds some forty small numpy arrays. Pickled one file at a time, each
array costs a reduce call and a buffer of its own on both ends, which for a small file is
more than computing it. Stacked, each field of a batch of files travels as one array (the
files' arrays concatenated) and comes back as per-file views of it.

Generic over dataclasses (with a ``__dict__``), tuples and arrays, so a field added to the
fingerprint classes needs nothing here; anything else (or arrays whose dtypes differ from
file to file) travels as a plain list.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from itertools import accumulate
from operator import attrgetter, itemgetter
from typing import Any

import numpy as np

_ARRAYS, _TUPLES, _OBJECTS, _VALUES = range(4)
_field_names: dict[type, tuple[str, ...]] = {}


def _names(cls: type) -> tuple[str, ...]:
    names = _field_names.get(cls)
    if names is None:
        names = _field_names[cls] = tuple(f.name for f in dataclasses.fields(cls))
    return names


def stack(values: Sequence[Any]) -> tuple[int, Any]:
    """``values`` (all of one shape, as a batch of ``FileFingerprint``) as one value."""
    return len(values), _stack(values) if values else None


def unstack(stacked: tuple[int, Any]) -> list[Any]:
    """The values ``stack`` was given; their arrays are views of the stacked arrays."""
    count, node = stacked
    return _unstack(node, count) if count else []


def _stack(values: Sequence[Any]) -> Any:
    first = values[0]
    kind = type(first)
    if len(set(map(type, values))) == 1:
        if kind is np.ndarray:
            if first.ndim and len(set(map(_layout, values))) == 1:
                return _ARRAYS, np.concatenate(values), list(map(len, values))
        elif kind is tuple:
            if len(set(map(len, values))) == 1:
                return _TUPLES, [_stack(list(map(itemgetter(i), values)))
                                 for i in range(len(first))]
        elif dataclasses.is_dataclass(kind) and hasattr(first, "__dict__"):
            return _OBJECTS, kind, [_stack(list(map(attrgetter(name), values)))
                                    for name in _names(kind)]
    return _VALUES, list(values)


def _layout(array: np.ndarray) -> tuple[np.dtype, tuple[int, ...]]:
    """What arrays must share to be concatenated without a change: dtype, inner shape."""
    return array.dtype, array.shape[1:]


def _unstack(node: Any, count: int) -> list[Any]:
    tag = node[0]
    if tag == _ARRAYS:
        data, lengths = node[1], node[2]
        ends = list(accumulate(lengths))
        return [data[end - length : end] for end, length in zip(ends, lengths, strict=True)]
    if tag == _TUPLES:
        if not node[1]:
            return [() for _ in range(count)]
        return list(zip(*(_unstack(item, count) for item in node[1]), strict=True))
    if tag == _OBJECTS:
        kind, fields = node[1], node[2]
        names = _names(kind)
        if not fields:
            return [kind.__new__(kind) for _ in range(count)]
        out = []
        for row in zip(*(_unstack(field, count) for field in fields), strict=True):
            obj = kind.__new__(kind)
            # As unpickling does (no __init__): the fields go straight into __dict__.
            obj.__dict__.update(zip(names, row, strict=True))
            out.append(obj)
        return out
    return node[1]
