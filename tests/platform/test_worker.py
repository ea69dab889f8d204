"""A real Celery worker process takes a task from Redis and writes to PostgreSQL."""

from __future__ import annotations

import pytest
from django.utils import timezone

from articles.models import Article, ImportBatch
from articles.tasks import finish_batch
from tests.conftest import wait_for

pytestmark = pytest.mark.services


def test_a_task_sent_through_the_broker_lands_in_the_database(
    celery_worker_process,  # type: ignore[no-untyped-def]
) -> None:
    batch = ImportBatch.objects.create(label="worker test", registered_at=timezone.now())
    Article.objects.create(batch=batch, name="a.txt", status=Article.Status.PARSED)

    # The fixture turned eager mode off: only the worker process can execute this.
    finish_batch.delay(batch.pk)

    wait_for(lambda: ImportBatch.objects.get(pk=batch.pk).finished_at is not None, timeout=30)
    assert celery_worker_process.poll() is None
