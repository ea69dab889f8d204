"""Extracted records and the actor/place registry they point to.

Casualty claims, cease-fire events and statements share one table (``Record``) so the
timeline is one indexed, paginated query across kinds; each kind is a proxy model with its
own admin and permissions. Records belong to a ``StoryVersion``: extracted once per distinct
text, shown once however many copies of the story were imported.
"""

from __future__ import annotations

import pghistory
import pgtrigger
from django.db import models
from django.urls import reverse

from casualties.registry import lookup_key


class Actor(models.Model):
    class Kind(models.TextChoices):
        PERSON = "person", "Person"
        ORGANISATION = "organisation", "Organisation"
        COUNTRY = "country", "Country"
        ARMED_FORCE = "armed_force", "Armed force"

    name = models.CharField(max_length=200, unique=True)
    kind = models.CharField(max_length=16, choices=Kind.choices, default=Kind.PERSON)
    country = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="members"
    )
    role = models.CharField(max_length=200, blank=True)
    demonyms = models.JSONField(default=list, blank=True)
    # Created by extraction from a name the registry did not know: an importer reviews it.
    needs_review = models.BooleanField(default=False, db_index=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("casualties-actor", args=[self.pk])


class ActorAlias(models.Model):
    """Another spelling or form of an actor's name (Pashinyan for Pashinian)."""

    actor = models.ForeignKey(Actor, on_delete=models.CASCADE, related_name="aliases")
    alias = models.CharField(max_length=200)
    folded = models.CharField(max_length=200, unique=True, editable=False)

    class Meta:
        verbose_name_plural = "actor aliases"

    def __str__(self) -> str:
        return f"{self.alias} → {self.actor_id}"

    def save(self, *args: object, **kwargs: object) -> None:
        self.folded = lookup_key(self.alias)
        super().save(*args, **kwargs)  # type: ignore[arg-type]


class Place(models.Model):
    name = models.CharField(max_length=200, unique=True)
    country = models.ForeignKey(
        Actor, null=True, blank=True, on_delete=models.SET_NULL, related_name="places"
    )

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class PlaceAlias(models.Model):
    """Another spelling of a place (Shusha for Shushi, Tartar for Terter)."""

    place = models.ForeignKey(Place, on_delete=models.CASCADE, related_name="aliases")
    alias = models.CharField(max_length=200)
    folded = models.CharField(max_length=200, unique=True, editable=False)

    class Meta:
        verbose_name_plural = "place aliases"

    def __str__(self) -> str:
        return f"{self.alias} → {self.place_id}"

    def save(self, *args: object, **kwargs: object) -> None:
        self.folded = lookup_key(self.alias)
        super().save(*args, **kwargs)  # type: ignore[arg-type]


class RecordsRevision(models.Model):
    """A number that grows whenever records change: what cached views (the chart) are keyed
    on, read by primary key instead of aggregating over every record.

    On PostgreSQL a deferred trigger on ``Record`` bumps it once per committing transaction,
    whoever writes (services, admin, raw SQL). Bulk loads that bypass triggers call
    ``casualties.revision.bump``.
    """

    id = models.PositiveSmallIntegerField(primary_key=True, default=1)
    number = models.BigIntegerField(default=0)

    def __str__(self) -> str:
        return f"records revision {self.number}"


# The row is re-created if a flush truncated it, from the clock in microseconds, so a
# number from before can never come back (old cache entries stay unreachable).
BUMP_SQL = """
INSERT INTO casualties_recordsrevision (id, number)
VALUES (1, (extract(epoch FROM clock_timestamp()) * 1000000)::bigint)
ON CONFLICT (id) DO UPDATE SET number = casualties_recordsrevision.number + 1;
"""
# Once per transaction (a transaction-local setting remembers it), whatever the row count.
REVISE_RECORDS_SQL = (
    """
IF current_setting('tracker.records_revised', true) IS DISTINCT FROM 'yes' THEN
    PERFORM set_config('tracker.records_revised', 'yes', true);
    """
    + BUMP_SQL
    + """
END IF;
RETURN NULL;
"""
)
NOTE_PENDING_SQL = """
PERFORM set_config(
    'tracker.records_pending',
    (COALESCE(NULLIF(current_setting('tracker.records_pending', true), ''), '0')::bigint + 1)::text,
    true
);
RETURN NULL;
"""


@pghistory.track(
    pghistory.InsertEvent("created"),
    pghistory.UpdateEvent("changed", condition=pghistory.AnyChange(exclude_auto=True)),
    exclude=["updated_at"],
)
class Record(models.Model):
    """One extracted (or editor-added) record; every insert and change is kept in
    ``RecordEvent`` by a trigger, with the user and note of the change as its context."""

    class Origin(models.TextChoices):
        MACHINE = "machine", "Extractor"
        EDITOR = "editor", "Editor"

    class Kind(models.TextChoices):
        CASUALTY = "casualty", "Casualty claim"
        CEASEFIRE = "ceasefire", "Cease-fire event"
        STATEMENT = "statement", "Statement"

    class Status(models.TextChoices):
        NEW = "new", "New"
        VERIFIED = "verified", "Verified"
        CORRECTED = "corrected", "Corrected"
        REJECTED = "rejected", "Rejected"
        STALE = "stale", "Stale"

    class Qualifier(models.TextChoices):
        EXACT = "exact", "exactly"
        AT_LEAST = "at_least", "at least"
        MORE_THAN = "more_than", "more than"
        ABOUT = "about", "about"
        NEARLY = "nearly", "nearly"
        UP_TO = "up_to", "up to"
        RANGE = "range", "between"

    class Category(models.TextChoices):
        KILLED = "killed", "killed"
        WOUNDED = "wounded", "wounded"
        MISSING = "missing", "missing"
        CAPTURED = "captured", "captured"
        DISPLACED = "displaced", "displaced"
        KILLED_OR_WOUNDED = "killed_or_wounded", "killed or wounded"

    class Population(models.TextChoices):
        TROOPS = "troops", "troops"
        CIVILIANS = "civilians", "civilians"
        CHILDREN = "children", "children"
        WOMEN = "women", "women"
        UNSPECIFIED = "unspecified", "people"

    class EventKind(models.TextChoices):
        PROPOSED = "proposed", "proposed"
        TALKS_SCHEDULED = "talks_scheduled", "talks scheduled"
        TALKS_HELD = "talks_held", "talks held"
        AGREED = "agreed", "agreed"
        TOOK_EFFECT = "took_effect", "took effect"
        VIOLATED = "violated", "violated"

    kind = models.CharField(max_length=16, choices=Kind.choices)
    version = models.ForeignKey(
        "articles.StoryVersion", on_delete=models.CASCADE, related_name="records"
    )
    # The copy whose clean body the offsets below point into.
    article = models.ForeignKey("articles.Article", on_delete=models.CASCADE, related_name="+")
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.NEW)
    origin = models.CharField(max_length=16, choices=Origin.choices, default=Origin.MACHINE)
    # Set when an editor merges this record into another that reports the same claim.
    merged_into = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="merged"
    )
    # Identity of a machine record across re-extractions of the same text.
    machine_key = models.CharField(max_length=64, blank=True)
    extractor_version = models.CharField(max_length=32, blank=True)
    confidence = models.FloatField(default=0.0)
    lock_version = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    # Where it was said and when it refers to.
    evidence = models.TextField()
    evidence_start = models.PositiveIntegerField()
    evidence_end = models.PositiveIntegerField()
    date = models.DateField(null=True, blank=True)
    # The day the timeline files the record under: its own date, else the publication day.
    day = models.DateField(db_index=True)
    date_words = models.JSONField(default=list, blank=True)

    # Casualty claims.
    number = models.PositiveIntegerField(null=True, blank=True)
    approx_words = models.CharField(max_length=200, blank=True)
    qualifier = models.CharField(max_length=16, choices=Qualifier.choices, blank=True)
    low = models.PositiveIntegerField(null=True, blank=True)
    high = models.PositiveIntegerField(null=True, blank=True)
    category = models.CharField(max_length=20, choices=Category.choices, blank=True)
    population = models.CharField(max_length=16, choices=Population.choices, blank=True)
    # Names as the text gives them; the foreign keys point at the canonical actors.
    party_name = models.CharField(max_length=200, blank=True)
    party = models.ForeignKey(
        Actor,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="losses",
        db_index=False,  # leads the (actor, day, id) index below
    )
    claimant_name = models.CharField(max_length=200, blank=True)
    claimant = models.ForeignKey(
        Actor,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="claims",
        db_index=False,  # leads the (actor, day, id) index below
    )
    claimant_is_outlet = models.BooleanField(default=False)
    period_start = models.DateField(null=True, blank=True)
    cumulative = models.BooleanField(default=False)
    figure_start = models.PositiveIntegerField(null=True, blank=True)
    figure_end = models.PositiveIntegerField(null=True, blank=True)

    # Cease-fire events.
    event_kind = models.CharField(max_length=20, choices=EventKind.choices, blank=True)
    broker_name = models.CharField(max_length=200, blank=True)
    broker = models.ForeignKey(
        Actor,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="brokered",
        db_index=False,  # leads the (actor, day, id) index below
    )
    parties = models.ManyToManyField(Actor, blank=True, related_name="ceasefire_events")

    # Statements.
    speaker_name = models.CharField(max_length=200, blank=True)
    speaker = models.ForeignKey(
        Actor,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="statements",
        db_index=False,  # leads the (actor, day, id) index below
    )
    speaker_role = models.CharField(max_length=200, blank=True)
    quote = models.TextField(blank=True)
    quote_spans = models.JSONField(default=list, blank=True)
    channel = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["-day", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["version", "machine_key"],
                condition=~models.Q(machine_key=""),
                name="record_unique_machine_key",
            )
        ]
        triggers = [
            # Counts committed changes for the caches keyed on it (see RecordsRevision).
            # Deferred: it runs as the transaction commits, so a reader never sees the new
            # number before the rows it stands for, and the counter row is locked only for
            # the moment of the commit (no lock held mid-transaction, so no deadlock).
            pgtrigger.Trigger(
                name="revise_records",
                level=pgtrigger.Row,
                when=pgtrigger.After,
                operation=pgtrigger.Insert | pgtrigger.Update | pgtrigger.Delete,
                timing=pgtrigger.Deferred,
                func=REVISE_RECORDS_SQL,
            ),
            # Within the writing transaction itself (which the number above does not reach
            # until it commits), a transaction-local count of changes keeps its own reads fresh.
            pgtrigger.Trigger(
                name="note_pending_records",
                level=pgtrigger.Statement,
                when=pgtrigger.After,
                operation=pgtrigger.Insert | pgtrigger.Update | pgtrigger.Delete,
                func=NOTE_PENDING_SQL,
            ),
            # TRUNCATE fires no row trigger; it is rare enough to bump the number at once.
            pgtrigger.Trigger(
                name="revise_on_truncate",
                level=pgtrigger.Statement,
                when=pgtrigger.After,
                operation=pgtrigger.Truncate,
                func=BUMP_SQL + "RETURN NULL;",
            ),
        ]
        indexes = [
            models.Index(fields=["day", "id"], name="record_day_id"),
            models.Index(fields=["kind", "day"], name="record_kind_day"),
            models.Index(fields=["category", "day"], name="record_category_day"),
            models.Index(fields=["status"], name="record_status"),
            # The actor filter, newest first: walks one index, and its capped count too.
            models.Index(fields=["claimant", "day", "id"], name="record_claimant_day"),
            models.Index(fields=["speaker", "day", "id"], name="record_speaker_day"),
            models.Index(fields=["party", "day", "id"], name="record_party_day"),
            models.Index(fields=["broker", "day", "id"], name="record_broker_day"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.pk}"


class CasualtyClaimManager(models.Manager["CasualtyClaim"]):
    def get_queryset(self) -> models.QuerySet[CasualtyClaim]:
        return super().get_queryset().filter(kind=Record.Kind.CASUALTY)


class CeasefireEventManager(models.Manager["CeasefireEvent"]):
    def get_queryset(self) -> models.QuerySet[CeasefireEvent]:
        return super().get_queryset().filter(kind=Record.Kind.CEASEFIRE)


class StatementManager(models.Manager["Statement"]):
    def get_queryset(self) -> models.QuerySet[Statement]:
        return super().get_queryset().filter(kind=Record.Kind.STATEMENT)


class CasualtyClaim(Record):
    objects = CasualtyClaimManager()

    class Meta:
        proxy = True


class CeasefireEvent(Record):
    objects = CeasefireEventManager()

    class Meta:
        proxy = True


class Statement(Record):
    objects = StatementManager()

    class Meta:
        proxy = True
