"""Editors' corrections are validated, pinned against re-extraction, kept in the audit
history with who and when, revertible, and never silently overwritten."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command

from casualties import editing
from casualties.models import Actor, Record
from casualties.services import extract_version
from tests.articles.pages import saved_text_page, write

pytestmark = pytest.mark.django_db(transaction=True)
needs_postgres = pytest.mark.skipif(
    not settings.USING_POSTGRES, reason="the audit trail is kept by PostgreSQL triggers"
)


@pytest.fixture
def claim(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Record:
    write(tmp_path / "a.txt", saved_text_page())
    call_command("import_articles", str(tmp_path), "--json")
    json.loads(capsys.readouterr().out)
    return Record.objects.get(kind="casualty", category="killed")


@pytest.fixture
def editor(role_user):  # type: ignore[no-untyped-def]
    return role_user("editor")


def test_a_correction_changes_the_figure_and_pins_the_record(claim: Record, editor) -> None:  # type: ignore[no-untyped-def]
    corrected = editing.correct(
        claim.pk,
        user=editor,
        expected_version=claim.lock_version,
        changes={"number": 15, "qualifier": "exact"},
        note="the governor updated the toll",
    )
    assert (corrected.number, corrected.status) == (15, "corrected")
    assert corrected.lock_version == claim.lock_version + 1
    extract_version(claim.version_id, force=True)  # re-extraction leaves it alone
    claim.refresh_from_db()
    assert (claim.number, claim.qualifier, claim.status) == (15, "exact", "corrected")


def test_a_stale_save_is_refused_with_the_other_editors_change(
    claim: Record, editor, role_user
) -> None:  # type: ignore[no-untyped-def]
    other = role_user("superuser")
    opened_at = claim.lock_version
    editing.correct(claim.pk, user=other, expected_version=opened_at, changes={"number": 13})
    with pytest.raises(editing.StaleEdit) as refused:
        editing.correct(claim.pk, user=editor, expected_version=opened_at, changes={"number": 14})
    claim.refresh_from_db()
    assert claim.number == 13
    assert "Your change was not saved" in str(refused.value)
    if settings.USING_POSTGRES:
        assert "root" in str(refused.value) and "number" in str(refused.value)


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"number": 0}, "positive whole number"),
        ({"low": 20, "high": 10}, "lower bound"),
        ({"date": __import__("datetime").date(2031, 1, 1)}, "after the article's publication"),
        ({"verified": True}, "cannot be edited"),
    ],
)
def test_invalid_corrections_are_explained(claim: Record, editor, changes, message) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(editing.EditError, match=message):
        editing.correct(claim.pk, user=editor, expected_version=claim.lock_version, changes=changes)
    claim.refresh_from_db()
    assert claim.status == "new"


def test_a_rejected_record_stays_rejected_after_reextraction(claim: Record, editor) -> None:  # type: ignore[no-untyped-def]
    before = Record.objects.filter(version=claim.version).count()
    editing.set_status(claim.pk, "rejected", user=editor, expected_version=claim.lock_version)
    extract_version(claim.version_id, force=True)
    assert Record.objects.get(pk=claim.pk).status == "rejected"
    assert Record.objects.filter(version=claim.version).count() == before  # not resurrected


def test_changing_the_claimant_links_the_actor_and_its_name(claim: Record, editor) -> None:  # type: ignore[no-untyped-def]
    governor = Actor.objects.create(name="Regional governor's office", kind="organisation")
    record = editing.correct(
        claim.pk, user=editor, expected_version=claim.lock_version, changes={"claimant": governor}
    )
    assert (record.claimant, record.claimant_name) == (governor, "Regional governor's office")


def test_merge_and_split(claim: Record, editor) -> None:  # type: ignore[no-untyped-def]
    wounded = Record.objects.get(kind="casualty", category="wounded")
    with pytest.raises(editing.EditError):
        editing.merge(claim.pk, claim.pk, user=editor)
    editing.merge(claim.pk, wounded.pk, user=editor)
    assert Record.objects.get(pk=wounded.pk).merged_into_id == claim.pk
    editing.split(wounded.pk, user=editor)
    assert Record.objects.get(pk=wounded.pk).merged_into_id is None


def test_an_editor_adds_a_missed_record_from_a_selected_sentence(claim: Record, editor) -> None:  # type: ignore[no-untyped-def]
    body = claim.article.body
    sentence = "Aid groups say more than 3,000 people have fled the town since the fighting began."
    start = body.index(sentence)
    record = editing.add_record(
        claim.article_id,
        kind="casualty",
        start=start,
        end=start + len(sentence),
        user=editor,
        values={
            "number": 3000,
            "qualifier": "more_than",
            "category": "displaced",
            "population": "unspecified",
        },
    )
    assert (record.origin, record.status, record.evidence) == ("editor", "verified", sentence)
    extract_version(claim.version_id, force=True)
    assert Record.objects.filter(pk=record.pk).exists()


@needs_postgres
def test_history_shows_who_changed_what_and_a_revert_is_a_change(claim: Record, editor) -> None:  # type: ignore[no-untyped-def]
    editing.correct(
        claim.pk,
        user=editor,
        expected_version=claim.lock_version,
        changes={"number": 15},
        note="updated toll",
    )
    changes = editing.history(Record.objects.get(pk=claim.pk))
    assert [c.action for c in changes] == ["extracted", "correct"]
    last = changes[-1]
    assert last.user == "editor-user" and last.note == "updated toll"
    assert last.diff["number"] == (12, 15)
    assert last.diff["status"] == ("new", "corrected")

    current = Record.objects.get(pk=claim.pk)
    editing.revert(
        claim.pk, changes[0].event_id, user=editor, expected_version=current.lock_version
    )
    reverted = Record.objects.get(pk=claim.pk)
    assert (reverted.number, reverted.status) == (12, "new")
    after = editing.history(reverted)
    assert after[-1].action.startswith("revert to #")
    assert after[-1].diff["number"] == (15, 12)
