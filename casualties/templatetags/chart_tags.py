"""The chart figure, rendered once per chart data and reused from the cache.

Drawing a chart of thousands of points in the template language is the costliest part of
the timeline; the rendered figure is cached under the same key as the chart's data, which
changes whenever a record does.
"""

from __future__ import annotations

from django import template
from django.core.cache import cache
from django.template.loader import render_to_string
from django.utils.safestring import SafeString, mark_safe

from casualties.charts import CACHE_SECONDS, Chart

register = template.Library()


@register.simple_tag
def chart_figure(
    chart: Chart, chart_id: str = "chart", table: bool = True, table_url: str = ""
) -> SafeString:
    """The figure, and unless ``table`` is off the table of every point (which the chart
    page always shows; elsewhere ``table_url`` links to it)."""

    def render() -> str:
        context = {"chart": chart, "chart_id": chart_id, "table": table, "table_url": table_url}
        return render_to_string("casualties/includes/chart.html", context)

    if not chart.cache_key:
        return mark_safe(render())  # noqa: S308 - the template escaped every value
    key = f"{chart.cache_key}:html:{chart_id}:{int(table)}:{table_url}"
    html = cache.get(key)
    if html is None:
        html = render()
        cache.set(key, html, CACHE_SECONDS)
    return mark_safe(html)  # noqa: S308 - rendered by the template, which escaped every value
