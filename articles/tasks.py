"""Celery tasks: thin, idempotent wrappers around ``articles.services``.

Each task takes ids, returns quietly when its row is gone or already final, and retries
only transient errors (database or broker hiccups) with exponential backoff and jitter.
A parse error is permanent and is recorded on the article by the service.
"""

from __future__ import annotations

import logging

import redis.exceptions
from celery import Task, shared_task
from celery.exceptions import SoftTimeLimitExceeded
from django.conf import settings
from django.db import InterfaceError, OperationalError

from articles import services

logger = logging.getLogger(__name__)

# Database hiccups, and Redis (broker and cache) going away for a moment.
TRANSIENT_ERRORS = (
    OperationalError,
    InterfaceError,
    redis.exceptions.ConnectionError,
    redis.exceptions.TimeoutError,
)
MAX_RETRIES = 6
# Simple tasks retry transient errors with exponential backoff and jitter, then give up.
RETRY_TRANSIENT = {
    "acks_late": True,
    "autoretry_for": TRANSIENT_ERRORS,
    "retry_backoff": True,
    "retry_jitter": True,
    "max_retries": MAX_RETRIES,
}


@shared_task(
    bind=True,
    acks_late=True,
    max_retries=MAX_RETRIES,
    soft_time_limit=settings.ARTICLE_TASK_SOFT_TIME_LIMIT,
    time_limit=settings.ARTICLE_TASK_TIME_LIMIT,
)
def process_article(self: Task, article_id: int) -> str:
    """Parse, dedup and extract one article; its batch is stamped finished by the last one.

    Every step is repeat-safe, so a redelivered or retried task finishes what a crashed
    one started (parsing is skipped once final; extraction once done for this version).
    Past its own soft time limit the task gives up on the article for good, with the
    reason recorded, rather than running into the hard limit and being delivered again.
    """
    version_id: int | None = None
    timed_out = ""
    try:
        outcome = services.process_article(article_id)
        if outcome is None:  # redelivered: finish what a crashed run may have left undone
            version_id = services.version_to_extract(article_id)
        else:
            version_id = outcome.new_version_id
        if version_id is not None:
            extract_records(version_id)
    except TRANSIENT_ERRORS as exc:
        if self.request.retries >= MAX_RETRIES:
            services.fail_article(article_id, f"gave up after {MAX_RETRIES} retries: {exc}")
            return "failed"
        raise self.retry(exc=exc, countdown=min(60, 2**self.request.retries)) from exc
    except SoftTimeLimitExceeded:
        timed_out = _give_up_on_time(article_id, version_id, self.soft_time_limit)
    except Exception as exc:
        # A bug must not leave the article pending forever: record it, then re-raise so
        # the error is visible in the worker log and monitoring.
        logger.exception("article %s failed unexpectedly", article_id)
        services.fail_article(article_id, f"internal error: {type(exc).__name__}: {exc}")
        raise
    batch_id = services.batch_of(article_id) if timed_out or not outcome else outcome.batch_id
    if batch_id is not None:
        services.finish_batch_if_done(batch_id)
    return timed_out or (outcome.status if outcome else "skipped")


def _give_up_on_time(article_id: int, version_id: int | None, limit: int | None) -> str:
    """Record that the article ran past the soft time limit; returns the task's summary.

    Parsing runs in one transaction, so a parse cut short leaves the article pending and
    it fails here. Extraction runs after parsing committed: the article keeps its text
    (``parsed``, so "Re-run" does not meet its own version as a duplicate) with the reason
    on it, and its version is marked failed so ``reextract`` picks it up later.
    """
    from casualties.services import mark_extraction_failed

    step = "extraction" if version_id is not None else "parsing"
    reason = f"{step} took longer than {limit} s (ARTICLE_TASK_SOFT_TIME_LIMIT)"
    logger.warning("article %s: %s", article_id, reason)
    if version_id is not None:
        mark_extraction_failed(version_id, reason=reason)
        return "extraction-timed-out"
    services.fail_article(article_id, reason)
    return "failed"


def extract_records(version_id: int) -> None:
    """Run extraction for a freshly parsed version; a bug here must not fail the article."""
    from casualties.services import extract_version

    try:
        extract_version(version_id)
    except (*TRANSIENT_ERRORS, SoftTimeLimitExceeded):
        raise
    except Exception as exc:
        # The article stays parsed; the version is marked so the batch can finish and
        # `reextract` (which picks up every version not done by this extractor) retries it.
        logger.exception("extraction of version %s failed", version_id)
        from casualties.services import mark_extraction_failed

        mark_extraction_failed(version_id, reason=f"extraction failed: {type(exc).__name__}: {exc}")


@shared_task(**RETRY_TRANSIENT)
def reextract_version(version_id: int, force: bool = False) -> str:
    """Re-run extraction on a stored version (after the extractor improved)."""
    from casualties.services import extract_version

    summary = extract_version(version_id, force=force)
    return "gone" if summary is None else ("skipped" if summary.skipped else "extracted")


@shared_task(**RETRY_TRANSIENT)
def finish_batch(batch_id: int) -> bool:
    """Mark a batch finished if all of its items are done; a no-op otherwise."""
    return services.finish_batch_if_done(batch_id)


@shared_task(acks_late=True)
def noop(counter_key: str) -> None:
    """The cheapest task that leaves a trace (one Redis INCR): the floor the pipeline
    benchmark compares against, on the same broker and workers."""
    from django.core.cache import cache

    cache.incr(counter_key)
