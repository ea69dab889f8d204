"""The article page with its records highlighted, a record's permalink, actors, cease-fires
and the Atom feed."""

from __future__ import annotations

import datetime as dt
from xml.etree import ElementTree

import pytest
from django.test import Client
from django.urls import reverse

from casualties.models import Record
from casualties.templatetags.highlights import highlighted_paragraphs
from casualties.views import group_truces
from tests.factories import (
    ActorFactory,
    ArticleFactory,
    CasualtyFactory,
    CeasefireFactory,
    OutletFactory,
    StatementFactory,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("clean_slate")]


def test_the_article_body_marks_each_record_in_place(journalist: Client) -> None:
    casualty = CasualtyFactory()
    statement = StatementFactory(article=casualty.article)
    html = journalist.get(reverse("articles-detail", args=[casualty.article_id])).content.decode()
    # The figure and the quote are marked, each a link to the record's card on the page.
    assert f'href="#record-{casualty.pk}"' in html and ">At least 30</a></mark>" in html
    assert f'href="#record-{statement.pk}"' in html and ">civilians were killed</a></mark>" in html
    assert f'id="record-{casualty.pk}"' in html
    assert reverse("casualties-record", args=["casualty", casualty.pk]) in html
    assert "js/highlights.js" in html


def test_a_copy_of_the_story_shows_the_records_of_its_text(journalist: Client) -> None:
    casualty = CasualtyFactory()
    copy = ArticleFactory(version=casualty.version, outlet=OutletFactory(name="Harbour Post"))
    html = journalist.get(reverse("articles-detail", args=[copy.pk])).content.decode()
    assert f'href="#record-{casualty.pk}"' in html


def test_overlapping_records_nest_into_one_mark_per_stretch() -> None:
    body = "Intro.\n\nAt least 12 died & 3 fled, officials said."
    sentence = body.split("\n\n")[1]
    start = body.index(sentence)
    wide = Record(
        pk=1, kind="ceasefire", evidence=sentence, evidence_start=start,
        evidence_end=start + len(sentence), event_kind="agreed",
    )  # fmt: skip
    narrow = Record(
        pk=2, kind="casualty", evidence=sentence, evidence_start=start,
        evidence_end=start + len(sentence), figure_start=start, figure_end=start + 11,
        number=12, category="killed", population="unspecified",
    )  # fmt: skip
    intro, paragraph = highlighted_paragraphs(body, [wide, narrow])
    assert intro == "Intro."
    assert paragraph.startswith('<mark class="hl hl-casualty"><a href="#record-2"')
    assert "died &amp; 3 fled" in paragraph  # text between marks is escaped
    assert paragraph.count("<mark") == 2


def test_offsets_that_do_not_fit_the_body_fall_back_to_finding_the_sentence() -> None:
    body = "New first paragraph.\n\nAt least 12 died, officials said."
    record = Record(
        pk=3, kind="casualty", evidence="At least 12 died, officials said.",
        evidence_start=0, evidence_end=33, figure_start=0, figure_end=11,
    )  # fmt: skip
    _, paragraph = highlighted_paragraphs(body, [record])
    assert ">At least 12</a></mark>" in paragraph


def test_the_permalink_shows_fields_date_words_sources_and_context(journalist: Client) -> None:
    record = CasualtyFactory(number=1166, qualifier="exact", population="troops")
    ArticleFactory(version=record.version, outlet=OutletFactory(name="Harbour Post"))
    same = CasualtyFactory(
        number=1166, qualifier="exact", population="troops", claimant=record.claimant
    )
    html = journalist.get(reverse("casualties-record", args=["casualty", record.pk])).content
    html = html.decode()
    assert "1,166 troops killed" in html
    assert "“Tuesday” → 2020-10-06" in html
    assert "Harbour Post" in html and record.article.url in html
    assert "extractor test" in html and "Created" in html
    assert reverse("casualties-record", args=["casualty", same.pk]) in html  # elsewhere
    assert f"/articles/{record.article_id}/#record-{record.pk}" in html


def test_a_permalink_under_the_wrong_kind_redirects_and_an_unknown_kind_is_404(
    journalist: Client,
) -> None:
    record = StatementFactory()
    response = journalist.get(reverse("casualties-record", args=["casualty", record.pk]))
    assert response.status_code == 301
    assert response["Location"] == reverse("casualties-record", args=["statement", record.pk])
    assert journalist.get(f"/records/bogus/{record.pk}/").status_code == 404


def test_an_actor_page_lists_statements_and_claims_over_time(journalist: Client) -> None:
    officials = ActorFactory(name="Karabakh officials")
    CasualtyFactory(claimant=officials, number=834, date=dt.date(2020, 10, 21))
    CasualtyFactory(claimant=officials, number=974, date=dt.date(2020, 10, 25))
    StatementFactory(speaker=officials)
    CasualtyFactory(number=5)
    html = journalist.get(reverse("casualties-actor", args=[officials.pk])).content.decode()
    assert "834" in html and "974" in html and "civilians were killed</q>" in html
    assert "at least 5 civilians" not in html
    assert '<table class="data chart-table"' in html


def test_truces_group_events_by_broker_and_restart_after_a_violation() -> None:
    russia, usa = ActorFactory(name="Russia"), ActorFactory(name="United States")
    events = [
        CeasefireFactory(broker=russia, event_kind="proposed", date=dt.date(2020, 10, 8)),
        CeasefireFactory(broker=russia, event_kind="agreed", date=dt.date(2020, 10, 10)),
        CeasefireFactory(broker=russia, event_kind="violated", date=dt.date(2020, 10, 11)),
        CeasefireFactory(broker=russia, event_kind="agreed", date=dt.date(2020, 10, 17)),
        CeasefireFactory(broker=usa, event_kind="agreed", date=dt.date(2020, 10, 25)),
    ]
    no_broker = CeasefireFactory(
        broker=None, broker_name="", event_kind="took_effect", date=dt.date(2020, 10, 26),
        article=ArticleFactory(version=events[-1].version),
    )  # fmt: skip
    records = list(
        Record.objects.filter(pk__in=[e.pk for e in [*events, no_broker]])
        .select_related("broker", "version")
        .order_by("day", "id")
    )
    truces = group_truces(records)
    assert [t.broker for t in truces] == ["United States", "Russia", "Russia"]
    usa_truce, second, first = truces
    assert usa_truce.agreed.day == dt.date(2020, 10, 25)
    assert usa_truce.took_effect.day == dt.date(2020, 10, 26)
    assert first.proposed.day == dt.date(2020, 10, 8) and first.broken.day == dt.date(2020, 10, 11)
    assert second.agreed.day == dt.date(2020, 10, 17) and second.broken is None


def test_the_ceasefires_page_shows_each_truce_and_its_events(journalist: Client) -> None:
    armenia, azerbaijan = ActorFactory(name="Armenia"), ActorFactory(name="Azerbaijan")
    CeasefireFactory(event_kind="agreed", parties=[armenia, azerbaijan])
    CeasefireFactory(event_kind="violated", date=dt.date(2020, 10, 12))
    html = journalist.get(reverse("casualties-ceasefires")).content.decode()
    assert "Russia</a>-brokered truce between Armenia and Azerbaijan" in html
    assert "Broken" in html and "12 Oct 2020" in html


def test_the_feed_is_atom_with_new_records_under_the_filters(journalist: Client) -> None:
    CasualtyFactory(number=77)
    StatementFactory()
    response = journalist.get(reverse("casualties-feed"), {"kind": "casualty"})
    assert response["Content-Type"].startswith("application/atom+xml")
    root = ElementTree.fromstring(response.content)
    entries = root.findall("{http://www.w3.org/2005/Atom}entry")
    assert len(entries) == 1
    assert "at least 77 civilians killed" in entries[0].findtext(
        "{http://www.w3.org/2005/Atom}title"
    )


@pytest.mark.parametrize(
    "name",
    [
        "casualties-timeline",
        "casualties-chart",
        "casualties-ceasefires",
        "casualties-feed",
        "casualties-export-csv",
        "casualties-export-json",
    ],
)
def test_every_page_needs_a_login(client: Client, name: str) -> None:
    response = client.get(reverse(name))
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))
