"""Package and module names a work imports or declares are names, not misspellings."""

from __future__ import annotations

from pathlib import Path

from simcheck.compare import compare_paths
from simcheck.ingest import ingest
from simcheck.ingest.model import IngestOptions
from simcheck.package_names import package_names
from simcheck.spelling import misspelling_of

MANIFESTS = {
    "package.json": '{"name": "@acme/pump-panel", "dependencies": {"axios": "^1.6.0"},'
                    ' "devDependencies": {"ts-jest": "29"}}',
    "requirements.txt": "# runtime\nrequests>=2.31\n-e .\nnumpy==1.26 ; python_version>'3'\n",
    "pyproject.toml": '[project]\nname = "pumpctl"\ndependencies = ["pydantic>=2"]\n'
                      '[project.optional-dependencies]\nplot = ["matplotlib"]\n',
    "setup.py": 'from setuptools import setup\nsetup(name="pumpkit",'
                ' install_requires=["click>=8", "attrs"], extras_require={"x": ["rich"]})\n',
    "setup.cfg": "[metadata]\nname = valvekit\n[options]\ninstall_requires =\n    tqdm\n",
    "app.ts": "import axios from 'axios';\nimport { z } from 'zod';\n"
              "const lodash = require('lodash/fp');\nimport './local';\n"
              "export * from '@tanstack/query-core';\n",
    "tool.py": "import os, sys\nfrom pyserial.tools import list_ports\nfrom . import sibling\n",
    "Toast.svelte": "<script>\nimport { onMount } from 'svelte';\n</script>\n<p>hi</p>\n",
    "Toast.vue": "<script lang=\"ts\">\nimport { ref } from 'vue-demi';\n</script>\n",
}


def _work(directory: Path, files: dict[str, str]) -> Path:
    directory.mkdir()
    for name, text in files.items():
        (directory / name).write_text(text)
    return directory


def test_names_are_read_from_manifests_and_imports(tmp_path):
    work = ingest(str(_work(tmp_path / "w", MANIFESTS)), IngestOptions(), None)
    names = package_names(work.files)
    for name in ("axios", "acme", "pump-panel", "panel", "ts-jest", "requests", "numpy",
                 "pumpctl", "pydantic", "matplotlib", "pumpkit", "click", "attrs", "rich",
                 "valvekit", "tqdm", "zod", "lodash", "tanstack", "query-core", "os", "sys",
                 "pyserial", "svelte", "vue-demi"):
        assert name in names, name
    assert not names & {"local", "sibling", "fp", "python", "version"}


PROSE = ("The panel sends every request through axios and retries it twice when the pump"
         " controller does not answer within the configured timeout.\n")


def test_a_dependency_named_in_both_readmes_is_no_shared_misspelling(tmp_path, fast_options):
    # axios-auth-refresh 3.3.4 against 3.3.6: "auth" (part of the package's own name,
    # axios-auth-refresh) was listed as a shared misspelling of "auto"; "axios", one edit
    # from "axis", is listed so when both READMEs write it in lower case.
    assert misspelling_of("axios") == "axis"
    for side in ("a", "b"):
        _work(tmp_path / side, {"README.md": f"# Pump panel\n\n{PROSE}",
                                "panel.js": "// Send one reading to the panel through axios"
                                            " and retry twice on a timeout.\n"
                                            "export const panel = (x) => x + 1;\n"})
    plain = compare_paths(str(tmp_path / "a"), str(tmp_path / "b"), fast_options)
    assert "axios" in [a.word for a in plain.documents.anomalies if a.kind == "misspelling"]
    assert "axios" in [a.text for a in plain.code_anomalies if a.kind == "misspelling"]
    # The same works, one of which declares axios as a dependency: axios is a name.
    (tmp_path / "b" / "package.json").write_text('{"dependencies": {"axios": "^1.6.0"}}')
    named = compare_paths(str(tmp_path / "a"), str(tmp_path / "b"), fast_options)
    words = {a.word: a.kind for a in named.documents.anomalies}
    assert words.get("axios") in (None, "not-in-dictionary")
    assert "axios" not in [a.text for a in named.code_anomalies]
