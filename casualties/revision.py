"""The records revision: one number that changes whenever records change, or what the
timeline shows beside them (their articles' copies and outlets, actor names, parties) or
offers to filter them by (places and their aliases, outlets).

Caches of things computed over many records (the chart, its drawn figure, whole timeline
and chart pages: ``page_cache``) are keyed on it.
Reading it is one primary-key lookup, where the aggregate it replaces (count and latest
change over every record) took 150 ms at 450,000 records.
"""

from __future__ import annotations

from django.conf import settings
from django.db import connection
from django.db.models import Count, F, Max

from casualties.models import BUMP_SQL, Record, RecordsRevision

# How long anything keyed on the revision is kept (a newer revision makes it unused sooner).
CACHE_SECONDS = 600
# Marks a revision that includes the reading transaction's own uncommitted changes.
PENDING = ":pending:"


def committed(stamp: str) -> bool:
    """Whether ``stamp`` is a revision every reader sees (not one transaction's own view)."""
    return PENDING not in stamp


def current() -> str:
    """The revision, as a cache-key part. On SQLite (the no-services demo, no triggers) an
    aggregate over the records stands in; a demo's records are few."""
    if settings.USING_POSTGRES:
        # The committed number, plus this transaction's own uncommitted changes if it made any.
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT number, current_setting('tracker.records_pending', true), "
                "pg_current_xact_id_if_assigned() FROM casualties_recordsrevision WHERE id = 1"
            )
            row = cursor.fetchone()
        if row is None:  # a flush emptied the table: start a new, never-used number
            bump()
            return current()
        number, pending, transaction_id = row
        return f"r{number}" if not pending else f"r{number}{PENDING}{transaction_id}:{pending}"
    info = Record.objects.aggregate(n=Count("id"), last=Max("updated_at"))
    return f"{info['n']}:{info['last'].isoformat() if info['last'] else ''}"


def bump() -> None:
    """Count a change that bypassed the trigger (a bulk load with triggers ignored)."""
    if settings.USING_POSTGRES:
        with connection.cursor() as cursor:
            cursor.execute(BUMP_SQL)
        return
    updated = RecordsRevision.objects.filter(pk=1).update(number=F("number") + 1)
    if not updated:
        RecordsRevision.objects.get_or_create(pk=1, defaults={"number": 1})
