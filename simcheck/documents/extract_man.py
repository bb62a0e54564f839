"""Manual pages in roff (man and mdoc macros): section headings, paragraphs, tagged
paragraphs and literal blocks, with the file lines they came from. Font changes and
character escapes are reduced to the characters they print."""

from __future__ import annotations

import re

from .builder import DocumentBuilder
from .model import Document

_NAMED = {
    "em": "\u2014", "en": "\u2013", "hy": "-", "aq": "'", "dq": '"', "lq": "\u201c",
    "rq": "\u201d", "oq": "\u2018", "cq": "\u2019", "bu": "\u2022", "co": "\u00a9",
    "rg": "\u00ae", "tm": "\u2122", "de": "\u00b0", "mu": "\u00d7", "pl": "+", "mi": "-",
    "eq": "=", "ga": "`", "ti": "~", "ha": "^", "rs": "\\", "sl": "/",
}
_ESCAPE = re.compile(
    r"\\(?:f(?:\[[^\]]*\]|\(..|.)|\((..)|\[([^\]]*)\]|s[-+]?\d+|\*(?:\(..|\[[^\]]*\]|.)"
    r"|[&c%|^)]|(-)|(e)|( )|(.))"
)
_HEADING = {"SH": 1, "SS": 2, "Sh": 1, "Ss": 2}
_BREAK = frozenset("PP LP P sp Pp Lp br IP TP HP TQ RS RE Bl El It Bd Ed".split())
_LITERAL_START = frozenset({"nf", "EX", "Bd"})
_LITERAL_END = frozenset({"fi", "EE", "Ed"})
# Alternating-font macros print their arguments without spaces between them.
_ALTERNATING = frozenset("BR RB IR RI BI IB".split())
_MDOC_INLINE = frozenset(
    "Fl Ar Nm Op Oo Oc Pa Cm Ic Li Ev Er Va Fn Fa Ft Fo Fc Xr Sx Em Sy Dq Sq Ql Pq Bq Ns No Xo "
    "Xc Ta Aq Brq Dv Cd Ad An Lk Mt Tn Ux At Bx Ox Nx Fx Bsx".split()
)
_ARG = re.compile(r'"((?:[^"]|"")*)"|(\S+)')


def _unescape(text: str) -> str:
    def sub(m: re.Match[str]) -> str:
        two, bracket, minus, backslash, space, other = m.groups()
        if two or bracket:
            return _NAMED.get(two or bracket, "")
        if minus:
            return "-"
        if backslash:
            return "\\"
        if space:
            return " "
        return other or ""

    return _ESCAPE.sub(sub, text)


def _args(rest: str) -> list[str]:
    return [
        (m.group(1) if m.group(1) is not None else m.group(2)).replace('""', '"')
        for m in _ARG.finditer(rest)
    ]


def extract_man(text: str, encoding: str | None = None) -> Document:
    b = DocumentBuilder("man", "file")
    run: list[str] = []
    first: int | None = None
    literal = False

    def flush(kind: str = "paragraph") -> None:
        nonlocal first
        if run:
            b.add("code" if kind == "code" else "paragraph", list(run), line_start=first)
        run.clear()
        first = None

    def add(line: str, n: int) -> None:
        nonlocal first
        if first is None:
            first = n
        run.append(line)

    for n, line in enumerate(text.split("\n"), start=1):
        if line.startswith(('.\\"', "'\\\"", '\\"', ".\\#")) or line.strip() in (".", "'"):
            continue
        if line.startswith((".", "'")) and len(line) > 1:
            name, _, rest = line[1:].strip().partition(" ")
            if name in _HEADING:
                flush("code" if literal else "paragraph")
                b.add("heading", [_unescape(" ".join(_args(rest)))], line_start=n,
                      level=_HEADING[name])
            elif name == "TH" or name == "Dt":
                flush()
                args = _args(rest)
                if args:
                    b.add("heading", [" ".join(args[:2])], line_start=n, level=1)
            elif name in _LITERAL_START:
                flush()
                literal = True
            elif name in _LITERAL_END:
                flush("code")
                literal = False
            elif name in _BREAK:
                flush("code" if literal else "paragraph")
                args = _args(rest)
                if name == "IP" and args and args[0] not in ("\\(bu", "-", "*"):
                    add(_unescape(args[0]), n)
            elif name in _ALTERNATING:
                add(_unescape("".join(_args(rest))), n)
            elif rest.strip():
                # Font macros (.B .I .SM ...) and mdoc's inline macros: their arguments
                # are text; mdoc macro names inside the arguments are dropped.
                words = [w for w in _args(rest) if w not in _MDOC_INLINE]
                add(_unescape(" ".join(words)), n)
        else:
            if not line.strip() and not literal:
                flush()
                continue
            add(_unescape(line), n)
    flush("code" if literal else "paragraph")
    return b.build(encoding=encoding)
