"""The order-free channel's bare measurement: braces, semicolons and declaration modifiers
that a copy added or dropped do not hide it."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from fingerprints.fileprint import FingerprintSettings, fingerprint_source
from fingerprints.tokens import symbol_of
from simcheck.compare import compare_paths
from simcheck.match.bare import IGNORED_KINDS, bare
from simcheck.match.order_free import containment, kgram_set, rarity, union
from simcheck.match.work_kgrams import Streams, order_free_containment

ORIGINAL = """\
public class Stock {
    private static final int LIMIT = 40;

    public static int reorder(int[] levels, int[] targets) {
        int total = 0;
        for (int i = 0; i < levels.length; i++) {
            if (levels[i] < targets[i]) {
                total += targets[i] - levels[i];
            }
            if (total > LIMIT) {
                total = LIMIT;
            }
        }
        return total;
    }

    public static double ratio(int[] levels) {
        double sum = 0;
        for (int level : levels) {
            if (level > 0) {
                sum += Math.sqrt(level) / 2.0;
            }
        }
        return sum / Math.max(1, levels.length);
    }

    public static void main(String[] args) {
        int[] levels = {3, 9, 27};
        int[] targets = {10, 10, 10};
        System.out.println(reorder(levels, targets) + " " + ratio(levels));
    }
}
"""

# The same program with every single-statement block unbraced and every modifier dropped.
UNBRACED = """\
class Stock {
    int LIMIT = 40;

    int reorder(int[] levels, int[] targets) {
        int total = 0;
        for (int i = 0; i < levels.length; i++) {
            if (levels[i] < targets[i])
                total += targets[i] - levels[i];
            if (total > LIMIT)
                total = LIMIT;
        }
        return total;
    }

    double ratio(int[] levels) {
        double sum = 0;
        for (int level : levels)
            if (level > 0)
                sum += Math.sqrt(level) / 2.0;
        return sum / Math.max(1, levels.length);
    }

    void main(String[] args) {
        int[] levels = {3, 9, 27};
        int[] targets = {10, 10, 10};
        System.out.println(reorder(levels, targets) + " " + ratio(levels));
    }
}
"""

# Another program altogether, written in the same style.
INDEPENDENT = """\
public class Queue {
    private final java.util.ArrayList<String> items = new java.util.ArrayList<>();

    public void push(String item) {
        items.add(item);
    }

    public String pop() {
        if (items.isEmpty()) {
            throw new IllegalStateException("empty");
        }
        return items.remove(0);
    }

    public static void main(String[] args) {
        Queue q = new Queue();
        q.push("a");
        System.out.println(q.pop());
    }
}
"""


def _symbols(text: str):
    return fingerprint_source(text.encode(), "java", FingerprintSettings()).tokens.symbols


def _write(directory: Path, text: str) -> Path:
    directory.mkdir(parents=True)
    (directory / "Stock.java").write_text(text, encoding="utf-8")
    return directory


def test_bare_stream_drops_braces_semicolons_and_modifiers_only():
    plain = _symbols("public static int f(int x) { if (x > 0) { x = -x; } return x; }")
    unbraced = _symbols("int f(int x) { if (x > 0) x = -x; return x; }")
    assert len(plain) > len(unbraced)  # the streams differ as tokens...
    assert bare(plain).tolist() == bare(unbraced).tolist()  # ...not once bare
    assert len(bare(plain)) == len(plain) - 8  # public static { { ; } ; }: nothing else
    assert {"{", "}", ";", "public", "static", "final"} <= set(IGNORED_KINDS)


def test_a_copy_that_dropped_braces_and_modifiers_keeps_its_order_free_share(
    tmp_path, fast_options
):
    left, right = _write(tmp_path / "a", ORIGINAL), _write(tmp_path / "b", UNBRACED)
    result = compare_paths(str(left), str(right), fast_options)
    # The plain k-grams lose much of the copy; the bare measurement sees nearly all of it.
    a, b = kgram_set([_symbols(ORIGINAL)]), kgram_set([_symbols(UNBRACED)])
    plain = containment(a, b, rarity([a, b]))
    assert plain.left_in_right < 0.7
    assert result.left.order_free > 0.9 and result.right.order_free > 0.9
    assert result.settings.order_free_ignored == sorted(IGNORED_KINDS)


def test_an_independent_program_stays_low_on_the_bare_measurement(tmp_path, fast_options):
    left, right = _write(tmp_path / "a", ORIGINAL), _write(tmp_path / "b", INDEPENDENT)
    result = compare_paths(str(left), str(right), fast_options)
    assert result.left.order_free < 0.3 and result.right.order_free < 0.3


def test_whole_work_kgrams_in_one_pass_equal_the_per_file_figures():
    # Files of every size, including empty ones and ones shorter than a k-gram, and
    # k-grams shared within and across files and works.
    rng = np.random.default_rng(7)
    words = ("{", "}", ";", "static", "x", "=", "+", "(")
    motifs = [np.array([symbol_of(w) for w in rng.choice(words, 4)], dtype=np.uint64)
              for _ in range(6)]

    def work(sizes: list[int]) -> list[np.ndarray]:
        return [np.concatenate([motifs[i] for i in rng.integers(0, 6, n // 4 + 1)])[:n]
                for n in sizes]

    left, right = work([0, 3, 7, 8, 9, 40, 200]), work([1, 8, 15, 300, 0])
    lsets = [kgram_set([s]) for s in left]
    rsets = [kgram_set([s]) for s in right]
    expected = containment(union(lsets), union(rsets), rarity(lsets + rsets))
    got = order_free_containment(Streams.of(left), Streams.of(right), None)
    assert got == (expected.left_in_right, expected.right_in_left)
    assert 0 < got[0] < 1 and 0 < got[1] < 1  # a figure that could be wrong
    lb = [kgram_set([bare(s)]) for s in left]
    rb = [kgram_set([bare(s)]) for s in right]
    expected = containment(union(lb), union(rb), rarity(lb + rb))
    bare_got = order_free_containment(Streams.of(left).bare(), Streams.of(right).bare(), None)
    assert bare_got == (expected.left_in_right, expected.right_in_left)
    assert order_free_containment(Streams.of([]), Streams.of(right), None) == (0.0, 0.0)
