"""Bytes to text, refusing what is not text.

Order of attempts, cheapest and most certain first:

1. a byte-order mark (UTF-8, UTF-16, UTF-32) settles it;
2. strict UTF-8, which almost never decodes a legacy page by accident;
3. the charset the page declares (``<meta charset>``, ``http-equiv``, XML declaration);
4. detection by charset-normalizer. Detectors confuse the Latin code pages on short texts
   (cp1250 for cp1252 turns "naïve" into "naďve"), so when the guess is a single-byte Latin
   page and Windows-1252 also decodes cleanly we take Windows-1252: it is what English-language
   newsroom tools wrote before UTF-8.

Binary files are refused before any of that: known magic numbers (a PNG renamed ``.txt``), NUL
bytes outside UTF-16/32, or a decoded text that is mostly control characters.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

from charset_normalizer import from_bytes

from .models import BinaryInput, EmptyInput, UndecodableInput

# Magic numbers of formats people upload by mistake, and how to name them in the message.
# Only signatures no page text starts with; other binaries are caught by their NUL bytes.
_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"RIFF", "a RIFF media file (WebP, WAV or AVI)"),
    (b"%PDF-", "a PDF document"),
    (b"PK\x03\x04", "a zip archive (Word, Excel and EPUB files are zips too)"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive"),
    (b"Rar!\x1a\x07", "a RAR archive"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an old Microsoft Office document"),
    (b"\x7fELF", "a Linux program"),
    (b"SQLite format 3\x00", "an SQLite database"),
    (b"\x00\x00\x00\x18ftyp", "an MP4 video"),
    (b"\x00\x00\x00\x20ftyp", "an MP4 video"),
)

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)

_DECLARED = re.compile(
    rb"""(?:<meta[^>]+charset\s*=\s*["']?|<\?xml[^>]+encoding\s*=\s*["'])([A-Za-z0-9_.:-]{2,40})""",
    re.IGNORECASE,
)

_LATIN_SINGLE_BYTE = re.compile(r"^(cp125\d|windows-125\d|iso8859_\d+|iso-8859-\d+|latin_?\d|mac_)")

# Above this share of control characters a "text" is really binary data.
_MAX_CONTROL_SHARE = 0.05
# C0 controls other than the layout ones (tab, newline, vertical tab, form feed), and DEL.
_CONTROL = re.compile(r"[\x00-\x08\x0d-\x1f\x7f]")


@dataclass(frozen=True, slots=True)
class Decoded:
    text: str
    encoding: str


def decode_bytes(raw: bytes, *, sniff_html: bool = True) -> Decoded:
    """Decode ``raw`` to text with newlines normalised to ``\\n``.

    >>> decode_bytes("caf\\u00e9".encode("cp1252")).text
    'café'

    Raises :class:`EmptyInput`, :class:`BinaryInput` or :class:`UndecodableInput`.
    """
    if not raw.strip():
        raise EmptyInput("The file is empty (no bytes, or only blank space).")
    _refuse_magic(raw)
    decoded = _decode(raw, sniff_html=sniff_html)
    text = decoded.text.replace("\r\n", "\n").replace("\r", "\n")
    _refuse_control_heavy(text)
    if not text.strip():
        raise EmptyInput("The file holds no visible text.")
    return Decoded(text=text, encoding=decoded.encoding)


def _refuse_magic(raw: bytes) -> None:
    for magic, label in _MAGIC:
        if raw.startswith(magic):
            raise BinaryInput(f"The file is {label}, not a saved web page or text.")


def _decode(raw: bytes, *, sniff_html: bool) -> Decoded:
    for bom, encoding in _BOMS:
        if raw.startswith(bom):
            try:
                return Decoded(raw.decode(encoding), encoding)
            except UnicodeDecodeError as error:
                raise UndecodableInput(
                    f"The file starts with a {encoding} byte-order mark but is not valid "
                    f"{encoding} ({error.reason} at byte {error.start})."
                ) from error
    if b"\x00" in raw:
        raise BinaryInput(
            "The file contains NUL bytes, which text never does: it is binary data "
            "(an image, a database or a program), not a page."
        )
    try:
        return Decoded(raw.decode("utf-8"), "utf-8")
    except UnicodeDecodeError:
        pass
    declared = _declared_charset(raw) if sniff_html else None
    if declared is not None:
        try:
            return Decoded(raw.decode(declared), declared)
        except (UnicodeDecodeError, LookupError):
            pass
    best = from_bytes(raw).best()
    if best is None:
        raise UndecodableInput(
            "The file is not UTF-8 and no other text encoding reads it cleanly; "
            "it may be binary data or a damaged file."
        )
    encoding = best.encoding
    if _LATIN_SINGLE_BYTE.match(encoding) and encoding != "cp1252":
        try:
            return Decoded(raw.decode("cp1252"), "cp1252")
        except UnicodeDecodeError:
            pass
    return Decoded(str(best), encoding)


def _declared_charset(raw: bytes) -> str | None:
    match = _DECLARED.search(raw[:4096])
    if match is None:
        return None
    name = match.group(1).decode("ascii", "replace")
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def _refuse_control_heavy(text: str) -> None:
    sample = text[:20_000]
    # One regex scan instead of a Python loop per character; most pages have no controls.
    controls = 0 if _CONTROL.search(sample) is None else len(_CONTROL.findall(sample))
    if controls > _MAX_CONTROL_SHARE * len(sample):
        raise BinaryInput(
            f"{controls} of the first {len(sample)} characters are control characters: "
            "the file is binary data, not text."
        )
