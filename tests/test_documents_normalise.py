"""Normalisation makes renderings of the same words equal and logs every change."""

from __future__ import annotations

from simcheck.documents.model import NormalisationLog
from simcheck.documents.normalise import join_lines, normalise_line, running_lines


def test_ligatures_soft_hyphens_quotes_and_compatibility_forms_are_normalised_and_counted():
    log = NormalisationLog()
    raw = "The \ufb01eld o\ufb03ce\u2019s \u201cconfig\u00adure\u201d \uff21\u200b1"
    text = normalise_line(raw, log)
    assert text == "The field office's \"configure\" A1"
    counts = {e.rule: e.count for e in log.entries()}
    assert counts == {"ligature expanded": 2, "soft hyphen removed": 1,
                      "invisible character removed": 1, "Unicode NFKC": 1,
                      "curly quote straightened": 3}


def test_a_word_broken_at_a_line_end_is_rejoined_but_a_compound_keeps_its_hyphen():
    log = NormalisationLog()
    lines = ["the instal-", "lation of the anti-", "windup and the", "next line"]
    text, offsets = join_lines(lines, log, dehyphenate=True)
    assert text == "the installation of the anti-windup and the next line"
    assert offsets == (0, 10, 29, 44)  # where each source line starts in the text
    rules = {e.rule: e.examples for e in log.entries()}
    assert rules["end-of-line hyphenation joined"] == ("instal-|lation",)
    assert rules["end-of-line hyphen kept (compound word)"] == ("anti-|windup",)


def test_running_headers_footers_and_page_numbers_are_found_on_most_pages_only():
    pages = [
        ["Pump Manual rev 2", "Intro text", "more text", "Page 1 of 3"],
        ["Pump Manual rev 2", "Wiring text", "Page 2 of 3"],
        ["Other top line", "Service text", "even more", "- 3 -"],
    ]
    log = NormalisationLog()
    removed = running_lines(pages, log)
    assert removed == [{0, 3}, {0, 2}, {3}]
    counts = {e.rule: e.count for e in log.entries()}
    assert counts == {"running header removed": 2, "page number removed": 3}
