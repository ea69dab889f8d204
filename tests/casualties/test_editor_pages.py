"""Editors' pages: correcting a record shows on the timeline and in the CSV, verdicts,
history and revert, a stale save refused with the other editor's change, merge and split,
records added from a selected sentence, the review queue and the quality page."""

from __future__ import annotations

import csv
import datetime as dt
import io
from typing import Any

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

from casualties import editing
from casualties.models import Record
from tests.factories import (
    SENTENCE,
    ArticleFactory,
    CasualtyFactory,
    CeasefireFactory,
    StatementFactory,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("clean_slate")]
needs_postgres = pytest.mark.skipif(
    not settings.USING_POSTGRES, reason="the audit history is kept by PostgreSQL triggers"
)


@pytest.fixture
def editor(client: Client, role_user) -> Client:  # type: ignore[no-untyped-def]
    client.force_login(role_user("editor"))
    return client


@pytest.fixture
def journalist(role_user) -> Client:  # type: ignore[no-untyped-def]
    client = Client()
    client.force_login(role_user("journalist"))
    return client


def edit_url(record: Record) -> str:
    return reverse("casualties-edit", args=[record.kind, record.pk])


def form_data(client: Client, url: str, **changes: Any) -> dict[str, Any]:
    """What the browser would post: the form as rendered, with the editor's changes."""
    form = client.get(url).context["form"]
    data: dict[str, Any] = {}
    for field in form:
        value = field.value()
        if isinstance(value, bool):
            if value:
                data[field.name] = "on"
        elif isinstance(value, list | tuple) and field.name == "parties":
            data[field.name] = [str(v) for v in value]
        elif isinstance(value, dt.date):
            data[field.name] = value.isoformat()
        elif value is not None:
            data[field.name] = (
                field.widget.format_value(value) if field.name == "quote_spans" else value
            )
    data.update({k: v for k, v in changes.items()})
    return data


def csv_rows(client: Client) -> list[dict[str, str]]:
    response = client.get(reverse("casualties-export-csv"))
    return list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode())))


# --- Correcting ---------------------------------------------------------------------------


def test_a_corrected_figure_shows_on_the_timeline_and_in_the_csv(
    editor: Client, journalist: Client
) -> None:
    claim = CasualtyFactory(number=30)
    url = edit_url(claim)
    data = form_data(editor, url, number="45", qualifier="exact", note="ministry update")
    response = editor.post(url, data)
    assert response.status_code == 302
    assert response["Location"] == reverse("casualties-record", args=["casualty", claim.pk])
    claim.refresh_from_db()
    assert (claim.number, claim.qualifier, claim.status) == (45, "exact", "corrected")
    html = journalist.get(reverse("casualties-timeline")).content.decode()
    assert "45 civilians killed" in html and "at least 30" not in html
    [row] = csv_rows(journalist)
    assert (row["number"], row["status"], row["summary"]) == (
        "45",
        "corrected",
        "45 civilians killed",
    )


def test_the_edit_form_carries_the_lock_version_and_the_kinds_fields(editor: Client) -> None:
    claim = CasualtyFactory()
    html = editor.get(edit_url(claim)).content.decode()
    assert 'name="lock_version"' in html and 'type="hidden"' in html
    assert 'name="csrfmiddlewaretoken"' in html
    for name in ("number", "qualifier", "low", "high", "category", "population", "party"):
        assert f'name="{name}"' in html
    assert 'name="speaker"' not in html
    ceasefire = CeasefireFactory()
    html = editor.get(edit_url(ceasefire)).content.decode()
    assert 'name="parties"' in html and 'name="broker"' in html and 'name="number"' not in html
    statement = StatementFactory()
    html = editor.get(edit_url(statement)).content.decode()
    assert 'name="quote"' in html and 'name="speaker"' in html


def test_a_cease_fires_parties_and_broker_are_corrected(editor: Client) -> None:
    from tests.factories import ActorFactory

    event = CeasefireFactory(parties=[ActorFactory(name="Armenia")])
    azerbaijan = ActorFactory(name="Azerbaijan")
    url = edit_url(event)
    data = form_data(editor, url)
    data["parties"] = [*data["parties"], str(azerbaijan.pk)]
    data["event_kind"] = "violated"
    assert editor.post(url, data).status_code == 302
    event.refresh_from_db()
    assert event.event_kind == "violated"
    assert sorted(event.parties.values_list("name", flat=True)) == ["Armenia", "Azerbaijan"]


def test_saving_an_unchanged_form_changes_nothing(editor: Client) -> None:
    claim = CasualtyFactory()
    response = editor.post(edit_url(claim), form_data(editor, edit_url(claim)), follow=True)
    assert "Nothing was changed" in response.content.decode()
    claim.refresh_from_db()
    assert (claim.status, claim.lock_version) == ("new", 0)


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"number": "0"}, "number", "A figure must be a positive whole number."),
        ({"number": "-4"}, "number", "A figure must be a positive whole number."),
        ({"number": "many"}, "number", "Enter a whole number."),
        ({"low": "20", "high": "10"}, "high", "The low bound must not be above the high bound."),
        ({"date": "2031-01-01"}, "date", "is after the article&#x27;s publication (8 Oct 2020)"),
        ({"period_start": "2020-10-09"}, "period_start", "after the article&#x27;s publication"),
        ({"evidence_end": "99999"}, "evidence_end", "non-empty stretch of the article"),
    ],
    ids=[
        "zero",
        "negative",
        "not-a-number",
        "low-above-high",
        "future-date",
        "future-period",
        "span",
    ],
)
def test_invalid_corrections_are_explained_beside_the_field(
    editor: Client, changes: dict[str, str], field: str, message: str
) -> None:
    claim = CasualtyFactory()
    response = editor.post(edit_url(claim), form_data(editor, edit_url(claim), **changes))
    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert message in response.content.decode()
    claim.refresh_from_db()
    assert (claim.number, claim.status, claim.lock_version) == (30, "new", 0)


def test_a_stale_save_is_refused_with_409_and_the_other_editors_change(
    editor: Client, role_user
) -> None:  # type: ignore[no-untyped-def]
    claim = CasualtyFactory(number=30)
    url = edit_url(claim)
    opened = form_data(editor, url, number="31")  # the editor opened the form at version 0
    editing.correct(
        claim.pk,
        user=role_user("superuser"),
        expected_version=0,
        changes={"number": 40},
        note="the ministry's figure",
    )
    response = editor.post(url, opened)
    assert response.status_code == 409
    html = response.content.decode()
    assert "Someone else saved this record first" in html
    assert "Your change was not saved" in html
    assert "Your change, not saved" in html and "31" in html
    form = response.context["form"]
    assert form["number"].value() == 40  # the form now shows the record as it is
    assert form["lock_version"].value() == 1
    if settings.USING_POSTGRES:
        assert "root" in html and "the ministry&#x27;s figure" in html
        assert "<del>30</del>" in html and "<ins>40</ins>" in html
    claim.refresh_from_db()
    assert claim.number == 40  # nothing was overwritten


# --- Verdicts -------------------------------------------------------------------------------


def test_verdict_buttons_are_shown_to_editors_only(editor: Client, journalist: Client) -> None:
    claim = CasualtyFactory()
    for url in (
        reverse("casualties-timeline"),
        reverse("casualties-record", args=["casualty", claim.pk]),
        reverse("articles-detail", args=[claim.article_id]),
    ):
        html = editor.get(url).content.decode()
        assert reverse("casualties-verdict", args=["casualty", claim.pk]) in html, url
        assert 'data-action="verify"' in html and 'data-action="reject"' in html
        assert edit_url(claim) in html
        html = journalist.get(url).content.decode()
        assert reverse("casualties-verdict", args=["casualty", claim.pk]) not in html, url
        assert edit_url(claim) not in html


def test_verify_and_reject_from_the_timeline(editor: Client, journalist: Client) -> None:
    claim = CasualtyFactory(number=30)
    verdict = reverse("casualties-verdict", args=["casualty", claim.pk])
    timeline = reverse("casualties-timeline")
    response = editor.post(verdict, {"verdict": "verify", "lock_version": 0, "next": timeline})
    assert (response.status_code, response["Location"]) == (302, timeline)
    claim.refresh_from_db()
    assert (claim.status, claim.lock_version) == ("verified", 1)
    editor.post(verdict, {"verdict": "reject", "lock_version": 1})
    claim.refresh_from_db()
    assert claim.status == "rejected"
    # Hidden from the timeline and the export, kept for audit.
    assert "at least 30 civilians killed" not in journalist.get(timeline).content.decode()
    assert csv_rows(journalist) == []
    assert len(csv_rows_with(journalist, rejected="on")) == 1
    editor.post(verdict, {"verdict": "unreview", "lock_version": 2})
    claim.refresh_from_db()
    assert claim.status == "new"


def csv_rows_with(client: Client, **params: str) -> list[dict[str, str]]:
    response = client.get(reverse("casualties-export-csv"), params)
    return list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode())))


def test_a_stale_verdict_is_refused_with_a_message(editor: Client) -> None:
    claim = CasualtyFactory()
    verdict = reverse("casualties-verdict", args=["casualty", claim.pk])
    editor.post(verdict, {"verdict": "verify", "lock_version": 0})
    response = editor.post(verdict, {"verdict": "reject", "lock_version": 0}, follow=True)
    assert "Your change was not saved" in response.content.decode()
    claim.refresh_from_db()
    assert claim.status == "verified"


def test_an_offsite_next_is_ignored(editor: Client) -> None:
    claim = CasualtyFactory()
    verdict = reverse("casualties-verdict", args=["casualty", claim.pk])
    response = editor.post(
        verdict, {"verdict": "verify", "lock_version": 0, "next": "https://evil.example/"}
    )
    assert response["Location"] == reverse("casualties-record", args=["casualty", claim.pk])


# --- History and revert ------------------------------------------------------------------


@needs_postgres
def test_the_history_shows_who_changed_what_from_what_to_what(editor: Client) -> None:
    claim = CasualtyFactory(number=30)
    url = edit_url(claim)
    editor.post(url, form_data(editor, url, number="45", note="ministry update"))
    html = editor.get(reverse("casualties-history", args=["casualty", claim.pk])).content.decode()
    assert "correct by editor-user" in html
    assert "Note: ministry update" in html
    assert "<del>30</del>" in html and "<ins>45</ins>" in html
    assert "<del>New</del>" in html or "<del>new</del>" in html
    assert "First stored state" in html


@needs_postgres
def test_reverting_restores_an_earlier_state_as_a_new_change(editor: Client) -> None:
    claim = CasualtyFactory(number=30)
    url = edit_url(claim)
    editor.post(url, form_data(editor, url, number="45"))
    first = editing.history(claim)[0]
    claim.refresh_from_db()
    revert = reverse("casualties-revert", args=["casualty", claim.pk, first.event_id])
    history = reverse("casualties-history", args=["casualty", claim.pk])
    assert revert in editor.get(history).content.decode()
    response = editor.post(revert, {"lock_version": claim.lock_version, "note": "wrong story"})
    assert response.status_code == 302
    claim.refresh_from_db()
    assert (claim.number, claim.status) == (30, "new")
    changes = editing.history(claim)
    assert changes[-1].action == f"revert to #{first.event_id}"
    assert changes[-1].note == "wrong story"
    # A stale revert (the form's version is old) is refused.
    response = editor.post(revert, {"lock_version": 0}, follow=True)
    assert "Your change was not saved" in response.content.decode()


def test_the_history_page_works_without_an_audit_trail(editor: Client) -> None:
    claim = CasualtyFactory()
    response = editor.get(reverse("casualties-history", args=["casualty", claim.pk]))
    assert response.status_code == 200
    if not settings.USING_POSTGRES:
        assert "No history is kept" in response.content.decode()


# --- Merge and split ----------------------------------------------------------------------


def test_merging_hides_the_duplicate_and_lists_its_source_then_split_restores_it(
    editor: Client, journalist: Client
) -> None:
    keep = CasualtyFactory(number=30)
    other = CasualtyFactory(number=30)  # the same claim, from another story
    record_url = reverse("casualties-record", args=["casualty", keep.pk])
    html = editor.get(record_url).content.decode()
    assert f"Merge record {other.pk} into this one" in html
    response = editor.post(
        reverse("casualties-merge", args=["casualty", keep.pk]), {"other": other.pk}
    )
    assert response.status_code == 302
    other.refresh_from_db()
    assert other.merged_into_id == keep.pk
    timeline = journalist.get(reverse("casualties-timeline")).content.decode()
    assert f"record {other.pk}</a>" not in timeline
    assert reverse("articles-detail", args=[other.article_id]) in timeline  # among the sources
    assert [int(r["id"]) for r in csv_rows(journalist)] == [keep.pk]
    html = editor.get(record_url).content.decode()
    assert "Duplicates merged into this record" in html
    other_url = reverse("casualties-record", args=["casualty", other.pk])
    assert f'Merged into <a href="{record_url}">record {keep.pk}</a>' in (
        editor.get(other_url).content.decode()
    )
    editor.post(reverse("casualties-split", args=["casualty", other.pk]))
    other.refresh_from_db()
    assert other.merged_into_id is None
    assert len(csv_rows(journalist)) == 2


def test_merging_explains_what_cannot_be_merged(editor: Client) -> None:
    keep = CasualtyFactory()
    statement = StatementFactory()
    merge = reverse("casualties-merge", args=["casualty", keep.pk])
    html = editor.post(merge, {"other": statement.pk}, follow=True).content.decode()
    assert "Only records of the same kind can be merged." in html
    html = editor.post(merge, {"other": 987654321}, follow=True).content.decode()
    assert "There is no record 987654321." in html
    html = editor.post(merge, {"other": keep.pk}, follow=True).content.decode()
    assert "cannot be merged into itself" in html


# --- Adding a record --------------------------------------------------------------------


def test_the_article_page_offers_editors_the_selection_form(
    editor: Client, journalist: Client
) -> None:
    article = ArticleFactory()
    url = reverse("articles-detail", args=[article.pk])
    html = editor.get(url).content.decode()
    assert 'id="add-record-form"' in html and "js/add-record.js" in html
    # Each paragraph says where it starts in the text, for the selection script.
    starts = [article.body.index(p) for p in article.paragraphs]
    for start in starts:
        assert f'<p data-start="{start}">' in html
    assert 'id="add-record-form"' not in journalist.get(url).content.decode()


def test_a_record_is_added_from_a_selected_sentence(editor: Client, journalist: Client) -> None:
    article = ArticleFactory()
    start = article.body.index(SENTENCE)
    url = reverse("casualties-add-record", args=[article.pk])
    # The article page's form sends the selection; the next page asks for the fields.
    page = editor.get(url, {"kind": "casualty", "start": start, "end": start + len(SENTENCE)})
    assert page.status_code == 200
    assert SENTENCE in page.content.decode() and 'name="number"' in page.content.decode()
    response = editor.post(
        url,
        {
            "kind": "casualty",
            "start": start,
            "end": start + len(SENTENCE),
            "number": "30",
            "qualifier": "at_least",
            "category": "killed",
            "population": "civilians",
            "date": "2020-10-06",
            "note": "missed by the extractor",
        },
    )
    record = Record.objects.get(origin="editor")
    assert response["Location"] == reverse("casualties-record", args=["casualty", record.pk])
    assert (record.evidence, record.number, record.status) == (SENTENCE, 30, "verified")
    assert (record.day, record.article_id) == (dt.date(2020, 10, 6), article.pk)
    assert (
        "at least 30 civilians killed"
        in journalist.get(reverse("casualties-timeline")).content.decode()
    )


def test_without_script_the_pasted_sentence_is_found_in_the_text(editor: Client) -> None:
    article = ArticleFactory()
    url = reverse("casualties-add-record", args=[article.pk])
    page = editor.get(url, {"kind": "statement", "sentence": f"  {SENTENCE} "})
    assert page.status_code == 200
    start = article.body.index(SENTENCE)
    assert f'name="start" value="{start}"' in page.content.decode()
    editor.post(
        url,
        {
            "kind": "statement",
            "start": start,
            "end": start + len(SENTENCE),
            "quote": "civilians were killed",
        },
    )
    record = Record.objects.get(origin="editor")
    quote_at = start + SENTENCE.index("civilians were killed")
    assert record.quote_spans == [[quote_at, quote_at + len("civilians were killed")]]
    missing = editor.get(url, {"kind": "casualty", "sentence": "Not in this story."})
    assert missing.status_code == 400
    assert "That sentence is not in the article" in missing.content.decode()


def test_an_added_record_is_validated(editor: Client) -> None:
    article = ArticleFactory()
    start = article.body.index(SENTENCE)
    url = reverse("casualties-add-record", args=[article.pk])
    base = {"kind": "casualty", "start": start, "end": start + len(SENTENCE)}
    response = editor.post(url, {**base, "number": "0", "category": "killed"})
    assert "A figure must be a positive whole number." in response.content.decode()
    response = editor.post(url, {**base, "number": "3"})
    assert "category" in response.context["form"].errors
    assert not Record.objects.exists()


# --- Review queue and quality --------------------------------------------------------------


def test_the_review_queue_lists_unverified_records_least_confident_first(editor: Client) -> None:
    sure = CasualtyFactory(confidence=0.9)
    unsure = CasualtyFactory(confidence=0.2)
    middling = StatementFactory(confidence=0.5)
    CasualtyFactory(confidence=0.1, status=Record.Status.VERIFIED)
    CasualtyFactory(confidence=0.1, status=Record.Status.REJECTED)
    merged = CasualtyFactory(confidence=0.1)
    merged.merged_into = sure
    merged.save()
    old = CasualtyFactory(confidence=0.1)
    old.version.is_latest = False
    old.version.save()
    response = editor.get(reverse("casualties-review"))
    assert [r.pk for r in response.context["page"]] == [unsure.pk, middling.pk, sure.pk]
    html = response.content.decode()
    assert html.index(f'id="review-{unsure.pk}"') < html.index(f'id="review-{sure.pk}"')
    # Keyboard shortcuts over ordinary forms that work without the script.
    assert "js/review.js" in html and "data-review-queue" in html
    for key in ("v", "r", "j", "n", "k", "e"):
        assert f"<kbd>{key}</kbd>" in html
    assert html.count('data-action="verify"') == 3 and html.count('data-action="reject"') == 3
    assert html.count('data-action="edit"') == 3
    assert html.count('name="next" value="/review/"') == 6
    assert "Review queue" in html  # in the navigation


def test_a_verdict_in_the_queue_returns_to_the_queue(editor: Client) -> None:
    claim = CasualtyFactory(confidence=0.2)
    verdict = reverse("casualties-verdict", args=["casualty", claim.pk])
    response = editor.post(
        verdict, {"verdict": "verify", "lock_version": 0, "next": reverse("casualties-review")}
    )
    assert response["Location"] == reverse("casualties-review")
    assert list(editor.get(reverse("casualties-review")).context["page"]) == []


def test_the_quality_page_counts_editors_verdicts(editor: Client, role_user) -> None:  # type: ignore[no-untyped-def]
    user = role_user("superuser")
    records = [CasualtyFactory(extractor_version="v9") for _ in range(4)]
    editing.set_status(records[0].pk, "verified", user=user, expected_version=0)
    editing.set_status(records[1].pk, "rejected", user=user, expected_version=0)
    editing.correct(records[2].pk, user=user, expected_version=0, changes={"number": 31})
    html = editor.get(reverse("casualties-quality")).content.decode()
    row = html[html.index('<th scope="row">Casualty claim</th>') :].split("</tr>")[0]
    cells = [cell.split(">")[-1] for cell in row.split("</td>")[:-1]]
    assert cells[:8] == ["v9", "4", "1", "1", "1", "1", "33%", "67%"]
    if settings.USING_POSTGRES:
        assert "number (1)" in row
