"""Passage alignment: verbatim, edited and paraphrased passages are found with their
kind; aliases are applied and disclosed; unrelated text on the same subject is not."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema

from simcheck.compare import CompareOptions, compare_paths
from simcheck.documents.settings import DocumentSettings
from simcheck.filter.options import FilterOptions
from simcheck.render.html import render_html
from simcheck.result import schema, to_dict, to_json

ORIGINAL = """# Installation

Mount the controller in a panel cutout of 92 by 45 millimetres and tighten the two clamps
evenly. Leave twenty millimetres of free space above and below the housing so that air can
circulate freely.

# Alarms

An alarm becomes active when its condition has been true for the whole delay. It becomes
inactive again when the value has moved back past the threshold by more than the
hysteresis. Latching alarms stay active until the operator acknowledges them.

# Calibration

If a channel reads wrong after a sensor has been replaced, correct it with a two-point
calibration. You need a reference source that is three times more accurate than the
tolerance you want to achieve.
"""

COPY = """# Fitting

Mount the controller in a panel cutout of 92 by 45 millimetres and tighten the two clamps
evenly. Leave twenty millimetres of free space above and below the housing so that air can
circulate freely.

# Alarm handling

An alarm becomes active once its condition has been true for the entire delay. It becomes
inactive again when the value has moved back past the threshold by more than the
hysteresis. Latching alarms stay active until an operator acknowledges them.

# Adjusting inputs

Correct a channel with a two-point calibration when it reads wrong after a sensor has been
replaced. The reference source you need must be three times more accurate than the
tolerance you aim to achieve.
"""

RING = """def push(ring, value, size):
    ring.items[ring.head] = value
    ring.head = (ring.head + 1) % size
    if ring.count < size:
        ring.count += 1
    else:
        ring.tail = (ring.tail + 1) % size
    return ring


def pop(ring, size):
    if ring.count == 0:
        raise IndexError("empty ring")
    value = ring.items[ring.tail]
    ring.tail = (ring.tail + 1) % size
    ring.count -= 1
    return value
"""

UNRELATED = """# Installation

The leaflet explains how the heater controller clips onto a top-hat rail. Press the lower
edge of the case until the catch engages, and allow a gap of one module on each side.

# Alarms

The over-temperature cutout opens the contactor when the second sensor exceeds its limit.
The unit stays locked until the temperature has fallen and the reset is given.
"""


def _compare(tmp_path: Path, left: str, right: str, **settings) -> object:
    (tmp_path / "a.md").write_text(left)
    (tmp_path / "b.md").write_text(right)
    options = CompareOptions(documents=DocumentSettings(**settings))
    return compare_paths(str(tmp_path / "a.md"), str(tmp_path / "b.md"), options)


def test_verbatim_edited_and_paraphrased_sections_each_get_their_kind(tmp_path):
    result = _compare(tmp_path, ORIGINAL, COPY)
    kinds = {m.left.document.section: m.kind for m in result.matches}
    assert kinds == {"Installation": "verbatim", "Alarms": "near-verbatim",
                     "Calibration": "paraphrase"}
    calibration = next(m for m in result.matches if m.kind == "paraphrase")
    assert calibration.right.document.section == "Adjusting inputs"
    assert calibration.left.start_line == 15 and calibration.right.start_line == 15
    assert calibration.left.text.startswith("If a channel reads wrong")
    assert all(0 < s.similarity < 1 for s in calibration.text.sentences)


def test_the_words_of_a_document_match_count_in_coverage_and_similarity(tmp_path):
    result = _compare(tmp_path, ORIGINAL, COPY)
    assert result.documents.left.fraction > 0.9 and result.documents.right.fraction > 0.9
    assert result.similarity > 0.9  # nothing but documents in this comparison
    pair = result.file_pairs[0]
    assert pair.left == "a.md" and len(pair.matches) == 3


def test_matched_document_words_count_after_filtration_in_one_denominator_with_code(tmp_path):
    left, right = tmp_path / "left", tmp_path / "right"
    for side, text in ((left, ORIGINAL), (right, COPY)):
        side.mkdir()
        (side / "manual.md").write_text(text)
        (side / "ring.py").write_text(RING)
    base = tmp_path / "base"
    base.mkdir()
    (base / "ring.py").write_text(RING)
    options = CompareOptions(filtration=FilterOptions(base=str(base),
                                                      cache_dir=str(tmp_path / "cache")))
    result = compare_paths(str(left), str(right), options)
    words = result.documents.left.words_total + result.documents.right.words_total
    matched_words = result.documents.left.words_matched + result.documents.right.words_matched
    code = result.left.coverage.tokens_total + result.right.coverage.tokens_total
    kept = (result.left.coverage_filtered.tokens_matched
            + result.right.coverage_filtered.tokens_matched)
    assert matched_words > 0 and kept == 0  # the code is all explained by the base
    assert result.similarity_filtered == (kept + matched_words) / (code + words)
    assert 0 < result.similarity_filtered < result.similarity


def test_a_document_pair_and_its_exhibits_keep_every_matched_word_without_a_reference(tmp_path):
    # A LICENSE.txt identical in two npm packages read "100.0% covered, 0.0% after
    # filtration" and "0 of 1,414 matched tokens still count", yet no reference was given.
    result = _compare(tmp_path, ORIGINAL, COPY)
    (pair,) = result.file_pairs
    assert pair.tokens_filtered == pair.tokens_matched > 0
    assert pair.left_coverage_filtered == pair.left_coverage > 0.9
    assert pair.right_coverage_filtered == pair.right_coverage > 0.9
    assert all(m.filter.classification == "none" and m.filter.tokens_filtered == m.tokens
               for m in result.matches)
    page = render_html(result)
    first = result.matches[0]
    assert f"{first.tokens} of {first.tokens} matched words still count." in page
    assert "median over 0 k-grams" not in page


def test_text_before_the_first_heading_counts_as_a_section(tmp_path):
    untitled = "\n\n".join(block.strip() for block in ORIGINAL.split("#") if block.strip())
    untitled = "\n\n".join(line for line in untitled.splitlines()
                            if line not in ("Installation", "Alarms", "Calibration"))
    result = _compare(tmp_path, untitled, untitled)
    (order,) = result.documents.section_order
    assert order.left_sections == order.right_sections == len(order.sections) == 1
    headed = _compare(tmp_path, "Preface words of an opening paragraph that says little.\n\n"
                      + ORIGINAL, ORIGINAL)
    (order,) = headed.documents.section_order
    assert order.left_sections == 4 and order.right_sections == 3
    assert len(order.sections) <= order.left_sections


def test_unrelated_text_on_the_same_subject_does_not_match(tmp_path):
    result = _compare(tmp_path, ORIGINAL, UNRELATED)
    assert result.matches == [] and result.documents.left.fraction == 0.0


def test_an_alias_makes_a_renamed_copy_match_and_is_disclosed_on_the_match(tmp_path):
    original = ("Norvale Instruments builds the NPC-200 controller for ovens. The NPC-200 reads"
                " four sensors eight times per second and drives three relays.\n")
    copy = original.replace("Norvale Instruments", "Kestrel Automation").replace(
        "NPC-200", "KA-2000")
    plain = _compare(tmp_path, original, copy)
    aliased = _compare(tmp_path, original, copy,
                       aliases=("Norvale Instruments=Kestrel Automation", "NPC-200=KA-2000"))
    assert plain.matches[0].kind == "near-verbatim"
    (m,) = aliased.matches
    assert m.kind == "verbatim"
    assert m.text.aliases == ["Norvale Instruments=Kestrel Automation", "NPC-200=KA-2000"]
    uses = {a.given: (a.left_occurrences, a.right_occurrences, a.matches)
            for a in aliased.documents.aliases}
    assert uses["NPC-200=KA-2000"] == (2, 2, [m.id])


def test_document_results_validate_and_are_byte_identical_across_runs(tmp_path):
    first = _compare(tmp_path, ORIGINAL, COPY, aliases=("controller=unit",))
    second = _compare(tmp_path, ORIGINAL, COPY, aliases=("controller=unit",))
    assert to_json(first) == to_json(second)
    jsonschema.validate(json.loads(to_json(first)), schema())
    assert to_dict(first)["documents"]["settings"]["word_shingle_words"] == 5


def test_names_in_a_readme_code_block_or_in_camel_case_are_not_shared_anomalies(tmp_path):
    # zod's README against a renamed copy listed 327 shared anomalies, a hundred of them
    # names from its code examples ("athleteschema", "basecategoryschema").
    readme = ORIGINAL + """
# Example

Use the recieved value as shown below, then call `ctx.addIssue` before saving. The
MobX store and plain mobx both work.

```ts
const athleteSchema = z.object({ name: z.string() });
const baseCategorySchema = athleteSchema.extend({ qwrtzy: z.number() });
```
"""
    result = _compare(tmp_path, readme, readme)
    words = {a.word: a.kind for a in result.documents.anomalies}
    assert words.get("recieved") == "misspelling"
    assert not {"athleteschema", "basecategoryschema", "qwrtzy"} & words.keys()
    assert not {"addissue", "mobx"} & words.keys()  # written in camelCase: names


def test_parts_of_paths_and_file_names_are_not_shared_misspellings(tmp_path):
    # python-docx 0.8.11 against 1.1.0: the egg-info's SOURCES.txt (a list of paths) gave
    # "conf" (docs/conf.py), "exif" (court-exif.jpg), "hdrs" (doc-odd-even-hdrs.docx) and
    # "behav" (sty-behav-props.docx) as shared misspellings of con, exit, hers and behave.
    text = ORIGINAL + """
The sources are docs/conf.py, features/steps/test_files/court-exif.jpg and
sty-behav-props.docx; see (theme.conf) and https://example.org/hdrs/index.html too.
We recieved them all.
"""
    result = _compare(tmp_path, text, text)
    words = {a.word: a.kind for a in result.documents.anomalies}
    assert words.get("recieved") == "misspelling"
    assert not {"conf", "exif", "behav", "hdrs"} & words.keys()


def _prepared(text: str):
    from simcheck.documents.extract import extract_from_text
    from simcheck.documents.prepare import prepare_text

    return prepare_text("doc.md", extract_from_text("markdown", text, None), (), 5, 4)


def test_scoring_nominated_pairs_at_once_gives_each_pairs_own_score():
    from simcheck.documents.align import AlignSettings, nominate, score, score_pairs

    # The last sentences share their function words only: no paraphrase by content words.
    left = _prepared(ORIGINAL + ORIGINAL.lower()
                     + "\nIt is in the box and it is on the shelf of the house.\n")
    right = _prepared(COPY + ORIGINAL[:300]
                      + "\nIt is in the car and it is on the road of the town.\n")
    for s in (AlignSettings(), AlignSettings(near_verbatim=0.4, paraphrase=0.3),
              AlignSettings(min_shared_content=1, shared_content_share=0.0)):
        pairs = nominate(left, right, s)
        every = {(i, j) for i in range(left.sentences) for j in range(right.sentences)}
        for chosen in (pairs, every):
            want = [p for i, j in sorted(chosen) if (p := score(left, right, i, j, s))]
            assert score_pairs(left, right, chosen, s) == want
    assert any(p.kind == "paraphrase" for p in score_pairs(left, right, every, AlignSettings()))
    assert score_pairs(left, right, set(), AlignSettings()) == []


def test_content_postings_hold_each_sentences_distinct_content_words():
    import numpy as np

    from simcheck.documents.align import _content_postings

    f = _prepared(COPY + "\n\nThe the the. A clamp, a clamp and a clamp.\n")
    sym, sent, sizes = _content_postings(f)
    rows = set(zip(sym.tolist(), sent.tolist(), strict=True))
    assert len(rows) == sym.size
    for i in range(f.sentences):
        lo, hi = int(f.s_word_start[i]), int(f.s_word_end[i])
        want = set(np.unique(f.symbols[lo:hi][f.content[lo:hi]]).tolist())
        assert {s for s, k in rows if k == i} == want
        assert sizes[i] == len(want)
    assert 0 in sizes.tolist()  # "The the the." has no content word
