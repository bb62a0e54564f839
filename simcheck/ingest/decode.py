"""Binary detection and text decoding of one file's bytes."""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

import charset_normalizer

from simcheck.ingest import reasons

SNIFF_BYTES = 8192  # a NUL in this prefix marks a file as binary

# Checked longest first: the UTF-32-LE BOM begins with the UTF-16-LE one.
_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)

# Legacy single-byte Western text is what non-UTF-8 source code mostly is, and
# charset-normalizer alone misnames short samples of it (cp1250, cp775...), which would
# put wrong characters into evidence. So cp1252 is tried first, still judged by
# charset-normalizer's mess detector, which rejects Cyrillic/Greek/CJK read as cp1252.
_PREFERRED_LEGACY = "cp1252"
_PREFERRED_MAX_CHAOS = 0.1
# BOM-less UTF-16/32 guesses on NUL-free data are always CJK-looking garbage.
_NEVER_GUESS = ("utf_16", "utf_32", "utf_7")
# BOM-less UTF-16: at least this share of the code units hold a NUL high byte (ASCII),
# and this many times more NULs than on the other parity.
_UTF16_MIN_NULS = 0.1
_UTF16_PARITY = 20
# Unicode "Cc" characters except those legitimately found in text files: tab, newlines,
# vertical tab, form feed, DOS EOF (0x1A) and ESC (0x1B).
_ODD_CONTROLS = re.compile(r"[\x00-\x08\x0e-\x19\x1c-\x1f\x7f-\x9f]")
_MAX_CONTROL_SHARE = 0.01


@dataclass(frozen=True)
class Decoded:
    text: str | None  # set when the bytes are text
    encoding: str | None  # normalised codec name, e.g. "utf-8", "cp1252", "utf-16"
    reason: str | None  # reasons.BINARY or reasons.UNDECODABLE when text is None


def decode(data: bytes) -> Decoded:
    """Decide whether ``data`` is text and decode it; newlines are kept as they are."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            text = _try(data, encoding)
            if text is not None:
                return Decoded(text, encoding, None)
            break
    if b"\x00" in data[:SNIFF_BYTES]:
        return _bomless_utf16(data) or Decoded(None, None, reasons.BINARY)
    if data.startswith(codecs.BOM_UTF8):
        text = _try(data, "utf-8-sig")  # strips the BOM; recorded so the bytes are explained
        if text is not None:
            return Decoded(text, "utf-8-sig", None)
    text = _try(data, "utf-8")
    if text is not None:
        return Decoded(text, "utf-8", None)
    return _guess_legacy(data)


def _bomless_utf16(data: bytes) -> Decoded | None:
    """UTF-16 text written without its BOM (a charset detector's test data, a Windows
    resource script): the high byte of every ASCII character, newlines and spaces
    included, is NUL, so NULs gather on one parity of the byte offsets, the high bytes',
    and the rest of the text is no binary's. cchardet 2.1.7's ja/utf-16le.txt: 372 NULs
    at odd offsets, 1 at an even one (U+3000, the ideographic space)."""
    head = data[:SNIFF_BYTES]
    if len(data) % 2:
        return None
    even, odd = head[0::2].count(0), head[1::2].count(0)
    high, other = max(even, odd), min(even, odd)
    if high < _UTF16_MIN_NULS * (len(head) // 2) or other * _UTF16_PARITY > high:
        return None
    encoding = "utf-16-le" if odd > even else "utf-16-be"
    text = _try(data, encoding)
    if text is None or "\n" not in text or not _looks_like_text(text):
        return None
    return Decoded(text, encoding, None)


def _guess_legacy(data: bytes) -> Decoded:
    preferred = charset_normalizer.from_bytes(
        data, cp_isolation=[_PREFERRED_LEGACY], threshold=_PREFERRED_MAX_CHAOS
    )
    candidates = [m.encoding for m in preferred]
    candidates += [m.encoding for m in charset_normalizer.from_bytes(data)]
    for name in candidates:
        if name.startswith(_NEVER_GUESS):
            continue
        text = _try(data, name)
        if text is not None and _looks_like_text(text):
            return Decoded(text, codecs.lookup(name).name, None)
    return Decoded(None, None, reasons.UNDECODABLE)


def _try(data: bytes, encoding: str) -> str | None:
    # Strict: charset-normalizer judges samples, the whole file must decode.
    try:
        return data.decode(encoding)
    except (UnicodeDecodeError, LookupError):
        return None


def _looks_like_text(text: str) -> bool:
    # A wrong single-byte guess shows up as C0/C1 control characters.
    return len(_ODD_CONTROLS.findall(text)) <= len(text) * _MAX_CONTROL_SHARE
