"""Write editor-reviewed records in the gold format, so editors' work becomes test data."""

from __future__ import annotations

import json
import sys
from collections import defaultdict
from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.db.models import Prefetch

from articles.models import Article
from casualties.models import Actor, Record
from casualties.services import local_publication


def _name(actor: Actor | None, text: str) -> str | None:
    return actor.name if actor else (text or None)


def gold_record(record: Record) -> tuple[str, dict[str, Any]]:
    """(section, entry) of ``../shared/corpus/GOLD_FORMAT.md`` for one record."""
    when = record.date.isoformat() if record.date else None
    if record.kind == Record.Kind.CASUALTY:
        return "casualties", {
            "number": record.number,
            "approx_words": record.approx_words or None,
            "qualifier": record.qualifier,
            "low": record.low,
            "high": record.high,
            "category": record.category,
            "population": record.population,
            "party": _name(record.party, record.party_name),
            "claimant": _name(record.claimant, record.claimant_name),
            "as_of": when,
            "evidence": record.evidence,
        }
    if record.kind == Record.Kind.CEASEFIRE:
        return "ceasefire_events", {
            "kind": record.event_kind,
            "broker": _name(record.broker, record.broker_name),
            "parties": sorted(actor.name for actor in record.parties.all()),
            "date": when,
            "evidence": record.evidence,
        }
    return "statements", {
        "speaker": _name(record.speaker, record.speaker_name),
        "quote": record.quote,
        "date": when,
        "evidence": record.evidence,
    }


def gold_file_name(name: str) -> str:
    """``a/b.txt`` -> ``b.txt``; ``x.zip:in/c.txt`` -> ``c.txt``; ``feed.jsonl:3`` kept."""
    container, _, member = name.partition(":")
    if member and not member.isdigit():
        return member.rsplit("/", 1)[-1]
    return name.rsplit("/", 1)[-1]


class Command(BaseCommand):
    help = "Export records as gold-format JSON lines, one per article (GOLD_FORMAT.md)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--verified-only",
            action="store_true",
            help="only records an editor verified or corrected (otherwise all not rejected)",
        )
        parser.add_argument("--output", default="-", help="file to write (default: stdout)")

    def handle(self, *args: Any, **options: Any) -> None:
        records = Record.objects.filter(merged_into__isnull=True).exclude(
            status__in=[Record.Status.REJECTED, Record.Status.STALE]
        )
        if options["verified_only"]:
            records = records.filter(status__in=[Record.Status.VERIFIED, Record.Status.CORRECTED])
        records = (
            records.select_related("party", "claimant", "broker", "speaker")
            .prefetch_related(Prefetch("parties", queryset=Actor.objects.only("name")))
            .order_by("article_id", "evidence_start", "pk")
        )
        by_article: dict[int, dict[str, list[dict[str, Any]]]] = defaultdict(
            lambda: {"casualties": [], "ceasefire_events": [], "statements": []}
        )
        for record in records:
            section, entry = gold_record(record)
            by_article[record.article_id][section].append(entry)
        out = (
            sys.stdout
            if options["output"] == "-"
            else open(  # noqa: SIM115
                options["output"], "w", encoding="utf-8"
            )
        )
        try:
            articles = Article.objects.in_bulk(list(by_article))
            for article_id, sections in by_article.items():
                article = articles[article_id]
                line = {
                    "file": gold_file_name(article.name),
                    "published": local_publication(article).date().isoformat(),
                    "headline": article.headline or None,
                    **sections,
                }
                out.write(json.dumps(line, ensure_ascii=False) + "\n")
        finally:
            if out is not sys.stdout:
                out.close()
        if out is not sys.stdout:
            self.stdout.write(f"Wrote {len(by_article)} articles to {options['output']}.")
