"""The import pipeline through Redis to a real Celery worker and PostgreSQL."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from django.core.management import call_command

from articles.models import Article, ImportBatch
from tests.articles.pages import PNG_BYTES, html_page, saved_text_page, write

pytestmark = pytest.mark.services


def test_a_batch_is_processed_by_a_real_worker(
    celery_worker_process,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],  # type: ignore[no-untyped-def]
) -> None:
    write(tmp_path / "a.txt", saved_text_page())
    write(tmp_path / "b.html", html_page())
    write(tmp_path / "c.txt", PNG_BYTES)
    call_command("import_articles", str(tmp_path), "--json", "--timeout", "90")
    report = json.loads(capsys.readouterr().out)
    assert sorted(e["status"] for e in report["files"]) == ["duplicate", "failed", "parsed"]
    batch = ImportBatch.objects.get(pk=report["batch"])
    assert batch.finished_at is not None
    assert not Article.objects.filter(status="pending").exists()
    # The worker, not this process, ran the tasks.
    log = celery_worker_process.log_path.read_text()
    assert log.count("articles.tasks.process_article") >= 2
    assert celery_worker_process.poll() is None
