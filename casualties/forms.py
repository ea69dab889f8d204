"""Editors' forms: a correction form per record kind, verdicts, merges and added records.

The forms explain what is wrong in the editor's words (a figure must be a positive whole
number, a low bound not above the high one, no date after the article's publication); the
service layer (``casualties.editing``) checks the same rules again when it saves.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django import forms
from django.core.validators import MinValueValidator

from articles.models import Article
from casualties.editing import EDITABLE_FIELDS, NAME_OF_ACTOR
from casualties.models import Actor, Record
from casualties.services import local_publication

EVIDENCE_FIELDS = ("evidence_start", "evidence_end")
LABELS = {
    "number": "Figure",
    "approx_words": "Figure in words (e.g. “dozens”)",
    "low": "Low bound",
    "high": "High bound",
    "period_start": "Counted since",
    "cumulative": "A running total",
    "evidence_start": "Evidence starts at character",
    "evidence_end": "Evidence ends at character",
    "event_kind": "Event",
    "quote_spans": "Quote spans (JSON list of [start, end] character offsets)",
}


def _date_input() -> forms.DateInput:
    return forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class RecordForm(forms.ModelForm):  # type: ignore[type-arg]
    """Base of the per-kind forms that ``form_for`` builds; ``instance`` is required (an
    unsaved record with its article when adding)."""

    lock_version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    note = forms.CharField(
        required=False,
        max_length=500,
        label="Note (optional)",
        help_text="Why, or where the right figure comes from. Kept in the history.",
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        record: Record = self.instance
        self.fields["lock_version"].initial = record.lock_version
        for name, field in self.fields.items():
            if name in LABELS:
                field.label = LABELS[name]
            if isinstance(field, forms.DateField):
                field.widget = _date_input()
            if name in NAME_OF_ACTOR:
                field.queryset = Actor.objects.only("name")  # type: ignore[attr-defined]
                field.empty_label = "— none —"  # type: ignore[attr-defined]
        number = self.fields.get("number")
        if number is not None:
            # Our own message below replaces Django's "greater than or equal to 0".
            number.validators = [
                v for v in number.validators if not isinstance(v, MinValueValidator)
            ]
            number.widget.attrs["min"] = 1
        if record.kind == Record.Kind.CEASEFIRE:
            self.fields["parties"] = forms.ModelMultipleChoiceField(
                queryset=Actor.objects.only("name"),
                required=False,
                label="Parties",
                help_text="The sides bound by the cease-fire.",
                initial=list(record.parties.values_list("pk", flat=True)) if record.pk else [],
                widget=forms.SelectMultiple(attrs={"size": 6}),
            )

    def publication_day(self) -> date:
        article = Article.objects.only("published", "created_at", "timezone_name").get(
            pk=self.instance.article_id
        )
        return local_publication(article).date()

    def clean_number(self) -> int | None:
        number = self.cleaned_data.get("number")
        if number is not None and number <= 0:
            raise forms.ValidationError("A figure must be a positive whole number.")
        return number

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        low, high = data.get("low"), data.get("high")
        if low is not None and high is not None and low > high:
            self.add_error("high", "The low bound must not be above the high bound.")
        dated = [name for name in ("date", "period_start") if data.get(name)]
        if dated:
            published = self.publication_day()
            for name in dated:
                if data[name] > published:
                    self.add_error(
                        name,
                        f"{data[name]:%-d %b %Y} is after the article's publication "
                        f"({published:%-d %b %Y}).",
                    )
        start, end = data.get("evidence_start"), data.get("evidence_end")
        if start is not None and end is not None:
            length = len(
                Article.objects.values_list("body", flat=True).get(pk=self.instance.article_id)
            )
            if not 0 <= start < end <= length:
                self.add_error(
                    "evidence_end",
                    "The evidence must be a non-empty stretch of the article's "
                    f"{length} characters.",
                )
        return data

    def changes(self) -> dict[str, Any]:
        """The record fields the editor changed, as the service wants them."""
        editable = EDITABLE_FIELDS[self.instance.kind]
        return {name: self.cleaned_data[name] for name in self.changed_data if name in editable}

    def values(self) -> dict[str, Any]:
        """Every record field of the form, for a new record."""
        return {name: self.cleaned_data[name] for name in self._meta.fields or ()}

    def new_parties(self) -> list[Actor] | None:
        """The cease-fire's parties if the editor changed them, else None."""
        if "parties" in self.fields and "parties" in self.changed_data:
            return list(self.cleaned_data["parties"])
        return None


def form_for(kind: str, *, adding: bool = False) -> type[RecordForm]:
    """The correction form of one kind of record, limited to the fields editors may change.
    When adding a record the evidence comes from the selection, not from the form."""
    fields = [f for f in EDITABLE_FIELDS[kind] if not (adding and f in EVIDENCE_FIELDS)]
    form = forms.modelform_factory(Record, form=RecordForm, fields=fields)
    if adding:
        required = {"casualty": "category", "ceasefire": "event_kind", "statement": "quote"}[kind]
        form.base_fields[required].required = True
    return form


class VerdictForm(forms.Form):
    VERDICTS = {
        "verify": Record.Status.VERIFIED,
        "reject": Record.Status.REJECTED,
        "unreview": Record.Status.NEW,
    }

    verdict = forms.ChoiceField(choices=[(name, name) for name in VERDICTS])
    lock_version = forms.IntegerField(required=False)
    note = forms.CharField(required=False, max_length=500)

    @property
    def status(self) -> str:
        return self.VERDICTS[self.cleaned_data["verdict"]]


class LockForm(forms.Form):
    lock_version = forms.IntegerField()
    note = forms.CharField(required=False, max_length=500)


class MergeForm(forms.Form):
    other = forms.IntegerField(
        label="Record number of the duplicate",
        min_value=1,
        help_text="It leaves the timeline and is listed among this record's sources.",
    )
    note = forms.CharField(required=False, max_length=500)


class SelectionForm(forms.Form):
    """Which stretch of an article a new record comes from: offsets filled in from the
    reader's selection by script, or (without script) the sentence typed or pasted."""

    kind = forms.ChoiceField(choices=Record.Kind.choices, label="Kind of record")
    start = forms.IntegerField(min_value=0, required=False, widget=forms.HiddenInput)
    end = forms.IntegerField(min_value=1, required=False, widget=forms.HiddenInput)
    sentence = forms.CharField(
        required=False,
        label="Sentence",
        help_text="Select it in the text above, or paste it here exactly as the article has it.",
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args: Any, article: Article, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.article = article

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        body = self.article.body
        start, end = data.get("start"), data.get("end")
        if start is not None and end is not None:
            if not start < end <= len(body):
                raise forms.ValidationError("The selection is not inside the article's text.")
        else:
            sentence = (data.get("sentence") or "").strip()
            if not sentence:
                raise forms.ValidationError("Select a sentence in the article, or paste it.")
            start = body.find(sentence)
            if start < 0:
                raise forms.ValidationError(
                    "That sentence is not in the article's text: copy it exactly as printed."
                )
            data["start"], data["end"] = start, start + len(sentence)
        data["sentence"] = body[data["start"] : data["end"]]
        return data
