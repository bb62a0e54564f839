"""The misspelling check: typing errors of English words are reported; software's own
words, inflections, names, contractions, code names and hex digits are not."""

from __future__ import annotations

import pytest

from simcheck.channels.anomalies import _not_prose
from simcheck.spelling import known, misspelling_of


@pytest.mark.parametrize("typo, word", [
    ("lenth", "length"), ("seqence", "sequence"), ("recieve", "receive"),
    ("succesfully", "successfully"), ("threshhold", "threshold"),
])
def test_a_typing_error_is_one_edit_from_its_word(typo, word):
    assert known(typo) is None and misspelling_of(typo) == word


@pytest.mark.parametrize("name", ["nbits", "mhash", "lname", "bcatch", "acfebe"])
def test_a_letter_prefixed_name_or_hex_digits_is_no_misspelling(name):
    assert misspelling_of(name) is None


@pytest.mark.parametrize("word, form", [
    ("globals", "global"), ("representer", "represent"), ("encodings", "encode"),
    ("stdout", "stdout"), ("callee", "callee"), ("colour", "color"),
])
def test_inflections_british_spellings_and_software_words_are_known(word, form):
    assert known(word) == form


# Words of pybind11, rxjs, requests and zod (code and README) read as typos of "accessory",
# "allow", "backed", "dick", "lockup", "reactor", "denounced", "apes", "decree", "combat".
@pytest.mark.parametrize("word, form", [
    ("accessors", "accessor"), ("alloc", "alloc"), ("backend", "backend"),
    ("dicts", "dict"), ("lookup", "lookup"), ("ssize", "ssize"), ("apps", "app"),
    ("memoized", "memoize"), ("refactor", "refactor"), ("debounced", "debounce"),
    ("unschedule", "unschedule"), ("decref", "decref"), ("compat", "compat"),
    # python-docx 0.8.11 against 1.1.0 listed these as shared misspellings of "print",
    # "reside", "under" and "twins" ("a printf (%)-style template", "dxa (twips) values")
    ("printf", "printf"), ("resized", "resize"), ("undef", "undef"), ("twips", "twips"),
    # ujson 5.1.0 against 5.10.0 (double-conversion's "Simply hardcode the remaining
    # powers", "requires scons 2.3.0") listed these as shared misspellings of "hardcore"
    # and "scans"
    ("hardcoded", "hardcode"), ("scons", "scons"),
    # pycryptodome 3.20.0 against pycryptodomex ("scale Z coords"): not "cords"
    ("coords", "coords"),
    # libjson-perl 4.10 against libjson-pp-perl 4.16 listed these as shared misspellings
    # of "book", "books", "clan" and "verse" ("true or false bools", "install from CPAN",
    # "vice versa")
    ("bool", "bool"), ("bools", "bool"), ("cpan", "cpan"), ("versa", "versa"),
])
def test_software_words_their_inflections_and_prefixed_words_are_known(word, form):
    assert known(word) == form


@pytest.mark.parametrize("typo, word", [("untill", "until"), ("nonexistant", "nonexistent")])
def test_a_typo_after_a_prefix_is_still_a_typo(typo, word):
    assert known(typo) is None and misspelling_of(typo) == word


@pytest.mark.parametrize("word, text, expected", [
    ("paulo", "Written by Paulo Barreto.", True),
    ("couln", "It couln't be read.", True),
    ("param", "@param key the name", True),
    ("isfinite", "uses isFinite and isNaN", True),
    ("fnames", "see self.fnames.sort()", True),
    ("recieve", "Recieve a frame; every recieve resets the timer.", False),
    ("lenth", "the lenth of the key", False),
    # rxjs's JSDoc example and package.json scripts
    ("blesh", '{ updatedBy: "blesh", data: [] }', True),
    ("systemjs", "node integration/systemjs/systemjs-compatibility-spec.js", True),
    ("recieve", '"recieve failed"', False),
])
def test_names_contractions_and_code_in_comments_are_not_prose(word, text, expected):
    assert _not_prose(word, text) is expected
