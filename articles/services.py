"""The one place that writes articles, batches and stories.

Commands, views and tasks call these functions; each is safe to run twice. Repeat-safety
comes from the database: an article is processed under a row lock and only while it is
still pending, and a story version is claimed through its unique fingerprint.
"""

from __future__ import annotations

import hashlib
import json
import logging
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.db import connection, transaction
from django.db.models import Count, F, Q, QuerySet, Subquery
from django.utils import timezone

from articles import parsing
from articles.models import (
    Article,
    ImportBatch,
    Outlet,
    RawDocument,
    SignatureBand,
    Story,
    StoryVersion,
)
from articles.parsing import ItemError, ParsedArticle, ParseError, SourceItem

logger = logging.getLogger(__name__)

# Register items in chunks: bounded memory for huge batches, few round trips for small ones.
REGISTER_CHUNK_ITEMS = 200
REGISTER_CHUNK_BYTES = 32 * 1024 * 1024
# Near-duplicate search: candidates share at least one band; the best must reach
# ``parsing.VERSION_THRESHOLD`` to be a version of the same story.
MAX_NEAR_DUPLICATE_CANDIDATES = 50
# Behind one band key, only the newest this many versions are candidates: a key shared by
# thousands of stories says little about any of them, and reading them all made each
# article's search grow with the number of stories stored.
MAX_VERSIONS_PER_BAND = 100


# --- registering a batch ------------------------------------------------------------------


def create_batch(*, label: str, origin: str, user: object | None = None) -> ImportBatch:
    return ImportBatch.objects.create(label=label[:300], origin=origin, created_by=user)


def read_limits() -> dict[str, int]:
    return {
        "max_bytes": settings.IMPORT_MAX_FILE_SIZE,
        "max_archive_bytes": settings.IMPORT_MAX_ARCHIVE_SIZE,
        "max_ratio": settings.IMPORT_MAX_COMPRESSION_RATIO,
    }


def register_items(
    batch: ImportBatch,
    items: Iterable[SourceItem | ItemError],
    *,
    on_registered: Callable[[int], None] | None = None,
) -> int:
    """Store every item of a batch as an ``Article`` (bad ones already failed) and queue
    the good ones for processing; returns how many items were registered.

    Items arrive lazily and are written in chunks, so a batch of 10,000 files never holds
    more than one chunk of raw bytes in memory. Tasks are queued when each chunk commits.
    """
    registered = 0
    for chunk in _chunks(items):
        with transaction.atomic():
            ids = _store_chunk(batch, chunk)
            transaction.on_commit(lambda ids=ids: _enqueue(ids))
        registered += len(chunk)
        if on_registered:
            on_registered(registered)
    ImportBatch.objects.filter(pk=batch.pk).update(registered_at=timezone.now())
    _enqueue_finish(batch.pk)
    return registered


def _chunks(items: Iterable[SourceItem | ItemError]) -> Iterator[list[SourceItem | ItemError]]:
    chunk: list[SourceItem | ItemError] = []
    size = 0
    for item in items:
        chunk.append(item)
        size += len(item.raw) if isinstance(item, SourceItem) else 0
        if len(chunk) >= REGISTER_CHUNK_ITEMS or size >= REGISTER_CHUNK_BYTES:
            yield chunk
            chunk, size = [], 0
    if chunk:
        yield chunk


def _store_chunk(batch: ImportBatch, chunk: list[SourceItem | ItemError]) -> list[int]:
    """Insert one chunk; return the ids of the articles that need processing."""
    now = timezone.now()
    articles = [_article_for(batch, item, now) for item in chunk]
    Article.objects.bulk_create(articles)
    raws = [
        RawDocument(
            article=article,
            content=item.raw,
            size=len(item.raw),
            sha256=hashlib.sha256(item.raw).hexdigest(),
        )
        for article, item in zip(articles, chunk, strict=True)
        if isinstance(item, SourceItem)
    ]
    RawDocument.objects.bulk_create(raws)
    return [a.pk for a in articles if a.status == Article.Status.PENDING]


def _article_for(batch: ImportBatch, item: SourceItem | ItemError, now: datetime) -> Article:
    if isinstance(item, ItemError):
        return Article(
            batch=batch,
            name=item.name[:1000],
            status=Article.Status.FAILED,
            reason=item.reason,
            processed_at=now,
        )
    return Article(
        batch=batch,
        name=item.name[:1000],
        kind=item.kind,
        url=(item.url or "")[:2000],
        published_hint=(item.published_hint or "")[:100],
        outlet_hint=(item.outlet_hint or "")[:200],
    )


def _enqueue(article_ids: list[int]) -> None:
    from articles.tasks import process_article

    for article_id in article_ids:
        process_article.delay(article_id)


def _enqueue_finish(batch_id: int) -> None:
    from articles.tasks import finish_batch

    transaction.on_commit(lambda: finish_batch.delay(batch_id))


# --- processing one article ---------------------------------------------------------------


@dataclass(frozen=True)
class Outcome:
    article_id: int
    batch_id: int
    status: str
    reason: str = ""
    new_version_id: int | None = None


def process_article(article_id: int) -> Outcome | None:
    """Parse one pending article, dedup it, and give it exactly one final state.

    Runs in one transaction with the article row locked: a task delivered twice, or run
    again after a crash, finds the article final (or waits for the lock) and changes
    nothing. Returns ``None`` when the row is gone or already final.
    """
    with transaction.atomic():
        article = (
            Article.objects.select_for_update(of=("self",))
            .select_related("raw")
            .filter(pk=article_id, status=Article.Status.PENDING)
            .first()
        )
        if article is None:
            return None
        article.attempts += 1
        item = SourceItem(
            name=article.name,
            raw=bytes(article.raw.content),
            kind=article.kind,  # type: ignore[arg-type]
            url=article.url or None,
            published_hint=article.published_hint or None,
            outlet_hint=article.outlet_hint or None,
        )
        try:
            parsed = parsing.parse_item(item, max_bytes=settings.IMPORT_MAX_FILE_SIZE)
        except ParseError as error:
            return _finish(article, Article.Status.FAILED, reason=str(error))
        _apply_parsed(article, parsed)
        version, created = _claim_version(article, parsed)
        article.version = version
        if not created:
            return _finish(
                article,
                Article.Status.DUPLICATE,
                reason=f"same text as article {version.primary_id}",
            )
        outcome = _finish(article, Article.Status.PARSED)
        return Outcome(article.pk, article.batch_id, outcome.status, new_version_id=version.pk)


def fail_article(article_id: int, reason: str) -> bool:
    """Give up on a pending article (e.g. retries exhausted) with the reason recorded."""
    updated = Article.objects.filter(pk=article_id, status=Article.Status.PENDING).update(
        status=Article.Status.FAILED, reason=reason[:2000], processed_at=timezone.now()
    )
    return updated == 1


def _finish(article: Article, status: str, *, reason: str = "") -> Outcome:
    article.status = status
    article.reason = reason
    article.processed_at = timezone.now()
    article.save()
    return Outcome(article.pk, article.batch_id, status, reason)


def _apply_parsed(article: Article, parsed: ParsedArticle) -> None:
    article.headline = parsed.headline or ""
    article.dek = parsed.dek or ""
    article.published = parsed.published
    article.published_text = (parsed.published_text or "")[:200]
    article.published_date_only = parsed.published_date_only
    article.timezone_name = (parsed.timezone_name or "")[:64]
    article.agency = (parsed.agency or "")[:200]
    article.byline = (parsed.byline or "")[:500]
    article.authors = list(parsed.authors)
    article.language = (parsed.language or "")[:16]
    article.encoding = (parsed.text_encoding or "")[:32]
    article.url = article.url or (parsed.url or "")[:2000]
    article.body = parsed.body
    article.captions = list(parsed.captions)
    article.subheads = list(parsed.subheads)
    if parsed.outlet:
        article.outlet = _outlet(parsed.outlet)


def _outlet(name: str) -> Outlet:
    outlet, _ = Outlet.objects.get_or_create(name=name.strip()[:200])
    return outlet


def _claim_version(article: Article, parsed: ParsedArticle) -> tuple[StoryVersion, bool]:
    """Return the version for this body, creating it (and finding its story) if new.

    The unique fingerprint settles races: of two copies processed at once, one insert
    wins and the other sees the winner's row and becomes a duplicate.
    """
    existing = StoryVersion.objects.filter(fingerprint=parsed.fingerprint).first()
    if existing is not None:
        return existing, False
    story_id = _story_for(parsed.signature)
    joined = story_id is not None
    if story_id is None:
        story_id = Story.objects.create().pk
    version = StoryVersion(
        fingerprint=parsed.fingerprint,
        story_id=story_id,
        signature=list(parsed.signature),
        primary=article,
        published=parsed.published,
    )
    if not _insert_version(version):  # another copy claimed this text a moment ago
        if not joined:  # the story made for it has no version: drop it
            Story.objects.filter(pk=story_id).delete()
        return StoryVersion.objects.get(fingerprint=parsed.fingerprint), False
    _insert_bands(version.pk, parsing.signature_bands(parsed.signature))
    if joined:  # a new story's only version is its latest already
        _mark_latest(story_id, version.pk)
    return version, True


def _insert_version(version: StoryVersion) -> bool:
    """Insert a new version unless its fingerprint is taken; sets its id, returns whether
    it was inserted. One statement: ``ON CONFLICT DO NOTHING`` waits for a racing insert of
    the same text to commit (or roll back) and then skips, where a failed insert would need
    a savepoint around it."""
    fields = [f for f in StoryVersion._meta.concrete_fields if not f.primary_key]
    columns = ", ".join(connection.ops.quote_name(f.column) for f in fields)
    placeholders = ", ".join(["%s"] * len(fields))
    values = [f.get_db_prep_save(f.pre_save(version, True), connection) for f in fields]
    table = connection.ops.quote_name(StoryVersion._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {table} ({columns}) VALUES ({placeholders}) "
            "ON CONFLICT (fingerprint) DO NOTHING RETURNING id",
            values,
        )
        row = cursor.fetchone()
    if row is None:
        return False
    version.pk = row[0]
    version._state.adding = False
    version._state.db = connection.alias
    return True


def _insert_bands(version_id: int, keys: tuple[int, ...]) -> None:
    """Index a new version's bands (one statement; 32 rows built in SQL, not as models)."""
    if not keys:
        return
    if connection.vendor != "postgresql":  # the no-services demo on SQLite
        SignatureBand.objects.bulk_create(
            [SignatureBand(key=key, version_id=version_id) for key in keys],
            ignore_conflicts=True,
        )
        return
    with connection.cursor() as cursor:
        cursor.execute(
            "INSERT INTO articles_signatureband (key, version_id) "
            "SELECT key, %s FROM unnest(%s::bigint[]) AS band(key) ON CONFLICT DO NOTHING",
            [version_id, list(keys)],
        )


def _story_for(signature: tuple[int, ...]) -> int | None:
    """The story id of the most similar stored version, when it is similar enough.

    Candidates are the versions sharing the most bands with this signature (read from the
    band index alone), at most ``MAX_NEAR_DUPLICATE_CANDIDATES`` of them; only those are
    fetched and scored. Behind each band key only the newest ``MAX_VERSIONS_PER_BAND``
    versions are read, so the search costs the same however many stories are stored,
    even when some band is shared by thousands of them (stock phrases, boilerplate).
    """
    keys = parsing.signature_bands(signature)
    if not keys:
        return None
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(
                _CANDIDATES_SQL,
                [list(keys), MAX_VERSIONS_PER_BAND, MAX_NEAR_DUPLICATE_CANDIDATES],
            )
            candidates = cursor.fetchall()
    else:  # the no-services demo on SQLite: few stories, no per-key bound needed
        candidates = list(
            StoryVersion.objects.filter(bands__key__in=keys)
            .annotate(shared=Count("bands"))
            .order_by("-shared", "-pk")
            .values_list("story_id", "signature")[:MAX_NEAR_DUPLICATE_CANDIDATES]
        )
    best: tuple[float, int] | None = None
    for story_id, candidate in candidates:
        if isinstance(candidate, str):  # a driver that leaves JSON undecoded
            candidate = json.loads(candidate)
        score = parsing.similarity(signature, tuple(candidate))
        if score >= parsing.VERSION_THRESHOLD and (best is None or score > best[0]):
            best = (score, story_id)
    return best[1] if best else None


_CANDIDATES_SQL = """
SELECT version.story_id, version.signature
FROM (
    SELECT hit.version_id, count(*) AS shared
    FROM unnest(%s::bigint[]) AS band(key)
    CROSS JOIN LATERAL (
        SELECT b.version_id FROM articles_signatureband b
        WHERE b.key = band.key
        ORDER BY b.version_id DESC
        LIMIT %s
    ) AS hit
    GROUP BY hit.version_id
    ORDER BY shared DESC, hit.version_id DESC
    LIMIT %s
) AS top
JOIN articles_storyversion version ON version.id = top.version_id
ORDER BY top.shared DESC, top.version_id DESC
"""


def _mark_latest(story_id: int, version_id: int) -> None:
    """Exactly one version of a story is the latest: the newest by publication time (one
    without a time counts as oldest; a tie goes to the later version).

    The story row is locked, so versions joining one story take turns. Each turn starts
    with one version marked latest, the newest of the others, and adds one (``version_id``,
    inserted marked): only those two are compared, however many versions the story has.
    """
    list(Story.objects.select_for_update().filter(pk=story_id).values_list("pk"))  # take turns
    marked = StoryVersion.objects.filter(story_id=story_id).filter(
        Q(is_latest=True) | Q(pk=version_id)
    )
    newest = marked.order_by(F("published").desc(nulls_last=True), "-pk").values("pk")[:1]
    marked.filter(is_latest=True).exclude(pk=Subquery(newest)).update(is_latest=False)


# --- batches ------------------------------------------------------------------------------


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
    """Stamp ``finished_at`` once every registered item reached a final state (and every
    parsed text went through extraction).

    One conditional UPDATE: safe to call from every task and to retry, and only the first
    call that sees the batch complete changes the row. Written out in SQL because every
    task runs it: while any item is pending the first check ends it (an index probe), so
    the scan over the batch's parsed items runs only at the very end.
    """
    with connection.cursor() as cursor:
        cursor.execute(
            _FINISH_BATCH_SQL,
            {
                "now": timezone.now(),
                "batch": batch_id,
                "pending": Article.Status.PENDING.value,
                "parsed": Article.Status.PARSED.value,
            },
        )
        return cursor.rowcount == 1


_FINISH_BATCH_SQL = """
UPDATE articles_importbatch SET finished_at = %(now)s
WHERE id = %(batch)s AND registered_at IS NOT NULL AND finished_at IS NULL
AND NOT EXISTS (
    SELECT 1 FROM articles_article WHERE batch_id = %(batch)s AND status = %(pending)s
)
AND NOT EXISTS (
    SELECT 1 FROM articles_article article
    JOIN articles_storyversion version ON version.primary_id = article.id
    WHERE article.batch_id = %(batch)s AND article.status = %(parsed)s
    AND version.extracted_version = ''
)
"""


def retry_failed(*, batch_id: int | None = None, article_id: int | None = None) -> int:
    """Put failed articles back to pending and queue them again; returns how many."""
    failed = Article.objects.filter(status=Article.Status.FAILED).exclude(raw=None)
    if batch_id is not None:
        failed = failed.filter(batch_id=batch_id)
    if article_id is not None:
        failed = failed.filter(pk=article_id)
    with transaction.atomic():
        ids = list(failed.select_for_update().values_list("pk", flat=True))
        Article.objects.filter(pk__in=ids).update(
            status=Article.Status.PENDING, reason="", processed_at=None
        )
        batch_ids = set(
            Article.objects.filter(pk__in=ids).values_list("batch_id", flat=True).distinct()
        )
        ImportBatch.objects.filter(pk__in=batch_ids).update(finished_at=None)
        transaction.on_commit(lambda: _enqueue(ids))
        for affected in batch_ids:
            _enqueue_finish(affected)
    return len(ids)


def awaiting_extraction(batch_id: int) -> list[int]:
    """Parsed primary copies in a batch whose version has not been through extraction
    (e.g. the worker died between parsing and extracting)."""
    return list(
        _unextracted(Article.objects.filter(batch_id=batch_id)).values_list("pk", flat=True)
    )


def _unextracted(articles: QuerySet[Article]) -> QuerySet[Article]:
    return articles.filter(status=Article.Status.PARSED, primary_of__extracted_version="")


def requeue_stalled(batch_id: int, *, older_than_seconds: float) -> int:
    """Queue again the articles of a batch whose tasks seem lost; returns how many.

    A broker that restarts without persistence forgets its queue, and a worker killed
    between parsing and extracting leaves a parsed article unextracted. Re-sending is safe
    because processing an article twice changes nothing the second time.
    """
    cutoff = timezone.now() - timedelta(seconds=older_than_seconds)
    pending = Article.objects.filter(
        batch_id=batch_id, status=Article.Status.PENDING, created_at__lt=cutoff
    ).values_list("pk", flat=True)
    ids = list(pending) + awaiting_extraction(batch_id)
    _enqueue(ids)
    if ids:
        from articles.tasks import finish_batch

        finish_batch.delay(batch_id)
    return len(ids)


def batch_of(article_id: int) -> int | None:
    return Article.objects.filter(pk=article_id).values_list("batch_id", flat=True).first()


def version_to_extract(article_id: int) -> int | None:
    """The version this article is the primary copy of, if it still awaits extraction."""
    from casualties.extraction import EXTRACTOR_VERSION

    return (
        StoryVersion.objects.filter(primary_id=article_id)
        .exclude(extracted_version=EXTRACTOR_VERSION)
        .values_list("pk", flat=True)
        .first()
    )
