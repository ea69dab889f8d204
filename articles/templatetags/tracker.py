"""Template helpers shared by every page."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from django import template

register = template.Library()


@register.filter
def in_zone(value: datetime | None, zone_name: str) -> datetime | None:
    """Show a stored (UTC) datetime in the article's own time zone, when it has one."""
    if value is None or not zone_name:
        return value
    try:
        return value.astimezone(ZoneInfo(zone_name))
    except (ZoneInfoNotFoundError, ValueError):
        return value
