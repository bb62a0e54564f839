"""Filtration (Abstraction-Filtration-Comparison): matches explained by a base, reference
corpora, generated or vendored code, trivial runs or common idiom are classified, never
deleted, and a ledger shows the matched amounts before and after each stage."""
