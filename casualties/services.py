"""The one place that writes extracted records.

Extraction runs once per ``StoryVersion`` (a distinct text), on its primary copy. Running it
again (a retry, a new extractor version, ``reextract``) is safe: machine records are matched
by a key derived from where they sit in the text, so nothing is stored twice, and records an
editor touched (verified, corrected, rejected) are never overwritten or deleted.
"""

from __future__ import annotations

import hashlib
import logging
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from django.db import transaction
from django.utils import timezone

from articles.models import Article, StoryVersion
from casualties import extraction, registry
from casualties.extraction import CasualtyClaim, CeasefireEvent, DateMention, Statement
from casualties.models import Record

logger = logging.getLogger(__name__)

MachineRecord = CasualtyClaim | CeasefireEvent | Statement
# A party that names every side of a war at once is not an actor of its own.
SIDES_TOGETHER = frozenset({"both", "all sides", "all"})
# Fields an extraction sets on a record (besides actors and keys).
EXTRACTED_FIELDS = [
    "kind",
    "article",
    "extractor_version",
    "confidence",
    "evidence",
    "evidence_start",
    "evidence_end",
    "date",
    "day",
    "date_words",
    "number",
    "approx_words",
    "qualifier",
    "low",
    "high",
    "category",
    "population",
    "party",
    "party_name",
    "claimant",
    "claimant_name",
    "claimant_is_outlet",
    "period_start",
    "cumulative",
    "figure_start",
    "figure_end",
    "event_kind",
    "broker",
    "broker_name",
    "speaker",
    "speaker_name",
    "speaker_role",
    "quote",
    "quote_spans",
    "channel",
]


@dataclass(frozen=True)
class ExtractionSummary:
    version_id: int
    created: int
    updated: int
    removed: int
    stale: int
    skipped: bool = False


def local_publication(article: Article) -> datetime:
    """The publication datetime in the article's own zone: relative dates resolve there."""
    moment = article.published or article.created_at
    try:
        zone = ZoneInfo(article.timezone_name) if article.timezone_name else None
    except (ZoneInfoNotFoundError, ValueError):
        zone = None
    return moment.astimezone(zone) if zone else moment


def extract_version(version_id: int, *, force: bool = False) -> ExtractionSummary | None:
    """Extract (or re-extract) the records of one story version.

    Skips a version already extracted by this extractor version unless ``force``. Runs under
    a lock on the version row, so two deliveries of the same task cannot interleave.
    """
    with transaction.atomic():
        version = (
            StoryVersion.objects.select_for_update(of=("self",))
            .select_related("primary__outlet")
            .filter(pk=version_id)
            .first()
        )
        if version is None or version.primary is None:
            return None
        if version.extracted_version == extraction.EXTRACTOR_VERSION and not force:
            return ExtractionSummary(version_id, 0, 0, 0, 0, skipped=True)
        article = version.primary
        published = local_publication(article)
        result = extraction.extract(
            article.body,
            published,
            outlet=article.agency or (article.outlet.name if article.outlet else None),
        )
        summary = _store(version, article, published.date(), result)
        StoryVersion.objects.filter(pk=version.pk).update(
            extracted_version=extraction.EXTRACTOR_VERSION, extracted_at=timezone.now()
        )
        if article.reason:  # an earlier failed extraction's reason no longer applies
            Article.objects.filter(pk=article.pk).update(reason="")
    return summary


def mark_extraction_failed(version_id: int, *, reason: str = "") -> None:
    """Mark a version whose extraction failed (``reextract`` retries it); the reason goes
    on its primary copy, which stays parsed: its text is fine, only the records are missing."""
    StoryVersion.objects.filter(pk=version_id).update(
        extracted_version=f"failed:{extraction.EXTRACTOR_VERSION}"[:32],
        extracted_at=timezone.now(),
    )
    if reason:
        Article.objects.filter(primary_of__pk=version_id).update(reason=reason[:2000])


def _store(
    version: StoryVersion, article: Article, published: date, result: extraction.Extraction
) -> ExtractionSummary:
    machine: dict[str, MachineRecord] = {}
    for record in (*result.casualties, *result.ceasefire_events, *result.statements):
        machine.setdefault(machine_key(record), record)
    actors = registry.resolve_actors(_names(machine.values()))

    # Lock the rows before reading them (in id order, like every writer of several records):
    # an editor's correction committed after an unlocked read would be overwritten or
    # deleted below. Locked, a correction in flight finishes first and is seen as the
    # editor's, or waits for this extraction and is applied on top of it.
    # A version never extracted has no machine records (they are written only here, in the
    # transaction that stamps ``extracted_version``), so there is nothing to lock or read.
    existing = (
        {
            r.machine_key: r
            for r in version.records.exclude(machine_key="").select_for_update().order_by("pk")
        }
        if version.extracted_version
        else {}
    )
    to_create: list[Record] = []
    to_update: list[Record] = []
    parties: dict[str, list[Any]] = {}
    for key, record in machine.items():
        row = existing.get(key)
        if row is not None and row.status != Record.Status.NEW:
            continue  # an editor owns this record now: never overwrite their work
        fresh = _row(record, version, article, published, actors, key)
        if isinstance(record, CeasefireEvent):
            parties[key] = [actors[name] for name in record.parties if name in actors]
        if row is None:
            to_create.append(fresh)
        else:
            fresh.pk, fresh.created_at = row.pk, row.created_at
            to_update.append(fresh)
    if to_create:
        Record.objects.bulk_create(to_create)
    if to_update:
        Record.objects.bulk_update(to_update, EXTRACTED_FIELDS)
    _set_parties(to_create, to_update, parties)

    vanished = [row for key, row in existing.items() if key not in machine]
    untouched = [row.pk for row in vanished if row.status == Record.Status.NEW]
    touched = [row.pk for row in vanished if row.status != Record.Status.NEW]
    if untouched:  # (a delete collects related rows first, even for an empty list)
        Record.objects.filter(pk__in=untouched).delete()
    stale_count = 0
    if touched:
        stale = Record.objects.filter(pk__in=touched).exclude(status=Record.Status.STALE)
        stale_count = stale.update(status=Record.Status.STALE)
    return ExtractionSummary(
        version.pk, len(to_create), len(to_update), len(untouched), stale_count
    )


def _set_parties(
    created: list[Record], updated: list[Record], parties: dict[str, list[Any]]
) -> None:
    """Replace the parties of cease-fire rows in two queries, whatever their number (one
    when every row is new: a row just inserted has no parties to remove)."""
    events = [row for row in (*created, *updated) if row.kind == Record.Kind.CEASEFIRE]
    if not events:
        return
    through = Record.parties.through
    kept = [row.pk for row in updated if row.kind == Record.Kind.CEASEFIRE]
    if kept:
        through.objects.filter(record_id__in=kept).delete()
    through.objects.bulk_create(
        [
            through(record_id=row.pk, actor_id=actor.pk)
            for row in events
            for actor in {a.pk: a for a in parties.get(row.machine_key, [])}.values()
        ]
    )


def machine_key(record: MachineRecord) -> str:
    """Identity of a machine record within its text: kind, sentence and the words it rests on.

    The text of a version never changes, so the same figure in the same sentence gets the
    same key from any extractor version; a changed reading of it updates the row in place.
    """
    if isinstance(record, CasualtyClaim):
        parts: tuple[Any, ...] = (
            "casualty",
            record.figure.start,
            record.figure.end,
            record.category,
            record.population,
        )
    elif isinstance(record, CeasefireEvent):
        parts = ("ceasefire", record.evidence.start, record.kind)
    else:
        parts = ("statement", record.quote_spans[0] if record.quote_spans else record.quote)
    return hashlib.sha256(repr(parts).encode()).hexdigest()


def _names(records: Any) -> list[tuple[str, str]]:
    names: list[tuple[str, str]] = []
    for record in records:
        if isinstance(record, CasualtyClaim):
            party = "" if record.party in SIDES_TOGETHER else record.party or ""
            names += [(party, "country"), (record.claimant or "", "organisation")]
        elif isinstance(record, CeasefireEvent):
            names += [(record.broker or "", "country")]
            names += [(party, "country") for party in record.parties]
        else:
            kind = "organisation" if record.speaker_kind == "organisation" else "person"
            names.append((record.speaker or "", kind))
    return names


def _date_words(mentions: tuple[DateMention, ...]) -> list[dict[str, Any]]:
    return [
        {
            "text": m.text,
            "start": m.start,
            "end": m.end,
            "kind": m.kind,
            "date": m.date.isoformat() if m.date else None,
        }
        for m in mentions
    ]


def _row(
    record: MachineRecord,
    version: StoryVersion,
    article: Article,
    published: date,
    actors: dict[str, Any],
    key: str,
) -> Record:
    common: dict[str, Any] = {
        "version": version,
        "article": article,
        "machine_key": key,
        "extractor_version": record.extractor_version,
        "confidence": record.confidence,
        "evidence": record.evidence.text,
        "evidence_start": record.evidence.start,
        "evidence_end": record.evidence.end,
        "date_words": _date_words(record.dates),
    }
    if isinstance(record, CasualtyClaim):
        return Record(
            kind=Record.Kind.CASUALTY,
            date=record.as_of,
            day=record.as_of or published,
            number=record.number,
            approx_words=record.approx_words or "",
            qualifier=record.qualifier,
            low=record.low,
            high=record.high,
            category=record.category,
            population=record.population,
            party=actors.get(record.party or ""),
            party_name=record.party or "",
            claimant=actors.get(record.claimant or ""),
            claimant_name=record.claimant or "",
            claimant_is_outlet=record.claimant_is_outlet,
            period_start=record.period_start,
            cumulative=record.cumulative,
            figure_start=record.figure.start,
            figure_end=record.figure.end,
            **common,
        )
    if isinstance(record, CeasefireEvent):
        return Record(
            kind=Record.Kind.CEASEFIRE,
            date=record.date,
            day=record.date or published,
            event_kind=record.kind,
            broker=actors.get(record.broker or ""),
            broker_name=record.broker or "",
            **common,
        )
    return Record(
        kind=Record.Kind.STATEMENT,
        date=record.date,
        day=record.date or published,
        speaker=actors.get(record.speaker or ""),
        speaker_name=record.speaker or "",
        speaker_role=record.role or "",
        quote=record.quote,
        quote_spans=[list(span) for span in record.quote_spans],
        channel=record.channel or "",
        **common,
    )
