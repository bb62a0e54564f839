"""Which real third-party code the benchmark uses: per language, a donor package whose
functions are copied and an unrelated host package that receives them. Versions are pinned
so that every run sees the same code. Maven Central is not reachable from this project's
machines, so Java comes from the Android sources that React Native libraries publish on
the npm registry."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Package:
    registry: str  # "pypi" (source distribution) or "npm" (package tarball)
    name: str
    version: str
    include: tuple[str, ...]  # globs relative to the unpacked package root

    @property
    def key(self) -> str:
        return f"{self.registry}-{self.name}-{self.version}"


@dataclass(frozen=True)
class Corpus:
    language: str
    donor: Package
    host: Package


CORPORA: dict[str, Corpus] = {
    "python": Corpus(
        "python",
        donor=Package("pypi", "requests", "2.32.3", ("src/requests/**/*.py",)),
        host=Package("pypi", "click", "8.1.7", ("src/click/**/*.py",)),
    ),
    "c": Corpus(
        "c",
        # lz4's sdist bundles the LZ4 and xxHash C libraries and its own C bindings.
        donor=Package("pypi", "lz4", "4.3.3", ("lz4libs/*.[ch]", "lz4/**/*.c")),
        host=Package("pypi", "Brotli", "1.1.0", ("c/**/*.[ch]",)),
    ),
    "javascript": Corpus(
        "javascript",
        donor=Package("npm", "moment", "2.30.1", ("src/lib/**/*.js",)),
        host=Package("npm", "express", "4.21.1", ("lib/**/*.js",)),
    ),
    "java": Corpus(
        "java",
        donor=Package("npm", "react-native-svg", "15.8.0", ("android/src/main/java/**/*.java",)),
        host=Package("npm", "react-native-maps", "1.18.0", ("android/src/main/java/**/*.java",)),
    ),
}
