"""Package manifests: their standard vocabulary (fields, dependency names, version ranges)
is no shared evidence; the author's own words in them are."""

from __future__ import annotations

import json
from pathlib import Path

from fingerprints.manifests import manifest_vocabulary
from simcheck.compare import compare_paths
from simcheck.render.html import render_html

# Modelled on svelte-french-toast 1.2.0 and @zerodevx/svelte-toast 0.9.5, two independent
# Svelte libraries: 25 of 47 shared strings listed were package.json's fields,
# dependency names and version ranges ("devDependencies", "@sveltejs/kit", "^10.4.14").
LEFT = {
    "name": "french-toast", "version": "1.2.0",
    "description": "Buttery smooth toasts, customizable and beautiful by default",
    "keywords": ["notifications", "snackbar"], "license": "MIT", "type": "module",
    "repository": {"type": "git", "url": "https://example.org/kb/french-toast.git"},
    "exports": {".": {"types": "./dist/index.d.ts", "svelte": "./dist/index.js"}},
    "peerDependencies": {"svelte": "^3.57.0 || ^4.0.0"},
    "devDependencies": {"@sveltejs/kit": "^1.20.5", "autoprefixer": "^10.4.14",
                        "eslint-config-prettier": "^8.7.0", "tailwindcss": "^3.2.7"},
    "scripts": {"test": "playwright test",
                "package": "svelte-kit sync && svelte-package && publint && cp README.md dist/"},
}
RIGHT = {
    "name": "@zerodevx/svelte-toast", "version": "1.2.0",
    "description": "Simple elegant toast notifications", "license": "MIT",
    "keywords": ["notifications", "vanillajs"], "type": "module",
    "repository": {"type": "git", "url": "https://example.org/zd/svelte-toast.git"},
    "exports": {".": {"types": "./index.d.ts", "svelte": "./index.js"}},
    "peerDependencies": {"svelte": "^3.57.0 || ^4.0.0"},
    "devDependencies": {"@sveltejs/kit": "^1.21.0", "autoprefixer": "^10.4.14",
                        "eslint-config-prettier": "^8.8.0", "tailwindcss": "^3.3.2"},
    "scripts": {"test": "playwright test",
                "package": "svelte-kit sync && svelte-package && publint && cp README.md dist/"},
}
VOCABULARY = {"version", "description", "devDependencies", "peerDependencies", "repository",
              "@sveltejs/kit", "autoprefixer", "eslint-config-prettier", "tailwindcss",
              "svelte", "^3.57.0 || ^4.0.0", "^10.4.14", "1.2.0", "types", "exports",
              "keywords", "license", "scripts", "MIT", "git", "module", "test"}


def _project(root: Path, manifest: dict) -> Path:
    root.mkdir()
    (root / "package.json").write_text(json.dumps(manifest, indent=2) + "\n")
    return root


def test_npm_fields_dependency_names_and_ranges_are_no_shared_strings(tmp_path, fast_options):
    result = compare_paths(str(_project(tmp_path / "a", LEFT)),
                           str(_project(tmp_path / "b", RIGHT)), fast_options)
    strings = next(c for c in result.channels if c.name == "strings")
    texts = {i.text.strip('"') for i in strings.items}
    assert not texts & VOCABULARY
    # The project's own words stay evidence: a keyword, a script's command line.
    assert "notifications" in texts
    assert "svelte-kit sync && svelte-package && publint && cp README.md dist/" in texts
    assert any(v.startswith("npm package.json") for v in
               result.settings.channels.standard_vocabularies)
    assert "npm package.json" in render_html(result)


def test_npm_vocabulary_is_read_from_the_manifest_not_guessed():
    source = json.dumps(LEFT).encode()
    found = manifest_vocabulary("pkg/package.json", source)
    assert VOCABULARY - {"^1.21.0"} <= found
    # Author's text: description, keyword, a custom script's name and command, a path.
    for own in (LEFT["description"], "notifications", "package", "./dist/index.js",
                LEFT["scripts"]["package"], "https://example.org/kb/french-toast.git"):
        assert own not in found
    # Only a manifest, by its file name, and only one that parses.
    assert manifest_vocabulary("pkg/config.json", source) == frozenset()
    assert manifest_vocabulary("pkg/package.json", source[:-3]) == frozenset()
    # A key named after a dependency is that tool's configuration, not the author's field.
    # Its keys are the tool's option names; the values set stay.
    tool = manifest_vocabulary("package.json", b'{"prettier": {"trailingComma": "es5"},'
                               b' "devDependencies": {"prettier": "^3"}, "myTool": {"a": 1}}')
    assert {"prettier", "trailingComma"} <= tool and not {"myTool", "a", "es5"} & tool


def test_composer_cargo_and_pyproject_vocabularies():
    composer = manifest_vocabulary("composer.json", json.dumps({
        "name": "acme/mailer", "description": "Sends the mail", "type": "library",
        "require": {"php": ">=8.1", "symfony/mime": "^6.2"},
        "suggest": {"ext-intl": "for the localised subjects"},
        "autoload": {"psr-4": {"Acme\\Mailer\\": "src/"}}}).encode())
    assert {"require", "symfony/mime", "^6.2", ">=8.1", "library", "psr-4",
            "ext-intl"} <= composer
    assert not {"acme/mailer", "Sends the mail", "for the localised subjects",
                "src/"} & composer
    cargo = manifest_vocabulary("crate/Cargo.toml", b"""\
[package]
name = "ferry"
version = "0.3.1"
edition = "2021"
description = "Carries packets across"
categories = ["network-programming"]

[dependencies]
serde = { version = "1.0", features = ["derive"] }
tokio-util = "0.7"

[dev-dependencies]
local-helper = { path = "../helper" }
""")
    # Bare keys are names to the lexical tokenizer: a hyphenated key is its words.
    assert {"serde", "derive", "tokio-util", "dependencies", "dev", "edition", "2021",
            "network-programming", "local-helper", "0.7"} <= cargo
    assert not {"ferry", "Carries packets across", "../helper"} & cargo
    pyproject = manifest_vocabulary("pyproject.toml", b"""\
[build-system]
requires = ["setuptools>=77"]
build-backend = "setuptools.build_meta"

[project]
name = "pump"
description = "sump pump controller"
dependencies = ["numpy>=1.26,<3", "requests"]

[project.optional-dependencies]
plots = ["matplotlib>=3.8"]

[tool.ruff]
line-length = 100

[tool.pytest.ini_options]
testpaths = ["tests/pumps"]
""")
    assert {"numpy>=1.26,<3", "numpy", "requests", "matplotlib>=3.8", "setuptools>=77",
            "setuptools.build_meta", "ruff", "optional", "dependencies", "line-length",
            "ini_options", "testpaths"} <= pyproject
    assert not {"pump", "sump pump controller", "plots", "tests/pumps", "100"} & pyproject


def test_toml_dependency_keys_leave_the_identifiers_channel(tmp_path, fast_options):
    for side, (name, words) in {"a": ("ferry", "Carries packets across the river"),
                                "b": ("barge", "Moves freight down the canal")}.items():
        (tmp_path / side).mkdir()
        (tmp_path / side / "Cargo.toml").write_text(
            f'[package]\nname = "{name}"\nversion = "0.1.0"\nedition = "2021"\n'
            f'description = "{words}"\n\n[dependencies]\nserde_json = "1.0"\n'
            f'crossbeam = {{ version = "0.8", features = ["std"] }}\n')
        (tmp_path / side / "lib.rs").write_text(
            f"pub fn {name}_load(path: &str) -> usize {{ path.len() }}\n")
    result = compare_paths(str(tmp_path / "a"), str(tmp_path / "b"), fast_options)
    names = {i.text for c in result.channels if c.name in ("identifiers", "strings")
             for i in c.items}
    assert not names & {"serde_json", "crossbeam", "edition", "features", "version",
                        "package", "dependencies"}
    assert "path" in names  # the code's shared names are still listed


def test_toml_keys_parts_leave_the_identifier_parts_channel(tmp_path, fast_options):
    # Debian's librust-md5-dev 0.7.0 against librust-md-5-dev 0.10.1: 11 of the 58 shared
    # name parts were Cargo.toml's keys (documentation, categories, keywords, readme ...),
    # though the keys themselves had left the identifiers channel.
    for side, (name, words) in {"a": ("ferry", "Carries packets across the river"),
                                "b": ("barge", "Moves freight down the canal")}.items():
        (tmp_path / side).mkdir()
        (tmp_path / side / "Cargo.toml").write_text(
            f'[package]\nname = "{name}"\nversion = "0.1.0"\nauthors = ["A <a@b.org>"]\n'
            f'description = "{words}"\ndocumentation = "https://docs.rs/{name}"\n'
            f'readme = "README.md"\nkeywords = ["{name}"]\ncategories = ["no-std"]\n'
            'rust-version = "1.60"\n')
        (tmp_path / side / "lib.rs").write_text(
            f"pub fn {name}_load(rust_path: &str) -> usize {{ rust_path.len() }}\n")
    result = compare_paths(str(tmp_path / "a"), str(tmp_path / "b"), fast_options)
    parts = {i.text for c in result.channels if c.name == "identifier_parts"
             for i in c.items}
    assert not parts & {"documentation", "categories", "keywords", "readme", "authors",
                        "version", "package", "description"}
    assert {"rust", "path", "load"} <= parts  # the code's shared name parts are still listed


def test_go_mod_requirements_are_vocabulary_its_module_path_is_not(tmp_path, fast_options):
    gomod = ("module example.org/{name}\n\ngo 1.19\n\nrequire (\n"
             "\tgolang.org/x/text v0.3.7 // indirect\n\tgithub.com/pkg/errors v0.9.1\n)\n"
             "\nretract v1.0.0 // published before the API was settled\n")
    found = manifest_vocabulary("go.mod", gomod.format(name="ferry").encode())
    assert {"golang.org/x/text", "v0.3.7", "github.com/pkg/errors", "errors", "golang",
            "require", "indirect", "1.19"} <= found
    assert not {"example.org/ferry", "ferry", "published", "settled"} & found
    assert manifest_vocabulary("go.mod", b"<html>not a go.mod</html>\n") == frozenset()
    for side, name in (("a", "ferry"), ("b", "barge")):
        (tmp_path / side).mkdir()
        (tmp_path / side / "go.mod").write_text(gomod.format(name=name))
    result = compare_paths(str(tmp_path / "a"), str(tmp_path / "b"), fast_options)
    names = {i.text for c in result.channels if c.name == "identifiers" for i in c.items}
    assert not names & {"golang", "errors", "require", "indirect", "text"}
    assert "example" in names  # a word of the module's own path
    comments = {i.text for c in result.channels if c.name == "comments" for i in c.items}
    assert "// published before the API was settled" in comments  # the author's rationale
    assert "// indirect" not in comments  # written by the go command
