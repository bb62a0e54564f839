"""Classification reads the token texts of a region exactly, however long the region, and
measures their similarity exactly, however alike they are."""

from hypothesis import given, settings
from hypothesis import strategies as st
from rapidfuzz.distance import Indel

from fingerprints.languages import get_spec
from fingerprints.syntax_tokens import tokenize_syntax
from simcheck.match.classify import _joined_tokens, _similarity

LINE = st.tuples(
    st.sampled_from(["x", "größe", "_v1", "data"]),
    st.integers(0, 999),
    st.sampled_from(["", "  # note", "\t# Maß"]),
)


@settings(max_examples=60, deadline=None)
@given(st.lists(LINE, min_size=1, max_size=40), st.data())
def test_joined_token_texts_are_the_tokens_separated_by_one_space(lines, data):
    source = "".join(f"{n} = ({v} + {n})  {c}\n" for n, v, c in lines).encode("utf-8")
    tokens = tokenize_syntax(source, get_spec("python"))
    start = data.draw(st.integers(0, len(tokens) - 1))
    end = data.draw(st.integers(start + 1, len(tokens)))
    spans = zip(tokens.start_byte[start:end].tolist(), tokens.end_byte[start:end].tolist(),
                strict=True)
    # Long regions take the vectorised path, short ones the per-token one: same text.
    assert _joined_tokens(source, tokens, start, end) == b" ".join(source[s:e] for s, e in spans)


TEXT = st.text(alphabet="ab c()=\n", max_size=1500)


@settings(max_examples=80, deadline=None)
@given(TEXT, st.lists(st.tuples(st.integers(0, 2999), st.sampled_from(["x", "", "d e"])),
                      max_size=400))
def test_literal_similarity_under_cutoffs_is_the_exact_figure(text, edits):
    # From near-identical texts (the first cutoff holds) to unrelated ones (none does).
    a = (text * 2).encode()
    b = bytearray(a)
    for at, new in edits:
        b[at : at + 1] = new.encode()
    assert _similarity(a, bytes(b)) == Indel.normalized_similarity(a, bytes(b))
    assert _similarity(a, a[::-1]) == Indel.normalized_similarity(a, a[::-1])
