"""parse_item / parse_bytes: what wins for each field, and the errors they raise."""

from __future__ import annotations

import io
import json

import pytest

from articles.parsing import (
    MalformedRecord,
    MissingText,
    NoBody,
    SourceItem,
    TooLarge,
    UnsupportedType,
    parse_bytes,
    parse_item,
)

from .support import FIXTURES

STORY = (
    "Truce talks resume\n\n"
    "ADDIS ABABA, Ethiopia (AP) — Talks on a truce resumed on Monday, the African Union said.\n\n"
    "Delegates from both sides arrived in the capital on Sunday evening, officials said.\n"
)


def test_body_is_the_paragraphs_joined_by_a_blank_line_so_offsets_are_stable() -> None:
    article = parse_bytes(STORY.encode(), filename="story.txt")
    assert article.body == "\n\n".join(article.paragraphs)
    second = article.paragraphs[1]
    offset = article.body.index(second)
    assert article.body[offset : offset + len(second)] == second
    assert parse_bytes(STORY.encode(), filename="story.txt").body == article.body


def test_the_article_is_frozen() -> None:
    article = parse_bytes(STORY.encode(), filename="story.txt")
    with pytest.raises(AttributeError):
        article.headline = "changed"  # type: ignore[misc]


def test_stated_hints_beat_what_the_page_says() -> None:
    article = parse_bytes(
        (FIXTURES / "harbour-gazette-shelling.html").read_bytes(),
        filename="page.html",
        url="https://example.org/x",
        published_hint="2022-11-25T08:00:00+02:00",
        outlet_hint="Wire Desk",
    )
    assert article.url == "https://example.org/x"
    assert article.outlet == "Wire Desk"
    assert article.published is not None
    assert article.published.isoformat() == "2022-11-25T08:00:00+02:00"


def test_a_dateline_names_the_agency_when_the_byline_does_not() -> None:
    assert parse_bytes(STORY.encode(), filename="story.txt").agency == "Associated Press"


def test_a_file_object_is_accepted() -> None:
    article = parse_bytes(io.BytesIO(STORY.encode()), filename="story.txt")
    assert article.paragraphs[0].startswith("ADDIS ABABA")


@pytest.mark.parametrize(
    ("raw", "filename", "error", "words"),
    [
        (b"x" * 101, "big.txt", TooLarge, "over the 100-byte limit"),
        (b"%PDF-1.4", "report.pdf", UnsupportedType, "'.pdf'"),
        (b"{}", "feed.jsonl", UnsupportedType, "read_upload"),
        (b"Home\nNews\nSport\n", "menu.txt", NoBody, "No paragraph"),
    ],
    ids=["oversize", "pdf", "jsonl needs read_upload", "only furniture"],
)
def test_parse_bytes_raises_named_errors(
    raw: bytes, filename: str, error: type[Exception], words: str
) -> None:
    with pytest.raises(error, match=words):
        parse_bytes(raw, filename=filename, max_bytes=100)


@pytest.mark.parametrize(
    ("line", "error"),
    [
        (b"{not json", MalformedRecord),
        (b"[1, 2]", MalformedRecord),
        (json.dumps({"url": "u", "text": "  "}).encode(), MissingText),
    ],  # fmt: skip
    ids=["broken json", "not an object", "blank text"],
)
def test_a_bad_jsonl_record_item_raises_when_parsed(line: bytes, error: type[Exception]) -> None:
    item = SourceItem(name="feed.jsonl:7", raw=line, kind="jsonl-record")
    with pytest.raises(error, match="feed.jsonl:7"):
        parse_item(item)
