"""Batch reading: paths, folders, globs, zips and JSONL, with bad items beside good ones."""

from __future__ import annotations

import io
import json
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from articles.parsing import ItemError, SourceItem, iter_items, parse_item, read_upload

from .support import FIXTURES

STORY = (
    "Ceasefire talks\n\nDOHA — Negotiators met again on Monday, officials said, and agreed to "
    "keep talking through the week.\n\nThe next round is due on Thursday, a mediator said.\n"
)


def names(items: list[SourceItem | ItemError]) -> list[str]:
    return [item.name for item in items]


def errors(items: list[SourceItem | ItemError]) -> dict[str, ItemError]:
    return {item.name: item for item in items if isinstance(item, ItemError)}


def make_zip(members: dict[str, bytes], compression: int = zipfile.ZIP_DEFLATED) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=compression) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def test_folders_are_walked_recursively_in_name_order(tmp_path: Path) -> None:
    (tmp_path / "b").mkdir()
    (tmp_path / "a.txt").write_text(STORY)
    (tmp_path / "b" / "c.html").write_text("<p>x</p>")
    items = list(iter_items([tmp_path]))
    assert names(items) == [str(tmp_path / "a.txt"), str(tmp_path / "b" / "c.html")]
    assert [item.kind for item in items if isinstance(item, SourceItem)] == ["txt", "html"]


def test_globs_expand_and_a_pattern_matching_nothing_is_an_error(tmp_path: Path) -> None:
    (tmp_path / "one.txt").write_text(STORY)
    (tmp_path / "two.txt").write_text(STORY)
    items = list(iter_items([str(tmp_path / "*.txt"), str(tmp_path / "*.nothing")]))
    assert len([i for i in items if isinstance(i, SourceItem)]) == 2
    assert "No file matches" in errors(items)[str(tmp_path / "*.nothing")].reason


def test_files_are_read_lazily_one_at_a_time(tmp_path: Path) -> None:
    for name in ("a.txt", "b.txt", "c.txt"):
        (tmp_path / name).write_text(STORY)
    stream = iter_items([tmp_path])
    assert isinstance(stream, Iterator)
    first = next(stream)
    (tmp_path / "c.txt").unlink()  # not read yet, so its loss shows up as an error later
    rest = list(stream)
    assert isinstance(first, SourceItem)
    assert isinstance(rest[0], SourceItem)
    assert isinstance(rest[1], ItemError) and "does not exist" in rest[1].reason


def test_missing_unsupported_and_oversize_files_are_errors_beside_good_items(
    tmp_path: Path,
) -> None:
    (tmp_path / "good.txt").write_text(STORY)
    (tmp_path / "big.txt").write_bytes(b"a" * 2_000)
    (tmp_path / "notes.docx").write_bytes(b"PK")
    given = [tmp_path / "missing.txt", tmp_path / "big.txt", tmp_path / "notes.docx",
             tmp_path / "good.txt"]  # fmt: skip
    items = list(iter_items(given, max_bytes=1_000))
    bad = errors(items)
    assert bad[str(tmp_path / "missing.txt")].error_type == "FileNotFound"
    assert bad[str(tmp_path / "big.txt")].error_type == "TooLarge"
    assert bad[str(tmp_path / "notes.docx")].error_type == "UnsupportedType"
    assert isinstance(items[-1], SourceItem)


def test_jsonl_lines_become_records_named_by_line_number(tmp_path: Path) -> None:
    feed = tmp_path / "feed.jsonl"
    lines = [
        json.dumps(
            {
                "url": "https://a.example/1",
                "text": STORY,
                "published": "2024-01-02",
                "outlet": "Example Wire",
                "id": "a1",
            }
        ),  # fmt: skip
        "",
        '{"url": "https://a.example/2", "text": ',
        json.dumps({"url": "https://a.example/3"}),
        json.dumps(["not", "an", "object"]),
        json.dumps({"html": "<html><body><p>" + STORY + "</p></body></html>"}),
    ]
    feed.write_text("\n".join(lines) + "\n")
    items = list(iter_items([feed]))
    assert names(items) == [f"{feed}:1", f"{feed}:3", f"{feed}:4", f"{feed}:5", f"{feed}:6"]
    first = items[0]
    assert isinstance(first, SourceItem)
    assert (first.kind, first.url, first.published_hint, first.outlet_hint, first.record_id) == (
        "jsonl-record", "https://a.example/1", "2024-01-02", "Example Wire", "a1",
    )  # fmt: skip
    bad = errors(items)
    assert bad[f"{feed}:3"].error_type == "MalformedRecord"
    assert f"{feed}:3" in bad[f"{feed}:3"].reason
    assert bad[f"{feed}:4"].error_type == "MissingText"
    assert bad[f"{feed}:5"].error_type == "MalformedRecord"
    assert isinstance(items[-1], SourceItem)


def test_a_jsonl_record_parses_with_the_feeds_hints() -> None:
    record = {"url": "https://a.example/1", "text": STORY, "published": "2024-01-02T10:00:00Z",
              "outlet": "Example Wire"}  # fmt: skip
    [item] = list(read_upload("feed.jsonl", (json.dumps(record) + "\n").encode()))
    assert isinstance(item, SourceItem)
    article = parse_item(item)
    assert article.url == "https://a.example/1"
    assert article.outlet == "Example Wire"
    assert article.published is not None
    assert article.published.isoformat() == "2024-01-02T10:00:00+00:00"
    assert article.paragraphs[0].startswith("DOHA — Negotiators met again")


def test_zip_members_are_named_after_the_archive_and_read_in_memory(tmp_path: Path) -> None:
    archive = tmp_path / "batch.zip"
    feed = (json.dumps({"text": STORY}) + "\n" + "{broken\n").encode()
    archive.write_bytes(make_zip({
        "inner/a.txt": STORY.encode(),
        "inner/page.html": (FIXTURES / "harbour-gazette-shelling.html").read_bytes(),
        "inner/feed.jsonl": feed,
        "inner/picture.png": b"\x89PNG",
    }))  # fmt: skip
    before = sorted(p.name for p in tmp_path.iterdir())
    items = list(iter_items([archive]))
    assert names(items) == [
        f"{archive}:inner/a.txt",
        f"{archive}:inner/page.html",
        f"{archive}:inner/feed.jsonl:1",
        f"{archive}:inner/feed.jsonl:2",
        f"{archive}:inner/picture.png",
    ]
    assert errors(items)[f"{archive}:inner/feed.jsonl:2"].error_type == "MalformedRecord"
    assert errors(items)[f"{archive}:inner/picture.png"].error_type == "UnsupportedType"
    assert sorted(p.name for p in tmp_path.iterdir()) == before  # nothing was extracted


@pytest.mark.parametrize(
    "member", ["../../x.txt", "/etc/passwd.txt", "a/../../x.txt", "C:\\windows\\x.txt"]
)
def test_zip_member_escaping_the_folder_is_refused_and_the_rest_is_read(member: str) -> None:
    data = make_zip({member: STORY.encode(), "ok.txt": STORY.encode()})
    items = list(read_upload("batch.zip", data))
    bad = errors(items)
    assert bad[f"batch.zip:{member}"].error_type == "UnsafeArchive"
    assert "outside" in bad[f"batch.zip:{member}"].reason
    assert isinstance(items[-1], SourceItem) and items[-1].name == "batch.zip:ok.txt"


def test_zip_bomb_member_is_refused_by_size_and_by_compression_ratio() -> None:
    bomb = b"\x00" * (8 * 1024 * 1024)  # 8 MB of zeros compresses to about 8 kB
    data = make_zip({"bomb.txt": bomb, "story.txt": STORY.encode()})
    items = list(read_upload("batch.zip", data, max_bytes=5 * 1024 * 1024))
    assert errors(items)["batch.zip:bomb.txt"].error_type == "TooLarge"
    items = list(read_upload("batch.zip", data, max_bytes=10 * 1024 * 1024))
    assert errors(items)["batch.zip:bomb.txt"].error_type == "ArchiveTooLarge"
    assert "zip bomb" in errors(items)["batch.zip:bomb.txt"].reason
    assert isinstance(items[-1], SourceItem)


def test_archive_whose_total_unpacked_size_is_over_the_cap_is_refused_whole() -> None:
    data = make_zip({f"part{i}.txt": STORY.encode() * 50 for i in range(5)})
    [item] = list(read_upload("batch.zip", data, max_archive_bytes=10_000))
    assert isinstance(item, ItemError)
    assert item.error_type == "ArchiveTooLarge"


def test_zip_member_whose_header_lies_about_its_size_is_refused() -> None:
    data = bytearray(make_zip({"liar.txt": STORY.encode() * 100}, zipfile.ZIP_STORED))
    real_size = len(STORY.encode() * 100)
    small = (100).to_bytes(4, "little")
    # Shrink the declared size in the central directory (offset 24 in the entry).
    central = data.rfind(b"PK\x01\x02")
    data[central + 24 : central + 28] = small
    items = list(read_upload("batch.zip", bytes(data), max_bytes=real_size - 1))
    assert isinstance(items[0], ItemError)
    assert items[0].error_type in {"ArchiveTooLarge", "BadArchive"}


def test_a_damaged_zip_is_one_error() -> None:
    [item] = list(read_upload("batch.zip", b"PK\x03\x04 this is not really a zip"))
    assert isinstance(item, ItemError)
    assert "not a readable zip" in item.reason


@pytest.mark.parametrize(
    ("name", "kind"), [("story.txt", "txt"), ("page.HTML", "html"), ("page.htm", "html")]
)
def test_an_uploaded_page_is_one_item_of_its_kind(name: str, kind: str) -> None:
    [item] = list(read_upload(name, io.BytesIO(STORY.encode())))
    assert isinstance(item, SourceItem)
    assert item.kind == kind
    assert item.name == name


def test_an_uploaded_file_of_unknown_type_is_an_error() -> None:
    [item] = list(read_upload("slides.pptx", b"PK"))
    assert isinstance(item, ItemError)
    assert item.error_type == "UnsupportedType"


def test_operating_system_files_are_skipped_and_nested_archives_are_not_opened(
    tmp_path: Path,
) -> None:
    (tmp_path / ".DS_Store").write_bytes(b"\x00\x00")
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "HEAD").write_text("ref")
    (tmp_path / "story.txt").write_text(STORY)
    assert names(list(iter_items([tmp_path]))) == [str(tmp_path / "story.txt")]
    data = make_zip({
        "__MACOSX/._story.txt": b"\x00",
        "inner.zip": make_zip({"a.txt": STORY.encode()}),
        "story.txt": STORY.encode(),
    })  # fmt: skip
    items = list(read_upload("batch.zip", data))
    assert names(items) == ["batch.zip:inner.zip", "batch.zip:story.txt"]
    assert "archives inside archives" in errors(items)["batch.zip:inner.zip"].reason
