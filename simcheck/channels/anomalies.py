"""Oddities two works share: the same misspelt word in their comments or strings,
and code one side has live while the other has it commented out (a copier's leftovers,
or the original's abandoned code carried along)."""

from __future__ import annotations

import re
from collections.abc import Sequence

import numpy as np

from fingerprints.literals import form_hash, words_of

from ..filter.generated import detect_generated
from ..prepare import PreparedFile
from ..result import CodeAnomaly
from ..spelling import in_dictionary, known, misspelling_of
from .items import index, place

MAX_LISTED = 50  # of each kind
MAX_FILES = 2  # a word in more files of a side than this is vocabulary, not a typo
# A typo stands out in English prose: comments and strings are read for typos when they
# hold at least PROSE_WORDS words of four letters or more, and the dictionary has at
# least ENGLISH_SHARE of them besides the typo (a translation's or a lone key's words are
# not English prose: "Les accions seleccionades", "Agost").
PROSE_WORDS = 3
ENGLISH_SHARE = 0.5
# A gettext catalogue of a language other than English (locale/fr/LC_MESSAGES/app.po,
# po/pt_BR.po): its msgstr strings are that language's prose, often with enough words
# English shares to pass for English ("Over deze documenten", "À propos de cette
# documentation"); its msgid strings repeat the sources', where a typo is found anyway.
_FOREIGN_CATALOGUE = re.compile(
    r"(?:^|/)(?!en[_@/])[a-z]{2,3}(?:_[A-Za-z]{2,4})?(?:@\w+)?/LC_MESSAGES/[^/]+\.po$"
    r"|(?:^|/)(?!en[_@.])[a-z]{2,3}(?:_[A-Za-z]{2,4})?(?:@\w+)?\.po$")


def misspellings(left: Sequence[PreparedFile], right: Sequence[PreparedFile],
                 names: frozenset[str] = frozenset()) -> list[CodeAnomaly]:
    """Words of both sides' comments or strings that the dictionary lacks and that are one
    edit from a common word ("threshhold", "recieve"), alphabetically. Only words rare in
    both works are looked up (in at most MAX_FILES files per side): a typo copied with its
    code is rare; a word all over a codebase is its vocabulary. A package or module name
    either work imports or declares (``names``: "axios", one edit from "axis") is no typo."""
    lside, rside = (
        index([f for f in files if not _FOREIGN_CATALOGUE.search(f.entry.path)],
              lambda lit: lit.words)
        for files in (left, right))
    lrare = lside.symbols[lside.files_with <= MAX_FILES]
    rrare = rside.symbols[rside.files_with <= MAX_FILES]
    shared = np.intersect1d(lrare, rrare, assume_unique=True)
    lplaces = lside.locate(shared)
    hits = []
    # A comment's words by hash and whether it reads as English, worked out once.
    texts: dict[str, tuple[dict[int, str], bool]] = {}
    for symbol in shared.tolist():
        lf, lraw, lline = lplaces[symbol]
        if lraw not in texts:
            words = words_of(lraw)
            long = [w for w in words if len(w) >= 4]  # "de", "la", "per" are English too
            english = len(long) >= PROSE_WORDS and (
                sum(map(in_dictionary, long)) >= ENGLISH_SHARE * (len(long) - 1))
            texts[lraw] = ({form_hash(w): w for w in words}, english)
        by_hash, english = texts[lraw]
        word = by_hash.get(symbol)
        # known: a dictionary word, its British spelling, an inflection, software's own.
        if word is None or not english or word in names or known(word) is not None:
            continue
        suggestion = misspelling_of(word)
        if suggestion is not None and not _not_prose(word, lraw):
            hits.append((symbol, word, suggestion, place(lf, _word_line(word, lraw, lline))))
    # The right side's places are read for the misspellings found only.
    rplaces = rside.locate(np.asarray([h[0] for h in hits], dtype=np.uint64))
    found = []
    for symbol, word, suggestion, left_place in hits:
        rf, rraw, rline = rplaces[symbol]
        found.append(CodeAnomaly(
            kind="misspelling", text=word, suggestion=suggestion,
            left=left_place, right=place(rf, _word_line(word, rraw, rline)),
            note="the same misspelling in both works' comments or strings",
        ))
    found.sort(key=lambda a: a.text)
    return found[:MAX_LISTED]


def _word_line(word: str, text: str, line: int) -> int:
    """The line of ``word``'s first use in ``text``, a comment or string that starts at
    ``line``: a typo in a documentation block is cited where it is, not at the block's
    first line (lodash's "neighborino", 17 lines into the doc comment of _.truncate)."""
    m = re.search(rf"(?<![^\W\d_]){re.escape(word)}(?![^\W\d_])", text, re.IGNORECASE)
    return line + text.count("\n", 0, m.start()) if m else line


def _not_prose(word: str, text: str) -> bool:
    """Whether every use of ``word`` in ``text`` is something other than a word of prose:
    a name (always capitalised: "Paulo Barreto"), the first part of a contraction
    ("shouldn't"), a doc tag or a name in code ("@param", "isFinite", "x.fname()"), a
    part of a path or URL ("integration/systemjs/"), a quoted value ('"blesh"')."""
    uses = [
        (text[m.start() - 1 : m.start()] in _NAME_BEFORE
         or text[m.start() - 1 : m.end() + 1] == f'"{m.group()}"',
         m.group(), _NAME_AFTER.match(text, m.end()) is not None)
        for m in re.finditer(rf"(?<![^\W\d_]){re.escape(word)}(?![^\W\d_])", text,
                             re.IGNORECASE)
    ]
    return bool(uses) and all(
        before or after or found[0].isupper() or not found[1:].islower()
        for before, found, after in uses
    )


# Around a name rather than a word of prose: a doc tag, member access, a variable sigil
# or a path's slash before it; a contraction, a call, a member or a slash after it; or
# quotes around it alone (a string literal's own quotes around a message are not).
_NAME_BEFORE = frozenset("@.$#/")
_NAME_AFTER = re.compile(r"['\u2019]t|\(|\.\w|/")


def commented_out(left: Sequence[PreparedFile], right: Sequence[PreparedFile]
                  ) -> list[CodeAnomaly]:
    """Lines of code live on one side and inside a comment on the other (whitespace
    ignored), in the order of the side that has them commented out; a generated file's
    comments are left out (cchardet 2.1.7 against faust-cchardet 2.1.19: 68 of the 100
    lines listed were the .pyx source Cython quotes in _cchardet.cpp)."""
    out = []
    for live, dead, where in ((right, left, "left"), (left, right, "right")):
        # A generator's comments are not an author's: Cython quotes each source line it
        # compiles in a comment above the C it wrote for it. (Only files with commented
        # code are looked at: the header scan costs 0.3 s on Django's 5,000 files.)
        dead = [f for f in dead if f.fp.literals is not None
                and f.fp.literals.commented.symbols.size
                and detect_generated(f.entry.path, f.text) is None]
        dside = index(dead, lambda lit: lit.commented)
        lside = index(live, lambda lit: lit.code_lines)
        shared = np.intersect1d(dside.symbols, lside.symbols, assume_unique=True)
        dplaces, lplaces = dside.locate(shared), lside.locate(shared)
        found = []
        for symbol in shared.tolist():
            (df, _, dline), (lf, lraw, lline) = dplaces[symbol], lplaces[symbol]
            found.append(((df.entry.path, dline), CodeAnomaly(
                kind="commented-out code", text=" ".join(lraw.split())[:200], suggestion=None,
                left=place(df, dline) if where == "left" else place(lf, lline),
                right=place(lf, lline) if where == "left" else place(df, dline),
                note=f"commented out on the {where}, live code on the other side",
            )))
        found.sort(key=lambda x: x[0])
        out.extend(a for _, a in found[:MAX_LISTED])
    return out
