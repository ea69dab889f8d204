"""The one place that writes articles, batches and stories."""

from __future__ import annotations

from django.db.models import Count, Q
from django.utils import timezone

from articles.models import Article, ImportBatch


def batch_counts(batch_id: int) -> dict[str, int]:
    """Counts per status for a batch, derived from its rows so nothing is counted twice."""
    statuses = Article.Status
    counts = Article.objects.filter(batch_id=batch_id).aggregate(
        total=Count("id"),
        pending=Count("id", filter=Q(status=statuses.PENDING)),
        parsed=Count("id", filter=Q(status=statuses.PARSED)),
        duplicate=Count("id", filter=Q(status=statuses.DUPLICATE)),
        failed=Count("id", filter=Q(status=statuses.FAILED)),
    )
    counts["done"] = counts["total"] - counts["pending"]
    return counts


def finish_batch_if_done(batch_id: int) -> bool:
    """Stamp ``finished_at`` once every registered item reached a final state.

    The conditional UPDATE makes this safe to call from every task and to retry: only the
    first call that sees the batch complete changes the row.
    """
    if Article.objects.filter(batch_id=batch_id, status=Article.Status.PENDING).exists():
        return False
    updated = ImportBatch.objects.filter(
        pk=batch_id, registered_at__isnull=False, finished_at__isnull=True
    ).update(finished_at=timezone.now())
    return updated == 1
