"""Celery tasks: thin, idempotent wrappers around ``articles.services``."""

from __future__ import annotations

from celery import shared_task
from django.db import InterfaceError, OperationalError

from articles import services

TRANSIENT_ERRORS = (OperationalError, InterfaceError)


@shared_task(autoretry_for=TRANSIENT_ERRORS, retry_backoff=True, retry_jitter=True, max_retries=8)
def finish_batch(batch_id: int) -> bool:
    """Mark a batch finished if all of its items are done; a no-op otherwise."""
    return services.finish_batch_if_done(batch_id)
