"""Done when: after importing the four seed stories, a journalist's timeline shows their
figures, cease-fire events and quotes with claimants and resolved dates; the chart shows the
Nagorno-Karabakh officials' line rising over October; the exports carry every record."""

from __future__ import annotations

import csv
import io
import json

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from casualties import charts
from casualties.models import Record
from tests.conftest import SHARED
from tests.factories import clean_slate  # noqa: F401 (a fixture)

SEEDS = SHARED / "corpus" / "seeds"
pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("clean_slate"),
    pytest.mark.skipif(not SEEDS.is_dir(), reason=f"the seed stories are not at {SEEDS}"),
]


@pytest.fixture
def journalist(client: Client, role_user, capsys: pytest.CaptureFixture[str]) -> Client:  # type: ignore[no-untyped-def]
    call_command("import_articles", str(SEEDS), "--json")
    capsys.readouterr()
    client.force_login(role_user("journalist"))
    return client


def test_the_timeline_shows_figures_events_and_quotes_with_claimants(journalist: Client) -> None:
    html = journalist.get(reverse("casualties-timeline"), {"kind": "casualty"}).content.decode()
    assert "1,166 troops killed" in html
    assert "Nagorno-Karabakh officials" in html
    assert '<time datetime="2020-10-30"' in html
    html = journalist.get(reverse("casualties-timeline")).content.decode()
    assert "Cease-fire" in html and '<q class="quote">' in html
    # A date resolved from the words of the text, shown on hover.
    assert "→ " in html and "Oct 2020" in html


def test_the_officials_troop_toll_rises_over_october(journalist: Client) -> None:
    chart = charts.build_chart(Record.objects.filter(version__is_latest=True))
    line = next(
        line
        for line in chart.lines
        if line.claimant == "Nagorno-Karabakh officials" and line.population == "troops"
    )
    values = [p.value for p in line.points]
    # The registry knows "Nagorno-Karabakh military" as the same claimant.
    assert values == [376, 834, 974, 1166]
    assert all(p.day.month == 10 for p in line.points)
    html = journalist.get(reverse("casualties-chart")).content.decode()
    assert "Nagorno-Karabakh officials: troops killed" in html


def test_the_exports_carry_every_record(journalist: Client) -> None:
    shown = Record.objects.exclude(status="rejected").filter(version__is_latest=True).count()
    assert shown > 10
    response = journalist.get(reverse("casualties-export-csv"))
    rows = list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert len(rows) == shown
    assert all(row["evidence"] and row["kind"] for row in rows)
    response = journalist.get(reverse("casualties-export-json"))
    assert len(json.loads(b"".join(response.streaming_content))) == shown


def test_an_anonymous_visitor_is_sent_to_the_login_page(client: Client) -> None:
    response = client.get("/", follow=True)
    assert response.redirect_chain[-1][0].startswith(reverse("login"))
