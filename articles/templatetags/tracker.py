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


@register.filter
def seconds(value: float | None) -> str:
    """A duration for people: "0.4 s", "12 s", "3 min 05 s", "2 h 04 min"."""
    if value is None:
        return ""
    if value < 10:
        return f"{value:.1f} s"
    whole = int(round(value))
    if whole < 60:
        return f"{whole} s"
    minutes, secs = divmod(whole, 60)
    if minutes < 60:
        return f"{minutes} min {secs:02d} s"
    hours, minutes = divmod(minutes, 60)
    return f"{hours} h {minutes:02d} min"


@register.filter
def web_url(value: str | None) -> str:
    """The URL if it is an http(s) address, else "": an imported page or feed may give any
    string as its URL, and a ``javascript:`` one must be shown, never linked."""
    value = (value or "").strip()
    return value if value.lower().startswith(("http://", "https://")) else ""
