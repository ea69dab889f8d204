"""Re-run extraction on stored stories after the extractor improved."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.db.models import Q

from articles.models import StoryVersion
from articles.tasks import reextract_version
from casualties.extraction import EXTRACTOR_VERSION


class Command(BaseCommand):
    help = (
        "Queue extraction again for stored story versions that an older extractor (or none) "
        "processed. Records editors verified, corrected or rejected are kept as they are."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--since",
            type=date.fromisoformat,
            default=None,
            help="only stories published on or after this date (YYYY-MM-DD)",
        )
        parser.add_argument(
            "--force",
            action="store_true",
            help="also re-run versions the current extractor already processed",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        versions = StoryVersion.objects.filter(primary__isnull=False)
        if not options["force"]:
            versions = versions.filter(~Q(extracted_version=EXTRACTOR_VERSION))
        if options["since"]:
            versions = versions.filter(published__date__gte=options["since"])
        count = 0
        for version_id in versions.values_list("pk", flat=True).iterator(chunk_size=2000):
            reextract_version.delay(version_id, force=options["force"])
            count += 1
        self.stdout.write(
            f"Queued {count} story versions for extraction with extractor {EXTRACTOR_VERSION}."
        )
