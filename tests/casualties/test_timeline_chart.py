"""The casualty chart: one line per claimant and category, points linked to evidence."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse

from casualties import charts
from casualties.models import Record
from tests.factories import ActorFactory, CasualtyFactory, clean_slate  # noqa: F401

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("clean_slate")]


def karabakh_claims() -> list[Record]:
    officials = ActorFactory(name="Nagorno-Karabakh officials")
    azerbaijan = ActorFactory(name="Azerbaijan")
    troops = {"population": "troops", "qualifier": "exact", "claimant": officials}
    made = [
        CasualtyFactory(number=n, date=dt.date(2020, 10, d), **troops)
        for n, d in [(376, 9), (834, 21), (974, 25), (1166, 30)]
    ]
    made += [
        CasualtyFactory(number=n, qualifier=q, claimant=azerbaijan, date=dt.date(2020, 10, d))
        for n, q, d in [(63, "exact", 21), (90, "at_least", 30)]
    ]
    return made


def test_one_line_per_claimant_and_category_rising_over_time() -> None:
    karabakh_claims()
    chart = charts.build_chart(Record.objects.all())
    lines = {line.label: line for line in chart.lines}
    officials = lines["Nagorno-Karabakh officials: troops killed"]
    assert [p.value for p in officials.points] == [376, 834, 974, 1166]
    assert [p.y for p in officials.points] == sorted((p.y for p in officials.points), reverse=True)
    azerbaijan = lines["Azerbaijan: civilians killed"]
    assert [(p.value, p.symbol) for p in azerbaijan.points] == [(63, ""), (90, "≥")]


def test_a_vague_figure_is_plotted_at_its_low_bound() -> None:
    CasualtyFactory(number=None, low=200, qualifier="at_least", approx_words="hundreds")
    (line,) = charts.build_chart(Record.objects.all()).lines
    assert (line.points[0].value, line.points[0].symbol) == (200, "≥")
    assert "hundreds" in line.points[0].text


def test_the_chart_page_draws_svg_with_linked_points_and_a_table(client: Client, role_user) -> None:  # type: ignore[no-untyped-def]
    client.force_login(role_user("journalist"))
    made = karabakh_claims()
    html = client.get(reverse("casualties-chart")).content.decode()
    assert "<svg" in html and "<polyline" in html
    permalink = reverse("casualties-record", args=["casualty", made[-3].pk])
    assert f'<a href="{permalink}" class="point">' in html
    table = html.split('<table class="data chart-table"')[1]
    assert "1,166" in table and "at least 90" in table and permalink in table


def test_the_chart_is_cached_until_a_record_changes() -> None:
    made = karabakh_claims()
    records = Record.objects.all()
    first = charts.cached_chart(records, {})
    assert charts.cached_chart(records, {}).lines[0].points[-1].value == 1166
    Record.objects.filter(pk=made[3].pk).update(number=1200, updated_at=dt.datetime.now(dt.UTC))
    again = charts.cached_chart(records, {})
    assert again.lines[0].points[-1].value == 1200
    assert first.lines[0].points[-1].value == 1166


def test_the_drawn_figure_is_cached_with_the_data_and_redrawn_when_a_record_changes() -> None:
    from django.core.cache import cache

    from casualties.templatetags.chart_tags import chart_figure

    cache.clear()
    claims = karabakh_claims()
    first = charts.cached_chart(Record.objects.all(), {})
    assert first.cache_key
    html = chart_figure(first)
    assert "1,166" in html and html == chart_figure(charts.cached_chart(Record.objects.all(), {}))
    assert cache.get(f"{first.cache_key}:html:chart:1:") == html
    Record.objects.filter(pk=claims[3].pk).update(number=1200)
    Record.objects.filter(pk=claims[3].pk).first().save()  # bumps updated_at
    again = charts.cached_chart(Record.objects.all(), {})
    assert again.cache_key != first.cache_key
    assert "1,200" in chart_figure(again)


def test_an_uncached_chart_is_drawn_directly() -> None:
    karabakh_claims()
    chart = charts.build_chart(Record.objects.all())
    assert chart.cache_key == ""
    assert "<svg" in chart_figure_html(chart)


def chart_figure_html(chart: charts.Chart) -> str:
    from casualties.templatetags.chart_tags import chart_figure

    return str(chart_figure(chart, "actor-chart"))


def test_the_timeline_links_to_the_table_and_a_dense_chart_marks_latest_points(
    client: Client,
    role_user,  # type: ignore[no-untyped-def]
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    client.force_login(role_user("journalist"))
    karabakh_claims()
    html = client.get(reverse("casualties-timeline") + "?kind=casualty").content.decode()
    assert "chart-table" not in html and html.count('class="point"') == 6
    assert '<a href="/chart/?kind=casualty">Every charted figure as a table</a>' in html
    monkeypatch.setattr(charts, "DENSE_POINTS", 3)
    chart = charts.build_chart(Record.objects.all())
    drawn = chart_figure_html(chart)
    assert chart.dense and drawn.count('class="point"') == len(chart.lines) == 2
    assert drawn.count("<tr>") == 1 + 6 and "only each line's latest is marked" in drawn
