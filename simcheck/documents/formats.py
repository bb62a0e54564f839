"""Which files are documents, and in which format: decided from the file name alone so
that ingestion can route a file before reading it."""

from __future__ import annotations

import re
from typing import Literal

from ..filter.generated import is_tool_data

Mode = Literal["auto", "code", "text"]
MODES: tuple[str, ...] = ("auto", "code", "text")

_EXTENSIONS = {
    ".pdf": "pdf",
    ".docx": "docx", ".docm": "docx", ".dotx": "docx",
    ".html": "html", ".htm": "html", ".xhtml": "html",
    ".md": "markdown", ".markdown": "markdown", ".mdown": "markdown", ".mkd": "markdown",
    ".rst": "rst", ".rest": "rst",
    ".txt": "text", ".text": "text",
    ".man": "man",
}
# Section-numbered manual pages: ls.1, printf.3p, git-log.1.
_MAN = re.compile(r"\.[1-9][a-z]{0,3}$")
# Prose files conventionally written without an extension.
_PROSE_NAMES = frozenset(
    "readme license licence copying notice authors contributors changes changelog news "
    "install history copyright".split()
)
# A prose file with a capitalised note of whom it is for: Debian's changelog.Debian,
# README.Debian, NEWS.Debian (every Debian package ships one; read as code, its words were
# listed as shared identifiers and an https:// URL as a shared // comment).
_PROSE_NOTE = re.compile(
    r"(?i:readme|changelog|changes|news|history|todo)\.[A-Z][A-Za-z0-9]*")
# Licence texts named after their licence: LICENSE-MIT, LICENSE.APACHE2, COPYING.LIB (a
# suffix after a dot only in capitals: license.go is code), and SPDX-style names such as
# GPL-2.0, LGPL-2.1 or Apache-2.0 (not manual pages, not code).
_LICENCE_FILE = re.compile(
    r"(?i:license|licence|copying|copyright|notice|unlicense)"
    r"(?:-[\w.+-]+|\.[A-Z][A-Z0-9.+-]*)")
_LICENCE_ID = re.compile(
    r"(?:[al]?gpl|apache|mpl|epl|bsd|mit|isc|cddl|eupl|artistic)"
    r"(?:[-_.]?v?\d+(?:\.\d+)*)?(?:-[a-z]+)*\+?")
# Code under a prose extension: CMake's build script is CMakeLists.txt.
_CODE_NAMES = frozenset({"cmakelists.txt"})
BINARY_FORMATS = frozenset({"pdf", "docx"})


def document_format(path: str) -> str | None:
    """The document format of ``path`` (an archive member path works too), or None."""
    name = path.rsplit("!/", 1)[-1].rsplit("/", 1)[-1]
    lower = name.lower()
    dot = lower.rfind(".")
    if lower in _CODE_NAMES:
        return None
    if dot > 0:
        fmt = _EXTENSIONS.get(lower[dot:])
        if fmt is not None:
            return fmt
    if (lower in _PROSE_NAMES or _LICENCE_FILE.fullmatch(name) or _LICENCE_ID.fullmatch(lower)
            or _PROSE_NOTE.fullmatch(name)):
        return "text"
    return "man" if dot > 0 and _MAN.search(lower) else None


def is_document(path: str, mode: Mode) -> bool:
    """Whether ``path`` goes to the text pipeline: in ``auto`` mode documents by name, in
    ``text`` mode every file, in ``code`` mode none. In ``auto`` mode a file a tool writes
    as data (``is_tool_data``: an egg-info's SOURCES.txt, a wheel's top_level.txt) is no
    document whatever its extension: it goes with the code, where its matches are compared
    and classified generated and the literal channels leave it out, as its PKG-INFO is."""
    if mode == "text":
        return True
    if mode == "code":
        return False
    return document_format(path) is not None and not is_tool_data(path)
