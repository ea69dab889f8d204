"""Faults against the real services: crashes, broker restarts, dropped connections and
duplicate deliveries never lose an article or count one twice. Each test is bounded."""

from __future__ import annotations

import json
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import connection, connections

from articles.models import Article, ImportBatch, StoryVersion
from articles.tasks import process_article
from casualties.extraction import extract
from casualties.models import Record
from casualties.services import local_publication
from tests.articles.pages import PARAGRAPHS, saved_text_page, write
from tests.conftest import REPO, start_worker, stop_worker, wait_for, worker_environment

pytestmark = [pytest.mark.services, pytest.mark.django_db(transaction=True)]


def write_batch(folder: Path, count: int, first: int = 0) -> Path:
    """``count`` distinct stories (each a variant of the sample with its own figures)."""
    for n in range(first, first + count):
        paragraphs = [p.replace("at least 12", f"at least {n + 2}") for p in PARAGRAPHS]
        paragraphs.append(f"The district council said {n + 3} shelters had opened overnight.")
        write(folder / f"story-{n:04d}.txt", saved_text_page(paragraphs))
    return folder


def assert_every_article_final_and_extracted_once(batch_id: int, total: int) -> None:
    articles = Article.objects.filter(batch_id=batch_id)
    assert articles.count() == total
    assert not articles.filter(status=Article.Status.PENDING).exists()
    assert articles.filter(status=Article.Status.PARSED).count() == total
    for version in StoryVersion.objects.filter(primary__batch_id=batch_id).select_related(
        "primary"
    ):
        primary = version.primary
        expected = extract(primary.body, local_publication(primary), outlet=primary.agency)
        machine = len(
            {
                *[("c", c.figure.start, c.category, c.population) for c in expected.casualties],
                *[("f", e.evidence.start, e.kind) for e in expected.ceasefire_events],
                *[
                    ("s", s.quote_spans[0] if s.quote_spans else s.quote)
                    for s in expected.statements
                ],
            }
        )
        assert version.records.count() == machine, version.pk


def test_a_worker_killed_mid_batch_loses_nothing_and_doubles_nothing(
    tmp_path: Path, through_broker: str
) -> None:
    folder = write_batch(tmp_path / "batch", 120)
    first = start_worker(through_broker, "first", CELERY_VISIBILITY_TIMEOUT="3")
    call_command("import_articles", str(folder), "--no-wait", "--json")
    batch = ImportBatch.objects.get()
    wait_for(lambda: Article.objects.exclude(status="pending").count() >= 10, timeout=60)
    first.send_signal(signal.SIGKILL)
    first.wait(timeout=10)
    done_at_kill = Article.objects.exclude(status="pending").count()
    assert done_at_kill < 120, "the batch finished before the kill: make it bigger"

    second = start_worker(through_broker, "second", CELERY_VISIBILITY_TIMEOUT="3")
    try:
        # The import command's own wait re-sends tasks lost with the dead worker.
        call_command("import_articles", "--resume", str(batch.pk), "--timeout", "120")
    finally:
        stop_worker(second)
    assert_every_article_final_and_extracted_once(batch.pk, 120)
    assert ImportBatch.objects.get().finished_at is not None


def test_the_same_task_delivered_twice_stores_records_once(
    tmp_path: Path, celery_worker_process: subprocess.Popen[str]
) -> None:
    folder = write_batch(tmp_path / "batch", 5)
    call_command("import_articles", str(folder), "--json", "--timeout", "60")
    batch = ImportBatch.objects.get()
    before = sorted(Record.objects.values_list("pk", "machine_key"))
    # At-least-once delivery: every task arrives again.
    for article_id in Article.objects.values_list("pk", flat=True):
        process_article.delay(article_id)
        process_article.delay(article_id)
    time.sleep(3)
    wait_for(lambda: "process_article" in celery_worker_process.log_path.read_text())
    assert sorted(Record.objects.values_list("pk", "machine_key")) == before
    assert_every_article_final_and_extracted_once(batch.pk, 5)


def test_two_deliveries_racing_on_one_article_give_one_final_state(tmp_path: Path) -> None:
    write_batch(tmp_path / "batch", 1)
    call_command("import_articles", str(tmp_path / "batch"), "--no-wait", "--json")
    article = Article.objects.get()
    Article.objects.filter(pk=article.pk).update(status="pending")
    StoryVersion.objects.all().delete()
    results: list[str] = []

    def deliver() -> None:
        try:
            results.append(process_article.run(article.pk))
        finally:
            connections.close_all()

    threads = [threading.Thread(target=deliver) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert sorted(results) == ["parsed", "skipped"]
    assert StoryVersion.objects.count() == 1
    assert_every_article_final_and_extracted_once(article.batch_id, 1)


def test_dropped_database_connections_are_retried(
    tmp_path: Path, celery_worker_process: subprocess.Popen[str]
) -> None:
    write_batch(tmp_path / "warm", 1)
    call_command("import_articles", str(tmp_path / "warm"), "--json", "--timeout", "60")
    database = connection.settings_dict["NAME"]
    with connection.cursor() as cursor:  # cut every worker connection while it is idle
        cursor.execute(
            "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity "
            "WHERE datname = %s AND pid <> pg_backend_pid()",
            [database],
        )
        assert cursor.fetchone()[0] >= 1
    write_batch(tmp_path / "after", 3, first=100)
    call_command("import_articles", str(tmp_path / "after"), "--json", "--timeout", "90")
    batch = ImportBatch.objects.latest("pk")
    assert_every_article_final_and_extracted_once(batch.pk, 3)
    log = celery_worker_process.log_path.read_text()
    assert "terminating connection" in log or "Retry" in log, log[-3000:]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.mark.skipif(not shutil.which("redis-server"), reason="redis-server is not installed")
def test_a_batch_completes_after_the_broker_restarts(tmp_path: Path, celery_queue: str) -> None:
    """A private, non-persistent Redis is restarted mid-batch (its queue is lost); the import
    command reports the outage and finishes the batch once the broker is back."""
    port = free_port()
    redis_cmd = [
        "redis-server",
        "--port",
        str(port),
        "--bind",
        "127.0.0.1",
        "--save",
        "",
        "--appendonly",
        "no",
        "--dir",
        str(tmp_path),
    ]
    broker = subprocess.Popen(redis_cmd, stdout=subprocess.DEVNULL)
    url = f"redis://127.0.0.1:{port}/0"
    wait_for(lambda: _answers(port), timeout=10)
    worker = start_worker(celery_queue, "restart", REDIS_URL=url)
    folder = write_batch(tmp_path / "batch", 150)
    env = worker_environment(celery_queue, REDIS_URL=url)
    importer = subprocess.Popen(
        [
            sys.executable,
            "manage.py",
            "import_articles",
            str(folder),
            "--json",
            "--timeout",
            "150",
            "--outage-timeout",
            "60",
        ],
        cwd=REPO,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        wait_for(lambda: Article.objects.exclude(status="pending").count() >= 5, timeout=60)
        broker.send_signal(signal.SIGKILL)
        broker.wait(timeout=10)
        time.sleep(20)  # long enough for the command to notice the outage
        broker = subprocess.Popen(redis_cmd, stdout=subprocess.DEVNULL)
        out, err = importer.communicate(timeout=180)
    finally:
        importer.kill()
        stop_worker(worker)
        broker.kill()
    assert importer.returncode == 0, err[-2000:]
    report = json.loads(out)
    assert report["counts"]["pending"] == 0
    assert report["counts"]["parsed"] == 150
    assert "broker unreachable" in err
    assert_every_article_final_and_extracted_once(report["batch"], 150)


def _answers(port: int) -> bool:
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=0.5):
            return True
    except OSError:
        return False
