"""An Atom feed of new records under the timeline's filters: ``/feed/?kind=casualty&actor=3``."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.contrib.syndication.views import Feed
from django.db.models import QuerySet
from django.http import HttpRequest
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import format_html

from casualties.filters import record_filter
from casualties.models import Record
from casualties.templatetags.records import date_words_title, summary

FEED_SIZE = 50


class RecordFeed(Feed):  # type: ignore[type-arg]
    feed_type = Atom1Feed
    title = "Conflict tracker: new records"
    subtitle = "Casualty claims, cease-fire events and statements, newest first."

    def get_object(self, request: HttpRequest, *args: Any, **kwargs: Any) -> QuerySet[Record]:
        self.query = request.GET.urlencode()
        return record_filter(request.GET).qs

    def link(self) -> str:
        return reverse("casualties-timeline") + (f"?{self.query}" if self.query else "")

    def items(self, records: QuerySet[Record]) -> QuerySet[Record]:
        return records.select_related("claimant", "speaker", "broker", "article__outlet").order_by(
            "-created_at", "-id"
        )[:FEED_SIZE]

    def item_title(self, item: Record) -> str:
        return f"{item.day:%d %b %Y}: {summary(item)}"

    def item_description(self, item: Record) -> str:
        # Atom content is HTML: the hostile article sentence is escaped by format_html.
        source = item.article.outlet.name if item.article.outlet else item.article.agency
        return format_html(
            "<p>{}</p><blockquote>{}</blockquote><p>Source: {} · Date: {}</p>",
            summary(item),
            item.evidence,
            source or item.article.headline,
            date_words_title(item),
        )

    def item_link(self, item: Record) -> str:
        return reverse("casualties-record", args=[item.kind, item.pk])

    def item_pubdate(self, item: Record) -> datetime:
        return item.created_at

    def item_updateddate(self, item: Record) -> datetime:
        return item.updated_at


record_feed = RecordFeed()
