"""Editors' verdicts measure the extractor, and their work exports as gold data."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command

from casualties import editing
from casualties.management.commands.export_gold import gold_file_name
from casualties.models import Record
from casualties.quality import quality_report
from tests.articles.pages import saved_text_page, write

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def reviewed(tmp_path: Path, capsys: pytest.CaptureFixture[str], role_user) -> dict[str, Record]:  # type: ignore[no-untyped-def]
    write(tmp_path / "story.txt", saved_text_page())
    call_command("import_articles", str(tmp_path), "--json")
    capsys.readouterr()
    editor = role_user("editor")
    killed = Record.objects.get(kind="casualty", category="killed")
    wounded = Record.objects.get(kind="casualty", category="wounded")
    quote = Record.objects.get(kind="statement")
    editing.correct(killed.pk, user=editor, expected_version=0, changes={"number": 15})
    editing.set_status(wounded.pk, "rejected", user=editor, expected_version=0)
    editing.set_status(quote.pk, "verified", user=editor, expected_version=0)
    return {"killed": killed, "wounded": wounded, "quote": quote}


def test_quality_counts_verdicts_per_kind_and_version(reviewed) -> None:  # type: ignore[no-untyped-def]
    rows = {row.kind: row for row in quality_report()}
    casualty, statement = rows["casualty"], rows["statement"]
    assert (casualty.corrected, casualty.rejected, casualty.verified) == (1, 1, 0)
    assert casualty.strict_precision == 0.0 and casualty.lenient_precision == 0.5
    assert (statement.verified, statement.strict_precision) == (1, 1.0)
    if settings.USING_POSTGRES:
        assert casualty.corrected_fields == {"number": 1}


def test_extraction_quality_prints_the_table(reviewed, capsys: pytest.CaptureFixture[str]) -> None:  # type: ignore[no-untyped-def]
    call_command("extraction_quality")
    out = capsys.readouterr().out
    assert "strict" in out and "casualty" in out and "50.0%" in out


def test_export_gold_writes_only_reviewed_records(
    reviewed, capsys: pytest.CaptureFixture[str]
) -> None:  # type: ignore[no-untyped-def]
    call_command("export_gold", "--verified-only")
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 1
    record = json.loads(lines[0])
    assert record["file"] == "story.txt" and record["published"] == "2023-03-14"
    assert [c["number"] for c in record["casualties"]] == [15]
    assert [s["quote"][:9] for s in record["statements"]] == ["We are co"]
    assert record["ceasefire_events"] == []
    for section in ("casualties", "statements"):
        for entry in record[section]:
            assert entry["evidence"] in reviewed["killed"].article.body


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("a/b/story.txt", "story.txt"),
        ("x.zip:in/c.txt", "c.txt"),
        ("d/feed.jsonl:3", "feed.jsonl:3"),
    ],
)
def test_gold_file_names(name: str, expected: str) -> None:
    assert gold_file_name(name) == expected
