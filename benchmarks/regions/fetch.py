"""Download and unpack a pinned package (PyPI source distribution or npm tarball) into the
benchmark cache, once; later runs reuse it. Nothing fetched here is ever committed."""

from __future__ import annotations

import base64
import hashlib
import json
import shutil
import subprocess
import sys
import tarfile
import urllib.request
from pathlib import Path

from .corpora import Package

NPM_REGISTRY = "https://registry.npmjs.org"


def _unpack(archive: Path, target: Path) -> None:
    """Unpack a .tar.gz whose members share one top directory, without that directory."""
    staging = target.with_name(target.name + ".partial")
    shutil.rmtree(staging, ignore_errors=True)
    with tarfile.open(archive) as tar:
        tops = {m.name.split("/", 1)[0] for m in tar.getmembers()}
        if len(tops) != 1:
            raise RuntimeError(f"{archive.name}: expected one top directory, found {sorted(tops)}")
        if hasattr(tarfile, "data_filter"):
            tar.extractall(staging, filter="data")
        else:  # Python < 3.11.4: refuse anything unsafe ourselves
            for m in tar.getmembers():
                if m.name.startswith("/") or ".." in m.name.split("/") or not (m.isfile()
                                                                              or m.isdir()):
                    raise RuntimeError(f"{archive.name}: unsafe member {m.name}")
            tar.extractall(staging)  # noqa: S202 -- members checked above
    (staging / tops.pop()).rename(target)
    shutil.rmtree(staging)


def _pypi_sdist(pkg: Package, downloads: Path) -> Path:
    folder = downloads / pkg.key
    if not folder.is_dir() or not any(folder.iterdir()):
        folder.mkdir(parents=True, exist_ok=True)
        subprocess.run(
            [sys.executable, "-m", "pip", "download", "--quiet", "--no-deps", "--no-binary",
             ":all:", f"{pkg.name}=={pkg.version}", "-d", str(folder)],
            check=True,
        )
    found = sorted(p for p in folder.iterdir() if p.name.endswith(".tar.gz"))
    if len(found) != 1:
        raise RuntimeError(f"{pkg.key}: expected one source distribution in {folder}")
    return found[0]


def _npm_tarball(pkg: Package, downloads: Path) -> Path:
    target = downloads / f"{pkg.key}.tgz"
    if target.is_file():
        return target
    downloads.mkdir(parents=True, exist_ok=True)
    with urllib.request.urlopen(f"{NPM_REGISTRY}/{pkg.name}/{pkg.version}", timeout=60) as r:
        dist = json.load(r)["dist"]
    with urllib.request.urlopen(dist["tarball"], timeout=120) as r:
        data = r.read()
    algo, _, digest = dist["integrity"].partition("-")
    if base64.b64encode(hashlib.new(algo, data).digest()).decode() != digest:
        raise RuntimeError(f"{pkg.key}: tarball does not match the registry's {algo} digest")
    target.write_bytes(data)
    return target


def fetch(pkg: Package, cache: Path) -> Path:
    """The unpacked package root in ``cache`` (downloaded on first use)."""
    root = cache / "packages" / pkg.key
    if root.is_dir():
        return root
    root.parent.mkdir(parents=True, exist_ok=True)
    downloads = cache / "downloads"
    get = _pypi_sdist if pkg.registry == "pypi" else _npm_tarball
    archive = get(pkg, downloads)
    _unpack(archive, root)
    return root


def select(root: Path, include: tuple[str, ...]) -> dict[str, bytes]:
    """Files under ``root`` matching the globs: relative '/'-path -> bytes, sorted."""
    found: dict[str, bytes] = {}
    for pattern in include:
        for path in root.glob(pattern):
            if path.is_file() and not path.is_symlink():
                found[path.relative_to(root).as_posix()] = path.read_bytes()
    return dict(sorted(found.items()))


def write_tree(files: dict[str, bytes], target: Path) -> None:
    """A fresh directory holding exactly ``files``."""
    shutil.rmtree(target, ignore_errors=True)
    for rel, data in files.items():
        path = target / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
