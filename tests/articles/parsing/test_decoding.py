"""Bytes to text, and the named refusals."""

from __future__ import annotations

import codecs

import pytest

from articles.parsing import BinaryInput, EmptyInput, UndecodableInput, decode_bytes
from articles.parsing.models import ParseError

TEXT = "The “truce” held in Gaza — café owners reopened, naïve hopes aside."


@pytest.mark.parametrize(
    ("raw", "encoding"),
    [
        (TEXT.encode("utf-8"), "utf-8"),
        (codecs.BOM_UTF8 + TEXT.encode("utf-8"), "utf-8-sig"),
        (TEXT.encode("utf-16"), "utf-16"),
        (TEXT.encode("cp1252"), "cp1252"),
    ],
    ids=["utf-8", "utf-8 with BOM", "utf-16 with BOM", "undeclared windows-1252"],
)
def test_text_is_decoded_whatever_the_encoding(raw: bytes, encoding: str) -> None:
    decoded = decode_bytes(raw)
    assert decoded.text == TEXT
    assert decoded.encoding == encoding


def test_declared_charset_of_an_html_page_is_used() -> None:
    page = '<meta charset="iso-8859-15"><p>Prix: 5 €</p>'.encode("iso-8859-15")
    decoded = decode_bytes(page)
    assert "5 €" in decoded.text
    assert decoded.encoding == "iso8859-15"


def test_windows_newlines_become_unix_newlines() -> None:
    assert decode_bytes(b"one\r\ntwo\rthree").text == "one\ntwo\nthree"


@pytest.mark.parametrize(
    ("raw", "error", "words"),
    [
        (b"", EmptyInput, "empty"),
        (b"  \n\t \n", EmptyInput, "empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", BinaryInput, "PNG"),
        (b"%PDF-1.7\n...", BinaryInput, "PDF"),
        (b"text with a \x00 NUL byte", BinaryInput, "NUL"),
        (bytes(range(1, 9)) * 50, BinaryInput, "control characters"),
        (bytes(range(128, 256)) * 3, UndecodableInput, "encoding"),
    ],
    ids=["empty", "blank", "png", "pdf", "nul", "control characters", "undecodable"],
)
def test_input_that_is_not_text_raises_a_named_error_saying_why(
    raw: bytes, error: type[ParseError], words: str
) -> None:
    with pytest.raises(error, match=words):
        decode_bytes(raw)
