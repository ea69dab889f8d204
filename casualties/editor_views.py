"""Editors' pages: correct a record, give a verdict, read and revert its history, merge
and split duplicates, add a record the extractor missed, the review queue and the
extractor's quality as editors judged it.

Thin views over ``casualties.editing``: every change goes through it (row lock, optimistic
locking, audit context). Every mutating view needs ``casualties.change_record`` (a
journalist gets 403; the login middleware sends an anonymous user to log in first).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.core.exceptions import FieldDoesNotExist
from django.core.paginator import Paginator
from django.db import connection
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from articles.models import Article
from casualties import editing
from casualties.forms import LockForm, MergeForm, SelectionForm, VerdictForm, form_for
from casualties.models import Actor, Record
from casualties.quality import quality_report

EDIT_PERMISSION = "casualties.change_record"
REVIEW_PAGE_SIZE = 25
ACTOR_IDS = ("party_id", "claimant_id", "broker_id", "speaker_id")


def _record(kind: str, pk: int) -> Record:
    return get_object_or_404(
        Record.objects.select_related("claimant", "party", "speaker", "broker", "article"),
        pk=pk,
        kind=kind,
    )


def _back(request: HttpRequest, record: Record) -> HttpResponseRedirect:
    """Where the editor came from (the review queue, the timeline), else the record."""
    target = request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return HttpResponseRedirect(target)
    return redirect("casualties-record", record.kind, record.pk)


# --- Readable history -------------------------------------------------------------------


@dataclass(frozen=True)
class FieldChange:
    field: str
    before: str
    after: str


def _label(field: str) -> str:
    name = field.removesuffix("_id")
    if name == "merged_into":
        return "merged into"
    try:
        return str(Record._meta.get_field(name).verbose_name)
    except FieldDoesNotExist:  # a field the model no longer has: show its name
        return name.replace("_", " ")


def _shown(field: str, value: Any, actors: dict[int, str]) -> str:
    if value is None or value == "":
        return "—"
    if field in ACTOR_IDS:
        return actors.get(value, f"actor {value}")
    if field == "merged_into_id":
        return f"record {value}"
    return str(value)


def readable(diffs: list[dict[str, tuple[Any, Any]]]) -> list[list[FieldChange]]:
    """Each diff as rows an editor can read: labels, and actors by name (one query)."""
    ids = {
        value
        for diff in diffs
        for field, pair in diff.items()
        if field in ACTOR_IDS
        for value in pair
        if value
    }
    actors = dict(Actor.objects.filter(pk__in=ids).values_list("pk", "name")) if ids else {}
    return [
        [
            FieldChange(_label(f), _shown(f, before, actors), _shown(f, after, actors))
            for f, (before, after) in diff.items()
        ]
        for diff in diffs
    ]


# --- Correct ----------------------------------------------------------------------------


def _stale_response(
    request: HttpRequest, stale: editing.StaleEdit, attempted: dict[str, Any], note: str
) -> HttpResponse:
    """The other editor's change and the record as it is now, with a fresh form on it."""
    current = _record(stale.current.kind, stale.current.pk)
    form = form_for(current.kind)(instance=current, initial={"note": note})
    their = readable([stale.last.diff])[0] if stale.last else []
    context = {
        "record": current,
        "form": form,
        "stale": stale,
        "their_change": their,
        "attempted": [(_label(name), value) for name, value in attempted.items()],
    }
    return render(request, "casualties/record_edit.html", context, status=409)


@permission_required(EDIT_PERMISSION, raise_exception=True)
def record_edit(request: HttpRequest, kind: str, pk: int) -> HttpResponse:
    record = _record(kind, pk)
    form_class = form_for(record.kind)
    if request.method != "POST":
        form = form_class(instance=record)
        return render(request, "casualties/record_edit.html", {"record": record, "form": form})
    form = form_class(request.POST, instance=record)
    if form.is_valid():
        changes, parties = form.changes(), form.new_parties()
        note = form.cleaned_data["note"]
        if not changes and parties is None:
            messages.info(request, "Nothing was changed.")
            return redirect("casualties-record", record.kind, record.pk)
        try:
            saved = editing.correct(
                record.pk,
                user=request.user,
                expected_version=form.cleaned_data["lock_version"] or 0,
                changes=changes,
                parties=parties,
                note=note,
            )
        except editing.StaleEdit as stale:
            attempted = dict(changes)
            if parties is not None:
                attempted["parties"] = ", ".join(p.name for p in parties) or "none"
            return _stale_response(request, stale, attempted, note)
        except editing.EditError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, f"Record {saved.pk} corrected.")
            return redirect("casualties-record", saved.kind, saved.pk)
    return render(request, "casualties/record_edit.html", {"record": record, "form": form})


# --- Verdicts, history, revert ------------------------------------------------------------


@require_POST
@permission_required(EDIT_PERMISSION, raise_exception=True)
def record_verdict(request: HttpRequest, kind: str, pk: int) -> HttpResponse:
    record = _record(kind, pk)
    form = VerdictForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Unknown verdict: choose verify, reject or unreview.")
        return _back(request, record)
    try:
        editing.set_status(
            record.pk,
            form.status,
            user=request.user,
            expected_version=form.cleaned_data["lock_version"],
            note=form.cleaned_data["note"],
        )
    except editing.EditError as error:
        messages.error(request, str(error))
    else:
        done = {"verify": "verified", "reject": "rejected", "unreview": "back in the queue"}
        messages.success(request, f"Record {record.pk} {done[form.cleaned_data['verdict']]}.")
    return _back(request, record)


@permission_required(EDIT_PERMISSION, raise_exception=True)
def record_history(request: HttpRequest, kind: str, pk: int) -> HttpResponse:
    record = _record(kind, pk)
    changes = editing.history(record)
    rows = readable([change.diff for change in changes])
    context = {
        "record": record,
        # Newest first; the latest state is the record itself, so it offers no revert.
        "changes": list(zip(changes, rows, strict=True))[::-1],
        "latest_id": changes[-1].event_id if changes else None,
        "history_kept": connection.vendor == "postgresql",
    }
    return render(request, "casualties/record_history.html", context)


@require_POST
@permission_required(EDIT_PERMISSION, raise_exception=True)
def record_revert(request: HttpRequest, kind: str, pk: int, event_id: int) -> HttpResponse:
    record = _record(kind, pk)
    form = LockForm(request.POST)
    if not form.is_valid():
        messages.error(request, "The revert form was incomplete: reload the history and retry.")
        return redirect("casualties-history", record.kind, record.pk)
    try:
        editing.revert(
            record.pk,
            event_id,
            user=request.user,
            expected_version=form.cleaned_data["lock_version"],
            note=form.cleaned_data["note"],
        )
    except editing.EditError as error:
        messages.error(request, str(error))
        return redirect("casualties-history", record.kind, record.pk)
    messages.success(request, f"Record {record.pk} reverted to its state #{event_id}.")
    return redirect("casualties-record", record.kind, record.pk)


# --- Merge and split ----------------------------------------------------------------------


@require_POST
@permission_required(EDIT_PERMISSION, raise_exception=True)
def record_merge(request: HttpRequest, kind: str, pk: int) -> HttpResponse:
    """Merge another record (the POSTed ``other``) into this one."""
    record = _record(kind, pk)
    form = MergeForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Give the number of the record to merge into this one.")
        return redirect("casualties-record", record.kind, record.pk)
    other = form.cleaned_data["other"]
    if not Record.objects.filter(pk=other).exists():
        messages.error(request, f"There is no record {other}.")
        return redirect("casualties-record", record.kind, record.pk)
    try:
        editing.merge(record.pk, other, user=request.user, note=form.cleaned_data["note"])
    except editing.EditError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, f"Record {other} merged into record {record.pk}.")
    return redirect("casualties-record", record.kind, record.pk)


@require_POST
@permission_required(EDIT_PERMISSION, raise_exception=True)
def record_split(request: HttpRequest, kind: str, pk: int) -> HttpResponse:
    record = _record(kind, pk)
    try:
        editing.split(record.pk, user=request.user, note=request.POST.get("note", "")[:500])
    except editing.EditError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, f"Record {record.pk} stands on its own again.")
    return _back(request, record)


# --- Add a record the extractor missed ----------------------------------------------------


@permission_required(EDIT_PERMISSION, raise_exception=True)
def add_record(request: HttpRequest, pk: int) -> HttpResponse:
    """GET with the selection (kind and offsets, or the sentence) shows the form for that
    kind of record; POST with the selection and the fields adds it."""
    article = get_object_or_404(Article.objects.select_related("version"), pk=pk)
    data = request.POST if request.method == "POST" else request.GET
    selection = SelectionForm(data, article=article)
    if not selection.is_valid():
        context = {"article": article, "selection": selection, "form": None}
        return render(request, "casualties/add_record.html", context, status=400)
    kind = selection.cleaned_data["kind"]
    start, end = selection.cleaned_data["start"], selection.cleaned_data["end"]
    draft = Record(kind=kind, article=article, version=article.version)
    form_class = form_for(kind, adding=True)
    if request.method != "POST":
        form = form_class(instance=draft)
    else:
        form = form_class(request.POST, instance=draft)
        if form.is_valid():
            values = form.values()
            evidence = article.body[start:end]
            if kind == Record.Kind.STATEMENT and not values.get("quote_spans"):
                at = evidence.find(values["quote"])
                if at >= 0:
                    values["quote_spans"] = [[start + at, start + at + len(values["quote"])]]
            try:
                record = editing.add_record(
                    article.pk,
                    kind=kind,
                    start=start,
                    end=end,
                    user=request.user,
                    values=values,
                    parties=list(form.cleaned_data.get("parties") or []),
                    note=form.cleaned_data["note"],
                )
            except editing.EditError as error:
                form.add_error(None, str(error))
            else:
                messages.success(request, f"Record {record.pk} added.")
                return redirect("casualties-record", record.kind, record.pk)
    context = {"article": article, "selection": selection, "form": form, "kind": kind}
    return render(request, "casualties/add_record.html", context)


# --- Review queue and quality -------------------------------------------------------------


def review_queue_records() -> Any:
    """Records no editor has looked at: new, not merged, of the latest version of their
    story; the extractor's least confident first."""
    return (
        Record.objects.filter(
            status=Record.Status.NEW, merged_into__isnull=True, version__is_latest=True
        )
        .select_related("claimant", "party", "speaker", "broker")
        .order_by("confidence", "id")
    )


@permission_required(EDIT_PERMISSION, raise_exception=True)
def review(request: HttpRequest) -> HttpResponse:
    page = Paginator(review_queue_records(), REVIEW_PAGE_SIZE).get_page(request.GET.get("page"))
    here = reverse("casualties-review") + (f"?page={page.number}" if page.number > 1 else "")
    return render(request, "casualties/review.html", {"page": page, "here": here})


@permission_required("casualties.view_record", raise_exception=True)
def quality(request: HttpRequest) -> HttpResponse:
    rows = quality_report()
    kinds = dict(Record.Kind.choices)
    context = {
        "rows": [
            (row, kinds.get(row.kind, row.kind), row.corrected_fields.most_common()) for row in rows
        ],
        "history_kept": connection.vendor == "postgresql",
    }
    return render(request, "casualties/quality.html", context)
