"""A passage as a match of the result: both sides located by document, page, section,
paragraph and (where the format has them) lines, with the text an exhibit shows and the
aligned sentences it rests on."""

from __future__ import annotations

from functools import lru_cache

from rapidfuzz.distance import Indel

from ..result import (
    AlignedSentence,
    DocumentLocation,
    Evidence,
    Match,
    MatchFilter,
    MatchSide,
    Segment,
    TextEvidence,
)
from .align import Passage
from .model import Block
from .prepare import TextFile


def _flat(block: Block) -> str:
    """How a paragraph of a PDF or DOCX is shown: its normalised text on one line (words
    broken at line ends rejoined, so the excerpt reads as printed)."""
    return block.text


@lru_cache(maxsize=64)
def _block_bytes(f: TextFile) -> tuple[int, ...]:
    """Start of each block's line in the extracted text (one line per block), in bytes."""
    out = [0]
    for b in f.document.blocks:
        out.append(out[-1] + len(_flat(b).encode("utf-8")) + 1)
    return tuple(out)


@lru_cache(maxsize=64)
def _line_bytes(f: TextFile) -> tuple[int, ...]:
    out = [0]
    for line in f.document.source_lines:
        out.append(out[-1] + len(line.encode("utf-8")) + 1)
    return tuple(out)


class Side:
    """Positions of one side's sentences in the numbering its MatchSide uses."""

    def __init__(self, f: TextFile) -> None:
        self.f = f
        self.file_lines = (
            f.document.line_basis == "file"
            and bool(f.document.source_lines)
            and all(b.line_start is not None for b in f.document.blocks)
        )

    def lines(self, sentence: int) -> tuple[int, int]:
        """First and last line (file lines) or paragraph number of a sentence."""
        f = self.f
        b = int(f.s_block[sentence])
        if not self.file_lines:
            return b + 1, b + 1
        block = f.document.blocks[b]
        first = block.line_at(int(f.s_start[sentence]))
        last = block.line_at(max(int(f.s_end[sentence]) - 1, int(f.s_start[sentence])))
        return int(first or 1), int(last or first or 1)

    def side(self, sentences: list[int]) -> MatchSide:
        f = self.f
        first, last = min(sentences), max(sentences)
        b0, b1 = int(f.s_block[first]), int(f.s_block[last])
        blocks = f.document.blocks
        start_line, end_line = self.lines(first)[0], self.lines(last)[1]
        page_line = [blocks[b0].line_at(int(f.s_start[first])),
                     blocks[b1].line_at(max(int(f.s_end[last]) - 1, 0))]
        if self.file_lines:
            basis: str | None = "file"
        elif f.document.line_basis == "page" and None not in page_line:
            basis = "page"
        else:
            basis = None  # the side is numbered in paragraphs and has no line numbers
        if self.file_lines:
            text = "\n".join(f.document.source_lines[start_line - 1 : end_line])
            offsets = _line_bytes(f)
        else:
            text = "\n".join(_flat(b) for b in blocks[b0 : b1 + 1])
            offsets = _block_bytes(f)
        # Parsers may number a line past the text's last one (e.g. lxml on a file without
        # a final newline): keep the numbering inside the lines the exhibit can show.
        last_line = max(len(offsets) - 1, 1)
        start_line = min(max(start_line, 1), last_line)
        end_line = min(max(end_line, start_line), last_line)
        offsets = offsets if len(offsets) > 1 else (0, 0)
        return MatchSide(
            path=f.path,
            start_line=start_line,
            end_line=end_line,
            start_byte=offsets[start_line - 1],
            end_byte=max(offsets[end_line] - 1, offsets[start_line - 1]),
            span_tokens=int(f.s_word_end[last] - f.s_word_start[first]),
            text=text,
            document=DocumentLocation(
                format=f.document.format,
                page_start=blocks[b0].page,
                page_end=blocks[b1].page,
                section=f.heading(b0),
                paragraph_start=b0 + 1,
                paragraph_end=b1 + 1,
                line_basis=basis,
                line_start=page_line[0] if basis else None,
                line_end=page_line[1] if basis else None,
            ),
        )


def _text(f: TextFile, sentences: range) -> str:
    return " ".join(f.sentence_text(i) for i in sentences)


def passage_match(
    match_id: str,
    left: Side,
    right: Side,
    passage: Passage,
    alias_names: tuple[str, ...],
) -> Match:
    lf, rf = left.f, right.f
    pairs = passage.pairs
    segments = []
    for p, words in zip(pairs, passage.words, strict=True):
        segments.append(Segment(left.lines(p.left)[0], left.lines(p.lefts[-1])[1],
                                right.lines(p.right)[0], right.lines(p.rights[-1])[1], words))
    ltext = " ".join(_text(lf, p.lefts) for p in pairs)
    rtext = " ".join(_text(rf, p.rights) for p in sorted(pairs, key=lambda q: q.right))
    used: set[int] = set()
    for p in pairs:
        la = lf.alias[lf.s_word_start[p.left] : lf.s_word_end[p.lefts[-1]]]
        ra = rf.alias[rf.s_word_start[p.right] : rf.s_word_end[p.rights[-1]]]
        used.update(set(la[la >= 0].tolist()) & set(ra[ra >= 0].tolist()))
    return Match(
        id=match_id,
        left=left.side([i for p in pairs for i in p.lefts]),
        right=right.side([j for p in pairs for j in p.rights]),
        tokens=sum(passage.words),
        kind=passage.kind,
        literal_similarity=round(Indel.normalized_similarity(ltext, rtext), 4),
        segments=segments,
        # The text channel; the code channels (names, strings, comments) do not apply.
        evidence=Evidence(["text"], 0, 0, 0, [], 0, [], 0, []),
        # Every matched word counts until the documents' filter stages judge the match
        # (filtration.verdict, against the references' documents).
        filter=MatchFilter(tokens_filtered=sum(passage.words)),
        text=TextEvidence(
            sentences=[
                AlignedSentence(_text(lf, p.lefts), _text(rf, p.rights), p.kind,
                                p.similarity, p.overlap)
                for p in pairs
            ],
            aliases=[alias_names[i] for i in sorted(used)],
            anomalies=[],
        ),
    )
