"""Imported articles: batches, copies of stories, and their versions.

An ``Article`` is one imported item (a file, a zip member, a JSONL line). Articles whose
clean bodies are identical share a ``StoryVersion`` (copies of the same text, e.g. one wire
story republished by two outlets); versions whose bodies nearly match (an update with two
new paragraphs) share a ``Story``. Extraction runs once per version, on its primary copy.
"""

from __future__ import annotations

import pgtrigger
from django.conf import settings
from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.urls import reverse


class Outlet(models.Model):
    """A publication that carries stories (a "source" in the newsroom's words)."""

    name = models.CharField(max_length=200, unique=True)
    domain = models.CharField(max_length=200, blank=True, db_index=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class ImportBatch(models.Model):
    class Origin(models.TextChoices):
        UPLOAD = "upload", "Upload"
        COMMAND = "command", "Command line"

    label = models.CharField(max_length=300, blank=True)
    origin = models.CharField(max_length=16, choices=Origin.choices, default=Origin.COMMAND)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL
    )
    created_at = models.DateTimeField(auto_now_add=True)
    # Set once every item of the batch has been registered (counts are then final).
    registered_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name_plural = "import batches"

    def __str__(self) -> str:
        return self.label or f"Batch {self.pk}"

    def get_absolute_url(self) -> str:
        return reverse("articles-batch", args=[self.pk])


class Story(models.Model):
    """One news story across its copies and versions."""

    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name_plural = "stories"

    def __str__(self) -> str:
        return f"Story {self.pk}"


class StoryVersion(models.Model):
    """One distinct clean body; the unique fingerprint makes dedup safe under races."""

    story = models.ForeignKey(Story, on_delete=models.CASCADE, related_name="versions")
    fingerprint = models.CharField(max_length=64, unique=True)
    signature = models.JSONField(default=list)
    primary = models.OneToOneField(
        "Article", null=True, on_delete=models.SET_NULL, related_name="primary_of"
    )
    published = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    # False once a newer version of the same story exists: its records are superseded.
    is_latest = models.BooleanField(default=True)
    # Which extractor produced the stored records, and when (empty: not extracted yet).
    extracted_version = models.CharField(max_length=32, blank=True)
    extracted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        indexes = [models.Index(fields=["story", "is_latest"])]

    def __str__(self) -> str:
        return f"Version {self.pk} of story {self.story_id}"


class SignatureBand(models.Model):
    """A locality-sensitive hash band of a version's signature, to find near-duplicates
    with an index lookup instead of comparing against every stored story."""

    # Looked up through the unique (key, version) index, which also hands out a key's
    # newest versions first; a separate index on the key alone was only extra writes.
    key = models.BigIntegerField()
    version = models.ForeignKey(StoryVersion, on_delete=models.CASCADE, related_name="bands")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["key", "version"], name="signatureband_unique")
        ]

    def __str__(self) -> str:
        return f"Band {self.key} of version {self.version_id}"


class Article(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", "Pending"
        PARSED = "parsed", "Parsed"
        DUPLICATE = "duplicate", "Duplicate"
        FAILED = "failed", "Failed"

    FINAL_STATUSES = (Status.PARSED, Status.DUPLICATE, Status.FAILED)

    batch = models.ForeignKey(ImportBatch, on_delete=models.CASCADE, related_name="articles")
    name = models.CharField(max_length=1000, help_text="Path as given, with :entry or :line")
    kind = models.CharField(max_length=16, blank=True)
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.PENDING)
    reason = models.TextField(blank=True)
    attempts = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)
    processed_at = models.DateTimeField(null=True, blank=True)

    # Hints given with the item (JSONL fields), used when the page itself is silent.
    url = models.URLField(max_length=2000, blank=True)
    published_hint = models.CharField(max_length=100, blank=True)
    outlet_hint = models.CharField(max_length=200, blank=True)

    # What parsing found.
    headline = models.TextField(blank=True)
    dek = models.TextField(blank=True)
    published = models.DateTimeField(null=True, blank=True, db_index=True)
    published_text = models.CharField(max_length=200, blank=True)
    published_date_only = models.BooleanField(default=False)
    timezone_name = models.CharField(max_length=64, blank=True)
    outlet = models.ForeignKey(Outlet, null=True, blank=True, on_delete=models.SET_NULL)
    agency = models.CharField(max_length=200, blank=True)
    byline = models.CharField(max_length=500, blank=True)
    authors = models.JSONField(default=list, blank=True)
    language = models.CharField(max_length=16, blank=True)
    encoding = models.CharField(max_length=32, blank=True)
    body = models.TextField(blank=True)
    # The body's full-text vector, stored so a search never recomputes it (PostgreSQL fills
    # it with a trigger and indexes it with GIN; unused by the SQLite demo's plain search).
    search = SearchVectorField(null=True, editable=False)
    captions = models.JSONField(default=list, blank=True)
    subheads = models.JSONField(default=list, blank=True)
    version = models.ForeignKey(
        StoryVersion, null=True, blank=True, on_delete=models.SET_NULL, related_name="copies"
    )

    class Meta:
        ordering = ["-published", "-id"]
        indexes = [
            models.Index(fields=["batch", "status"]),
            models.Index(fields=["status"]),
        ]
        triggers = [
            pgtrigger.Trigger(
                name="article_search_vector",
                when=pgtrigger.Before,
                operation=pgtrigger.Insert | pgtrigger.UpdateOf("body"),
                # The first 200,000 characters: a tsvector holds at most 1 MB, and a
                # longer body must still import.
                func="NEW.search := to_tsvector('english'::regconfig, "
                "left(COALESCE(NEW.body, ''), 200000)); RETURN NEW;",
            )
        ]

    def __str__(self) -> str:
        return self.headline or self.name

    def get_absolute_url(self) -> str:
        return reverse("articles-detail", args=[self.pk])

    @property
    def paragraphs(self) -> list[str]:
        return [p for p in self.body.split("\n\n") if p]

    @property
    def is_final(self) -> bool:
        return self.status in self.FINAL_STATUSES


class RawDocument(models.Model):
    """The original bytes of an article exactly as imported, kept apart from the hot row."""

    article = models.OneToOneField(Article, on_delete=models.CASCADE, related_name="raw")
    content = models.BinaryField()
    size = models.PositiveIntegerField()
    sha256 = models.CharField(max_length=64, db_index=True)

    def __str__(self) -> str:
        return f"Original of article {self.article_id} ({self.size} bytes)"
