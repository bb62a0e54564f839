"""Tokenizing one JavaScript declaration of many parts, as minified bundles write it
(`var a=x0=function(q){...},x1=...`): the time should grow with the parts, not their square.

For each size it times, in this process, tree-sitter's parse alone (the baseline) and
simcheck's syntax tokenizer (parse, walk, named constants) on the same generated source,
and prints both and their ratio; a ratio that stays flat as the parts grow is linear work.
Before the marker search was kept per declaration, 1,000 parts took 2.2 s and 20,000 parts
outlasted the 20 s parse limit (the file fell back to lexical tokens).
Usage: python benchmarks/long_declaration.py [PARTS ...]   (default 1000 2000 20000)
"""

from __future__ import annotations

import sys
import time

from fingerprints.fileprint import read_tokens
from fingerprints.languages import get_spec, parser_for


def declaration(parts: int) -> bytes:
    """The synthetic discovery dump's min.js: one `var` of ``parts`` function-valued parts."""
    return ("var a=" + ",".join(f"x{i}=function(q){{return q*{i}+{i % 7}}}"
                                for i in range(parts)) + ";\n").encode()


def main(sizes: list[int]) -> None:
    parser = parser_for(get_spec("javascript"))
    print(f"{'parts':>7} {'bytes':>10} {'parse s':>8} {'tokens s':>9} {'ratio':>6}")
    for parts in sizes:
        source = declaration(parts)
        start = time.perf_counter()
        parser.parse(source)
        parsed = time.perf_counter() - start
        start = time.perf_counter()
        read_tokens(source, "javascript")
        tokenized = time.perf_counter() - start
        print(f"{parts:>7,} {len(source):>10,} {parsed:>8.2f} {tokenized:>9.2f}"
              f" {tokenized / parsed:>6.1f}")


if __name__ == "__main__":
    main([int(a) for a in sys.argv[1:]] or [1000, 2000, 20000])
