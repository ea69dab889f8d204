"""The timeline: every record by day, filters in the query string, sources, escaping."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse

from casualties.models import Record
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


def timeline(client: Client, **params: str) -> str:
    response = client.get(reverse("casualties-timeline"), params)
    assert response.status_code == 200
    return response.content.decode()


def test_an_anonymous_visitor_is_sent_to_the_login_page(client: Client) -> None:
    response = client.get(reverse("casualties-timeline"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_the_root_redirects_to_the_timeline(journalist: Client) -> None:
    response = journalist.get("/")
    assert response.status_code == 302
    assert response["Location"] == reverse("casualties-timeline")


def test_each_kind_shows_its_figure_quote_claimant_and_date_words(journalist: Client) -> None:
    CasualtyFactory(number=1166, qualifier="more_than", day=dt.date(2020, 10, 30))
    StatementFactory(day=dt.date(2020, 10, 21))
    CeasefireFactory(day=dt.date(2020, 10, 10))
    html = timeline(journalist)
    assert "more than 1,166 civilians killed" in html
    assert "Armenian officials" in html
    assert "civilians were killed</q>" in html and "Nikol Pashinian" in html
    assert "Cease-fire agreed" in html and "Russia" in html
    assert "“Tuesday” → 6 Oct 2020" in html  # the date words on hover
    # Newest day first.
    assert (
        html.index("30 October 2020")
        < html.index("21 October 2020")
        < html.index("10 October 2020")
    )


def test_a_claim_from_several_copies_appears_once_with_every_source(journalist: Client) -> None:
    record = CasualtyFactory()
    ArticleFactory(version=record.version, outlet=OutletFactory(name="Harbour Post"))
    html = timeline(journalist)
    assert html.count('class="entry entry-casualty') == 1
    assert record.article.outlet.name in html and "Harbour Post" in html


def test_the_same_claim_in_two_stories_is_one_entry_linking_both(journalist: Client) -> None:
    first = CasualtyFactory(number=42)
    second = CasualtyFactory(number=42, claimant=first.claimant)
    html = timeline(journalist)
    assert html.count('class="entry entry-casualty') == 1
    assert f"record {first.pk}" in html and f"record {second.pk}" in html


def test_rejected_and_superseded_records_are_hidden_unless_asked_for(journalist: Client) -> None:
    CasualtyFactory(number=11, status=Record.Status.REJECTED)
    old = CasualtyFactory(number=22)
    old.version.is_latest = False
    old.version.save()
    CasualtyFactory(number=33)
    html = timeline(journalist)
    assert "33 civilians" in html and "11 civilians" not in html and "22 civilians" not in html
    html = timeline(journalist, rejected="on", superseded="on")
    assert "11 civilians" in html and "22 civilians" in html


@pytest.mark.parametrize(
    ("params", "shown", "hidden"),
    [
        ({"kind": "statement"}, ["civilians were killed</q>"], ["Cease-fire agreed"]),
        ({"category": "wounded"}, ["7 troops wounded"], ["at least 30 civilians killed"]),
        ({"start": "2020-10-09", "end": "2020-10-20"}, ["Cease-fire agreed"], ["7 troops"]),
        ({"verified": "on"}, ["7 troops wounded"], ["at least 30 civilians"]),
    ],
    ids=["kind", "category", "date-range", "verified-only"],
)
def test_filters_narrow_the_records(
    journalist: Client, params: dict[str, str], shown: list[str], hidden: list[str]
) -> None:
    CasualtyFactory()
    CasualtyFactory(
        number=7,
        qualifier="exact",
        category="wounded",
        population="troops",
        status=Record.Status.VERIFIED,
        date=dt.date(2020, 10, 1),
    )
    StatementFactory()
    CeasefireFactory(date=dt.date(2020, 10, 10))
    html = timeline(journalist, **params)
    for text in shown:
        assert text in html
    for text in hidden:
        assert text not in html


def test_the_actor_filter_finds_claimant_speaker_party_and_parties(journalist: Client) -> None:
    armenia = ActorFactory(name="Armenia")
    CasualtyFactory(number=5, party=armenia)
    CeasefireFactory(parties=[armenia], broker=ActorFactory(name="France"))
    StatementFactory(speaker=ActorFactory(name="Someone Else"))
    html = timeline(journalist, actor=str(armenia.pk))
    assert "5 civilians" in html and "Cease-fire agreed" in html
    assert "Someone Else" not in html.split('id="records-h"')[1]
    html = timeline(journalist, actor=str(armenia.pk), role="claimant")
    assert "No records match" in html


def test_the_outlet_filter_matches_any_copy_of_the_story(journalist: Client) -> None:
    record = CasualtyFactory(number=5)
    CasualtyFactory(number=6)
    copy = ArticleFactory(version=record.version, outlet=OutletFactory(name="Harbour Post"))
    html = timeline(journalist, outlet=str(copy.outlet_id))
    assert "5 civilians" in html and "6 civilians" not in html


def test_the_place_filter_matches_the_sentence(journalist: Client) -> None:
    place = PlaceFactory(name="Stepanakert")
    body = "Fighting.\n\nShelling in Stepanakert killed 4 civilians, officials said."
    CasualtyFactory(
        number=4,
        article=ArticleFactory(body=body),
        evidence="Shelling in Stepanakert killed 4 civilians, officials said.",
    )
    CasualtyFactory(number=9)
    html = timeline(journalist, place=str(place.pk))
    assert "4 civilians" in html and "9 civilians" not in html


@pytest.mark.parametrize(
    ("common_from", "listed_up_to"),
    [(1, 20000), (2000, 20000), (2000, 0)],
    ids=["common-word", "rarer-word", "rarer-word-many-matches"],
)
def test_search_covers_quotes_evidence_and_article_text(
    journalist: Client,
    common_from: int,
    listed_up_to: int,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # Every way of searching: walking the timeline (a word in many articles), joining the
    # two indexed id sets (a rarer one), read as a list or, past the limit, as a subquery.
    monkeypatch.setattr("casualties.filters.COMMON_WORD_ARTICLES", common_from)
    monkeypatch.setattr("casualties.filters.MAX_LISTED_MATCHES", listed_up_to)
    StatementFactory(quote="civilians were killed")
    CasualtyFactory(
        number=8,
        article=ArticleFactory(
            body="Drones struck a dam near Martuni.\n\n" + "At least 30 civilians were killed "
            "in shelling on Tuesday, officials said."
        ),
    )
    CeasefireFactory()
    assert "8 civilians" in timeline(journalist, q="dam")
    assert "8 civilians" not in timeline(journalist, q="Pashinian -dam")
    html = timeline(journalist, q='"civilians were killed"')
    assert "civilians were killed</q>" in html


def test_filter_state_round_trips_through_the_query_string(journalist: Client) -> None:
    for number in range(60):
        CasualtyFactory(number=number + 100)
    html = timeline(journalist, kind="casualty", q="civilians")
    assert 'value="civilians"' in html
    assert "kind=casualty&amp;q=civilians&amp;page=2" in html
    assert "export.csv?kind=casualty&amp;q=civilians" in html
    page2 = timeline(journalist, kind="casualty", q="civilians", page="2")
    assert "Page 2 of 2" in page2


def test_a_bad_filter_value_is_reported_not_a_server_error(journalist: Client) -> None:
    CasualtyFactory()
    html = timeline(journalist, start="not-a-date", actor="999999")
    assert "not understood" in html
    assert "at least 30 civilians killed" in html


def test_hostile_article_text_is_escaped_everywhere(journalist: Client) -> None:
    evil = '<script>alert("x")</script>'
    body = f"Intro.\n\nAt least 30 civilians were killed {evil}, officials said."
    article = ArticleFactory(body=body, headline=evil, outlet=OutletFactory(name=evil))
    sentence = body.split("\n\n")[1]
    record = CasualtyFactory(
        article=article,
        evidence=sentence,
        claimant=None,
        claimant_name=evil,
        party=None,
        party_name=evil,
    )
    StatementFactory(
        article=article,
        evidence=sentence,
        speaker=None,
        speaker_name=evil,
        quote=evil,
        quote_spans=[[body.index(evil), body.index(evil) + len(evil)]],
    )
    pages = [
        reverse("casualties-timeline"),
        reverse("casualties-record", args=["casualty", record.pk]),
        reverse("articles-detail", args=[article.pk]),
        reverse("casualties-feed"),
    ]
    for url in pages:
        content = journalist.get(url).content.decode()
        assert "<script>alert" not in content, url
        assert "&lt;script&gt;" in content, url
