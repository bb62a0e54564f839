"""The controller-software and build-file languages (CUDA, Arduino, Make, CMake, Meson,
Protocol Buffers, linker scripts, Kconfig, GLSL, Tcl, Starlark, PowerShell, Solidity, OCaml,
Erlang) read through their grammars end to end, and templates (`config.h.in`) read as the
file they make."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from fingerprints.fileprint import tokenize
from fingerprints.languages import (
    LANGUAGES,
    TEMPLATE_SUFFIXES,
    detect_language,
    get_spec,
    template_suffix,
)
from fingerprints.tokens import LEXICAL_CATEGORIES
from simcheck.compare import compare_paths

FIXTURES = Path(__file__).parent / "fixtures" / "languages"

# language -> (fixture, an identifier of it the renamed copy renames, a comment's text)
CASES: dict[str, tuple[str, str, str]] = {
    "cuda": ("cuda.cu", "clamp_current", "// Scale a vector of motor currents on the GPU"),
    "arduino": ("arduino.ino", "LED_PIN", "// Blink an LED on pin 13"),
    "make": ("make.mk", "CFLAGS", "# Build rules for the motor controller firmware"),
    "cmake": ("cmake.cmake", "add_firmware", "#[[ Helper: one firmware image per board ]]"),
    "meson": ("meson/meson.build", "sources", "# Motor controller firmware"),
    "proto": ("proto.proto", "Sample", "// Telemetry messages of the motor controller"),
    "linkerscript": ("linkerscript.ld", "_sdata",
                     "/* Linker script for an STM32F103 controller board */"),
    "kconfig": ("kconfig/Kconfig", "MOTOR_PWM", "# Motor controller options"),
    "glsl": ("glsl.glsl", "rotate", "// Shade the gauge needle of the controller's display"),
    "tcl": ("tcl.tcl", "add_sources", "# Vivado build script for the motor controller FPGA"),
    "starlark": ("starlark.bzl", "defines", "# Copy the image next to its map file"),
    "powershell": ("powershell.ps1", "Image", "<# Check the image before flashing #>"),
    "solidity": ("solidity.sol", "locked", "/// @title Escrow for firmware licence payments"),
    "ocaml": ("ocaml.ml", "push", "(* Ring buffer of motor samples *)"),
    "erlang": ("erlang.erl", "Channel",
               "%% Supervisor of the motor controller's sampling processes"),
}


def _renamed(text: str, name: str) -> str:
    # \b does not see `$` as a word edge, so `$Image` is renamed too.
    return re.sub(rf"(?<![\w-]){re.escape(name)}(?![\w-])", f"{name}_renamed", text)


def test_the_languages_are_in_the_registry_and_listed() -> None:
    names = {spec.name for spec in LANGUAGES}
    assert set(CASES) <= names
    # Wide enough that no name or line is wrapped.
    out = subprocess.run([sys.executable, "-m", "simcheck", "languages"], capture_output=True,
                         text=True, check=True, env={**os.environ, "COLUMNS": "250"}).stdout
    assert f"{len(LANGUAGES)} languages" in out
    for name in CASES:
        assert get_spec(name).display in out
    assert "templates: a file named X.EXT plus one of .in .src .template .tmpl" in out


@pytest.mark.parametrize("language", sorted(CASES))
def test_a_comment_is_a_comment_and_identifiers_are_identifiers(language: str) -> None:
    fixture, identifier, comment = CASES[language]
    path = FIXTURES / fixture
    source = path.read_bytes()
    spec = detect_language(str(path), source[:4096])
    assert spec is not None and spec.name == language
    tokens = tokenize(source, language)
    assert tokens.tokenizer == "tree-sitter" and tokens.note is None
    lexical = {
        (LEXICAL_CATEGORIES[c], source[s:e].decode())
        for c, s, e in zip(tokens.lex_category, tokens.lex_start_byte, tokens.lex_end_byte,
                           strict=True)
    }
    assert ("comment", comment) in lexical
    names = {text for category, text in lexical if category == "identifier"}
    assert any(identifier == n or n.endswith(identifier) for n in names), sorted(names)
    # The comment is no part of the structure: no structure token overlaps it.
    at = source.index(comment.encode())
    overlaps = (tokens.start_byte < at + len(comment)) & (tokens.end_byte > at)
    assert not overlaps.any()


def test_a_renamed_copy_matches_as_renamed_in_every_language(tmp_path, fast_options) -> None:
    for language, (fixture, identifier, _comment) in CASES.items():
        text = (FIXTURES / fixture).read_text()
        renamed = _renamed(text, identifier)
        assert renamed != text, language
        for side, body in (("a", text), ("b", renamed)):
            target = tmp_path / side / language / fixture
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(body)
    result = compare_paths(str(tmp_path / "a"), str(tmp_path / "b"), fast_options)
    languages = {(f.side, f.path): (f.language, f.tokenizer) for f in result.files}
    for language, (fixture, _identifier, _comment) in CASES.items():
        path = f"{language}/{fixture}"
        assert languages[("left", path)] == (language, "tree-sitter")
        assert languages[("right", path)] == (language, "tree-sitter")
        kinds = {m.kind for m in result.matches if m.left.path == path == m.right.path}
        assert "renamed" in kinds, (language, kinds)


PROCESSING_SKETCH = """\
// Processing: a ball bouncing between the walls
float x = 0;
float speed = 2.5;

void setup() {
  size(640, 360);
}

void draw() {
  background(0);
  x += speed;
  if (x > width || x < 0) {
    speed = -speed;
  }
  ellipse(x, height / 2, 20, 20);
}
"""


def test_a_pde_sketch_is_arduino_or_processing_by_its_content() -> None:
    arduino = (FIXTURES / "arduino.ino").read_bytes()
    assert detect_language("Blink/Blink.pde", arduino) is get_spec("arduino")
    processing = PROCESSING_SKETCH.encode()
    assert detect_language("Bounce/Bounce.pde", processing) is get_spec("java")
    tokens = tokenize(processing, "java")
    assert tokens.tokenizer == "tree-sitter" and tokens.note is None


# ---------------------------------------------------------------- templates


@pytest.mark.parametrize(
    ("path", "language", "suffix"),
    [
        ("numpy/core/config.h.in", "c", ".in"),
        ("src/umath/loops.c.src", "c", ".src"),
        ("src/common/templ_common.h.src", "c", ".src"),
        ("Makefile.in", "make", ".in"),
        ("numpy/__config__.py.in", "python", ".in"),
        ("cmake/projectConfig.cmake.in", "cmake", ".in"),
        ("deploy.sh.template", "bash", ".template"),
        ("Config.java.tmpl", "java", ".tmpl"),
        # A language's own file name wins over the template rule: Buildroot's menus.
        ("package/Config.in", "kconfig", None),
        # Templates of files of no known type stay unknown.
        ("MANIFEST.in", None, None),
        ("random/_bounded_integers.pyx.in", None, None),
        ("foo.pc.in", None, None),
        ("plain.in", None, None),
    ],
)
def test_a_template_is_read_as_the_file_it_makes(path: str, language: str | None,
                                                 suffix: str | None) -> None:
    spec = detect_language(path, b"")
    assert (spec.name if spec else None) == language
    assert template_suffix(path) == suffix


def test_a_template_of_an_unknown_type_keeps_its_shebang() -> None:
    spec = detect_language("bin/tool.in", b"#!/usr/bin/env python3\nprint(1)\n")
    assert spec is not None and spec.name == "python"
    assert template_suffix("bin/tool.in") is None


def test_a_template_header_is_settled_by_content_like_any_header() -> None:
    spec = detect_language("include/widget.h.in", b"namespace ui {\nclass W {};\n}\n")
    assert spec is not None and spec.name == "cpp"


def test_a_configure_placeholder_in_a_header_template_does_not_say_objective_c() -> None:
    # meson_cpu/main_config.h.in: "@WITH_CPU_BASELINE@" once read as an NSString literal.
    header = b'#define NPY_WITH_CPU_BASELINE  "@WITH_CPU_BASELINE@"\nint f(void);\n'
    assert detect_language("main_config.h.in", header) is get_spec("c")
    assert detect_language("m.h", b'static NSString *k = @"key";\n') is get_spec("objc")


def test_no_language_claims_a_template_suffix() -> None:
    for spec in LANGUAGES:
        assert not set(spec.extensions) & set(TEMPLATE_SUFFIXES), spec.name


def test_the_file_list_says_a_template_was_read_as_its_language(tmp_path, fast_options):
    template = (
        "/* Typed loops, expanded at build time */\n"
        "/**begin repeat\n * #TYPE = int, long#\n */\n"
        "static @TYPE@ add_@TYPE@(@TYPE@ a, @TYPE@ b)\n{\n    return a + b;\n}\n"
        "/**end repeat**/\n"
    )
    for side in ("a", "b"):
        (tmp_path / side).mkdir()
        (tmp_path / side / "loops.c.src").write_text(template)
        shutil.copyfile(FIXTURES / "make.mk", tmp_path / side / "Makefile.in")
    result = compare_paths(str(tmp_path / "a"), str(tmp_path / "b"), fast_options)
    entries = {f.path: f for f in result.files if f.side == "left"}
    loops, makefile = entries["loops.c.src"], entries["Makefile.in"]
    assert (loops.language, loops.tokenizer) == ("c", "tree-sitter")
    assert loops.reason is not None and loops.reason.startswith("a template (.src) read as C")
    assert (makefile.language, makefile.reason) == ("make", "a template (.in) read as Makefile")
