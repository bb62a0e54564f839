"""Region-level recall benchmark: real third-party functions injected into an unrelated
codebase under each disguise of issue 3, with the ground truth recorded.

Modules, one job each: ``corpora`` (which packages), ``fetch`` (download and unpack them),
``tables`` (per-language data), ``syntax`` (tree-sitter helpers), ``transforms`` (the
disguises), ``inject`` (placing functions in the host and recording where), ``score``
(recall and line precision against simcheck's matches).
"""
