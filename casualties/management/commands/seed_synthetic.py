"""Fill the database with realistic synthetic stories and records, with bulk inserts.

For benchmarks and load tests: several outlets, claimants, actors and places; copies of
stories from several outlets, updated versions, and records editors verified, corrected or
rejected. Every record's evidence is a real sentence of its article's body (offsets hold).
"""

from __future__ import annotations

import hashlib
import random
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime, timedelta
from typing import Any

import pgtrigger
from django.core.management.base import BaseCommand, CommandParser
from django.db import connection, transaction
from django.utils import timezone

from articles.models import Article, ImportBatch, Outlet, RawDocument, Story, StoryVersion
from casualties.models import Actor, Record

OUTLETS = [
    "Synthetic Wire",
    "Harbour Daily",
    "Valley Ledger",
    "Coastal Courier",
    "Northern Post",
    "Capital Review",
    "River Times",
    "Plains Gazette",
]
SIDES = ["Eastland", "Westland", "Northria", "Southmark"]
PLACES = ["Ardent", "Belmoor", "Carrow", "Dunmere", "Elstow", "Fenwick", "Garth", "Holm"]
CATEGORIES = ["killed", "killed", "killed", "wounded", "wounded", "missing", "displaced"]
POPULATIONS = ["troops", "civilians", "civilians", "unspecified"]
QUALIFIERS = [
    ("exact", ""),
    ("at_least", "at least "),
    ("more_than", "more than "),
    ("about", "about "),
    ("nearly", "nearly "),
]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
CHUNK = 2000


class Command(BaseCommand):
    help = "Bulk-insert N synthetic articles with their records (for benchmarks)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--articles", type=int, default=1000)
        parser.add_argument("--seed", type=int, default=1)
        parser.add_argument(
            "--start",
            type=date.fromisoformat,
            default=date(2022, 1, 1),
            help="first publication day; stories spread over two years from it",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        started = time.perf_counter()
        rng = random.Random(options["seed"])
        outlets = [Outlet.objects.get_or_create(name=name)[0] for name in OUTLETS]
        actors = self._actors()
        batch = ImportBatch.objects.create(label="synthetic", registered_at=timezone.now())
        made = records = 0
        while made < options["articles"]:
            size = min(CHUNK, options["articles"] - made)
            with transaction.atomic(), _bulk_load():
                records += self._chunk(rng, batch, outlets, actors, made, size, options["start"])
            made += size
            self.stdout.write(f"  {made:,} articles", ending="\r")
        batch.finished_at = timezone.now()
        batch.save(update_fields=["finished_at"])
        if connection.vendor == "postgresql":
            # Fresh statistics for the planner: a bulk load outruns autovacuum's.
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")
        self.stdout.write(
            f"Seeded {made:,} articles and {records:,} records in "
            f"{time.perf_counter() - started:.1f}s."
        )

    def _actors(self) -> dict[str, list[Actor]]:
        def actor(name: str, kind: str) -> Actor:
            return Actor.objects.get_or_create(name=name, defaults={"kind": kind})[0]

        return {
            "sides": [actor(side, "country") for side in SIDES],
            "claimants": [actor(f"{side} officials", "organisation") for side in SIDES]
            + [actor(f"{side} defence ministry", "organisation") for side in SIDES]
            + [actor("United Nations monitors", "organisation")],
            "speakers": [
                actor(f"Minister {place} {side}", "person")
                for place in PLACES[:4]
                for side in SIDES
            ],
            "brokers": [actor(f"{place} mediators", "organisation") for place in PLACES[:3]],
        }

    def _chunk(
        self,
        rng: random.Random,
        batch: ImportBatch,
        outlets: list[Outlet],
        actors: dict[str, list[Actor]],
        offset: int,
        size: int,
        start: date,
    ) -> int:
        stories = Story.objects.bulk_create([Story() for _ in range(size)])
        plans = [self._plan(rng, offset + i, start) for i in range(size)]
        articles = Article.objects.bulk_create(
            [
                Article(
                    batch=batch,
                    name=f"synthetic/{offset + i:07d}.txt",
                    kind="txt",
                    status=Article.Status.PARSED,
                    headline=plan["headline"],
                    published=plan["published"],
                    timezone_name="UTC",
                    outlet=rng.choice(outlets),
                    agency="Synthetic Wire",
                    body=plan["body"],
                    processed_at=plan["published"],
                )
                for i, plan in enumerate(plans)
            ]
        )
        versions = StoryVersion.objects.bulk_create(
            [
                StoryVersion(
                    story=story,
                    fingerprint=hashlib.sha256(plan["body"].encode()).hexdigest(),
                    primary=article,
                    published=plan["published"],
                    extracted_version="synthetic",
                    extracted_at=plan["published"],
                )
                for story, article, plan in zip(stories, articles, plans, strict=True)
            ]
        )
        Article.objects.bulk_update(
            [_with_version(a, v) for a, v in zip(articles, versions, strict=True)], ["version"]
        )
        # One story in ten has a copy from another outlet.
        copies = [
            Article(
                batch=batch,
                name=f"synthetic/{offset + i:07d}-copy.html",
                kind="html",
                status=Article.Status.DUPLICATE,
                headline=plan["headline"],
                published=plan["published"],
                timezone_name="UTC",
                outlet=rng.choice(outlets),
                body=plan["body"],
                version=versions[i],
                processed_at=plan["published"],
            )
            for i, plan in enumerate(plans)
            if rng.random() < 0.1
        ]
        Article.objects.bulk_create(copies)
        RawDocument.objects.bulk_create(
            [
                RawDocument(
                    article=a,
                    content=a.body.encode(),
                    size=len(a.body),
                    sha256=hashlib.sha256(a.body.encode()).hexdigest(),
                )
                for a in [*articles, *copies]
            ]
        )
        rows = [
            self._record(rng, record, version, article, actors)
            for version, article, plan in zip(versions, articles, plans, strict=True)
            for record in plan["records"]
        ]
        Record.objects.bulk_create(rows, batch_size=5000)
        through = Record.parties.through
        through.objects.bulk_create(
            [
                through(record_id=row.pk, actor_id=side.pk)
                for row in rows
                if row.kind == Record.Kind.CEASEFIRE
                for side in actors["sides"][:2]
            ]
        )
        return len(rows)

    def _plan(self, rng: random.Random, n: int, start: date) -> dict[str, Any]:
        day = start + timedelta(days=rng.randrange(730))
        published = datetime(
            day.year, day.month, day.day, rng.randrange(6, 22), rng.randrange(60), tzinfo=UTC
        )
        place, side = rng.choice(PLACES), rng.choice(SIDES)
        sentences: list[tuple[str, dict[str, Any] | None]] = []
        for _ in range(rng.randrange(2, 5)):
            number = rng.randrange(2, 3000)
            qualifier, words = rng.choice(QUALIFIERS)
            category, population = rng.choice(CATEGORIES), rng.choice(POPULATIONS)
            weekday = rng.choice(WEEKDAYS)
            noun = {"troops": "soldiers", "civilians": "civilians"}.get(population, "people")
            text = (
                f"{side} officials said on {weekday} that {words}{number:,} {noun} had been "
                f"{category} in and around {place} since the fighting began."
            )
            sentences.append(
                (
                    text,
                    {
                        "kind": Record.Kind.CASUALTY,
                        "number": number,
                        "qualifier": qualifier,
                        "approx_words": f"{words}{number:,}" if words else "",
                        "category": category,
                        "population": population,
                        "weekday": weekday,
                    },
                )
            )
        sentences.append(
            (
                f"Residents of {place} described a night of heavy shelling, and aid groups said "
                "shelters near the river were full.",
                None,
            )
        )
        if rng.random() < 0.5:
            sentences.append(
                (
                    f"Mediators said a cease-fire between the two sides was agreed on "
                    f"{rng.choice(WEEKDAYS)} after talks that lasted most of the night.",
                    {"kind": Record.Kind.CEASEFIRE, "event_kind": "agreed"},
                )
            )
        quote = f"We will not leave {place} while our people are in danger"
        sentences.append(
            (
                f"“{quote},” a minister told reporters on {rng.choice(WEEKDAYS)}.",
                {"kind": Record.Kind.STATEMENT, "quote": quote},
            )
        )
        sentences.append(
            (
                "The claims could not be independently verified, and both sides accused each "
                "other of targeting homes.",
                None,
            )
        )
        rng.shuffle(sentences)
        body, records, cursor = [], [], 0
        for text, record in sentences:
            if record is not None:
                records.append(
                    {
                        **record,
                        "start": cursor,
                        "end": cursor + len(text),
                        "evidence": text,
                        "day": published.date(),
                    }
                )
            body.append(text)
            cursor += len(text) + 2
        return {
            "headline": f"Fighting around {place} continues, {side} officials say (report {n})",
            "published": published,
            "body": "\n\n".join(body),
            "records": records,
        }

    def _record(
        self,
        rng: random.Random,
        plan: dict[str, Any],
        version: StoryVersion,
        article: Article,
        actors: dict[str, list[Actor]],
    ) -> Record:
        roll = rng.random()
        status = (
            "verified"
            if roll < 0.03
            else "corrected"
            if roll < 0.05
            else "rejected"
            if roll < 0.06
            else "new"
        )
        day = plan["day"] - timedelta(days=rng.randrange(3))
        common = {
            "kind": plan["kind"],
            "version": version,
            "article": article,
            "status": status,
            "machine_key": hashlib.sha256(f"{version.pk}:{plan['start']}".encode()).hexdigest(),
            "extractor_version": "synthetic",
            "confidence": round(rng.uniform(0.4, 0.99), 2),
            "evidence": plan["evidence"],
            "evidence_start": plan["start"],
            "evidence_end": plan["end"],
            "date": day,
            "day": day,
            "date_words": [
                {
                    "text": plan.get("weekday", ""),
                    "start": plan["start"],
                    "end": plan["start"],
                    "kind": "day",
                    "date": day.isoformat(),
                }
            ],
        }
        if plan["kind"] == Record.Kind.CASUALTY:
            claimant, party = rng.choice(actors["claimants"]), rng.choice(actors["sides"])
            return Record(
                **common,
                number=plan["number"],
                qualifier=plan["qualifier"],
                approx_words=plan["approx_words"],
                category=plan["category"],
                population=plan["population"],
                claimant=claimant,
                claimant_name=claimant.name,
                party=party,
                party_name=party.name,
                cumulative=True,
                figure_start=plan["start"],
                figure_end=plan["start"] + 1,
            )
        if plan["kind"] == Record.Kind.CEASEFIRE:
            broker = rng.choice(actors["brokers"])
            return Record(
                **common, event_kind=plan["event_kind"], broker=broker, broker_name=broker.name
            )
        speaker = rng.choice(actors["speakers"])
        quote_start = plan["start"] + 1
        return Record(
            **common,
            speaker=speaker,
            speaker_name=speaker.name,
            quote=plan["quote"],
            quote_spans=[[quote_start, quote_start + len(plan["quote"])]],
        )


@contextmanager
def _bulk_load() -> Iterator[None]:
    """Synthetic rows need no audit history, and a crash only loses the chunk: skip the
    history triggers and the wait for the commit to reach the disk (PostgreSQL only)."""
    if connection.vendor != "postgresql":
        yield
        return
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL synchronous_commit = off")
    with pgtrigger.ignore("casualties.Record:created_insert", "casualties.Record:changed_update"):
        yield


def _with_version(article: Article, version: StoryVersion) -> Article:
    article.version = version
    return article
