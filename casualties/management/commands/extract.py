"""Parse saved pages and print their extracted records, without touching the database."""

from __future__ import annotations

import json
import sys
from datetime import datetime
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from articles import parsing
from casualties.extraction import extract, to_gold_record


def parse_published(value: str) -> datetime:
    try:
        moment = datetime.fromisoformat(value)
    except ValueError as exc:
        raise CommandError(f"--published {value!r} is not an ISO datetime ({exc})") from exc
    if moment.tzinfo is None:
        raise CommandError(f"--published {value!r} needs a UTC offset, e.g. 2020-10-09T14:00-04:00")
    return moment


class Command(BaseCommand):
    help = (
        "Run parsing and extraction on saved pages (.txt, .html, .jsonl, .zip) and print one "
        "JSON line per article in the gold format (../shared/corpus/GOLD_FORMAT.md)."
    )
    requires_system_checks: list[str] = []
    requires_migrations_checks = False

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("paths", nargs="+", help="files, folders or glob patterns")
        parser.add_argument(
            "--jsonl", action="store_true", help="print JSON lines (the only output format)"
        )
        parser.add_argument(
            "--published",
            type=parse_published,
            default=None,
            help="publication datetime for pages that state none, e.g. 2020-10-09T14:00-04:00",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        failures = 0
        for item in parsing.iter_items(options["paths"]):
            if isinstance(item, parsing.ItemError):
                failures += 1
                sys.stderr.write(f"{item.reason}\n")
                continue
            try:
                article = parsing.parse_item(item)
            except parsing.ParseError as error:
                failures += 1
                sys.stderr.write(f"{item.name}: {error}\n")
                continue
            # The page's own time in its own zone; --published only where the page is silent.
            published = article.published or options["published"]
            if published is None:
                failures += 1
                sys.stderr.write(
                    f"{item.name}: the page states no publication date; pass --published\n"
                )
                continue
            result = extract(article.body, published, outlet=article.agency or article.outlet)
            name = item.record_id or item.name.split(":", 1)[0].rsplit("/", 1)[-1]
            record = to_gold_record(name, article.headline, published, result)
            self.stdout.write(json.dumps(record, ensure_ascii=False))
        if failures:
            raise CommandError(f"{failures} item(s) could not be extracted (see above)")
