"""Extraction results are stored once per story text, linked to canonical actors, and
re-extraction never undoes an editor's work."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from django.core.management import call_command

from articles.models import Article, StoryVersion
from casualties.models import Actor, ActorAlias, Record
from casualties.services import extract_version
from tests.articles.pages import html_page, saved_text_page, write

pytestmark = pytest.mark.django_db(transaction=True)


def import_pages(tmp_path: Path, capsys: pytest.CaptureFixture[str], **pages: str) -> dict:
    for name, text in pages.items():
        write(tmp_path / name, text)
    call_command("import_articles", str(tmp_path), "--json")
    return json.loads(capsys.readouterr().out)


@pytest.fixture
def story(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> StoryVersion:
    import_pages(tmp_path, capsys, **{"a.txt": saved_text_page(), "b.html": html_page()})
    return StoryVersion.objects.get()


def test_records_are_extracted_once_for_two_copies_of_a_story(story: StoryVersion) -> None:
    records = Record.objects.filter(version=story)
    assert records.exists()
    assert Record.objects.count() == records.count()  # the duplicate copy added nothing
    kinds = set(records.values_list("kind", flat=True))
    assert {"casualty", "statement"} <= kinds
    assert story.extracted_version


def test_evidence_offsets_point_into_the_primary_copy_body(story: StoryVersion) -> None:
    body = story.primary.body
    for record in Record.objects.filter(version=story):
        assert body[record.evidence_start : record.evidence_end] == record.evidence
        assert record.article_id == story.primary_id
        if record.kind == "casualty":
            assert body[record.figure_start : record.figure_end].strip()


def test_casualty_figures_carry_claimant_and_date(story: StoryVersion) -> None:
    killed = Record.objects.get(version=story, kind="casualty", category="killed")
    assert (killed.number, killed.qualifier, killed.population) == (12, "at_least", "civilians")
    assert killed.claimant is not None and "officials" in killed.claimant.name
    # "on Tuesday" in a story published on Tuesday 14 March 2023 is that day.
    assert killed.day.isoformat() == "2023-03-14"
    assert any(w["text"].endswith("Tuesday") for w in killed.date_words)


def test_an_unknown_speaker_becomes_an_actor_pending_review(story: StoryVersion) -> None:
    statement = Record.objects.get(version=story, kind="statement")
    assert statement.speaker.name == "Marta Ilves"
    assert statement.speaker.needs_review is True
    assert statement.quote.startswith("We are counting the dead")


def test_a_registry_alias_resolves_to_the_canonical_actor(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    governor = Actor.objects.create(name="Marta Ilves-Rand", kind="person")
    ActorAlias.objects.create(actor=governor, alias="Marta Ilves")
    import_pages(tmp_path, capsys, **{"a.txt": saved_text_page()})
    statement = Record.objects.get(kind="statement")
    assert statement.speaker == governor
    assert statement.speaker_name  # the words of the text are kept beside the link


def test_running_extraction_again_stores_nothing_twice(story: StoryVersion) -> None:
    before = sorted(Record.objects.values_list("pk", "machine_key"))
    summary = extract_version(story.pk, force=True)
    assert summary is not None and summary.created == 0
    assert sorted(Record.objects.values_list("pk", "machine_key")) == before
    assert extract_version(story.pk).skipped  # same extractor version: nothing to do


def test_reextraction_keeps_corrected_records_and_marks_vanished_ones_stale(
    story: StoryVersion,
) -> None:
    records = list(Record.objects.filter(version=story).order_by("pk"))
    corrected, untouched_gone, touched_gone = records[0], records[1], records[2]
    Record.objects.filter(pk=corrected.pk).update(status="corrected", number=99)
    Record.objects.filter(pk=touched_gone.pk).update(status="verified", machine_key="x" * 64)
    Record.objects.filter(pk=untouched_gone.pk).update(machine_key="y" * 64)

    extract_version(story.pk, force=True)

    corrected.refresh_from_db()
    assert (corrected.status, corrected.number) == ("corrected", 99)
    touched_gone.refresh_from_db()
    assert touched_gone.status == "stale"
    # The untouched one vanished from the machine output and was removed; its figure
    # was extracted again under its real key.
    assert not Record.objects.filter(machine_key="y" * 64).exists()
    assert Record.objects.filter(version=story, machine_key=untouched_gone.machine_key).exists()


def test_reextract_command_queues_versions_of_an_older_extractor(
    story: StoryVersion, capsys: pytest.CaptureFixture[str]
) -> None:
    StoryVersion.objects.update(extracted_version="0.0.1")
    call_command("reextract")
    assert "Queued 1 story versions" in capsys.readouterr().out
    story.refresh_from_db()
    assert story.extracted_version != "0.0.1"


def test_an_article_that_failed_to_parse_has_no_records(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import_pages(tmp_path, capsys, **{"broken.html": "<html><head></head></html>"})
    assert Article.objects.get().status == "failed"
    assert not Record.objects.exists()


def test_cease_fire_events_link_their_broker_and_parties(
    capsys: pytest.CaptureFixture[str],
) -> None:
    sample = Path(__file__).resolve().parents[2] / "articles" / "samples"
    call_command("import_articles", str(sample / "02_karabakh-truce-falters.txt"), "--json")
    capsys.readouterr()
    agreed = Record.objects.get(kind="ceasefire", event_kind="agreed")
    assert agreed.broker.name == "Russia"
    assert agreed.date.isoformat() == "2020-10-10"
    violated = Record.objects.get(kind="ceasefire", event_kind="violated")
    assert sorted(violated.parties.values_list("name", flat=True)) == ["Armenia", "Azerbaijan"]
    # Re-extraction replaces the links without duplicating them.
    extract_version(violated.version_id, force=True)
    assert violated.parties.count() == 2
