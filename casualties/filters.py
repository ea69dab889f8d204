"""The timeline's filters, read from the query string so a filtered view is a shareable URL.

Every filter is served by an index: ``day`` (record_day_id), ``kind``/``category`` (composite
with ``day``), ``status``, the actor foreign keys, and on PostgreSQL GIN indexes over the
record's evidence and quote and over the article body (migration 0003).
"""

from __future__ import annotations

import re
from typing import Any

import django_filters
from django import forms
from django.conf import settings
from django.db import connection
from django.db.models import Exists, OuterRef, Q, QuerySet

from articles.models import Article, Outlet
from casualties.models import Actor, Place, Record
from tracker.widgets import PlainSelect

ACTOR_ROLES = [
    ("", "any role"),
    ("claimant", "claimant"),
    ("speaker", "speaker"),
    ("party", "party (whose losses)"),
    ("broker", "broker"),
]
ACTOR_FIELDS = {
    "claimant": ["claimant"],
    "speaker": ["speaker"],
    "party": ["party", "parties"],
    "broker": ["broker"],
}
ORDERS = [("newest", "newest first"), ("oldest", "oldest first")]
# A word found in at least this many articles is searched by walking the timeline.
COMMON_WORD_ARTICLES = 2000
# Up to this many matching records are read into a list before the page asks for them.
MAX_LISTED_MATCHES = 20000


def text_search(
    queryset: QuerySet[Record],
    terms: list[str],
    *,
    phrase: bool = False,
    in_articles: bool = True,
) -> QuerySet[Record]:
    """Records whose evidence or quote (and, unless told not to, whose article text) match
    any of ``terms``.

    PostgreSQL: full-text search ("quoted phrases", -not, or: web-search syntax; or each term
    as a phrase) over expressions that migration 0003 indexes with GIN. Elsewhere (SQLite, the
    no-services demo): a case-insensitive substring match, slower but the same idea.
    """
    terms = [term.strip() for term in terms if term.strip()]
    if not terms:
        return queryset
    if settings.USING_POSTGRES:
        from django.contrib.postgres.search import SearchQuery, SearchVector

        kind = "phrase" if phrase else "websearch"
        query = SearchQuery(terms[0], search_type=kind, config="english")
        for term in terms[1:]:
            query |= SearchQuery(term, search_type=kind, config="english")
        document = SearchVector("evidence", "quote", config="english")
        records = Record.objects.order_by()
        matches = records.annotate(document=document).filter(document=query).values("pk")
        if in_articles:
            articles = Article.objects.order_by().filter(search=query)
            if articles[:COMMON_WORD_ARTICLES].count() >= COMMON_WORD_ARTICLES:
                # A common word: walking the records newest first and checking each one's
                # article (stored vector, indexed version) finds a page after a few rows,
                # where collecting every match first would read most of the archive.
                # Evidence and quotes are sentences of the article, so its body covers them.
                article = articles.filter(version_id=OuterRef("version_id"))
                return queryset.filter(Exists(article))
            # A rarer word: each side through its own GIN index, the two id sets joined.
            # (An OR across the two tables would test every record row by row instead.)
            in_text = records.filter(version_id__in=articles.values("version_id")).values("pk")
            matches = matches.union(in_text, all=True)
        # Read the ids first when they are few: a plain list keeps the plans of the page, its
        # count and its chart simple, where a subquery could be re-run for every row.
        ids = list(matches.values_list("pk", flat=True)[: MAX_LISTED_MATCHES + 1])
        if len(ids) <= MAX_LISTED_MATCHES:
            return queryset.filter(pk__in=ids)
        return queryset.filter(pk__in=matches)
    condition = Q()
    for term in terms:
        condition |= _substring_match(term, phrase=phrase, in_articles=in_articles)
    return queryset.filter(condition)


# "quoted phrase", -excluded, or plain word: the parts of web-search syntax the SQLite
# fallback understands (every plain word and phrase must match; "or" is not supported).
SEARCH_TOKENS = re.compile(r'(-?)"([^"]+)"|(-?)(\S+)')


def _substring_match(term: str, *, phrase: bool, in_articles: bool) -> Q:
    tokens = [(False, term)] if phrase else []
    if not phrase:
        for match in SEARCH_TOKENS.finditer(term):
            negated = bool(match.group(1) or match.group(3))
            words = match.group(2) or match.group(4)
            if words and words != "-":
                tokens.append((negated, words))
    condition = Q()
    for negated, words in tokens:
        found = Q(evidence__icontains=words) | Q(quote__icontains=words)
        if in_articles:
            articles = Article.objects.filter(body__icontains=words).values("version_id")
            found |= Q(version_id__in=articles)
        condition &= ~found if negated else found
    return condition


def actors_with_records(request: Any = None) -> QuerySet[Actor]:
    """Actors some record points to: the actor filter offers these, not the whole registry.

    On PostgreSQL, the distinct actors of each role are read by skipping through the
    foreign-key indexes (one probe per distinct actor), so the cost follows the number of
    actors in use, not the number of records: 1 ms instead of a second at 450,000 records,
    where per-actor EXISTS probes went wrong on skewed columns.
    """
    if settings.USING_POSTGRES:
        return Actor.objects.filter(pk__in=_actor_ids_in_use()).only("name")
    has = Q()
    for field in ("claimant", "speaker", "party", "broker"):
        has |= Q(Exists(Record.objects.filter(**{f"{field}_id": OuterRef("pk")})))
    has |= Q(Exists(Record.parties.through.objects.filter(actor_id=OuterRef("pk"))))
    return Actor.objects.filter(has).only("name")


def _actor_ids_in_use() -> list[int]:
    through = Record.parties.through
    columns = [(Record, f"{field}_id") for field in ("claimant", "speaker", "party", "broker")]
    columns.append((through, "actor_id"))
    with connection.cursor() as cursor:
        cursor.execute(" UNION ".join(_distinct_by_skipping(model, c) for model, c in columns))
        return [row[0] for row in cursor.fetchall()]


def _distinct_by_skipping(model: Any, column: str) -> str:
    """SQL for the distinct non-null values of an indexed column: a recursive query that
    jumps from each value to the next one through the index (a "loose index scan")."""
    quote = connection.ops.quote_name
    table, col = quote(model._meta.db_table), quote(column)
    return (
        f"(WITH RECURSIVE seen(v) AS ("
        f"(SELECT {col} FROM {table} WHERE {col} IS NOT NULL ORDER BY {col} LIMIT 1) "
        f"UNION ALL SELECT (SELECT {col} FROM {table} WHERE {col} > seen.v "
        f"ORDER BY {col} LIMIT 1) FROM seen WHERE seen.v IS NOT NULL) "
        f"SELECT v FROM seen WHERE v IS NOT NULL)"
    )


class RecordFilter(django_filters.FilterSet):
    start = django_filters.DateFilter(
        field_name="day",
        lookup_expr="gte",
        label="From",
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    end = django_filters.DateFilter(
        field_name="day",
        lookup_expr="lte",
        label="To",
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    kind = django_filters.ChoiceFilter(
        choices=Record.Kind.choices, empty_label="all kinds", label="Kind"
    )
    actor = django_filters.ModelChoiceFilter(
        queryset=actors_with_records, method="filter_actor", empty_label="anyone", label="Actor"
    )
    role = django_filters.ChoiceFilter(
        choices=ACTOR_ROLES[1:], method="filter_nothing", empty_label="any role", label="As"
    )
    place = django_filters.ModelChoiceFilter(
        queryset=Place.objects.only("name"),
        method="filter_place",
        empty_label="anywhere",
        label="Place",
    )
    outlet = django_filters.ModelChoiceFilter(
        queryset=Outlet.objects.only("name"),
        method="filter_outlet",
        empty_label="any outlet",
        label="Outlet",
    )
    category = django_filters.ChoiceFilter(
        choices=Record.Category.choices, empty_label="any category", label="Category"
    )
    verified = django_filters.BooleanFilter(
        method="filter_verified", label="Verified only", widget=forms.CheckboxInput
    )
    q = django_filters.CharFilter(method="filter_text", label="Search")
    rejected = django_filters.BooleanFilter(
        method="filter_nothing", label="Include rejected", widget=forms.CheckboxInput
    )
    merged = django_filters.BooleanFilter(
        method="filter_nothing",
        label="Include merged duplicates",
        widget=forms.CheckboxInput,
    )
    superseded = django_filters.BooleanFilter(
        method="filter_nothing",
        label="Include superseded versions",
        widget=forms.CheckboxInput,
    )
    order = django_filters.ChoiceFilter(
        choices=ORDERS, method="filter_nothing", empty_label=None, label="Order"
    )

    class Meta:
        model = Record
        fields: list[str] = []

    def filter_nothing(self, queryset: QuerySet[Record], name: str, value: Any) -> QuerySet[Record]:
        return queryset  # read in filter_queryset, where it combines with other fields

    def filter_actor(self, queryset: QuerySet[Record], name: str, value: Actor) -> QuerySet[Record]:
        role = self.form.cleaned_data.get("role") or ""
        fields = ACTOR_FIELDS.get(role) or [f for group in ACTOR_FIELDS.values() for f in group]
        condition = Q()
        for field in fields:
            if field == "parties":
                through = Record.parties.through.objects.filter(
                    record_id=OuterRef("pk"), actor_id=value.pk
                )
                condition |= Q(Exists(through))
            else:
                condition |= Q(**{f"{field}_id": value.pk})
        return queryset.filter(condition)

    def filter_place(self, queryset: QuerySet[Record], name: str, value: Place) -> QuerySet[Record]:
        # The place must be named in the sentence itself, not anywhere in the article.
        names = [value.name, *value.aliases.values_list("alias", flat=True)]
        return text_search(queryset, names, phrase=True, in_articles=False)

    def filter_outlet(
        self, queryset: QuerySet[Record], name: str, value: Outlet
    ) -> QuerySet[Record]:
        copies = Article.objects.filter(version_id=OuterRef("version_id"), outlet_id=value.pk)
        return queryset.filter(Exists(copies))

    def filter_verified(
        self, queryset: QuerySet[Record], name: str, value: bool | None
    ) -> QuerySet[Record]:
        if value:
            return queryset.filter(status__in=[Record.Status.VERIFIED, Record.Status.CORRECTED])
        return queryset

    def filter_text(self, queryset: QuerySet[Record], name: str, value: str) -> QuerySet[Record]:
        return text_search(queryset, [value])

    def filter_queryset(self, queryset: QuerySet[Record]) -> QuerySet[Record]:
        queryset = super().filter_queryset(queryset)
        data = getattr(self.form, "cleaned_data", {})
        if not data.get("rejected"):
            queryset = queryset.exclude(status=Record.Status.REJECTED)
        if not data.get("merged"):
            # An editor merged it into another record, which lists it among its sources.
            queryset = queryset.filter(merged_into__isnull=True)
        if not data.get("superseded"):
            queryset = queryset.filter(version__is_latest=True)
        if data.get("order") == "oldest":
            queryset = queryset.order_by("day", "id")
        else:
            queryset = queryset.order_by("-day", "-id")
        return queryset

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for choice in self.filters.values():
            if isinstance(choice, django_filters.ChoiceFilter | django_filters.ModelChoiceFilter):
                choice.extra.setdefault("widget", PlainSelect)

    @property
    def active(self) -> bool:
        """Whether any filter narrows the records (the order alone does not)."""
        data = getattr(self.form, "cleaned_data", {})
        return any(value not in (None, "", False) for key, value in data.items() if key != "order")


def record_filter(data: Any, queryset: QuerySet[Record] | None = None) -> RecordFilter:
    """A bound filter over the records (bound even when empty, so the defaults apply)."""
    return RecordFilter(data, queryset=queryset if queryset is not None else Record.objects.all())
