"""Journalist-facing pages: the timeline, the chart, actors, cease-fires, a record's
permalink, and the exports. All read-only; every page needs a login (the middleware).

Each page runs a fixed number of queries whatever the number of records: foreign keys are
joined, many-to-many parties and the copies of a story are prefetched per page (or per
chunk, for the streamed exports).
"""

from __future__ import annotations

import csv
import json
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from itertools import groupby
from typing import Any

from django.core.paginator import Paginator
from django.core.serializers.json import DjangoJSONEncoder
from django.db.models import Prefetch, Q, QuerySet
from django.http import Http404, HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse

from articles.models import Article
from casualties import charts
from casualties.filters import RecordFilter, record_filter
from casualties.models import Actor, Record
from casualties.page_cache import PLACEHOLDERS, revision_cached, stamp_of
from casualties.templatetags.highlights import highlighted_paragraphs
from casualties.templatetags.records import figure, summary
from tracker.pagination import CappedPaginator

PAGE_SIZE = 50
MAX_CEASEFIRE_EVENTS = 1000
EXPORT_CHUNK = 2000


def copies_prefetch(lookup: str = "version__copies") -> Prefetch:
    """Every imported copy of a record's text, with its outlet: the record's sources."""
    return Prefetch(
        lookup,
        queryset=Article.objects.select_related("outlet")
        .only(
            "headline",
            "name",
            "url",
            "published",
            "timezone_name",
            "agency",
            "outlet__name",
            "version_id",
        )
        .order_by("published", "id"),
    )


def with_relations(records: QuerySet[Record]) -> QuerySet[Record]:
    # Records an editor merged into one of these are among its sources.
    merged = Record.objects.select_related("version").prefetch_related(copies_prefetch())
    return records.select_related(
        "claimant", "party", "speaker", "broker", "version"
    ).prefetch_related(
        Prefetch("parties", queryset=Actor.objects.only("name")),
        copies_prefetch(),
        Prefetch("merged", queryset=merged.order_by("id")),
    )


def _who(actor: Actor | None, name: str) -> Any:
    return actor.pk if actor is not None else name.casefold()


def same_claim_key(record: Record) -> tuple[Any, ...]:
    """Records that say the same thing on the same day, whichever copy or story they are in."""
    if record.kind == Record.Kind.CASUALTY:
        return (
            record.kind,
            record.day,
            record.number,
            record.low,
            record.high,
            record.qualifier,
            record.category,
            record.population,
            _who(record.claimant, record.claimant_name),
        )
    if record.kind == Record.Kind.CEASEFIRE:
        return (record.kind, record.day, record.event_kind, _who(record.broker, record.broker_name))
    return (
        record.kind,
        record.day,
        _who(record.speaker, record.speaker_name),
        record.quote.strip(),
    )


@dataclass
class Entry:
    """One line of the timeline: a record, plus identical ones from other stories."""

    record: Record
    also: list[Record] = field(default_factory=list)

    @property
    def sources(self) -> list[Article]:
        seen: dict[int, Article] = {}
        for shown in (self.record, *self.also):
            for record in (shown, *shown.merged.all()):
                for copy in record.version.copies.all():
                    seen.setdefault(copy.pk, copy)
        return list(seen.values())


def entries(records: Iterable[Record]) -> list[Entry]:
    """Merge identical claims (same figure, claimant and day) shown on one page."""
    merged: dict[tuple[Any, ...], Entry] = {}
    for record in records:
        key = same_claim_key(record)
        if key in merged:
            merged[key].also.append(record)
        else:
            merged[key] = Entry(record)
    return list(merged.values())


def by_day(items: list[Entry]) -> list[tuple[date, list[Entry]]]:
    return [(day, list(group)) for day, group in groupby(items, key=lambda e: e.record.day)]


def _chart_filters(filterset: RecordFilter) -> dict[str, Any]:
    data = dict(getattr(filterset.form, "cleaned_data", {}))
    data.pop("order", None)
    return data


def _chart(filterset: RecordFilter, stamp: str | None = None) -> charts.Chart:
    records = filterset.qs.select_related(None).prefetch_related(None)
    return charts.cached_chart(records, _chart_filters(filterset), stamp)


def _query_without(request: HttpRequest, *names: str) -> str:
    query = request.GET.copy()
    for name in names:
        query.pop(name, None)
    return query.urlencode()


@revision_cached
def timeline(request: HttpRequest) -> HttpResponse:
    filterset = record_filter(request.GET, with_relations(Record.objects.all()))
    page = CappedPaginator(filterset.qs, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        **PLACEHOLDERS,
        "filter": filterset,
        "page": page,
        "days": by_day(entries(page.object_list)),
        "chart": _chart(filterset, stamp_of(request)),
        "query": _query_without(request, "page"),
    }
    return render(request, "casualties/timeline.html", context)


@revision_cached
def chart(request: HttpRequest) -> HttpResponse:
    filterset = record_filter(request.GET)
    context = {
        **PLACEHOLDERS,
        "filter": filterset,
        "chart": _chart(filterset, stamp_of(request)),
        "query": _query_without(request, "page"),
        # Only casualty claims are charted; the order of points is always by day.
        "hidden_fields": ["kind", "order"],
    }
    return render(request, "casualties/chart.html", context)


def actor_detail(request: HttpRequest, pk: int) -> HttpResponse:
    actor = get_object_or_404(Actor.objects.select_related("country"), pk=pk)
    data = request.GET.copy()
    data["actor"] = str(actor.pk)
    filterset = record_filter(data, with_relations(Record.objects.all()))
    page = CappedPaginator(filterset.qs, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "actor": actor,
        "filter": filterset,
        "page": page,
        "days": by_day(entries(page.object_list)),
        "chart": _chart(filterset),
        "timeline_query": data.urlencode(),
    }
    return render(request, "casualties/actor.html", context)


def record_detail(request: HttpRequest, kind: str, pk: int) -> HttpResponse:
    if kind not in Record.Kind.values:
        raise Http404("No such kind of record")
    record = get_object_or_404(
        with_relations(Record.objects.select_related("article__outlet", "version__story")), pk=pk
    )
    if record.kind != kind:
        return redirect("casualties-record", record.kind, record.pk, permanent=True)
    body = record.article.body
    bounds = [start for start, _end, _text in _paragraphs(body)]
    index = max((i for i, start in enumerate(bounds) if start <= record.evidence_start), default=0)
    highlighted = highlighted_paragraphs(
        body, [record], link_base=reverse("articles-detail", args=[record.article_id])
    )
    context_html = highlighted[index] if highlighted else ""
    same = list(
        with_relations(Record.objects.filter(_same_claim_q(record)))
        .exclude(pk=record.pk)
        .order_by("-day", "-id")[:50]
    )
    return render(
        request,
        "casualties/record.html",
        {
            "record": record,
            "entry": Entry(record),
            "context_html": context_html,
            "same": same,
            "merged": list(record.merged.all()),
        },
    )


def _paragraphs(body: str) -> Iterator[tuple[int, int, str]]:
    position = 0
    for text in body.split("\n\n"):
        if text:
            yield position, position + len(text), text
        position += len(text) + 2


def _same_claim_q(record: Record) -> Q:
    """The same statement of fact in other stories or versions (see ``same_claim_key``)."""
    common = Q(kind=record.kind, day=record.day)
    if record.kind == Record.Kind.CASUALTY:
        who = (
            Q(claimant_id=record.claimant_id)
            if record.claimant_id
            else Q(claimant__isnull=True, claimant_name__iexact=record.claimant_name)
        )
        return (
            common
            & who
            & Q(
                number=record.number,
                low=record.low,
                high=record.high,
                qualifier=record.qualifier,
                category=record.category,
                population=record.population,
            )
        )
    if record.kind == Record.Kind.CEASEFIRE:
        who = (
            Q(broker_id=record.broker_id)
            if record.broker_id
            else Q(broker__isnull=True, broker_name__iexact=record.broker_name)
        )
        return common & who & Q(event_kind=record.event_kind)
    who = (
        Q(speaker_id=record.speaker_id)
        if record.speaker_id
        else Q(speaker__isnull=True, speaker_name__iexact=record.speaker_name)
    )
    return common & who & Q(quote=record.quote)


# --- Cease-fires ------------------------------------------------------------------------


@dataclass
class Truce:
    """The events of one cease-fire: proposed, talks, agreed, took effect, violated."""

    broker: str
    broker_actor: Actor | None
    events: list[Record] = field(default_factory=list)

    def first(self, *kinds: str) -> Record | None:
        return next((e for e in self.events if e.event_kind in kinds), None)

    @property
    def proposed(self) -> Record | None:
        return self.first(Record.EventKind.PROPOSED, Record.EventKind.TALKS_SCHEDULED)

    @property
    def agreed(self) -> Record | None:
        return self.first(Record.EventKind.AGREED)

    @property
    def took_effect(self) -> Record | None:
        return self.first(Record.EventKind.TOOK_EFFECT)

    @property
    def broken(self) -> Record | None:
        return self.first(Record.EventKind.VIOLATED)

    @property
    def parties(self) -> list[Actor]:
        seen: dict[int, Actor] = {}
        for event in self.events:
            for party in event.parties.all():
                seen.setdefault(party.pk, party)
        return sorted(seen.values(), key=lambda actor: actor.name)

    @property
    def start(self) -> date:
        return self.events[0].day


def group_truces(events: list[Record]) -> list[Truce]:
    """Group cease-fire events (in day order) into truces.

    Events name a broker: Russia's truce is proposed on 8 Oct, agreed on 9 Oct, violated on
    13 Oct. A new agreement by the same broker after a violation starts a new truce (Russia's
    second, humanitarian truce of 17 Oct). An event that names no broker joins the latest
    truce of the same story, else the latest truce of the same text version, else stands as
    a truce of its own with an unnamed broker.
    """
    truces: list[Truce] = []
    current: dict[Any, Truce] = {}
    by_story: dict[int, Truce] = {}
    for event in events:
        who = _who(event.broker, event.broker_name) if (event.broker or event.broker_name) else None
        story = event.version.story_id
        if who is None:
            truce = by_story.get(story)
            if truce is None:
                truce = Truce("", None)
                truces.append(truce)
        else:
            truce = current.get(who)
            restarted = (
                truce is not None
                and event.event_kind in (Record.EventKind.AGREED, Record.EventKind.PROPOSED)
                and truce.broken is not None
                and truce.broken.day < event.day
            )
            if truce is None or restarted:
                name = event.broker.name if event.broker else event.broker_name
                truce = Truce(name, event.broker)
                truces.append(truce)
                current[who] = truce
        truce.events.append(event)
        by_story[story] = truce
    return sorted(truces, key=lambda truce: truce.start, reverse=True)


def ceasefires(request: HttpRequest) -> HttpResponse:
    data = request.GET.copy()
    data["kind"] = Record.Kind.CEASEFIRE
    data["order"] = "newest"
    filterset = record_filter(data, with_relations(Record.objects.all()))
    # Truces are grouped from the latest events; older ones are reached by the date filter.
    events = list(filterset.qs[: MAX_CEASEFIRE_EVENTS + 1])
    truncated = len(events) > MAX_CEASEFIRE_EVENTS
    events = events[:MAX_CEASEFIRE_EVENTS][::-1]
    page = Paginator(group_truces(events), 25).get_page(request.GET.get("page"))
    context = {
        "page": page,
        "filter": filterset,
        "truncated": truncated,
        "limit": MAX_CEASEFIRE_EVENTS,
        "hidden_fields": ["kind", "category", "order"],
    }
    return render(request, "casualties/ceasefires.html", context)


# --- The article page's records (used by articles.views.article_detail) ------------------


def article_records(article: Article) -> dict[str, Any]:
    """The records of an article's text, and its body with their words marked in place."""
    if not article.version_id:
        return {"records": [], "highlighted": []}
    records = list(
        Record.objects.filter(version_id=article.version_id)
        .exclude(status=Record.Status.REJECTED)
        .select_related("claimant", "party", "speaker", "broker")
        .prefetch_related(Prefetch("parties", queryset=Actor.objects.only("name")))
        .order_by("evidence_start", "id")
    )
    return {
        "records": records,
        "highlighted": highlighted_paragraphs(article.body, records),
    }


# --- Exports ----------------------------------------------------------------------------

# Every stored field of a record, in order, then what the export adds.
RECORD_FIELDS = [f.attname for f in Record._meta.concrete_fields]
EXPORT_FIELDS = [
    *RECORD_FIELDS,
    "summary",
    "claimant",
    "party",
    "speaker",
    "broker",
    "parties",
    "permalink",
    "source_url",
    "source_outlet",
    "source_headline",
    "sources",
]
# A spreadsheet runs a cell that starts with one of these as a formula: article text is
# hostile, so such cells get a leading apostrophe in the CSV (the JSON keeps them as is).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _batches(items: Iterable[Record], size: int) -> Iterator[list[Record]]:
    batch: list[Record] = []
    for item in items:
        batch.append(item)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


def _sources_by_version(version_ids: set[int], base: str) -> dict[int, list[dict[str, Any]]]:
    """Every copy of these versions, one query for a whole chunk of records."""
    article_url = reverse("articles-detail", args=[0]).replace("/0/", "/{}/")
    sources: dict[int, list[dict[str, Any]]] = defaultdict(list)
    copies = (
        Article.objects.filter(version_id__in=version_ids)
        .select_related("outlet")
        .only("headline", "url", "agency", "published", "outlet__name", "version_id")
        .order_by("published", "id")
    )
    for copy in copies:
        sources[copy.version_id].append(
            {
                "article": base + article_url.format(copy.pk),
                "url": copy.url,
                "outlet": copy.outlet.name if copy.outlet else copy.agency,
                "headline": copy.headline,
                "published": copy.published,
            }
        )
    return sources


def _parties_by_record(record_ids: list[int]) -> dict[int, list[str]]:
    parties: dict[int, list[str]] = defaultdict(list)
    if record_ids:
        links = (
            Record.parties.through.objects.filter(record_id__in=record_ids)
            .order_by("actor__name")
            .values_list("record_id", "actor__name")
        )
        for record_id, name in links:
            parties[record_id].append(name)
    return parties


def export_rows(records: QuerySet[Record], request: HttpRequest) -> Iterator[dict[str, Any]]:
    """Every record under the filters as a flat dict, read in chunks: constant memory.

    A server-side cursor reads ``EXPORT_CHUNK`` records at a time (foreign keys joined);
    each chunk then needs one query for the copies of its versions and one for the parties
    of its cease-fire events. Queries grow with the number of chunks, memory not at all.
    """
    rows = records.select_related(
        "claimant", "party", "speaker", "broker", "article__outlet"
    ).iterator(chunk_size=EXPORT_CHUNK)
    base = request.build_absolute_uri("/").rstrip("/")
    permalink = base + reverse("casualties-record", args=["kind", 0]).replace("/kind/0/", "/{}/{}/")
    for batch in _batches(rows, EXPORT_CHUNK):
        sources = _sources_by_version({r.version_id for r in batch}, base)
        parties = _parties_by_record([r.pk for r in batch if r.kind == Record.Kind.CEASEFIRE])
        for record in batch:
            row = {name: getattr(record, name) for name in RECORD_FIELDS}
            primary = record.article
            row.update(
                summary=figure(record) if record.kind == Record.Kind.CASUALTY else summary(record),
                claimant=record.claimant.name if record.claimant else "",
                party=record.party.name if record.party else "",
                speaker=record.speaker.name if record.speaker else "",
                broker=record.broker.name if record.broker else "",
                parties=parties.get(record.pk, []),
                permalink=permalink.format(record.kind, record.pk),
                source_url=primary.url,
                source_outlet=primary.outlet.name if primary.outlet else primary.agency,
                source_headline=primary.headline,
                sources=sources.get(record.version_id, []),
            )
            yield row


class _Echo:
    """A file-like object whose write returns the line: csv.writer into a generator."""

    def write(self, value: str) -> str:
        return value


def _csv_cell(value: Any) -> Any:
    if isinstance(value, list | dict):
        value = json.dumps(value, cls=DjangoJSONEncoder, ensure_ascii=False)
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def export_csv(request: HttpRequest) -> StreamingHttpResponse:
    filterset = record_filter(request.GET)
    writer = csv.writer(_Echo())

    def lines() -> Iterator[str]:
        yield writer.writerow(EXPORT_FIELDS)
        for row in export_rows(filterset.qs, request):
            yield writer.writerow([_csv_cell(row[name]) for name in EXPORT_FIELDS])

    response = StreamingHttpResponse(lines(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="records.csv"'
    return response


def export_json(request: HttpRequest) -> StreamingHttpResponse:
    filterset = record_filter(request.GET)
    encoder = DjangoJSONEncoder(ensure_ascii=False)

    def chunks() -> Iterator[str]:
        yield "["
        for index, row in enumerate(export_rows(filterset.qs, request)):
            yield ("," if index else "") + "\n" + encoder.encode(row)
        yield "\n]\n"

    response = StreamingHttpResponse(chunks(), content_type="application/json")
    response["Content-Disposition"] = 'attachment; filename="records.json"'
    return response
