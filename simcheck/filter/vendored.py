"""Vendored code: files under a directory that by convention holds third-party code
bundled into a project (package managers' and build tools' vendor directories)."""

from __future__ import annotations

import re

# Directory names (matched case-insensitively, as a whole path component; "*" stands for
# any rest of the name). "vendored-meson" is numpy's copy of Meson; "vendor-" prefixes are
# left out: "vendor-portal" may be an application's own code about its vendors. "deps" is
# where C projects bundle the libraries they build with (Node.js: v8, openssl, libuv;
# Redis: jemalloc, hiredis, lua; ujson: Google's double-conversion) and where Mix and
# rebar fetch Erlang/Elixir dependencies.
VENDORED_DIRECTORIES: tuple[str, ...] = (
    "vendor", "vendors", "_vendor", "vendored", "vendored-*", "vendored_*", "third_party",
    "third-party", "thirdparty", "3rdparty", "3rd_party", "3rd-party", "external",
    "externals", "extern", "deps", "node_modules", "bower_components", "jspm_packages",
    "Pods", "Carthage", "Godeps", "site-packages", "dist-packages",
)
_NAME = re.compile(
    "|".join(re.escape(n).replace(r"\*", ".+") for n in VENDORED_DIRECTORIES), re.IGNORECASE)
_SPLIT = re.compile(r"!/|/")


def vendored_directory(path: str) -> str | None:
    """The vendored directory ``path`` lies in (its path up to and including that
    component, e.g. ``src/third_party/``), or None. Archive members count too:
    ``deps.zip!/vendor/x.c`` lies in ``deps.zip!/vendor/``."""
    parts = _SPLIT.split(path)
    seps = _SPLIT.findall(path)
    prefix = ""
    for i, part in enumerate(parts[:-1]):  # the last part is the file name
        prefix += part + seps[i]
        if _NAME.fullmatch(part):
            return prefix
    return None
