"""Package manifests (package.json, composer.json, Cargo.toml, pyproject.toml, go.mod): the
words of them that are picks from a fixed or public list rather than the author's wording.

A manifest's keys are the fields its package manager defines ("devDependencies",
"require-dev", "edition"); the packages it depends on are names from a public registry
("@sveltejs/kit", "serde"), like Trove classifiers; their version ranges ("^1.2.3") and a
licence's SPDX identifier say nothing about who wrote the manifest. Two independent
projects built on the same stack share most of these. The project's own description,
keywords, script command lines, authors, paths and its own field values are kept.

The manifest is read with a real parser (json, tomllib; go.mod line by line as the
Go command reads it): a file that does not parse gives
no vocabulary (everything in it stays evidence). Pure function of a file name and its
bytes; the strings channel (and, for TOML's bare keys and go.mod's words, the
identifiers channel) leaves the texts out."""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - the same parser, before it joined the standard library
    import tomli as tomllib

# npm's package.json fields (docs.npmjs.com "package.json"), the fields Node.js reads
# (type, exports, imports), and the ones bundlers, TypeScript, CDNs and corepack read.
NPM_FIELDS = frozenset((
    "name", "version", "description", "keywords", "homepage", "bugs", "license", "licenses",
    "author", "contributors", "maintainers", "funding", "files", "main", "browser", "bin",
    "man", "directories", "repository", "scripts", "config", "dependencies",
    "devDependencies", "peerDependencies", "peerDependenciesMeta", "bundleDependencies",
    "bundledDependencies", "optionalDependencies", "overrides", "engines", "os", "cpu",
    "libc", "devEngines", "private", "publishConfig", "workspaces", "type", "exports",
    "imports", "module", "types", "typings", "typesVersions", "sideEffects", "unpkg",
    "jsdelivr", "packageManager", "resolutions", "engineStrict", "preferGlobal",
))
_NPM_DEPENDENCY_MAPS = ("dependencies", "devDependencies", "peerDependencies",
                        "optionalDependencies", "peerDependenciesMeta", "overrides",
                        "resolutions", "engines", "devEngines")
_NPM_DEPENDENCY_LISTS = ("bundleDependencies", "bundledDependencies", "os", "cpu", "libc")
# Keys npm defines inside its object fields (person, repository, bugs, funding,
# directories, publishConfig, peerDependenciesMeta entries).
_NPM_SUBFIELDS = frozenset((
    "name", "email", "url", "type", "directory", "lib", "doc", "example", "test", "access",
    "registry", "tag", "provenance", "optional",
))
_NPM_OBJECT_FIELDS = ("author", "contributors", "maintainers", "repository", "bugs",
                      "funding", "directories", "publishConfig")
# Script names npm itself runs (its life-cycle events); other script names are the author's.
NPM_LIFECYCLE_SCRIPTS = frozenset((
    "prepare", "prepublish", "prepublishOnly", "prepack", "postpack", "publish",
    "postpublish", "preinstall", "install", "postinstall", "preuninstall", "uninstall",
    "postuninstall", "preversion", "version", "postversion", "pretest", "test", "posttest",
    "prestop", "stop", "poststop", "prestart", "start", "poststart", "prerestart", "restart",
    "postrestart", "dependencies",
))
# Values npm or Node.js define: repository types, module types, access levels.
_NPM_VALUES = {"type": frozenset(("module", "commonjs"))}
_NPM_SUBVALUES = frozenset(("git", "svn", "public", "restricted"))

# Composer's composer.json schema (getcomposer.org/doc/04-schema.md).
COMPOSER_FIELDS = frozenset((
    "name", "description", "version", "type", "keywords", "homepage", "readme", "time",
    "license", "authors", "support", "funding", "require", "require-dev", "conflict",
    "replace", "provide", "suggest", "autoload", "autoload-dev", "include-path",
    "target-dir", "minimum-stability", "prefer-stable", "repositories", "config",
    "scripts", "scripts-descriptions", "extra", "bin", "archive", "abandoned",
    "non-feature-branches", "psr-4", "psr-0", "classmap", "files", "exclude-from-classmap",
    "role", "email", "issues", "forum", "wiki", "irc", "source", "docs", "rss", "chat",
    "security", "url",
))
_COMPOSER_DEPENDENCY_MAPS = ("require", "require-dev", "conflict", "replace", "provide")
_COMPOSER_VALUES = frozenset((
    "library", "project", "metapackage", "composer-plugin", "dev", "alpha", "beta", "RC",
    "stable", "vcs", "composer", "path", "package", "artifact",
))

# Cargo's manifest format (doc.rust-lang.org/cargo/reference/manifest.html) and the keys
# of a dependency's table (specifying-dependencies).
CARGO_FIELDS = frozenset((
    "package", "name", "version", "authors", "edition", "rust-version", "description",
    "documentation", "readme", "homepage", "repository", "license", "license-file",
    "keywords", "categories", "workspace", "build", "links", "exclude", "include",
    "publish", "metadata", "default-run", "autobins", "autoexamples", "autotests",
    "autobenches", "autolib", "resolver", "lib", "bin", "example", "test", "bench",
    "dependencies", "dev-dependencies", "build-dependencies", "target", "badges",
    "features", "patch", "replace", "profile", "members", "default-members", "lints",
    "path", "crate-type", "proc-macro", "harness", "doctest", "required-features",
    "git", "branch", "tag", "rev", "registry", "optional", "default-features",
    "default_features", "opt-level", "debug", "lto", "codegen-units", "panic", "strip",
    "incremental", "overflow-checks", "debug-assertions", "split-debuginfo", "inherits",
))
_CARGO_DEPENDENCY_TABLES = ("dependencies", "dev-dependencies", "build-dependencies",
                            "dev_dependencies", "build_dependencies")

# pyproject.toml: PEP 621's [project] table, PEP 518's [build-system], and Poetry's.
PYPROJECT_FIELDS = frozenset((
    "project", "name", "version", "description", "readme", "requires-python", "license",
    "license-files", "authors", "maintainers", "keywords", "classifiers", "urls",
    "scripts", "gui-scripts", "entry-points", "dependencies", "optional-dependencies",
    "dynamic", "import-names", "build-system", "requires", "build-backend",
    "backend-path", "tool", "poetry", "group", "dev-dependencies", "packages", "include",
    "exclude", "extras", "plugins", "source", "email", "text", "file", "content-type",
    "optional", "python", "from", "markers", "develop", "path", "git", "branch",
    "tag", "rev", "url", "priority",
))
_PEP508_NAME = re.compile(r"\s*([A-Za-z0-9][A-Za-z0-9._-]*)")


def _npm(data: Any) -> Iterator[str]:
    if not isinstance(data, dict):
        return
    tools = {name for k in _NPM_DEPENDENCY_MAPS for name in _keys(data.get(k))}
    for key, value in data.items():
        # A top-level key npm defines, or one named after a package the manifest depends
        # on: that package's configuration ("prettier": {"singleQuote": ...}), whose keys
        # are the package's option names; the values set are the author's.
        if key in NPM_FIELDS or key in tools:
            yield key
        if key in tools and key not in NPM_FIELDS:  # that tool's option names
            for entry in _items(value) if isinstance(value, list) else [value]:
                yield from _keys(entry)
        if isinstance(value, str) and value in _NPM_VALUES.get(key, ()):
            yield value
    yield from tools
    for key in _NPM_DEPENDENCY_MAPS:  # version ranges, and peerDependenciesMeta's "optional"
        for value in _values(data.get(key)):
            yield from (value,) if isinstance(value, str) else _keys(value)
    for key in _NPM_DEPENDENCY_LISTS:
        yield from _strings(_items(data.get(key)))
    for key in _NPM_OBJECT_FIELDS:
        for entry in _items(data.get(key)) if isinstance(data.get(key), list) else [
                data.get(key)]:
            yield from (k for k in _keys(entry) if k in _NPM_SUBFIELDS)
            yield from (v for v in _values(entry) if isinstance(v, str) and v in _NPM_SUBVALUES)
    for key in ("version", "license", "packageManager"):
        if isinstance(data.get(key), str):
            yield data[key]
    yield from (k for k in _keys(data.get("scripts")) if k in NPM_LIFECYCLE_SCRIPTS)
    for key in ("exports", "imports"):
        yield from _conditions(data.get(key))


def _conditions(value: Any) -> Iterator[str]:
    """The condition names of an exports or imports map ("import", "require", "types" ...:
    Node's and the tools' list); subpaths ("./dist", "#internal") are the author's."""
    if isinstance(value, dict):
        for key, inner in value.items():
            if not key.startswith((".", "#")):
                yield key
            yield from _conditions(inner)
    elif isinstance(value, list):
        for inner in value:
            yield from _conditions(inner)


def _composer(data: Any) -> Iterator[str]:
    if not isinstance(data, dict):
        return
    yield from _tree_keys(data, COMPOSER_FIELDS)
    for key in _COMPOSER_DEPENDENCY_MAPS:
        yield from _keys(data.get(key))
        yield from _strings(_values(data.get(key)))
    yield from _keys(data.get("suggest"))  # package names; the reasons given are prose
    for key in ("version", "license"):
        value = data.get(key)
        yield from _strings(value if isinstance(value, list) else [value])
    for value in [data.get("type"), data.get("minimum-stability")] + [
            v for repository in _items(data.get("repositories")) for v in _values(repository)]:
        if isinstance(value, str) and value in _COMPOSER_VALUES:
            yield value


def _cargo(data: dict[str, Any]) -> Iterator[str]:
    yield from _tree_keys(data, CARGO_FIELDS)
    tables = [data, data.get("workspace")] + list(_values(data.get("target")))
    for table in tables:
        for key in _CARGO_DEPENDENCY_TABLES:
            for name, spec in _items_of(_get(table, key)):
                yield name
                if isinstance(spec, str):
                    yield spec  # a version requirement
                elif isinstance(spec, dict):
                    # Its version, the crate it renames and the features it picks (that
                    # crate's list); a path or a git address is the author's.
                    yield from _strings([spec.get("version"), spec.get("package")])
                    yield from _strings(_items(spec.get("features")))
    for key, value in _items_of(_get(data, "patch")):
        yield key
        yield from _keys(value)
    package = _get(data, "package")
    if isinstance(package, dict):
        yield from _strings([package.get("version"), package.get("edition"),
                             package.get("license"), package.get("rust-version")])
        yield from _strings(_items(package.get("categories")))  # crates.io's fixed list


def _pyproject(data: dict[str, Any]) -> Iterator[str]:
    project = _get(data, "project")
    build = _get(data, "build-system")
    yield from (k for k in _keys(data) if k in ("project", "build-system", "tool"))
    # Every key PEP 621 and 518 define, nested ones too (authors' "email", readme's "file").
    yield from _tree_keys(project, PYPROJECT_FIELDS)
    yield from _tree_keys(build, PYPROJECT_FIELDS)
    # [tool.X]: X is a package's name; the keys of its table and of the sections in it
    # are that tool's option names ([tool.pytest.ini_options] testpaths, [tool.coverage.run]
    # source); the values set are the author's.
    for name, table in _items_of(_get(data, "tool")):
        yield name
        for key, section in _items_of(table):
            yield key
            yield from _keys(section)
    requirements = list(_items(_get(project, "dependencies")))
    requirements += [r for extra in _values(_get(project, "optional-dependencies"))
                     for r in _items(extra)]
    requirements += list(_items(_get(build, "requires")))
    for requirement in _strings(requirements):
        yield requirement
        m = _PEP508_NAME.match(requirement)
        if m:
            yield m.group(1)
    yield from _strings([_get(build, "build-backend"), _get(project, "requires-python"),
                         _get(project, "version"), _get(project, "license")])
    poetry = _get(_get(data, "tool"), "poetry")
    if isinstance(poetry, dict):
        yield from (k for k in _keys(poetry) if k in PYPROJECT_FIELDS)
        yield from _strings([poetry.get("version"), poetry.get("license")])
        tables = [poetry.get("dependencies"), poetry.get("dev-dependencies")]
        tables += [_get(g, "dependencies") for g in _values(poetry.get("group"))]
        for table in tables:
            for name, spec in _items_of(table):
                yield name
                if isinstance(spec, str):
                    yield spec
                elif isinstance(spec, dict):
                    yield from (k for k in spec if k in PYPROJECT_FIELDS)
                    yield from _strings([spec.get("version")])
                    yield from _strings(_items(spec.get("extras")))


# go.mod's directives (go.dev/ref/mod#go-mod-file); a module path and version required,
# replaced or excluded are picks from the public module index.
GOMOD_DIRECTIVES = frozenset(("module", "go", "toolchain", "godebug", "require", "replace",
                              "exclude", "retract", "tool", "ignore", "indirect"))
_GOMOD_PICKS = frozenset(("require", "replace", "exclude", "tool"))


def _gomod(text: str) -> Iterator[str]:
    """go.mod's directive names and the module paths and versions of its require, replace,
    exclude and tool lines (its own module path, a retraction's rationale are the
    author's). Read line by line as the Go command does: a directive, or a block of them
    (``require (`` ... ``)``); // comments (an ``// indirect`` mark aside) are the author's."""
    block = None
    for raw in text.splitlines():
        line, _, comment = raw.partition("//")
        if comment.strip() == "indirect":
            yield "indirect"
        words = line.split()
        if not words:
            continue
        if block is not None:
            if words == [")"]:
                block = None
            elif block in _GOMOD_PICKS:
                yield from (w for w in words if w != "=>")
            continue
        if words[0] not in GOMOD_DIRECTIVES:
            raise ValueError(f"not a go.mod directive: {words[0]!r}")
        yield words[0]
        if words[1:] == ["("]:
            block = words[0]
        elif words[0] in _GOMOD_PICKS or words[0] in ("go", "toolchain"):
            yield from (w for w in words[1:] if w != "=>")


@dataclass(frozen=True)
class _Manifest:
    what: str  # in words, as the result's settings list it
    name: str  # its file name
    read: Callable[[str], Any]  # how it parses
    find: Callable[[Any], Iterator[str]]  # what in it is vocabulary
    keywords: tuple[str, ...]  # the format's own words, which the lexical tokenizer reads
    # as names; and whether its bare words are names to it too (TOML's keys, go.mod's
    # directives and module paths: "golang.org/x/text" is golang, org, text)
    words_are_names: bool


_JSON_KEYWORDS = ("true", "false", "null")
_TOML_KEYWORDS = ("true", "false", "inf", "nan")
_MANIFESTS = (
    _Manifest("npm package.json: the fields npm defines, dependency names, version ranges",
              "package.json", json.loads, _npm, _JSON_KEYWORDS, False),
    _Manifest("Composer composer.json: its fields, required package names, version"
              " constraints", "composer.json", json.loads, _composer, _JSON_KEYWORDS, False),
    _Manifest("Cargo.toml: its fields, dependency names, version requirements, features"
              " picked", "Cargo.toml", tomllib.loads, _cargo, _TOML_KEYWORDS, True),
    _Manifest("pyproject.toml: its fields, requirements, tool names (PEP 621, PEP 518,"
              " Poetry)", "pyproject.toml", tomllib.loads, _pyproject, _TOML_KEYWORDS, True),
    _Manifest("Go go.mod: its directives, required module paths and versions",
              "go.mod", str, _gomod, (), True),
)
MANIFEST_VOCABULARIES = tuple(m.what for m in _MANIFESTS)
_BY_NAME = {m.name: m for m in _MANIFESTS}
_WORD = re.compile(r"[^\W\d]\w*")


def is_manifest(path: str) -> bool:
    """Whether ``path`` names a manifest whose vocabulary is read (by its file name)."""
    return _base(path) in _BY_NAME


def manifest_vocabulary(path: str, source: bytes) -> frozenset[str]:
    """The texts of the manifest at ``path`` that are vocabulary, as the literal channels
    compare them: a string's text without its quotes (as decoded and as JSON escapes it),
    and, for a TOML key, the words the lexical tokenizer reads in it ("dev-dependencies":
    dev, dependencies). Empty for any other file, or a manifest that does not parse."""
    manifest = _BY_NAME.get(_base(path))
    if manifest is None:
        return frozenset()
    try:
        texts = set(_strings(manifest.find(manifest.read(source.decode("utf-8")))))
    except (ValueError, TypeError, AttributeError, RecursionError, UnicodeDecodeError):
        return frozenset()  # ill-formed: nothing in it is set aside
    escaped = {json.dumps(t, ensure_ascii=False)[1:-1] for t in texts}
    words = ({w for t in texts for w in _WORD.findall(t)} if manifest.words_are_names
             else set())
    return frozenset(texts | escaped | words | set(manifest.keywords))


def _base(path: str) -> str:
    return path.rsplit("/", 1)[-1]  # an archive member's too: "a.zip!/package.json"


def _get(table: Any, key: str) -> Any:
    return table.get(key) if isinstance(table, dict) else None


def _keys(value: Any) -> Iterator[str]:
    return iter(value) if isinstance(value, dict) else iter(())


def _values(value: Any) -> Iterator[Any]:
    return iter(value.values()) if isinstance(value, dict) else iter(())


def _items(value: Any) -> Iterator[Any]:
    return iter(value) if isinstance(value, list) else iter(())


def _items_of(value: Any) -> Iterator[tuple[str, Any]]:
    return iter(value.items()) if isinstance(value, dict) else iter(())


def _strings(values: Iterable[Any]) -> Iterator[str]:
    return (v for v in values if isinstance(v, str))


def _tree_keys(value: Any, fields: frozenset[str]) -> Iterator[str]:
    """Every key, at any depth, that is one of ``fields``."""
    if isinstance(value, dict):
        for key, inner in value.items():
            if key in fields:
                yield key
            yield from _tree_keys(inner, fields)
    elif isinstance(value, list):
        for inner in value:
            yield from _tree_keys(inner, fields)
