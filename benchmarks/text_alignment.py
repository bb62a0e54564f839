"""Text-alignment benchmark: passages of real third-party documentation injected into
unrelated documents, verbatim, lightly edited and paraphrased; passage-level recall and
precision per kind, with simcheck's default settings (those of `simcheck compare`).

    python benchmarks/text_alignment.py [--passages 80] [--seed 1]

Data, fetched at run time from the package index (cached in benchmarks/_cache, never
committed): the reStructuredText documentation inside the source distributions of
coverage 7.6.1 (the passages, and the left side of the comparison) and Pygments 2.18.0
(the unrelated host documents, the right side). Change logs, author lists and licences
are left out. Both are read with simcheck's own reStructuredText reader, then written as
plain-text files (paragraphs wrapped at 78 columns) so that ground truth is a line range.

A passage is the first two to four sentences (30-120 words) of a prose paragraph none of
whose sentences has a near-duplicate elsewhere in the source documentation (rapidfuzz
ratio >= 80: coverage's documentation repeats some sentences, and a passage must have
exactly one true source). Each
kind gets its own copy of the hosts, with passages inserted as paragraphs at random
paragraph boundaries (fixed seed):

- verbatim: the passage as it is;
- edited: about one word in twelve deleted, inserted, replaced or swapped with its
  neighbour (at least one edit per sentence), like light copy-editing;
- paraphrase, generated in code: every word found in a fixed table of synonyms written
  for this benchmark (SYNONYMS, below) is substituted; a sentence that opens with a
  subordinate clause ("If ..., ...") has the clause moved to its end; and the first two
  sentences swap places.

A passage is found when a reported match overlaps its lines in the host and the lines of
its source paragraph. A reported match is correct when it overlaps an injected passage
that way; every other match counts against precision (including real shared text
between the two projects, if any).
"""

from __future__ import annotations

import argparse
import random
import re
import subprocess
import sys
import tarfile
import textwrap
import time
from dataclasses import dataclass
from pathlib import Path

from rapidfuzz import fuzz, process

from simcheck.compare import CompareOptions, compare_paths
from simcheck.documents.extract_rst import extract_rst
from simcheck.documents.sentences import split_sentences

HERE = Path(__file__).resolve().parent
CACHE = HERE / "_cache" / "text_alignment"
SOURCE = ("coverage", "7.6.1", "doc/")
HOSTS = ("pygments", "2.18.0", "doc/docs/")
SKIP = re.compile(r"(change|authors|license|contributors|dict\.txt)", re.IGNORECASE)
KINDS = ("verbatim", "edited", "paraphrase")

# Synonyms for the paraphrase generator (written for this benchmark; used nowhere else).
SYNONYMS = dict(pair.split(":") for pair in """
use:employ uses:employs used:employed using:employing allows:lets allow:let make:create
makes:creates made:created show:display shows:displays shown:displayed run:execute
runs:executes running:executing file:document files:documents need:require needs:requires
needed:required want:wish start:begin starts:begins started:begun end:finish get:obtain
gets:obtains find:locate finds:locates found:located give:provide gives:provides
change:modify changes:modifications changed:modified big:large small:little many:numerous
often:frequently also:additionally but:however because:since help:assist helps:assists
report:summary reports:summaries line:row lines:rows number:count code:source
program:application programs:applications measure:gauge measured:gauged
measurement:assessment data:information option:setting options:settings default:standard
important:significant easy:simple easily:simply hard:difficult fast:quick quickly:rapidly
slow:sluggish write:produce writes:produces written:produced read:load reads:loads
work:function works:functions working:functioning check:verify checks:verifies
example:instance examples:instances way:method ways:methods set:configure
specify:indicate specified:indicated include:contain includes:contains included:contained
possible:feasible different:distinct various:several each:every usually:typically
simple:plain however:nevertheless directory:folder directories:folders value:setting
values:settings output:result kind:type kinds:types first:initial last:final
call:invoke called:invoked calls:invokes new:fresh old:previous create:generate
created:generated support:handle supports:handles supported:handled
""".split())
FILLERS = ("also", "then", "simply", "usually", "now", "still", "just", "really")
REPLACEMENTS = ("the", "a", "this", "that", "some", "any", "one", "its")
OPENERS = re.compile(
    r"^(If|When|Before|After|Because|Although|Unless|Once|While|Since)\b(.+?), (.+)$"
)


@dataclass
class Passage:
    source: str  # left file name
    source_lines: tuple[int, int]
    text: str
    kind: str = ""
    host: str = ""
    host_lines: tuple[int, int] = (0, 0)


def fetch(name: str, version: str) -> Path:
    target = CACHE / "sdists"
    found = sorted(target.glob(f"{name}-{version}.tar.gz"))
    if not found:
        target.mkdir(parents=True, exist_ok=True)
        subprocess.run([sys.executable, "-m", "pip", "download", "--quiet", "--no-deps",
                        "--no-binary", ":all:", f"{name}=={version}", "-d", str(target)],
                       check=True)
        found = sorted(target.glob(f"{name}-{version}.tar.gz"))
    return found[0]


def paragraphs(sdist: Path, folder: str) -> dict[str, list[str]]:
    """Prose paragraphs (and headings) of each .rst file under ``folder``."""
    out: dict[str, list[str]] = {}
    with tarfile.open(sdist) as tar:
        for member in sorted(tar.getmembers(), key=lambda m: m.name):
            rel = member.name.split("/", 1)[-1]
            if not (member.isfile() and rel.startswith(folder) and rel.endswith(".rst")):
                continue
            if SKIP.search(rel):
                continue
            text = tar.extractfile(member).read().decode("utf-8")  # type: ignore[union-attr]
            doc = extract_rst(text)
            paras = [b.text for b in doc.blocks if b.kind in ("heading", "paragraph", "list_item")]
            if len(paras) >= 3:
                out[rel[len(folder):].replace("/", "_").removesuffix(".rst") + ".txt"] = paras
    return out


def write(path: Path, paras: list[str]) -> list[tuple[int, int]]:
    """Write paragraphs wrapped at 78 columns; return each one's line range."""
    lines: list[str] = []
    ranges = []
    for p in paras:
        wrapped = textwrap.wrap(p, 78) or [""]
        ranges.append((len(lines) + 1, len(lines) + len(wrapped)))
        lines.extend(wrapped)
        lines.append("")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n".join(lines), encoding="utf-8")
    return ranges


def edit(text: str, rng: random.Random) -> str:
    out = []
    for s, e in split_sentences(text):
        words = text[s:e].split()
        edits = max(1, round(len(words) / 12))
        for _ in range(edits):
            if len(words) < 4:
                break
            i = rng.randrange(1, len(words) - 1)
            op = rng.choice(("delete", "insert", "replace", "swap"))
            if op == "delete":
                del words[i]
            elif op == "insert":
                words.insert(i, rng.choice(FILLERS))
            elif op == "replace":
                words[i] = rng.choice(REPLACEMENTS)
            else:
                words[i], words[i + 1] = words[i + 1], words[i]
        out.append(" ".join(words))
    return " ".join(out)


def _synonyms(sentence: str) -> str:
    def sub(m: re.Match[str]) -> str:
        word = m.group()
        new = SYNONYMS.get(word.lower())
        if new is None:
            return word
        return new.capitalize() if word[0].isupper() else new

    return re.sub(r"[A-Za-z]+", sub, sentence)


def paraphrase(text: str) -> str:
    sentences = [text[s:e] for s, e in split_sentences(text)]
    out = []
    for s in sentences:
        m = OPENERS.match(s)
        if m:
            opener, clause, main = m.groups()
            end = main[-1] if main[-1] in ".!?" else "."
            main = main.rstrip(".!?")
            s = f"{main[0].upper()}{main[1:]} {opener.lower()}{clause}{end}"
        out.append(_synonyms(s))
    if len(out) >= 2:
        out[0], out[1] = out[1], out[0]
    return " ".join(out)


def _unique(source: dict[str, list[str]]) -> set[tuple[str, int]]:
    """Paragraphs none of whose sentences has a near-duplicate (rapidfuzz ratio >= 80) in
    another paragraph of the source: a passage must have exactly one true source."""
    sentences = [(name, i, p[s:e]) for name in sorted(source)
                 for i, p in enumerate(source[name]) for s, e in split_sentences(p)]
    texts = [t for _, _, t in sentences]
    scores = process.cdist(texts, texts, scorer=fuzz.ratio, score_cutoff=80, workers=1)
    shared: set[tuple[str, int]] = set()
    for a, b in zip(*scores.nonzero(), strict=True):
        if sentences[a][:2] != sentences[b][:2]:
            shared.add(sentences[a][:2])
    return {(name, i) for name in source for i in range(len(source[name]))} - shared


def passages_from(source: dict[str, list[str]], ranges: dict[str, list[tuple[int, int]]],
                  rng: random.Random) -> list[Passage]:
    found = []
    unique = _unique(source)
    for name in sorted(source):
        for i, (p, (lo, hi)) in enumerate(zip(source[name], ranges[name], strict=True)):
            spans = split_sentences(p)
            if len(spans) < 2 or (name, i) not in unique:
                continue
            take = spans[: 4]
            text = p[take[0][0]: take[-1][1]]
            while len(text.split()) > 120 and len(take) > 2:
                take = take[:-1]
                text = p[take[0][0]: take[-1][1]]
            if 30 <= len(text.split()) <= 120:
                found.append(Passage(name, (lo, hi), text))
    rng.shuffle(found)
    return found


def overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] <= b[1] and b[0] <= a[1]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--passages", type=int, default=80, help="passages per kind")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--verbose", action="store_true", help="list misses and wrong matches")
    args = parser.parse_args()
    rng = random.Random(args.seed)
    source = paragraphs(fetch(SOURCE[0], SOURCE[1]), SOURCE[2])
    hosts = paragraphs(fetch(HOSTS[0], HOSTS[1]), HOSTS[2])
    left = CACHE / "left"
    ranges = {name: write(left / name, paras) for name, paras in source.items()}
    pool = passages_from(source, ranges, rng)
    print(f"source: {SOURCE[0]} {SOURCE[1]} ({len(source)} documents, "
          f"{sum(len(p) for p in source.values())} paragraphs, {len(pool)} candidate passages)")
    print(f"hosts:  {HOSTS[0]} {HOSTS[1]} ({len(hosts)} documents)")
    rows = []
    for kind in KINDS:
        if len(pool) < args.passages:
            raise SystemExit(f"only {len(pool)} passages available; lower --passages")
        # Each kind is its own comparison, so the kinds draw from the pool independently.
        chosen = [Passage(p.source, p.source_lines, p.text)
                  for p in rng.sample(pool, args.passages)]
        by_host: dict[str, list[Passage]] = {}
        names = sorted(hosts)
        for p in chosen:
            p.kind = kind
            p.host = rng.choice(names)
            p.text = {"verbatim": p.text, "edited": edit(p.text, rng),
                      "paraphrase": paraphrase(p.text)}[kind]
            by_host.setdefault(p.host, []).append(p)
        right = CACHE / kind / "right"
        for name, paras in hosts.items():
            mixed: list[str | Passage] = list(paras)
            for p in by_host.get(name, []):
                mixed.insert(rng.randrange(0, len(mixed) + 1), p)
            spans = write(right / name, [x if isinstance(x, str) else x.text for x in mixed])
            for x, span in zip(mixed, spans, strict=True):
                if isinstance(x, Passage):
                    x.host_lines = span
        started = time.perf_counter()
        result = compare_paths(str(left), str(right), CompareOptions())
        seconds = time.perf_counter() - started
        doc_matches = [m for m in result.matches if m.text is not None]

        def hits(m, p: Passage) -> bool:  # noqa: ANN001 - a result Match
            return (m.right.path == p.host and m.left.path == p.source
                    and overlaps((m.right.start_line, m.right.end_line), p.host_lines)
                    and overlaps((m.left.start_line, m.left.end_line), p.source_lines))

        found = sum(1 for p in chosen if any(hits(m, p) for m in doc_matches))
        correct = sum(1 for m in doc_matches if any(hits(m, p) for p in chosen))
        if args.verbose:
            for p in chosen:
                if not any(hits(m, p) for m in doc_matches):
                    print(f"MISSED {kind} {p.source}:{p.source_lines} -> {p.host}:{p.host_lines}"
                          f" {p.text[:150]!r}")
            for m in doc_matches:
                if not any(hits(m, p) for p in chosen):
                    print(f"WRONG {kind} {m.id} {m.kind} {m.left.path}:{m.left.start_line}-"
                          f"{m.left.end_line} {m.right.path}:{m.right.start_line}-"
                          f"{m.right.end_line} {m.text.sentences[0].left[:100]!r} <> "  # type: ignore[union-attr]
                          f"{m.text.sentences[0].right[:100]!r}")  # type: ignore[union-attr]
        recall = found / len(chosen)
        precision = correct / len(doc_matches) if doc_matches else 1.0
        rows.append((kind, len(chosen), found, recall, len(doc_matches), correct, precision,
                     seconds))
    print()
    print(f"{'kind':<11} {'passages':>8} {'found':>6} {'recall':>7} {'matches':>8} "
          f"{'correct':>8} {'precision':>9} {'seconds':>8}")
    for kind, n, found, recall, reported, correct, precision, seconds in rows:
        print(f"{kind:<11} {n:>8} {found:>6} {recall:>7.3f} {reported:>8} {correct:>8} "
              f"{precision:>9.3f} {seconds:>8.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
