"""factory_boy factories for articles, story versions, actors and records.

A record needs a story version whose primary copy holds the evidence sentence; the
factories build that chain so a test can say ``CasualtyFactory(number=30)``.
"""

from __future__ import annotations

import datetime as dt

import factory
import pytest
from django.utils import timezone

from articles.models import Article, ImportBatch, Outlet, Story, StoryVersion
from casualties.models import Actor, Place, Record

SENTENCE = "At least 30 civilians were killed in shelling on Tuesday, officials said."


class OutletFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Outlet
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"Outlet {n}")


class BatchFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ImportBatch

    label = "test batch"


class StoryVersionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = StoryVersion

    story = factory.LazyFunction(lambda: Story.objects.create())
    fingerprint = factory.Sequence(lambda n: f"{n:064d}")
    published = factory.LazyFunction(lambda: dt.datetime(2020, 10, 8, 12, tzinfo=dt.UTC))
    is_latest = True
    extracted_version = "test"


class ArticleFactory(factory.django.DjangoModelFactory):
    """A parsed copy; with ``version`` given it joins that version as another copy."""

    class Meta:
        model = Article
        skip_postgeneration_save = True

    batch = factory.SubFactory(BatchFactory)
    name = factory.Sequence(lambda n: f"story-{n}.txt")
    status = Article.Status.PARSED
    headline = factory.Sequence(lambda n: f"Shelling kills civilians, story {n}")
    published = factory.LazyFunction(lambda: dt.datetime(2020, 10, 8, 12, tzinfo=dt.UTC))
    timezone_name = "Asia/Yerevan"
    outlet = factory.SubFactory(OutletFactory)
    agency = "Associated Press"
    url = factory.Sequence(lambda n: f"https://news.example/story-{n}")
    body = f"YEREVAN (AP) — Fighting went on.\n\n{SENTENCE}\n\nTalks are planned."
    version = factory.SubFactory(StoryVersionFactory)
    processed_at = factory.LazyFunction(timezone.now)

    @factory.post_generation
    def make_primary(obj: Article, create: bool, extracted: object, **kwargs: object) -> None:  # noqa: N805
        if create and obj.version is not None and obj.version.primary_id is None:
            obj.version.primary = obj
            obj.version.save(update_fields=["primary"])


class ActorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Actor
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"Actor {n}")
    kind = Actor.Kind.ORGANISATION


class PlaceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Place
        django_get_or_create = ("name",)

    name = "Stepanakert"


class RecordFactory(factory.django.DjangoModelFactory):
    """A record whose evidence is the article's second paragraph."""

    class Meta:
        model = Record

    article = factory.SubFactory(ArticleFactory)
    version = factory.SelfAttribute("article.version")
    status = Record.Status.NEW
    extractor_version = "test"
    confidence = 0.9
    evidence = SENTENCE
    evidence_start = factory.LazyAttribute(lambda o: o.article.body.index(o.evidence))
    evidence_end = factory.LazyAttribute(lambda o: o.evidence_start + len(o.evidence))
    date = dt.date(2020, 10, 6)
    day = factory.LazyAttribute(lambda o: o.date or dt.date(2020, 10, 8))
    date_words = factory.LazyAttribute(
        lambda o: [
            {
                "text": "Tuesday",
                "start": o.evidence_start + SENTENCE.index("Tuesday"),
                "end": o.evidence_start + SENTENCE.index("Tuesday") + len("Tuesday"),
                "kind": "day",
                "date": o.date.isoformat() if o.date else None,
            }
        ]
    )


class CasualtyFactory(RecordFactory):
    kind = Record.Kind.CASUALTY
    number = 30
    qualifier = Record.Qualifier.AT_LEAST
    category = Record.Category.KILLED
    population = Record.Population.CIVILIANS
    claimant = factory.SubFactory(ActorFactory, name="Armenian officials")
    claimant_name = "officials"
    party = factory.SubFactory(ActorFactory, name="Armenia", kind=Actor.Kind.COUNTRY)
    party_name = "Armenia"
    figure_start = factory.LazyAttribute(lambda o: o.evidence_start)
    figure_end = factory.LazyAttribute(lambda o: o.evidence_start + len("At least 30"))


class CeasefireFactory(RecordFactory):
    class Meta:
        skip_postgeneration_save = True

    kind = Record.Kind.CEASEFIRE
    event_kind = Record.EventKind.AGREED
    broker = factory.SubFactory(ActorFactory, name="Russia", kind=Actor.Kind.COUNTRY)
    broker_name = "Russia"

    @factory.post_generation
    def parties(obj: Record, create: bool, extracted: list[Actor] | None, **kwargs: object) -> None:  # noqa: N805
        if create and extracted:
            obj.parties.set(extracted)


class StatementFactory(RecordFactory):
    kind = Record.Kind.STATEMENT
    speaker = factory.SubFactory(ActorFactory, name="Nikol Pashinian", kind=Actor.Kind.PERSON)
    speaker_name = "Pashinian"
    speaker_role = "prime minister"
    quote = "civilians were killed"
    quote_spans = factory.LazyAttribute(
        lambda o: [
            [
                o.evidence_start + SENTENCE.index(o.quote),
                o.evidence_start + SENTENCE.index(o.quote) + len(o.quote),
            ]
        ]
    )


def wipe_stories() -> None:
    """Delete every story and record, whatever a crashed or concurrent run committed.

    Called inside a test's transaction, so the deletion is rolled back with it.
    """
    Record.objects.all().delete()
    Article.objects.all().delete()
    StoryVersion.objects.all().delete()
    Story.objects.all().delete()


@pytest.fixture
def clean_slate(db: None) -> None:
    """Start from no stories and records (for test modules outside tests/casualties)."""
    wipe_stories()
