"""`seed_synthetic` fills the archive with consistent stories and records in bulk."""

from __future__ import annotations

import pytest
from django.core.management import call_command

from articles.models import Article, StoryVersion
from casualties.models import Record

pytestmark = pytest.mark.django_db


def test_synthetic_articles_have_records_whose_evidence_is_in_their_text(
    capsys: pytest.CaptureFixture[str],
) -> None:
    call_command("seed_synthetic", "--articles", "60")
    assert "Seeded 60 articles" in capsys.readouterr().out
    assert StoryVersion.objects.count() == 60
    assert Article.objects.filter(status="parsed").count() == 60
    records = list(Record.objects.select_related("article"))
    assert len(records) >= 60 * 4
    for record in records:
        body = record.article.body
        assert body[record.evidence_start : record.evidence_end] == record.evidence
        if record.kind == "statement":
            start, end = record.quote_spans[0]
            assert body[start:end] == record.quote
    kinds = {r.kind for r in records}
    assert kinds == {"casualty", "ceasefire", "statement"}
    assert {r.status for r in records} >= {"new"}
    assert Article.objects.filter(status="duplicate").exists()  # copies from other outlets


def test_seeding_twice_adds_more_without_clashing(capsys: pytest.CaptureFixture[str]) -> None:
    call_command("seed_synthetic", "--articles", "10", "--seed", "1")
    call_command("seed_synthetic", "--articles", "10", "--seed", "2")
    assert StoryVersion.objects.count() == 20
