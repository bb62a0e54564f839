"""CSV rows a spreadsheet opens as data: a text cell that starts like a formula (``=``,
``+``, ``-``, ``@``, a tab or a carriage return) would be run by Excel or LibreOffice when a
lawyer opens the file, and the evidence holds text the other side wrote (a string literal
such as ``=HYPERLINK(...)``). Such a cell gets a leading apostrophe, which spreadsheets
read as "text follows"; the JSON result keeps the exact text."""

from __future__ import annotations

import csv
from collections.abc import Iterable
from typing import Any, TextIO

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def cell(value: Any) -> Any:
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


class SpreadsheetWriter:
    """``csv.writer`` (newline-terminated rows) that neutralises formula-like text cells."""

    def __init__(self, f: TextIO) -> None:
        self._writer = csv.writer(f, lineterminator="\n")

    def writerow(self, row: Iterable[Any]) -> None:
        self._writer.writerow([cell(v) for v in row])
