"""An article that takes too long ends with the reason recorded, once, instead of hanging a
worker or being delivered again and again. A real prefork worker (the pool that enforces
time limits) runs with a two-second limit and a step made to hang
(``tests/reliability/slowdown.py``)."""

from __future__ import annotations

import json
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from articles.models import Article, ImportBatch, StoryVersion
from articles.tasks import reextract_version
from casualties.models import Record
from tests.articles.pages import saved_text_page, write
from tests.conftest import REPO, start_worker, stop_worker, worker_environment

pytestmark = [pytest.mark.services, pytest.mark.django_db(transaction=True)]

LIMIT = 2


def start_prefork_worker(queue: str, **overrides: str) -> subprocess.Popen[str]:
    """``tests.conftest.start_worker`` on the prefork pool: the solo pool does not enforce
    time limits."""
    options = ("--pool=prefork", "--concurrency=1", "--include=tests.reliability.slowdown")
    return start_worker(queue, "prefork", pool=options, **overrides)


SLOW = {"ARTICLE_TASK_SOFT_TIME_LIMIT": str(LIMIT), "ARTICLE_TASK_TIME_LIMIT": "20"}


@pytest.fixture
def slow_worker(request: pytest.FixtureRequest, celery_queue: str) -> Iterator[Path]:
    worker = start_prefork_worker(celery_queue, SLOW_STEP=request.param, SLOW_SECONDS="60", **SLOW)
    try:
        yield worker.log_path  # type: ignore[attr-defined]
    finally:
        stop_worker(worker)


def import_one(folder: Path, queue: str) -> tuple[Article, float]:
    """Import one story from a separate process with the same limits as the worker: Celery
    sends a task's time limits with the message, so the sender's settings are the ones
    the worker enforces."""
    write(folder / "story.txt", saved_text_page())
    started = time.monotonic()
    result = subprocess.run(
        [sys.executable, "manage.py", "import_articles", str(folder), "--json"]
        + ["--timeout", "60"],
        cwd=REPO,
        env=worker_environment(queue, **SLOW),
        capture_output=True,
        text=True,
        timeout=90,
    )
    elapsed = time.monotonic() - started
    assert result.returncode == 0, result.stderr[-3000:]
    report = json.loads(result.stdout)
    assert ImportBatch.objects.get(pk=report["batch"]).finished_at is not None
    return Article.objects.get(), elapsed


def assert_delivered_once(log: Path) -> None:
    time.sleep(1)  # a redelivery would show up by now (acknowledged late, so it would)
    received = log.read_text().count("Task articles.tasks.process_article[")
    assert received == 2, log.read_text()[-3000:]  # one "received", one "succeeded"


@pytest.mark.parametrize("slow_worker", ["parsing"], indirect=True)
def test_an_article_whose_parsing_hangs_fails_with_the_time_limit_as_reason(
    slow_worker: Path, tmp_path: Path, celery_queue: str
) -> None:
    article, elapsed = import_one(tmp_path, celery_queue)
    assert elapsed < 30
    assert article.status == Article.Status.FAILED
    assert article.reason == (f"parsing took longer than {LIMIT} s (ARTICLE_TASK_SOFT_TIME_LIMIT)")
    assert not StoryVersion.objects.exists()
    assert_delivered_once(slow_worker)


@pytest.mark.parametrize("slow_worker", ["extraction"], indirect=True)
def test_an_article_whose_extraction_hangs_keeps_its_text_and_records_the_reason(
    slow_worker: Path, tmp_path: Path, celery_queue: str
) -> None:
    article, elapsed = import_one(tmp_path, celery_queue)
    assert elapsed < 30
    # Parsed (its text is stored and shown), with no records and the reason on it; the
    # version is marked failed so that `reextract` takes it up again.
    assert article.status == Article.Status.PARSED
    assert article.reason == (
        f"extraction took longer than {LIMIT} s (ARTICLE_TASK_SOFT_TIME_LIMIT)"
    )
    version = StoryVersion.objects.get()
    assert version.extracted_version.startswith("failed:")
    assert not Record.objects.exists()
    assert_delivered_once(slow_worker)

    # Re-extraction (here in-process, at full speed) stores the records and clears it.
    assert reextract_version.run(version.pk) == "extracted"
    article.refresh_from_db()
    assert article.reason == ""
    assert Record.objects.filter(version=version).exists()


def test_the_article_task_carries_its_own_time_limits() -> None:
    from django.conf import settings

    from articles.tasks import process_article

    assert process_article.soft_time_limit == settings.ARTICLE_TASK_SOFT_TIME_LIMIT
    assert process_article.time_limit == settings.ARTICLE_TASK_TIME_LIMIT
