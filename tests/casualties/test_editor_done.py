"""Issue 6's "done when", through the pages: an editor corrects a figure, a journalist sees
it on the timeline and in the CSV, the history shows who changed what, re-extraction leaves
the correction in place, and a stale save is refused with a message."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from casualties.models import Record
from casualties.services import extract_version
from tests.articles.pages import saved_text_page, write
from tests.casualties.test_editor_pages import csv_rows, form_data

pytestmark = pytest.mark.django_db(transaction=True)


def test_an_editors_correction_reaches_journalists_and_survives_reextraction(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], role_user
) -> None:  # type: ignore[no-untyped-def]
    write(tmp_path / "a.txt", saved_text_page())
    call_command("import_articles", str(tmp_path), "--json")
    json.loads(capsys.readouterr().out)
    claim = Record.objects.get(kind="casualty", category="killed")
    editor, other, journalist = Client(), Client(), Client()
    editor.force_login(role_user("editor"))
    other.force_login(role_user("superuser"))
    journalist.force_login(role_user("journalist"))
    url = reverse("casualties-edit", args=["casualty", claim.pk])

    stale = form_data(other, url, number="14")  # opened before the editor saved
    response = editor.post(url, form_data(editor, url, number="15", note="toll raised"))
    assert response.status_code == 302

    timeline = journalist.get(reverse("casualties-timeline")).content.decode()
    assert "15 civilians killed" in timeline
    assert [r["number"] for r in csv_rows(journalist) if r["id"] == str(claim.pk)] == ["15"]

    extract_version(claim.version_id, force=True)
    claim.refresh_from_db()
    assert (claim.number, claim.status) == (15, "corrected")

    refused = other.post(url, stale)
    assert refused.status_code == 409
    assert "Your change was not saved" in refused.content.decode()
    claim.refresh_from_db()
    assert claim.number == 15

    if settings.USING_POSTGRES:
        history = editor.get(reverse("casualties-history", args=["casualty", claim.pk]))
        html = history.content.decode()
        assert "correct by editor-user" in html and "Note: toll raised" in html
        assert "<del>12</del>" in html and "<ins>15</ins>" in html
