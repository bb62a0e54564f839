"""Worker-process parsing: a hung grammar costs one file its syntax tokens, nothing more."""

from fingerprints.fileprint import FingerprintSettings
from fingerprints.parse_pool import Job, fingerprint_all


def test_a_hang_inside_a_batch_falls_back_and_the_rest_of_the_batch_is_parsed():
    good_py = Job(b"def f(x):\n    return x + 1\n", "python")
    good_c = Job(b"int main(void) { return 0; }\n", "c")
    hang = Job(b"x", "cobol")  # the bundled COBOL grammar never returns on this
    jobs = [good_py, hang, good_c, good_py, good_c]
    results = fingerprint_all(jobs, FingerprintSettings(parse_timeout=2.0), workers=1)
    assert len(results) == len(jobs)
    assert [r.tokens.tokenizer for r in results] == [
        "tree-sitter", "lexical", "tree-sitter", "tree-sitter", "tree-sitter",
    ]
    assert "exceeded" in (results[1].tokens.note or "")
    assert len(results[0].tokens) == len(results[3].tokens) > 0
