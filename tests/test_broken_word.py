"""End-of-line hyphenation is found by reading only the end of a paragraph, with exactly
the match a search of the whole paragraph gives (it used to be searched again per line)."""

from hypothesis import given, settings
from hypothesis import strategies as st

from simcheck.documents.normalise import BROKEN_WORD, broken_word

TEXT = st.text(alphabet="ab_Zß²3 -\u2010\u2011\u00ad\n.é", max_size=30)


@settings(max_examples=2000, deadline=None)
@given(TEXT)
def test_broken_word_is_the_whole_text_search(text):
    expected, found = BROKEN_WORD.search(text), broken_word(text)
    if expected is None:
        assert found is None
    else:
        assert found is not None
        assert (found.span(), found.groups()) == (expected.span(), expected.groups())

