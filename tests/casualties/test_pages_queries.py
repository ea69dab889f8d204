"""No N+1: each page runs as many queries with 30 records as with 3."""

from __future__ import annotations

import itertools

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from articles.models import Article
from casualties.models import Actor, Record
from tests.factories import (
    ActorFactory,
    ArticleFactory,
    CasualtyFactory,
    CeasefireFactory,
    OutletFactory,
    PlaceFactory,
    StatementFactory,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("clean_slate")]
counter = itertools.count()


def add_records(count: int) -> None:
    """Records of every kind, each story with two copies, truces with two parties."""
    factories = itertools.cycle([CasualtyFactory, StatementFactory, CeasefireFactory])
    for _ in range(count):
        n = next(counter)
        factory = next(factories)
        extra: dict[str, object] = {}
        if factory is CasualtyFactory:
            extra = {"number": 100 + n, "claimant": ActorFactory(name=f"Claimant {n % 4}")}
        elif factory is StatementFactory:
            extra = {"speaker": ActorFactory(name=f"Speaker {n}")}
        else:
            extra = {"parties": [ActorFactory(name=f"Side {n}"), ActorFactory(name="Armenia")]}
        record = factory(**extra)
        ArticleFactory(version=record.version, outlet=OutletFactory(name=f"Outlet copy {n}"))


def queries(client: Client, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
        assert response.status_code == 200, url
        if response.streaming:
            b"".join(response.streaming_content)
    return len(captured)


def page_urls() -> dict[str, str]:
    armenia = Actor.objects.get(name="Armenia")
    outlet = Article.objects.filter(outlet__isnull=False).values_list("outlet_id", flat=True)[0]
    place = PlaceFactory()
    return {
        "timeline": reverse("casualties-timeline"),
        "timeline filtered": reverse("casualties-timeline")
        + f"?q=civilians&actor={armenia.pk}&outlet={outlet}&place={place.pk}&verified=",
        "chart": reverse("casualties-chart"),
        "actor": reverse("casualties-actor", args=[armenia.pk]),
        "ceasefires": reverse("casualties-ceasefires"),
        "feed": reverse("casualties-feed"),
        "csv": reverse("casualties-export-csv"),
        "json": reverse("casualties-export-json"),
    }


def test_list_pages_and_exports_do_not_grow_with_the_data(client: Client, role_user) -> None:  # type: ignore[no-untyped-def]
    client.force_login(role_user("journalist"))
    add_records(3)
    few = {name: queries(client, url) for name, url in page_urls().items()}
    add_records(27)
    many = {name: queries(client, url) for name, url in page_urls().items()}
    assert many == few
    print("queries per page:", few)


def test_the_article_page_and_a_permalink_do_not_grow_with_their_records(
    client: Client, role_user
) -> None:  # type: ignore[no-untyped-def]
    client.force_login(role_user("journalist"))
    article = ArticleFactory()
    first = CasualtyFactory(article=article)

    def add(count: int) -> None:
        for _ in range(count):
            CasualtyFactory(article=article)  # the same claim again: listed on the permalink
            StatementFactory(article=article)
            CeasefireFactory(article=article, parties=[ActorFactory(name="Armenia")])
            ArticleFactory(version=article.version)

    urls = [
        reverse("articles-detail", args=[article.pk]),
        reverse("casualties-record", args=["casualty", first.pk]),
    ]
    add(1)
    few = [queries(client, url) for url in urls]
    add(10)
    assert Record.objects.filter(article=article).count() == 34
    assert [queries(client, url) for url in urls] == few
    print("article, permalink:", few)
