"""Ingest layer: inputs to files with provenance. Every fixture is built in tmp_path."""

from __future__ import annotations

import hashlib
import io
import os
import stat
import string
import tarfile
import tempfile
import threading
import tracemalloc
import warnings
import zipfile
from pathlib import Path

import py7zr
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from simcheck.errors import InputError
from simcheck.ingest import IngestedFile, IngestOptions, Work, ingest, walk
from simcheck.ingest.paths import member_parts

MiB = 1024 * 1024


# ---------------------------------------------------------------- helpers


def by_path(work: Work) -> dict[str, IngestedFile]:
    paths = [f.path for f in work.files]
    assert len(paths) == len(set(paths)), "unexpected duplicate paths"
    return {f.path: f for f in work.files}


def sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def zip_bytes(members: dict[str, bytes], method: int = zipfile.ZIP_DEFLATED) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", method) as archive:
        for name, data in members.items():
            archive.writestr(zipfile.ZipInfo(name), data, compress_type=method)
    return buf.getvalue()


def tar_bytes(members: dict[str, bytes], mode: str = "w:gz") -> bytes:
    buf = io.BytesIO()
    with tarfile.open(fileobj=buf, mode=mode) as archive:  # type: ignore[call-overload]
        for name, data in members.items():
            info = tarfile.TarInfo(name)
            info.size = len(data)
            archive.addfile(info, io.BytesIO(data))
    return buf.getvalue()


def sevenzip_bytes(members: dict[str, bytes]) -> bytes:
    buf = io.BytesIO()
    with py7zr.SevenZipFile(buf, "w") as archive:
        for name, data in members.items():
            archive.writestr(data, name)
    return buf.getvalue()


def write(path: Path, data: bytes | str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(data, str):
        path.write_bytes(data.encode("utf-8"))
    else:
        path.write_bytes(data)
    return path


def assert_clean(work: Work, tmp_path: Path) -> None:
    """Invariants of every Work: sorted, no absolute paths, one state, text iff ok."""
    paths = [f.path for f in work.files]
    assert paths == sorted(paths)
    for f in work.files:
        assert str(tmp_path) not in f.path and str(tmp_path) not in (f.reason or "")
        assert not f.path.startswith("/")
        assert f.state in ("ok", "skipped", "failed")
        assert (f.text is not None) == (f.state == "ok")
        assert (f.reason is None) == (f.state == "ok")
        assert "0x" not in (f.reason or "") and "<" not in (f.reason or "")


# ---------------------------------------------------------------- directories and files


def test_directory_walk_nested(tmp_path: Path) -> None:
    root = tmp_path / "proj"
    write(root / "main.c", b"int main(void)\r\n{\r\n  return 0;\r\n}\r\n")
    write(root / "src" / "util" / "deep.h", "#define X 1\n")
    write(root / "src" / "a.py", "print('hi')\n")
    write(root / "empty.txt", b"")
    (root / "emptydir").mkdir()
    work = ingest(str(root))
    assert work.label == str(root) and work.kind == "directory"
    files = by_path(work)
    assert list(files) == ["empty.txt", "main.c", "src/a.py", "src/util/deep.h"]
    main = files["main.c"]
    assert main.state == "ok" and main.encoding == "utf-8"
    assert main.text == "int main(void)\r\n{\r\n  return 0;\r\n}\r\n"  # CRLF kept
    assert main.sha256 == sha((root / "main.c").read_bytes())
    assert main.size == len((root / "main.c").read_bytes())
    assert files["empty.txt"].state == "ok" and files["empty.txt"].text == ""
    assert_clean(work, tmp_path)


def test_label_is_kept_as_given(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write(tmp_path / "proj" / "a.c", "int a;\n")
    monkeypatch.chdir(tmp_path)
    work = ingest("proj/")
    assert work.label == "proj/"
    assert [f.path for f in work.files] == ["a.c"]


def test_single_file(tmp_path: Path) -> None:
    path = write(tmp_path / "dir" / "only.c", "int only;\n")
    work = ingest(str(path))
    assert work.kind == "file" and work.label == str(path)
    assert [(f.path, f.state, f.text) for f in work.files] == [("only.c", "ok", "int only;\n")]


def test_nonexistent_path() -> None:
    with pytest.raises(InputError) as excinfo:
        ingest("no/such/thing")
    assert str(excinfo.value) == "no/such/thing: no such file or directory"


def test_version_control_dirs_not_descended(tmp_path: Path) -> None:
    for vcs in (".git", ".hg", ".svn"):
        write(tmp_path / "p" / vcs / "objects" / "ab", b"x" * 10)
    write(tmp_path / "p" / "sub" / ".git" / "HEAD", "ref\n")
    write(tmp_path / "p" / "wt" / ".git", "gitdir: ../x\n")  # a worktree's .git *file*
    files = by_path(ingest(str(tmp_path / "p")))
    for vcs in (".git", ".hg", ".svn", "sub/.git"):
        assert files[vcs].state == "skipped" and files[vcs].reason == "version-control metadata"
    assert files["wt/.git"].state == "ok"
    assert not any("objects" in p or p.endswith("HEAD") for p in files)


# ---------------------------------------------------------------- decoding


def test_binary_file_skipped(tmp_path: Path) -> None:
    data = b"\x7fELF\x02\x01\x01\x00" + bytes(range(256)) * 4
    write(tmp_path / "d" / "prog", data)
    f = by_path(ingest(str(tmp_path / "d")))["prog"]
    assert (f.state, f.reason, f.sha256, f.size) == ("skipped", "binary file", sha(data), len(data))


@pytest.mark.parametrize(
    ("text", "codec", "expected_encoding"),
    [
        ("/* Grüße, café, naïve */\nint x;\n", "latin-1", "cp1252"),
        ("// “quoted” – price 5€, café\r\nint x = 1;\r\n", "cp1252", "cp1252"),
        ("// ünïcödé ☃\r\nint x;\r\n", "utf-16", "utf-16"),
        ("// ünïcödé ☃\nint x;\n", "utf-32", "utf-32"),
        ("// ünïcödé ☃\nint x;\n", "utf-8-sig", "utf-8-sig"),
        ("// ünïcödé ☃\nint x;\n", "utf-8", "utf-8"),
    ],
)
def test_text_decoding(tmp_path: Path, text: str, codec: str, expected_encoding: str) -> None:
    data = text.encode(codec)
    write(tmp_path / "d" / "f.c", data)
    f = by_path(ingest(str(tmp_path / "d")))["f.c"]
    assert f.state == "ok", f.reason
    assert f.text == text  # BOM stripped, newlines untouched
    assert f.encoding == expected_encoding
    assert f.sha256 == sha(data)


@pytest.mark.parametrize(("codec", "text"), [
    # cchardet 2.1.7's test data ja/utf-16le.txt and utf-16be.txt (Japanese, no BOM) were
    # "skipped: binary file" for their NUL bytes; U+3000 puts a NUL on the other parity.
    ("utf-16-le", "UTF-16 (UCS/Unicode Transformation Format 16) とは、\u3000Unicode"
                  "の符号化方式の一つ。\r\n16ビットの符号単位で表す。\r\n"),
    ("utf-16-be", "int main(void) {\n    return 0; /* Größe */\n}\n"),
])
def test_utf16_without_its_bom_is_text(tmp_path: Path, codec: str, text: str) -> None:
    write(tmp_path / "d" / "f.txt", text.encode(codec))
    f = by_path(ingest(str(tmp_path / "d")))["f.txt"]
    assert (f.state, f.encoding, f.text) == ("ok", codec, text)
    # Little-endian 16-bit numbers have NUL high bytes too, but read as text they are
    # control characters: still binary.
    numbers = b"".join(i.to_bytes(2, "little") for i in range(256)) * 8
    write(tmp_path / "e" / "table.bin", numbers)
    g = by_path(ingest(str(tmp_path / "e")))["table.bin"]
    assert (g.state, g.reason) == ("skipped", "binary file")


def test_cyrillic_legacy_text_not_misread_as_cp1252(tmp_path: Path) -> None:
    text = "// Привет мир, это комментарий к функции\nint x = 1;\n" * 5
    write(tmp_path / "d" / "ru.c", text.encode("cp1251"))
    f = by_path(ingest(str(tmp_path / "d")))["ru.c"]
    assert f.state == "ok" and f.text == text


def test_undecodable_junk_fails(tmp_path: Path) -> None:
    junk = bytes((i * 73 + 129) % 128 + 128 for i in range(3000))  # high bytes, no NUL
    write(tmp_path / "d" / "junk.txt", junk)
    f = by_path(ingest(str(tmp_path / "d")))["junk.txt"]
    assert (f.state, f.reason, f.sha256) == ("failed", "undecodable text", sha(junk))


def test_too_large_skipped(tmp_path: Path) -> None:
    write(tmp_path / "d" / "big.c", b"x" * 7340032)
    write(tmp_path / "d" / "small.c", b"y" * 100)
    files = by_path(ingest(str(tmp_path / "d")))
    big = files["big.c"]
    assert big.state == "skipped"
    assert big.reason == "too large (7340032 bytes > limit 5242880)"
    assert big.size == 7340032 and big.sha256 == sha(b"x" * 7340032)
    assert files["small.c"].state == "ok"


# ---------------------------------------------------------------- ignore patterns


def test_ignore_patterns(tmp_path: Path) -> None:
    root = tmp_path / "p"
    write(root / "a.c", "int a;\n")
    write(root / "debug.log", "log\n")
    write(root / "keep.log", "keep\n")
    write(root / "build" / "out.c", "int out;\n")
    write(root / "lib.zip", zip_bytes({"x.log": b"l\n", "x.c": b"int x;\n"}))
    options = IngestOptions(ignore_patterns=("# comment", "*.log", "!keep.log", "build/"))
    files = by_path(ingest(str(root), options))
    assert files["a.c"].state == "ok"
    assert files["keep.log"].state == "ok"
    assert (files["debug.log"].state, files["debug.log"].reason) == (
        "skipped",
        "excluded by pattern *.log",
    )
    assert files["debug.log"].sha256 is None
    assert files["build/out.c"].reason == "excluded by pattern build/"
    assert files["lib.zip!/x.log"].reason == "excluded by pattern *.log"
    assert files["lib.zip!/x.c"].state == "ok"


def test_ignore_pattern_can_exclude_an_archive(tmp_path: Path) -> None:
    write(tmp_path / "p" / "vendor.jar", zip_bytes({"A.java": b"class A {}\n"}))
    files = by_path(ingest(str(tmp_path / "p"), IngestOptions(ignore_patterns=("*.jar",))))
    assert list(files) == ["vendor.jar"]
    assert files["vendor.jar"].reason == "excluded by pattern *.jar"


def test_invalid_ignore_pattern_is_input_error(tmp_path: Path) -> None:
    write(tmp_path / "p" / "a.c", "int a;\n")
    with pytest.raises(InputError, match="invalid ignore pattern: '!'"):
        ingest(str(tmp_path / "p"), IngestOptions(ignore_patterns=("*.o", "!")))


# ---------------------------------------------------------------- symlinks and specials


def test_symlinks_skipped_by_default(tmp_path: Path) -> None:
    root = tmp_path / "p"
    write(root / "real.c", "int r;\n")
    write(tmp_path / "outside.c", "secret\n")
    os.symlink(tmp_path / "outside.c", root / "out_link.c")
    os.symlink("real.c", root / "in_link.c")
    os.symlink(".", root / "self_dir")
    os.symlink("loop_b", root / "loop_a")
    os.symlink("loop_a", root / "loop_b")
    os.symlink("missing", root / "broken")
    files = by_path(ingest(str(root)))
    for name in ("out_link.c", "in_link.c", "self_dir", "loop_a", "loop_b", "broken"):
        assert (files[name].state, files[name].reason) == (
            "skipped",
            "symbolic link (not followed)",
        )
    assert files["real.c"].state == "ok"
    assert "secret\n" not in [f.text for f in files.values()]


def test_follow_symlinks_stays_inside_and_survives_loops(tmp_path: Path) -> None:
    root = tmp_path / "p"
    write(root / "real.c", "int r;\n")
    write(root / "sub" / "s.c", "int s;\n")
    write(tmp_path / "outside.c", "secret\n")
    os.symlink(tmp_path / "outside.c", root / "out_link.c")
    os.symlink(tmp_path, root / "out_dir")
    os.symlink("real.c", root / "in_link.c")
    os.symlink("..", root / "sub" / "up")  # a cycle back to the root
    os.symlink("loop_b", root / "loop_a")
    os.symlink("loop_a", root / "loop_b")
    os.symlink("missing", root / "broken")
    work = run_with_timeout(lambda: ingest(str(root), IngestOptions(follow_symlinks=True)))
    files = by_path(work)
    assert files["in_link.c"].text == "int r;\n"
    assert files["out_link.c"].reason == "symbolic link points outside the input (not followed)"
    assert files["out_dir"].reason == "symbolic link points outside the input (not followed)"
    assert files["sub/up"].reason == "symbolic link loop (not followed)"
    assert files["loop_a"].reason == "symbolic link loop (not followed)"
    assert files["broken"].reason == "broken symbolic link"
    assert "secret\n" not in [f.text for f in files.values()]
    assert_clean(work, tmp_path)


def run_with_timeout(func, seconds: float = 20.0):  # type: ignore[no-untyped-def]
    """Run ``func`` in a thread so a hang fails the test instead of blocking the run."""
    result: list[object] = []
    errors: list[BaseException] = []

    def target() -> None:
        try:
            result.append(func())
        except BaseException as exc:  # noqa: BLE001 - re-raised in the test thread
            errors.append(exc)

    thread = threading.Thread(target=target, daemon=True)
    thread.start()
    thread.join(seconds)
    assert not thread.is_alive(), "ingest hung"
    if errors:
        raise errors[0]
    return result[0]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
def test_fifo_is_skipped_without_blocking(tmp_path: Path) -> None:
    write(tmp_path / "p" / "a.c", "int a;\n")
    os.mkfifo(tmp_path / "p" / "pipe")
    files = by_path(run_with_timeout(lambda: ingest(str(tmp_path / "p"))))
    assert (files["pipe"].state, files["pipe"].reason) == ("skipped", "not a regular file")
    assert files["a.c"].state == "ok"


def test_permission_denied_is_failed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = tmp_path / "p"
    write(root / "a.c", "int a;\n")
    secret = write(root / "secret.c", "int s;\n")
    write(root / "locked.zip", zip_bytes({"x.c": b"int x;\n"}))
    real_open = walk.open_file

    def guarded_open(path: str):  # type: ignore[no-untyped-def]
        # A genuine PermissionError from the OS layer, for these paths only: chmod 000
        # does not stop root, and tests may run as root.
        if os.path.basename(path) in ("secret.c", "locked.zip"):
            raise PermissionError(13, "Permission denied", path)
        return real_open(path)

    monkeypatch.setattr(walk, "open_file", guarded_open)
    files = by_path(ingest(str(root)))
    assert (files["secret.c"].state, files["secret.c"].reason) == ("failed", "permission denied")
    assert files["secret.c"].sha256 is None and files["secret.c"].size == secret.stat().st_size
    assert files["locked.zip"].reason == "permission denied"
    assert files["a.c"].state == "ok"


@pytest.mark.skipif(os.geteuid() == 0, reason="root can read mode-000 files")
def test_chmod_000_is_permission_denied(tmp_path: Path) -> None:
    path = write(tmp_path / "p" / "secret.c", "int s;\n")
    path.chmod(0)
    try:
        f = by_path(ingest(str(tmp_path / "p")))["secret.c"]
    finally:
        path.chmod(stat.S_IRUSR | stat.S_IWUSR)
    assert (f.state, f.reason) == ("failed", "permission denied")


def test_unreadable_subdirectory_is_failed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = tmp_path / "p"
    write(root / "a.c", "int a;\n")
    write(root / "locked" / "hidden.c", "int h;\n")
    real_scandir = os.scandir

    def guarded_scandir(path: str):  # type: ignore[no-untyped-def]
        if os.path.basename(path) == "locked":
            raise PermissionError(13, "Permission denied", path)
        return real_scandir(path)

    monkeypatch.setattr(walk.os, "scandir", guarded_scandir)
    files = by_path(ingest(str(root)))
    assert (files["locked"].state, files["locked"].reason) == ("failed", "permission denied")
    assert files["a.c"].state == "ok" and "locked/hidden.c" not in files


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
def test_special_top_level_input_is_input_error(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "pipe")
    with pytest.raises(InputError, match="not a regular file or directory"):
        ingest(str(tmp_path / "pipe"))


def test_single_binary_and_top_level_symlinked_archive(tmp_path: Path) -> None:
    binary = write(tmp_path / "blob.bin", b"\x00\x01\x02")
    assert [(f.path, f.state) for f in ingest(str(binary)).files] == [("blob.bin", "skipped")]
    target = write(tmp_path / "real.zip", zip_bytes({"a.c": b"int a;\n"}))
    os.symlink(target, tmp_path / "named.zip")
    work = ingest(str(tmp_path / "named.zip"))  # named by the user: followed
    assert work.kind == "archive" and [f.path for f in work.files] == ["a.c"]


def test_input_is_not_modified(tmp_path: Path) -> None:
    root = tmp_path / "p"
    write(root / "a.c", "int a;\n")
    write(root / "n.zip", zip_bytes({"x.c": b"int x;\n", "sub/y.c": b"int y;\n"}))
    write(root / "t.tgz", tar_bytes({"z.c": b"int z;\n"}))
    before = snapshot(tmp_path)
    ingest(str(root))
    ingest(str(root / "n.zip"))
    assert snapshot(tmp_path) == before


def snapshot(root: Path) -> dict[str, tuple[int, int, bytes]]:
    return {
        str(p.relative_to(root)): (p.stat().st_mode, p.stat().st_mtime_ns, p.read_bytes())
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


# ---------------------------------------------------------------- top-level archives


def test_zip_top_level(tmp_path: Path) -> None:
    data = zip_bytes({"src/": b"", "src/a.c": b"int a;\n", "README": b"read me\n"})
    path = write(tmp_path / "w.zip", data)
    work = ingest(str(path))
    assert work.kind == "archive" and work.label == str(path)
    files = by_path(work)
    assert list(files) == ["README", "src/a.c"]  # no "w.zip!/" prefix, directory not listed
    assert files["src/a.c"].sha256 == sha(b"int a;\n") and files["src/a.c"].size == 7


def test_zip_names_written_in_utf8_without_the_flag_read_as_utf8(tmp_path: Path) -> None:
    # Info-ZIP's zip on Linux writes UTF-8 names without the zip's UTF-8 flag, and zipfile
    # read them as cp437: 'src/café.c' was listed as 'src/caf├⌐.c'. The placeholders below
    # are swapped for such raw names (same length); a true cp437 name stays cp437.
    raw = {"src/cafXX.c": "src/café.c".encode(), "src/XXXXXXXXX.c": "src/日本語.c".encode(),
           "old/naXve.c": "old/na\x8bve.c".encode("latin-1")}
    data = zip_bytes({name: b"int a;\n" for name in raw}, method=zipfile.ZIP_STORED)
    for placeholder, name in raw.items():
        data = data.replace(placeholder.encode(), name)
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        assert not any(info.flag_bits & 0x800 for info in archive.infolist())
    files = by_path(ingest(str(write(tmp_path / "w.zip", data))))
    assert sorted(files) == ["old/naïve.c", "src/café.c", "src/日本語.c"]


@pytest.mark.parametrize(
    ("name", "mode"),
    [
        ("w.tar.gz", "w:gz"),
        ("w.tgz", "w:gz"),
        ("w.tar.bz2", "w:bz2"),
        ("w.tbz2", "w:bz2"),
        ("w.tar.xz", "w:xz"),
        ("w.txz", "w:xz"),
        ("w.tar", "w"),
    ],
)
def test_tar_top_level(tmp_path: Path, name: str, mode: str) -> None:
    path = write(tmp_path / name, tar_bytes({"./src/a.c": b"int a;\n", "b.c": b"int b;\n"}, mode))
    work = ingest(str(path))
    assert work.kind == "archive"
    assert [(f.path, f.text) for f in work.files] == [("b.c", "int b;\n"), ("src/a.c", "int a;\n")]


def test_7z_top_level(tmp_path: Path) -> None:
    path = write(tmp_path / "w.7z", sevenzip_bytes({"src/a.c": b"int a;\n", "b.c": b"int b;\n"}))
    work = ingest(str(path))
    assert work.kind == "archive"
    assert [(f.path, f.text) for f in work.files] == [("b.c", "int b;\n"), ("src/a.c", "int a;\n")]


def test_7z_duplicate_member_names(tmp_path: Path) -> None:
    buf = io.BytesIO()
    with py7zr.SevenZipFile(buf, "w") as archive:
        archive.writestr(b"first\n", "a.c")
        archive.writestr(b"second\n", "a.c")
        archive.writestr(b"int b;\n", "b.c")
    work = ingest(str(write(tmp_path / "dup.7z", buf.getvalue())))
    assert [(f.path, f.text) for f in work.files] == [
        ("a.c", "first\n"),
        ("a.c", "second\n"),
        ("b.c", "int b;\n"),
    ]


def test_tar_special_members(tmp_path: Path) -> None:
    buf = io.BytesIO()
    with tarfile.open(fileobj=buf, mode="w:gz") as archive:
        for name, kind in (("link", tarfile.SYMTYPE), ("hard", tarfile.LNKTYPE)):
            info = tarfile.TarInfo(name)
            info.type, info.linkname = kind, "a.c"
            archive.addfile(info)
        fifo = tarfile.TarInfo("fifo")
        fifo.type = tarfile.FIFOTYPE
        archive.addfile(fifo)
        info = tarfile.TarInfo("a.c")
        info.size = 7
        archive.addfile(info, io.BytesIO(b"int a;\n"))
    files = by_path(ingest(str(write(tmp_path / "s.tar.gz", buf.getvalue()))))
    assert files["link"].reason == "symbolic link (not followed)"
    assert files["hard"].reason == "hard link (not followed)"
    assert files["fifo"].reason == "not a regular file"
    assert files["a.c"].state == "ok"


def test_zip_symlink_member_skipped(tmp_path: Path) -> None:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as archive:
        info = zipfile.ZipInfo("link")
        info.create_system = 3
        info.external_attr = (stat.S_IFLNK | 0o777) << 16
        archive.writestr(info, "/etc/passwd")
        archive.writestr("a.c", "int a;\n")
    files = by_path(ingest(str(write(tmp_path / "l.zip", buf.getvalue()))))
    assert files["link"].reason == "symbolic link (not followed)"
    assert files["link"].text is None


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("bad.zip", b"PK\x03\x04 this is not really a zip file at all"),
        ("bad.tar.gz", b"\x1f\x8b\x08\x00garbage-garbage-garbage"),
        ("bad.tar", b"not a tar header " * 40),
        ("bad.7z", b"7z\xbc\xaf\x27\x1c garbage"),
        ("empty.zip", b""),
        ("empty.tar", b""),
    ],
)
def test_corrupt_top_level_archive_is_input_error(tmp_path: Path, name: str, data: bytes) -> None:
    path = write(tmp_path / name, data)
    with pytest.raises(InputError) as excinfo:
        ingest(str(path))
    message = str(excinfo.value)
    assert message.startswith(f"{path}: corrupt archive: ")
    assert "\n" not in message


def test_truncated_top_level_zip_is_input_error(tmp_path: Path) -> None:
    data = zip_bytes({"a.c": b"int a;\n" * 100, "b.c": b"int b;\n" * 100})
    path = write(tmp_path / "cut.zip", data[: len(data) // 2])
    with pytest.raises(InputError, match=r"cut\.zip: corrupt archive: "):
        ingest(str(path))


def test_truncated_tar_gz_member_fails_and_earlier_members_stay(tmp_path: Path) -> None:
    text = "".join(f"line {i} of a long file {i * 7919 % 10007}\n" for i in range(40000))
    data = tar_bytes({"a.c": b"int a;\n", "big.c": text.encode()})
    path = write(tmp_path / "cut.tar.gz", data[: len(data) * 2 // 3])
    files = by_path(ingest(str(path)))
    assert files["a.c"].state == "ok"
    assert files["big.c"].state == "failed"
    assert files["big.c"].reason == "truncated archive member; rest of archive not read"


def test_corrupt_zip_member_fails_and_others_stay(tmp_path: Path) -> None:
    good = b"int good;\n" * 50
    victim = "".join(f"int v{i} = {i * 31};\n" for i in range(300)).encode()
    data = bytearray(zip_bytes({"good.c": good, "victim.c": victim, "z.c": good}))
    # Damage the middle of victim.c's compressed bytes (after its local header).
    start = data.index(b"victim.c") + len("victim.c")
    for i in range(start + 40, start + 60):
        data[i] ^= 0xFF
    files = by_path(ingest(str(write(tmp_path / "damaged.zip", bytes(data)))))
    assert files["good.c"].state == "ok" and files["z.c"].state == "ok"
    assert files["victim.c"].state == "failed"
    assert str(files["victim.c"].reason).startswith("corrupt archive member: ")
    assert files["victim.c"].sha256 is None


def test_encrypted_zip_member_fails(tmp_path: Path) -> None:
    data = bytearray(zip_bytes({"a.c": b"int a;\n", "s.c": b"int s;\n"}))
    # Set the "encrypted" flag of s.c in its local and central headers.
    for signature, flag_offset in ((b"PK\x03\x04", 6), (b"PK\x01\x02", 8)):
        pos = -1
        while (pos := data.find(signature, pos + 1)) != -1:
            name_at = pos + (30 if signature == b"PK\x03\x04" else 46)
            if data[name_at : name_at + 3] == b"s.c":
                data[pos + flag_offset] |= 0x1
    files = by_path(ingest(str(write(tmp_path / "enc.zip", bytes(data)))))
    assert files["a.c"].state == "ok"
    assert (files["s.c"].state, files["s.c"].reason) == (
        "failed",
        "encrypted archive member (no password)",
    )


# ---------------------------------------------------------------- nested archives


def test_nested_archive_in_directory(tmp_path: Path) -> None:
    root = tmp_path / "p"
    write(root / "a.c", "int a;\n")
    write(root / "lib" / "inner.zip", zip_bytes({"member/path.c": b"int m;\n"}))
    write(root / "lib" / "t.tar.gz", tar_bytes({"t.c": b"int t;\n"}))
    write(root / "lib" / "s.7z", sevenzip_bytes({"s.c": b"int s;\n"}))
    work = ingest(str(root))
    assert [f.path for f in work.files] == [
        "a.c",
        "lib/inner.zip!/member/path.c",
        "lib/s.7z!/s.c",
        "lib/t.tar.gz!/t.c",
    ]
    assert all(f.state == "ok" for f in work.files)


def test_nested_archive_in_archive(tmp_path: Path) -> None:
    innermost = tar_bytes({"c.c": b"int c;\n"})
    middle = zip_bytes({"b.tar.gz": innermost, "m.c": b"int m;\n"})
    seven = sevenzip_bytes({"z.zip": zip_bytes({"q.c": b"int q;\n"})})
    outer = zip_bytes({"a.zip": middle, "x.7z": seven, "top.c": b"int top;\n"})
    write(tmp_path / "p" / "outer.zip", outer)
    files = by_path(ingest(str(tmp_path / "p")))
    assert list(files) == [
        "outer.zip!/a.zip!/b.tar.gz!/c.c",
        "outer.zip!/a.zip!/m.c",
        "outer.zip!/top.c",
        "outer.zip!/x.7z!/z.zip!/q.c",
    ]
    assert files["outer.zip!/a.zip!/b.tar.gz!/c.c"].text == "int c;\n"
    # Top-level archive: no prefix for the archive itself.
    top = by_path(ingest(str(tmp_path / "p" / "outer.zip")))
    assert "a.zip!/b.tar.gz!/c.c" in top


def test_tar_in_tar_streams(tmp_path: Path) -> None:
    inner = tar_bytes({"deep.c": b"int deep;\n"}, "w:xz")
    outer = tar_bytes({"in.tar.xz": inner, "after.c": b"int after;\n"}, "w:bz2")
    files = by_path(ingest(str(write(tmp_path / "o.tar.bz2", outer))))
    assert files["in.tar.xz!/deep.c"].text == "int deep;\n"
    assert files["after.c"].text == "int after;\n"


def test_corrupt_nested_archive_fails_rest_ok(tmp_path: Path) -> None:
    outer = zip_bytes(
        {
            "bad.zip": b"PK\x03\x04 not a zip",
            "bad.tar.gz": b"\x1f\x8b garbage",
            "bad.7z": b"not 7z",
            "good.c": b"int g;\n",
        }
    )
    root = tmp_path / "p"
    write(root / "o.zip", outer)
    write(root / "broken.tgz", b"\x1f\x8b\x08\x00broken")
    write(root / "ok.c", "int ok;\n")
    files = by_path(ingest(str(root)))
    for name in ("o.zip!/bad.zip", "o.zip!/bad.tar.gz", "o.zip!/bad.7z", "broken.tgz"):
        assert files[name].state == "failed"
        assert str(files[name].reason).startswith("corrupt archive: "), files[name].reason
    assert files["o.zip!/good.c"].state == "ok" and files["ok.c"].state == "ok"


def test_package_formats_are_expanded_as_the_archives_they_are(tmp_path: Path) -> None:
    # six 1.16.0's wheel beside its sdist: the wheel was "skipped: binary file", so its
    # six.py was never compared. A gem is a tar holding data.tar.gz; a crate is a tar.gz.
    root = tmp_path / "p"
    write(root / "six-1.16.0-py2.py3-none-any.whl", zip_bytes({"six.py": b"x = 1\n"}))
    gem = tar_bytes({"data.tar.gz": tar_bytes({"lib/pump.rb": b"X = 1\n"}),
                     "metadata.gz": b"\x1f\x8b"}, "w")
    write(root / "pump-1.0.gem", gem)
    write(root / "pump-1.0.crate", tar_bytes({"pump-1.0/src/lib.rs": b"fn f() {}\n"}))
    for name in ("a.egg", "a.aar", "a.nupkg", "a.vsix", "a.xpi"):
        write(root / name, zip_bytes({"m.js": b"var m = 1;\n"}))
    files = by_path(ingest(str(root)))
    assert files["six-1.16.0-py2.py3-none-any.whl!/six.py"].text == "x = 1\n"
    assert files["pump-1.0.gem!/data.tar.gz!/lib/pump.rb"].state == "ok"
    assert files["pump-1.0.crate!/pump-1.0/src/lib.rs"].state == "ok"
    for name in ("a.egg", "a.aar", "a.nupkg", "a.vsix", "a.xpi"):
        assert files[f"{name}!/m.js"].state == "ok"


def test_empty_archives_are_listed_not_lost(tmp_path: Path) -> None:
    # A discovery dump's empty zip (or one holding only directories) yields no member:
    # it must still be accounted for, as the archive itself, with a reason.
    dirs_only = zip_bytes({"docs/": b"", "docs/img/": b""})
    outer = zip_bytes({"empty.zip": zip_bytes({}), "dirs.zip": dirs_only,
                       "empty.tar.gz": tar_bytes({}), "a.c": b"int a;\n"})
    root = tmp_path / "p"
    write(root / "dump.zip", outer)
    write(root / "top_empty.zip", zip_bytes({}))
    files = by_path(ingest(str(root)))
    for name in ("dump.zip!/empty.zip", "dump.zip!/dirs.zip", "dump.zip!/empty.tar.gz",
                 "top_empty.zip"):
        assert (files[name].state, files[name].reason) == ("skipped", "archive holds no files")
    assert files["dump.zip!/empty.zip"].size == len(zip_bytes({}))
    assert files["dump.zip!/a.c"].state == "ok"


def test_nesting_deeper_than_limit_fails(tmp_path: Path) -> None:
    level3 = zip_bytes({"c.c": b"int c;\n"})
    level2 = zip_bytes({"l3.zip": level3, "b.c": b"int b;\n"})
    path = write(tmp_path / "l1.zip", zip_bytes({"l2.zip": level2, "a.c": b"int a;\n"}))
    files = by_path(ingest(str(path), IngestOptions(max_archive_depth=2)))
    assert files["l2.zip!/b.c"].state == "ok"
    assert (files["l2.zip!/l3.zip"].state, files["l2.zip!/l3.zip"].reason) == (
        "failed",
        "archive nesting too deep (limit 2)",
    )
    assert "l2.zip!/l3.zip!/c.c" not in files


def test_vcs_dirs_inside_archives(tmp_path: Path) -> None:
    data = zip_bytes({"p/.git/HEAD": b"ref\n", "p/.git/objects/x": b"x", "p/a.c": b"int a;\n"})
    files = by_path(ingest(str(write(tmp_path / "v.zip", data))))
    assert list(files) == ["p/.git", "p/a.c"]
    assert files["p/.git"].reason == "version-control metadata"


def test_duplicate_member_names_are_all_listed(tmp_path: Path) -> None:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as archive, pytest.warns(UserWarning):
        archive.writestr("a.c", "first\n")
        archive.writestr("a.c", "second\n")
    work = ingest(str(write(tmp_path / "dup.zip", buf.getvalue())))
    assert [(f.path, f.text) for f in work.files] == [("a.c", "first\n"), ("a.c", "second\n")]


# ---------------------------------------------------------------- hostile archives


def zeros_zip(path: Path, size: int, extra: dict[str, bytes] | None = None) -> Path:
    """A zip with ``size`` zero bytes in one deflated member, written in chunks."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in (extra or {}).items():
            archive.writestr(name, data)
        with archive.open("zeros.c", "w", force_zip64=True) as member:
            chunk = bytes(MiB)
            for _ in range(size // MiB):
                member.write(chunk)
        archive.writestr("zz_after.c", "int after;\n")
    return path


def test_zip_bomb_ratio(tmp_path: Path) -> None:
    path = zeros_zip(tmp_path / "bomb.zip", 50 * MiB, {"a_before.c": b"int before;\n"})
    assert path.stat().st_size < MiB  # ratio ~1000:1
    tracemalloc.start()
    try:
        files = by_path(ingest(str(path)))
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 20 * MiB, f"peak {peak} bytes"
    assert files["a_before.c"].state == "ok"
    bomb = files["zeros.c"]
    assert (bomb.state, bomb.reason) == (
        "failed",
        "decompression bomb (compression ratio > limit 200)",
    )
    # Expansion stopped: a later member is listed, not read.
    assert files["zz_after.c"].reason == "not read: archive expansion stopped"


def test_zip_total_expanded_limit(tmp_path: Path) -> None:
    # The ratio limit is out of the way; the member's size exceeds the total budget.
    path = zeros_zip(tmp_path / "bomb.zip", 8 * MiB, {"a_before.c": b"int before;\n"})
    options = IngestOptions(max_expanded_bytes=4 * MiB, max_compression_ratio=1e9)
    tracemalloc.start()
    try:
        files = by_path(ingest(str(path), options))
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 20 * MiB
    assert files["a_before.c"].state == "ok"
    assert files["zeros.c"].reason == f"decompression bomb (expanded bytes > limit {4 * MiB})"
    assert files["zz_after.c"].reason == "not read: archive expansion stopped"


def test_tar_total_expanded_limit_counts_real_bytes(tmp_path: Path) -> None:
    # Each member is within every limit on its own; together they exceed the total.
    # Nothing checks tar headers against the budget: only counted bytes can stop this.
    chunk = "".join(f"int v{i} = {i * 7919 % 10007};\n" for i in range(150000)).encode()
    assert len(chunk) > 2 * MiB
    data = tar_bytes({"a.c": chunk[: 2 * MiB], "b.c": chunk[: 2 * MiB], "c.c": chunk[: 2 * MiB]})
    options = IngestOptions(max_expanded_bytes=5 * MiB)
    files = by_path(ingest(str(write(tmp_path / "t.tar.gz", data)), options))
    assert files["a.c"].state == "ok" and files["b.c"].state == "ok"
    assert files["c.c"].reason == (
        f"decompression bomb (expanded bytes > limit {5 * MiB}); rest of archive not read"
    )


def test_tar_gz_bomb(tmp_path: Path) -> None:
    path = tmp_path / "bomb.tar.gz"
    with tarfile.open(path, "w:gz") as archive:
        info = tarfile.TarInfo("a.c")
        info.size = 7
        archive.addfile(info, io.BytesIO(b"int a;\n"))
        info = tarfile.TarInfo("zeros.c")
        info.size = 50 * MiB
        archive.addfile(info, ZeroReader(info.size))
    tracemalloc.start()
    try:
        files = by_path(ingest(str(path)))
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 20 * MiB
    assert files["a.c"].state == "ok"
    assert files["zeros.c"].reason == (
        "decompression bomb (compression ratio > limit 200); rest of archive not read"
    )


def test_7z_bomb(tmp_path: Path) -> None:
    path = write(
        tmp_path / "bomb.7z", sevenzip_bytes({"a.c": b"int a;\n", "zeros.c": bytes(8 * MiB)})
    )
    files = by_path(ingest(str(path)))
    assert files["a.c"].state == "ok"
    assert files["zeros.c"].state == "failed"
    assert str(files["zeros.c"].reason).startswith("decompression bomb")


def test_nested_bomb_stops_only_its_archive(tmp_path: Path) -> None:
    bomb = zeros_zip(tmp_path / "inner.zip", 20 * MiB).read_bytes()
    outer = zip_bytes(
        {"a.c": b"int a;\n", "inner.zip": bomb, "z.c": b"int z;\n"}, zipfile.ZIP_STORED
    )
    files = by_path(ingest(str(write(tmp_path / "outer.zip", outer))))
    assert str(files["inner.zip!/zeros.c"].reason).startswith(
        "decompression bomb (compression ratio"
    )
    assert files["a.c"].state == "ok" and files["z.c"].state == "ok"


def test_too_many_members(tmp_path: Path) -> None:
    names = {f"f{i:02}.c": b"int f;\n" for i in range(10)}
    options = IngestOptions(max_archive_members=5)
    with pytest.raises(InputError, match="too many archive members"):
        ingest(str(write(tmp_path / "many.zip", zip_bytes(names))), options)
    files = by_path(ingest(str(write(tmp_path / "many.tar", tar_bytes(names, "w"))), options))
    assert [f.state for f in files.values()] == ["ok"] * 5 + ["failed"]
    assert files["f05.c"].reason == "too many archive members (limit 5); rest of archive not read"


class ZeroReader:
    def __init__(self, size: int) -> None:
        self.left = size

    def read(self, n: int = -1) -> bytes:
        n = self.left if n < 0 else min(n, self.left)
        self.left -= n
        return bytes(n)


@pytest.mark.parametrize(
    "name", ["../evil.c", "/etc/evil.c", "C:/evil.c", "a/../../evil.c", "..\\evil.c", "a/../b.c"]
)
def test_path_traversal_member_fails(tmp_path: Path, name: str) -> None:
    for archive_name, data in (
        ("t.zip", zip_bytes({name: b"evil\n", "ok.c": b"int ok;\n"})),
        ("t.tar.gz", tar_bytes({name: b"evil\n", "ok.c": b"int ok;\n"})),
    ):
        work = ingest(str(write(tmp_path / archive_name, data)))
        files = by_path(work)
        assert files["ok.c"].state == "ok"
        unsafe = [f for f in work.files if f.path != "ok.c"]
        assert len(unsafe) == 1
        assert (unsafe[0].state, unsafe[0].reason) == ("failed", "unsafe archive member path")
        assert unsafe[0].text is None
        assert not unsafe[0].path.startswith("/") and ":" not in unsafe[0].path
        assert_clean(work, tmp_path)


# ---------------------------------------------------------------- determinism and properties


def test_determinism(tmp_path: Path) -> None:
    root = tmp_path / "p"
    write(root / "b.c", "int b;\n")
    write(root / "a" / "x.c", b"caf\xe9\n")
    write(root / "z.zip", zip_bytes({"q.c": b"int q;\n", "bin": b"\x00\x01"}))
    write(root / "t.tgz", tar_bytes({"../bad": b"x", "r.c": b"int r;\n"}))
    os.symlink("b.c", root / "link")
    first, second = ingest(str(root)), ingest(str(root))
    assert first == second
    assert_clean(first, tmp_path)


_NAME_CHARS = string.ascii_letters + string.digits + "./\\:-_ "
member_names = st.text(alphabet=_NAME_CHARS, min_size=1, max_size=20)


@given(st.text(max_size=40))
def test_member_parts_never_escape(name: str) -> None:
    parts = member_parts(name)
    if parts is not None:
        assert ".." not in parts and "" not in parts and "." not in parts
        assert all("/" not in p and "\\" not in p for p in parts)
        # Windows drive letters are ASCII A-Z only ("À:" is an ordinary name).
        drive = parts and len(parts[0]) >= 2 and parts[0][1] == ":"
        assert not (drive and parts[0][0] in string.ascii_letters)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(member_names, min_size=1, max_size=6))
def test_arbitrary_member_names_never_escape_and_stay_sorted(names: list[str]) -> None:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as archive, warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)  # duplicate names are part of the test
        for i, name in enumerate(names):
            info = zipfile.ZipInfo(name)
            archive.writestr(info, f"int v{i};\n")
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "h.zip"
        path.write_bytes(buf.getvalue())
        work = ingest(str(path))
    paths = [f.path for f in work.files]
    assert paths == sorted(paths)
    assert len(work.files) <= len(names)
    for f in work.files:
        assert not f.path.startswith("/") and not f.path.startswith("\\")
        if f.reason != "unsafe archive member path":
            parts = f.path.split("/")
            assert ".." not in parts and "" not in parts and "." not in parts


def test_single_compressed_files_are_read_as_the_file_they_hold(tmp_path: Path) -> None:
    # Debian's golang-github-gofrs-uuid-dev 4.3.1 ships README.md.gz: it was "skipped:
    # binary file", so the README of its origin (satori/go.uuid, plain README.md) was
    # compared with nothing. gzip, bzip2 and xz each hold one file named without suffix.
    import bz2
    import gzip
    import lzma

    root = tmp_path / "p"
    write(root / "doc" / "README.md.gz", gzip.compress(b"# uuid\n\nUUID package.\n"))
    write(root / "notes.txt.bz2", bz2.compress(b"plain notes\n"))
    write(root / "src" / "a.c.xz", lzma.compress(b"int a;\n"))
    write(root / "fake.gz", b"int not_gzip;\n")
    files = by_path(ingest(str(root)))
    assert files["doc/README.md.gz!/README.md"].text == "# uuid\n\nUUID package.\n"
    assert files["notes.txt.bz2!/notes.txt"].text == "plain notes\n"
    assert files["src/a.c.xz!/a.c"].text == "int a;\n"
    assert files["fake.gz"].state == "failed"
    assert "not compressed data" in (files["fake.gz"].reason or "")
    top = ingest(str(root / "doc" / "README.md.gz"))
    assert [(f.path, f.state) for f in top.files] == [("README.md", "ok")]


def test_single_compressed_file_bomb_is_stopped(tmp_path: Path) -> None:
    import gzip

    path = write(tmp_path / "big.log.gz", gzip.compress(b"\0" * (8 << 20)))
    files = by_path(ingest(str(tmp_path), IngestOptions(max_compression_ratio=10)))
    entry = files["big.log.gz!/big.log"]
    assert entry.state == "failed" and "ratio" in (entry.reason or "")
    assert path.exists()


def ar_bytes(members: dict[str, bytes]) -> bytes:
    """A Unix ar archive as dpkg-deb writes one (GNU names ending in "/")."""
    out = bytearray(b"!<arch>\n")
    for name, data in members.items():
        out += f"{name + '/':<16}{0:<12}{0:<6}{0:<6}{100644:<8}{len(data):<10}`\n".encode()
        out += data + (b"\n" if len(data) % 2 else b"")
    return bytes(out)


def test_debian_packages_are_expanded_as_the_ar_archives_they_are(tmp_path: Path) -> None:
    # golang-github-satori-go.uuid-dev_1.2.0-3_all.deb against its fork's .deb: each was
    # 'skipped: binary file', every figure 0; a .deb is an ar of debian-binary and two tars.
    from simcheck.filter.generated import is_tool_data

    control = tar_bytes({"./control": b"Package: p\nVersion: 1.0\n", "./md5sums": b"d41d8  a\n"})
    data = tar_bytes({"./usr/share/gocode/src/p/uuid.go": b"package uuid\n"}, "w:xz")
    deb = ar_bytes({"debian-binary": b"2.0\n", "control.tar.gz": control, "data.tar.xz": data})
    write(tmp_path / "d" / "p_1.0_all.deb", deb)
    files = by_path(ingest(str(tmp_path / "d")))
    assert files["p_1.0_all.deb!/data.tar.xz!/usr/share/gocode/src/p/uuid.go"].text == (
        "package uuid\n")
    assert files["p_1.0_all.deb!/debian-binary"].text == "2.0\n"
    assert is_tool_data("p_1.0_all.deb!/control.tar.gz!/md5sums")
    assert not is_tool_data("p_1.0_all.deb!/data.tar.xz!/usr/share/gocode/src/p/uuid.go")
    top = by_path(ingest(str(tmp_path / "d" / "p_1.0_all.deb")))
    assert top["control.tar.gz!/control"].state == "ok" and is_tool_data("control.tar.gz!/md5sums")
    cut = by_path(ingest(str(write(tmp_path / "cut.deb", deb[: len(deb) - 40]))))
    assert cut["control.tar.gz!/control"].state == "ok"
    assert cut["data.tar.xz"].state == "failed" and "truncated" in (cut["data.tar.xz"].reason or "")
    with pytest.raises(InputError, match="not an ar archive"):
        ingest(str(write(tmp_path / "fake.deb", b"PK\x03\x04 not ar")))
