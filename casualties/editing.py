"""Editors' changes to records: corrections, verdicts, reverts, merges and additions.

Every change runs in one transaction under a row lock and checks the ``lock_version`` the
editor's form was built from (optimistic locking): a save based on a stale copy is refused
with the other editor's change, never applied over it. The audit trail is written by
database triggers (django-pghistory); these functions add who, why and what action to it.
"""

from __future__ import annotations

from contextlib import nullcontext
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

import pghistory
from django.db import connection, transaction

from articles.models import Article
from casualties.models import Actor, Record

# Fields an editor may change, per kind (the parties of a cease-fire are set apart).
EDITABLE_FIELDS: dict[str, tuple[str, ...]] = {
    Record.Kind.CASUALTY: (
        "number",
        "approx_words",
        "qualifier",
        "low",
        "high",
        "category",
        "population",
        "party",
        "claimant",
        "date",
        "period_start",
        "cumulative",
        "evidence_start",
        "evidence_end",
    ),
    Record.Kind.CEASEFIRE: ("event_kind", "broker", "date", "evidence_start", "evidence_end"),
    Record.Kind.STATEMENT: (
        "speaker",
        "speaker_role",
        "quote",
        "quote_spans",
        "channel",
        "date",
        "evidence_start",
        "evidence_end",
    ),
}
# Fields shown in a record's history, in this order.
HISTORY_FIELDS = (
    "status",
    "number",
    "approx_words",
    "qualifier",
    "low",
    "high",
    "category",
    "population",
    "party_id",
    "party_name",
    "claimant_id",
    "claimant_name",
    "date",
    "period_start",
    "cumulative",
    "event_kind",
    "broker_id",
    "broker_name",
    "speaker_id",
    "speaker_name",
    "speaker_role",
    "quote",
    "channel",
    "evidence",
    "merged_into_id",
)
NAME_OF_ACTOR = {
    "party": "party_name",
    "claimant": "claimant_name",
    "broker": "broker_name",
    "speaker": "speaker_name",
}


class EditError(Exception):
    """An edit that cannot be applied; the message says why, for the editor."""


@dataclass(frozen=True)
class Change:
    """One entry of a record's history: who changed what, from what to what."""

    event_id: int
    at: datetime
    label: str
    user: str | None
    note: str
    action: str
    diff: dict[str, tuple[Any, Any]]
    snapshot: dict[str, Any]


class StaleEdit(EditError):
    """The record changed since the editor opened it."""

    def __init__(self, current: Record, last: Change | None) -> None:
        self.current = current
        self.last = last
        who = f"{last.user or 'the extractor'} at {last.at:%Y-%m-%d %H:%M} UTC" if last else ""
        fields = ", ".join(last.diff) if last and last.diff else "the record"
        super().__init__(
            f"Someone else saved this record while you were editing it ({who} changed "
            f"{fields}). Your change was not saved: review theirs and edit again."
        )


def _context(user: Any, action: str, note: str) -> Any:
    """Who, why and what action, attached to the history rows the triggers write."""
    if connection.vendor != "postgresql":  # no triggers, no history (the SQLite demo)
        return nullcontext()
    return pghistory.context(
        user=getattr(user, "pk", None),
        username=getattr(user, "username", None),
        action=action,
        note=note or "",
    )


def _locked(record_id: int, expected_version: int | None) -> Record:
    record = Record.objects.select_for_update().get(pk=record_id)
    if expected_version is not None and record.lock_version != expected_version:
        raise StaleEdit(record, last_change(record))
    return record


def _publication_day(record: Record) -> date:
    article = Article.objects.only("published", "created_at", "timezone_name").get(
        pk=record.article_id
    )
    from casualties.services import local_publication

    return local_publication(article).date()


def _assign(record: Record, values: dict[str, Any]) -> None:
    """Set fields; a changed actor also sets the name shown beside it."""
    for field, value in values.items():
        setattr(record, field, value)
        if field in NAME_OF_ACTOR:
            setattr(record, NAME_OF_ACTOR[field], value.name if value else "")


def validate(record: Record, values: dict[str, Any]) -> None:
    """Rules every edit must keep; raises ``EditError`` naming the first broken one."""
    merged = {field: values.get(field, getattr(record, field)) for field in values}
    number = merged.get("number", record.number)
    if number is not None and number <= 0:
        raise EditError("A figure must be a positive whole number.")
    low, high = merged.get("low", record.low), merged.get("high", record.high)
    if low is not None and high is not None and low > high:
        raise EditError("The lower bound must not be above the upper bound.")
    published = _publication_day(record)
    for field in ("date", "period_start"):
        value = merged.get(field)
        if value is not None and value > published:
            raise EditError(
                f"The {field.replace('_', ' ')} ({value}) is after the article's publication "
                f"({published})."
            )
    start = merged.get("evidence_start", record.evidence_start)
    end = merged.get("evidence_end", record.evidence_end)
    if start is not None and end is not None and not 0 <= start < end:
        raise EditError("The evidence must be a non-empty span of the article.")


def correct(
    record_id: int,
    *,
    user: Any,
    expected_version: int,
    changes: dict[str, Any],
    parties: list[Actor] | None = None,
    note: str = "",
) -> Record:
    """Apply an editor's correction; the record becomes ``corrected`` and is pinned."""
    with transaction.atomic(), _context(user, "correct", note):
        record = _locked(record_id, expected_version)
        allowed = EDITABLE_FIELDS[record.kind]
        unknown = set(changes) - set(allowed)
        if unknown:
            raise EditError(f"These fields cannot be edited here: {', '.join(sorted(unknown))}.")
        validate(record, changes)
        _assign(record, changes)
        if "evidence_start" in changes or "evidence_end" in changes:
            body = Article.objects.values_list("body", flat=True).get(pk=record.article_id)
            record.evidence = body[record.evidence_start : record.evidence_end]
        if "date" in changes:
            record.day = record.date or _publication_day(record)
        record.status = Record.Status.CORRECTED
        record.lock_version += 1
        record.save()
        if parties is not None and record.kind == Record.Kind.CEASEFIRE:
            record.parties.set(parties)
        return record


def set_status(
    record_id: int, status: str, *, user: Any, expected_version: int | None, note: str = ""
) -> Record:
    """Verify or reject (or restore to new) a record; a verdict pins it like a correction."""
    if status not in (Record.Status.VERIFIED, Record.Status.REJECTED, Record.Status.NEW):
        raise EditError(f"Unknown verdict {status!r}.")
    with transaction.atomic(), _context(user, status, note):
        record = _locked(record_id, expected_version)
        record.status = status
        record.lock_version += 1
        record.save()
        return record


def revert(
    record_id: int, event_id: int, *, user: Any, expected_version: int, note: str = ""
) -> Record:
    """Bring a record back to an earlier state from its history; the revert is a change."""
    event_model = Record.pgh_event_models["changed"]
    with transaction.atomic(), _context(user, f"revert to #{event_id}", note):
        record = _locked(record_id, expected_version)
        event = event_model.objects.filter(pk=event_id, pgh_obj_id=record_id).first()
        if event is None:
            raise EditError("That state is not in this record's history.")
        for field in (
            *EDITABLE_FIELDS[record.kind],
            *NAME_OF_ACTOR.values(),
            "status",
            "evidence",
            "day",
            "merged_into",
        ):
            attname = Record._meta.get_field(field).attname
            setattr(record, attname, getattr(event, attname))
        record.lock_version += 1
        record.save()
        return record


def merge(keep_id: int, other_id: int, *, user: Any, note: str = "") -> Record:
    """Mark ``other`` as the same claim as ``keep`` (e.g. from another outlet's story):
    it leaves the timeline and is listed among ``keep``'s sources."""
    if keep_id == other_id:
        raise EditError("A record cannot be merged into itself.")
    with transaction.atomic(), _context(user, f"merge into #{keep_id}", note):
        # Both rows locked in id order, as a re-extraction locks a version's records: two
        # writers never each hold one row while waiting for the other's.
        rows = Record.objects.select_for_update().filter(pk__in=(keep_id, other_id))
        locked = {row.pk: row for row in rows.order_by("pk")}
        if keep_id not in locked or other_id not in locked:
            raise Record.DoesNotExist(f"no record {other_id if keep_id in locked else keep_id}")
        keep, other = locked[keep_id], locked[other_id]
        if keep.kind != other.kind:
            raise EditError("Only records of the same kind can be merged.")
        if keep.merged_into_id:
            raise EditError("Merge into the record that is shown, not into a merged one.")
        Record.objects.filter(merged_into=other).update(merged_into=keep)
        other.merged_into = keep
        other.lock_version += 1
        other.save()
        return other


def split(record_id: int, *, user: Any, note: str = "") -> Record:
    """Undo a merge: the record stands on its own again."""
    with transaction.atomic(), _context(user, "split", note):
        record = _locked(record_id, None)
        if record.merged_into_id is None:
            raise EditError("This record is not merged into another.")
        record.merged_into = None
        record.lock_version += 1
        record.save()
        return record


def add_record(
    article_id: int,
    *,
    kind: str,
    start: int,
    end: int,
    user: Any,
    values: dict[str, Any],
    parties: list[Actor] | None = None,
    note: str = "",
) -> Record:
    """Add a record the extractor missed, from a sentence an editor selected."""
    article = Article.objects.select_related("version").get(pk=article_id)
    if article.version_id is None:
        raise EditError("Records can only be added to articles that were parsed.")
    if not 0 <= start < end <= len(article.body):
        raise EditError("Select the sentence in the article's text.")
    if kind not in EDITABLE_FIELDS:
        raise EditError(f"Unknown record kind {kind!r}.")
    record = Record(
        kind=kind,
        version=article.version,
        article=article,
        origin=Record.Origin.EDITOR,
        status=Record.Status.VERIFIED,
        evidence=article.body[start:end],
        evidence_start=start,
        evidence_end=end,
    )
    validate(record, values)
    _assign(record, values)
    published = _publication_day(record)
    record.day = record.date or published
    with transaction.atomic(), _context(user, "add", note):
        record.save()
        if parties and kind == Record.Kind.CEASEFIRE:
            record.parties.set(parties)
    return record


def history(record: Record) -> list[Change]:
    """The record's changes, oldest first, each with its diff against the state before."""
    event_model = Record.pgh_event_models["changed"]
    events = list(
        event_model.objects.filter(pgh_obj_id=record.pk)
        .select_related("pgh_context")
        .order_by("pgh_id")
    )
    changes: list[Change] = []
    before: dict[str, Any] = {}
    for event in events:
        snapshot = {field: getattr(event, field) for field in HISTORY_FIELDS}
        diff = {
            field: (before.get(field), value)
            for field, value in snapshot.items()
            if before and before.get(field) != value
        }
        metadata = event.pgh_context.metadata if event.pgh_context else {}
        changes.append(
            Change(
                event_id=event.pk,
                at=event.pgh_created_at,
                label=event.pgh_label,
                user=metadata.get("username"),
                note=metadata.get("note") or "",
                action=metadata.get("action") or ("extracted" if not before else "re-extracted"),
                diff=diff,
                snapshot=snapshot,
            )
        )
        before = snapshot
    return changes


def last_change(record: Record) -> Change | None:
    changes = history(record)
    return changes[-1] if changes else None
