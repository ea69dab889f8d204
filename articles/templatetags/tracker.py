"""Template helpers shared by every page."""

from __future__ import annotations

from datetime import datetime

from django import template
from django.templatetags.tz import do_timezone

register = template.Library()


@register.filter
def in_zone(value: datetime | None, zone_name: str) -> datetime | str | None:
    """Show a stored (UTC) datetime in the article's own time zone, when it has one.

    Delegates to Django's ``timezone`` filter, whose result the ``date`` filter does not
    convert back to the site's zone (a plain ``astimezone`` would be undone).
    """
    if value is None:
        return None
    return do_timezone(value, zone_name or "UTC")
