"""CSV and JSON exports: every record under the filters, every field, streamed."""

from __future__ import annotations

import csv
import io
import json

import pytest
from django.test import Client
from django.urls import reverse

from casualties.models import Record
from casualties.views import EXPORT_FIELDS
from tests.factories import (
    ArticleFactory,
    CasualtyFactory,
    CeasefireFactory,
    OutletFactory,
    StatementFactory,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("clean_slate")]


def download(client: Client, name: str, **params: str) -> tuple[object, str]:
    response = client.get(reverse(name), params)
    assert response.status_code == 200
    assert response.streaming  # never built in memory
    return response, b"".join(response.streaming_content).decode()


def test_the_csv_has_every_field_the_evidence_and_the_source_url(journalist: Client) -> None:
    casualty = CasualtyFactory(number=1166)
    ArticleFactory(version=casualty.version, outlet=OutletFactory(name="Harbour Post"))
    StatementFactory()
    CeasefireFactory()
    response, text = download(journalist, "casualties-export-csv")
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    rows = list(csv.DictReader(io.StringIO(text)))
    assert len(rows) == 3
    assert list(rows[0]) == EXPORT_FIELDS
    assert {f.attname for f in Record._meta.concrete_fields} <= set(rows[0])
    row = next(r for r in rows if r["kind"] == "casualty")
    assert row["number"] == "1166" and row["claimant"] == "Armenian officials"
    assert row["evidence"] == casualty.evidence
    assert row["source_url"] == casualty.article.url
    assert "Harbour Post" in row["sources"]
    assert row["permalink"].endswith(reverse("casualties-record", args=["casualty", casualty.pk]))


def test_the_json_export_carries_the_same_records_under_the_filters(journalist: Client) -> None:
    armenia_claim = CasualtyFactory(number=5)
    CeasefireFactory()
    _, text = download(journalist, "casualties-export-json", kind="casualty")
    records = json.loads(text)
    assert [r["id"] for r in records] == [armenia_claim.pk]
    record = records[0]
    assert record["date_words"][0]["text"] == "Tuesday"
    assert record["sources"][0]["url"] == armenia_claim.article.url
    assert set(EXPORT_FIELDS) == set(record)


def test_an_empty_export_is_still_valid(journalist: Client) -> None:
    _, text = download(journalist, "casualties-export-json")
    assert json.loads(text) == []
    _, text = download(journalist, "casualties-export-csv")
    assert text.splitlines() == [",".join(EXPORT_FIELDS)]


def test_csv_cells_that_a_spreadsheet_would_run_are_defused(journalist: Client) -> None:
    body = 'Intro.\n\n=HYPERLINK("http://evil") said 30 died.'
    CasualtyFactory(
        article=ArticleFactory(body=body),
        evidence='=HYPERLINK("http://evil") said 30 died.',
        claimant=None,
        claimant_name="@SUM(1)",
    )
    _, text = download(journalist, "casualties-export-csv")
    row = next(csv.DictReader(io.StringIO(text)))
    assert row["evidence"].startswith("'=HYPERLINK")
    assert row["claimant_name"] == "'@SUM(1)"
    _, text = download(journalist, "casualties-export-json")
    assert json.loads(text)[0]["evidence"].startswith("=HYPERLINK")  # JSON keeps the text


def test_records_are_read_in_chunks_with_their_parties_and_sources(
    journalist: Client, monkeypatch: pytest.MonkeyPatch
) -> None:
    from casualties import views
    from tests.factories import ActorFactory

    monkeypatch.setattr(views, "EXPORT_CHUNK", 2)
    made = [
        CeasefireFactory(parties=[ActorFactory(name=f"Side {n}"), ActorFactory(name="Armenia")])
        for n in range(5)
    ]
    _, text = download(journalist, "casualties-export-json")
    records = {r["id"]: r for r in json.loads(text)}
    assert set(records) == {m.pk for m in made}
    for n, record in enumerate(made):
        assert records[record.pk]["parties"] == ["Armenia", f"Side {n}"]
        assert records[record.pk]["sources"][0]["url"] == record.article.url
