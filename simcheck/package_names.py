"""The names of packages and modules a work uses: what its code imports and what its
manifests declare (package.json, requirements files, pyproject.toml, setup.py, setup.cfg,
Pipfile). Such a word ("axios", "numpy") is a product's name wherever it occurs, not a
misspelling of a dictionary word ("axis"), however close it is to one: a mistyped import
would not run.

Only these names count, not every identifier: a misspelt identifier copied with its code
(``threshhold``, ``mb_recieve_byte``) is exactly the shared oddity an examiner cites."""

from __future__ import annotations

import ast
import configparser
import json
import re
import sys
from collections.abc import Iterable, Iterator
from typing import Any

from fingerprints.languages import LanguageSpec, detect_language

from .ingest.model import IngestedFile

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - the same parser, before it joined the standard library
    import tomli as tomllib

# A module specifier in JavaScript/TypeScript: import ... from 'x', import 'x',
# import('x'), require('x'), export ... from 'x'.
_JS_SPECIFIER = re.compile(
    r"""(?:\bfrom|\bimport|\brequire\s*\(|\bimport\s*\()\s*(['"])([^'"\s]+)\1""")
# Python: import a.b, c  /  from a.b import x (relative imports name no package).
_PY_IMPORT = re.compile(
    r"^[ \t]*(?:from[ \t]+([A-Za-z_][\w.]*)[ \t]+import\b"
    r"|import[ \t]+([A-Za-z_][\w.]*(?:[ \t]*,[ \t]*[A-Za-z_][\w.]*)*))", re.MULTILINE)
# A PEP 508 requirement's name at the start of a requirements line.
_REQUIREMENT = re.compile(r"^\s*([A-Za-z0-9][A-Za-z0-9._-]*)")
_JS_LANGUAGES = frozenset({"javascript", "typescript", "tsx"})
_NPM_DEPENDENCIES = ("dependencies", "devDependencies", "peerDependencies",
                     "optionalDependencies")
_SETUP_KEYWORDS = ("name", "install_requires", "extras_require", "setup_requires",
                   "tests_require")


def package_names(files: Iterable[IngestedFile]) -> frozenset[str]:
    """The lower-case names (and the word parts of hyphenated or dotted names) of the
    packages and modules the files import or declare."""
    found: set[str] = set()
    for f in files:
        text = _text(f)
        if text is not None:
            for name in _names(f.path, text):
                low = name.lower()
                found.add(low)
                found.update(re.findall(r"[a-z][a-z0-9]*", low))
    return frozenset(found)


def _text(f: IngestedFile) -> str | None:
    if f.text is not None:
        return f.text
    lines = getattr(f.document, "source_lines", ())  # a requirements file read as text
    return "\n".join(lines) if lines else None


def _names(path: str, text: str) -> Iterator[str]:
    base = path.rsplit("/", 1)[-1].rsplit("!/", 1)[-1]
    try:
        if base == "package.json":
            yield from _package_json(json.loads(text))
        elif base == "pyproject.toml" or base == "Pipfile":
            yield from _toml(tomllib.loads(text))
        elif base == "setup.cfg":
            yield from _setup_cfg(text)
        elif base == "setup.py":
            yield from _setup_py(text)
        elif re.fullmatch(r"requirements.*\.(?:txt|in)", base) or (
                "requirements/" in path and base.endswith((".txt", ".in"))):
            yield from _requirements(text.splitlines())
    except (ValueError, TypeError, AttributeError, SyntaxError, RecursionError,
            configparser.Error):
        pass  # a manifest that does not parse (or not as expected) declares nothing read
    spec = detect_language(path, text[:4096].encode("utf-8", "surrogateescape"))
    if spec is not None and _imports_like_js(spec):
        for m in _JS_SPECIFIER.finditer(text):
            yield from _npm_package(m.group(2))
    elif spec is not None and spec.name == "python":
        for m in _PY_IMPORT.finditer(text):
            for module in (m.group(1) or m.group(2)).split(","):
                yield module.strip().split(".")[0]


def _imports_like_js(spec: LanguageSpec) -> bool:
    """Whether files of ``spec`` import modules as JavaScript does: it is JavaScript or
    TypeScript, or it embeds one (a Vue or Svelte component's script)."""
    guests = {name for e in spec.embedded for name in (e.language, *dict(e.choices).values())}
    return spec.name in _JS_LANGUAGES or bool(guests & _JS_LANGUAGES)


def _npm_package(specifier: str) -> Iterator[str]:
    """The package a module specifier names: 'axios/lib/x' -> axios; '@scope/pkg/x' ->
    scope and pkg; relative and absolute paths name none."""
    specifier = specifier.removeprefix("node:")
    if specifier.startswith((".", "/")) or ":" in specifier:
        return
    parts = specifier.split("/")
    if parts[0].startswith("@"):
        yield parts[0][1:]
        if len(parts) > 1:
            yield parts[1]
    else:
        yield parts[0]


def _package_json(data: Any) -> Iterator[str]:
    if not isinstance(data, dict):
        return
    if isinstance(data.get("name"), str):
        yield from _npm_package(data["name"])
    for key in _NPM_DEPENDENCIES:
        deps = data.get(key)
        if isinstance(deps, dict):
            for name in deps:
                yield from _npm_package(str(name))


def _requirements(lines: Iterable[Any]) -> Iterator[str]:
    for line in lines:
        if isinstance(line, str) and not line.lstrip().startswith(("#", "-")):
            m = _REQUIREMENT.match(line)
            if m:
                yield m.group(1)


def _toml(data: dict[str, Any]) -> Iterator[str]:
    project = data.get("project", {})
    if isinstance(project.get("name"), str):
        yield project["name"]
    yield from _requirements(project.get("dependencies", []))
    for extra in project.get("optional-dependencies", {}).values():
        yield from _requirements(extra)
    yield from _requirements(data.get("build-system", {}).get("requires", []))
    poetry = data.get("tool", {}).get("poetry", {})
    tables = [poetry.get("dependencies", {}), poetry.get("dev-dependencies", {}),
              data.get("packages", {}), data.get("dev-packages", {})]  # Pipfile's
    tables += [g.get("dependencies", {}) for g in poetry.get("group", {}).values()]
    for table in tables:
        yield from (str(name) for name in table if name != "python")


def _setup_cfg(text: str) -> Iterator[str]:
    parser = configparser.ConfigParser(interpolation=None)
    parser.read_string(text)
    if parser.has_option("metadata", "name"):
        yield parser.get("metadata", "name")
    if parser.has_option("options", "install_requires"):
        yield from _requirements(parser.get("options", "install_requires").splitlines())
    if parser.has_section("options.extras_require"):
        for _, value in parser.items("options.extras_require"):
            yield from _requirements(value.splitlines())


def _setup_py(text: str) -> Iterator[str]:
    """The literal arguments of a setup(...) call (values computed at run time are not
    read: nothing here runs the file)."""
    for node in ast.walk(ast.parse(text)):
        if not (isinstance(node, ast.Call) and getattr(node.func, "id", getattr(
                node.func, "attr", None)) == "setup"):
            continue
        for keyword in node.keywords:
            if keyword.arg not in _SETUP_KEYWORDS:
                continue
            try:
                value = ast.literal_eval(keyword.value)
            except (ValueError, TypeError, SyntaxError):
                continue  # computed at run time
            if isinstance(value, str):
                value = [value] if keyword.arg == "name" else value.splitlines()
            if isinstance(value, dict):
                value = [r for reqs in value.values() for r in (
                    [reqs] if isinstance(reqs, str) else reqs)]
            yield from _requirements(value)
