"""`import_articles --json` gives every item exactly one verdict, with reasons for failures."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from django.core.management import call_command

from articles import services
from articles.models import Article, ImportBatch, StoryVersion
from tests.articles.pages import (
    PARAGRAPHS,
    PNG_BYTES,
    UPDATE_PARAGRAPHS,
    html_page,
    jsonl_feed,
    saved_text_page,
    write,
    zip_bytes,
)

# Transactional: tasks are queued on commit, as in production.
pytestmark = pytest.mark.django_db(transaction=True)


def run_import(*paths: Path | str, capsys: pytest.CaptureFixture[str]) -> dict:
    call_command("import_articles", *map(str, paths), "--json")
    return json.loads(capsys.readouterr().out)


def by_name(report: dict) -> dict[str, dict]:
    return {entry["name"]: entry for entry in report["files"]}


@pytest.fixture
def mixed_batch(tmp_path: Path, settings) -> Path:  # type: ignore[no-untyped-def]
    settings.IMPORT_MAX_FILE_SIZE = 64 * 1024
    folder = tmp_path / "batch"
    write(folder / "good.txt", saved_text_page())
    write(folder / "repeat-of-good.txt", saved_text_page())
    write(folder / "other-outlet.html", html_page())
    write(folder / "empty.txt", b"")
    write(folder / "photo.txt", PNG_BYTES)
    write(folder / "nobody.html", "<html><head><title>Nothing here</title></head></html>")
    write(folder / "huge.txt", "A line of text that repeats.\n" * 5000)
    write(folder / "notes.docx", b"PK\x03\x04 not a page we read")
    write(
        folder / "feed.jsonl",
        jsonl_feed(
            [
                {
                    "url": "https://example.org/world/truce-talks",
                    "text": "\n\n".join(
                        [
                            "Talks on a truce opened in a lakeside hotel on Monday, two "
                            "diplomats involved in the negotiations said.",
                            "Both delegations arrived late in the evening and met for less "
                            "than an hour before adjourning until the next day.",
                            "A spokesman for the mediators said the first session had been "
                            "businesslike and that a second was planned.",
                        ]
                    ),
                    "published": "2023-03-13T09:00:00+00:00",
                    "outlet": "Lakeside Wire",
                },
                "{this is not json",
                {"url": "https://example.org/empty", "published": "2023-03-13"},
            ]
        ),
    )
    write(
        folder / "bundle.zip",
        zip_bytes(
            {
                "inner/updated.txt": saved_text_page(PARAGRAPHS + UPDATE_PARAGRAPHS).encode(),
                "../../escape.txt": b"should never be written anywhere",
            }
        ),
    )
    write(folder / "bomb.zip", zip_bytes({"zeros.txt": b"0" * (2 * 1024 * 1024)}))
    return folder


def test_a_mixed_batch_reports_one_verdict_per_item(
    mixed_batch: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    report = run_import(mixed_batch, capsys=capsys)
    files = by_name(report)
    folder = str(mixed_batch)
    status = {name.removeprefix(folder + "/"): entry["status"] for name, entry in files.items()}
    assert status == {
        "bomb.zip:zeros.txt": "failed",
        "bundle.zip:../../escape.txt": "failed",
        "bundle.zip:inner/updated.txt": "parsed",
        "repeat-of-good.txt": "duplicate",
        "empty.txt": "failed",
        "feed.jsonl:1": "parsed",
        "feed.jsonl:2": "failed",
        "feed.jsonl:3": "failed",
        "good.txt": "parsed",
        "huge.txt": "failed",
        "nobody.html": "failed",
        "notes.docx": "failed",
        "other-outlet.html": "duplicate",
        "photo.txt": "failed",
    }
    for entry in report["files"]:
        if entry["status"] == "failed":
            assert entry["reason"], entry
            assert entry["article"] is None
        else:
            assert entry["reason"] is None or entry["status"] == "duplicate"
            assert Article.objects.filter(pk=entry["article"]).exists()
    assert report["counts"] == {
        "total": 14,
        "pending": 0,
        "parsed": 3,
        "duplicate": 2,
        "failed": 9,
        "done": 14,
    }
    assert ImportBatch.objects.get(pk=report["batch"]).finished_at is not None


def test_failure_reasons_say_why_in_words(
    mixed_batch: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    files = {
        name.rsplit("/", 1)[-1]: entry
        for name, entry in by_name(run_import(mixed_batch, capsys=capsys)).items()
    }
    expected = {
        "empty.txt": r"empty",
        "photo.txt": r"image|binary|PNG",
        "nobody.html": r"body|paragraph|text",
        "huge.txt": r"limit|large|MB|bytes",
        "notes.docx": r"\.docx|type|extension",
        "feed.jsonl:2": r"line 2|JSON",
        "feed.jsonl:3": r"text|html",
        "escape.txt": r"escape|outside|path",
        "bundle.zip:../../escape.txt": r"escape|outside|path",
        "bomb.zip:zeros.txt": r"ratio|unpack|compress|bomb|large",
    }
    import re

    for key, pattern in expected.items():
        entry = next((e for n, e in files.items() if n.endswith(key)), None)
        if entry is None:
            continue
        assert re.search(pattern, entry["reason"], re.IGNORECASE), (key, entry["reason"])


def test_a_zip_member_escaping_the_folder_is_never_written(
    mixed_batch: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    run_import(mixed_batch, capsys=capsys)
    assert not (mixed_batch.parent.parent / "escape.txt").exists()
    assert not (mixed_batch.parent / "escape.txt").exists()
    assert not (Path.cwd() / "escape.txt").exists()


def test_a_good_article_keeps_its_metadata_clean_body_and_original_bytes(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    page = write(tmp_path / "story.txt", saved_text_page())
    report = run_import(page, capsys=capsys)
    article = Article.objects.select_related("raw", "outlet").get(pk=report["files"][0]["article"])
    assert article.headline == "Shelling hits river town as talks on a truce stall"
    assert article.published.isoformat() == "2023-03-14T18:05:00+00:00"
    assert article.timezone_name in {"GMT", "UTC", "Etc/GMT", "Etc/UTC", "Europe/London"}
    assert "Associated Press" in (article.agency + article.byline)
    assert "Jonas Keller" in article.authors
    assert article.paragraphs == PARAGRAPHS
    assert bytes(article.raw.content) == page.read_bytes()
    for furniture in ("Share this article", "Skip to main content", "Copyright 2023"):
        assert furniture not in article.body


def test_the_same_story_from_two_outlets_is_one_version_with_two_copies(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write(tmp_path / "a.txt", saved_text_page())
    write(tmp_path / "b.html", html_page())
    report = run_import(tmp_path, capsys=capsys)
    assert sorted(e["status"] for e in report["files"]) == ["duplicate", "parsed"]
    assert StoryVersion.objects.count() == 1
    version = StoryVersion.objects.get()
    assert version.copies.count() == 2
    assert version.primary.status == Article.Status.PARSED


def test_importing_the_same_files_twice_counts_nothing_twice(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write(tmp_path / "a.txt", saved_text_page())
    first = run_import(tmp_path, capsys=capsys)
    second = run_import(tmp_path, capsys=capsys)
    assert first["counts"]["parsed"] == 1
    assert second["counts"]["parsed"] == 0 and second["counts"]["duplicate"] == 1
    assert StoryVersion.objects.count() == 1


def test_an_updated_wire_story_becomes_a_newer_version_of_the_same_story(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write(tmp_path / "1-first.txt", saved_text_page())
    write(
        tmp_path / "2-update.txt",
        saved_text_page(PARAGRAPHS + UPDATE_PARAGRAPHS).replace("18:05 GMT", "21:40 GMT"),
    )
    report = run_import(tmp_path, capsys=capsys)
    assert [e["status"] for e in report["files"]] == ["parsed", "parsed"]
    versions = list(StoryVersion.objects.order_by("pk"))
    assert len(versions) == 2
    assert versions[0].story_id == versions[1].story_id
    assert [v.is_latest for v in versions] == [False, True]


def test_unrelated_stories_are_not_linked_as_versions(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], mixed_batch: Path
) -> None:
    run_import(mixed_batch / "good.txt", mixed_batch / "feed.jsonl", capsys=capsys)
    stories = set(StoryVersion.objects.values_list("story_id", flat=True))
    assert len(stories) == 2


def test_processing_an_article_twice_changes_nothing_the_second_time(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write(tmp_path / "a.txt", saved_text_page())
    report = run_import(tmp_path, capsys=capsys)
    article_id = report["files"][0]["article"]
    before = Article.objects.values().get(pk=article_id)
    assert services.process_article(article_id) is None
    assert Article.objects.values().get(pk=article_id) == before


def test_a_failed_article_can_be_run_again(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write(tmp_path / "a.txt", saved_text_page())
    report = run_import(tmp_path, capsys=capsys)
    article_id = report["files"][0]["article"]
    Article.objects.filter(pk=article_id).update(status="failed", reason="simulated outage")
    StoryVersion.objects.all().delete()
    assert services.retry_failed(batch_id=report["batch"]) == 1
    article = Article.objects.get(pk=article_id)
    assert (article.status, article.reason) == ("parsed", "")
    assert ImportBatch.objects.get(pk=report["batch"]).finished_at is not None


def test_a_windows_1252_page_is_decoded(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    page = html_page(charset="windows-1252").encode("cp1252")
    write(tmp_path / "legacy.html", page)
    report = run_import(tmp_path, capsys=capsys)
    article = Article.objects.get(pk=report["files"][0]["article"])
    assert "“We are counting the dead street by street,” Ilves told reporters" in article.body
