"""The casualty chart: reported figures over time, one line per claimant and category.

Drawn on the server as SVG (no script, no build step) with the same numbers in a table
beside it. A worked example: Nagorno-Karabakh officials claimed 834 troops killed on
21 Oct, 974 on 25 Oct and 1,166 on 30 Oct 2020; those three records share the key
(officials, killed, troops) and become one rising line, while Azerbaijan's civilian toll
(63, 65, at least 90) is another line on the same axes, so disagreeing claims show side by
side. A vague figure ("at least 200", "scores") is plotted at its low bound and marked.
"""

from __future__ import annotations

import functools
import hashlib
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from django.core.cache import cache
from django.db.models import QuerySet
from django.urls import reverse
from django.utils.dateformat import format as format_date
from django.utils.dates import MONTHS_3
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString
from django.utils.translation import get_language

from casualties import revision
from casualties.models import Record
from casualties.templatetags.records import amount, chart_value, qualifier_symbol

# Colour-blind-safe palette (Okabe–Ito, then darker tones); a line's colour follows its rank.
PALETTE = [
    "#0072B2",
    "#D55E00",
    "#009E73",
    "#CC79A7",
    "#E69F00",
    "#56B4E9",
    "#000000",
    "#8C564B",
    "#7F7F7F",
    "#5B3A8E",
]
MAX_LINES = len(PALETTE)
# Above this many records the chart reads only the first ones (by day): narrow the filters.
MAX_POINTS = 5000
WIDTH, HEIGHT = 760, 340
LEFT, RIGHT, TOP, BOTTOM = 64, 16, 16, 40
CACHE_SECONDS = revision.CACHE_SECONDS
# Above this many points a chart marks only each line's latest one.
DENSE_POINTS = 400


@dataclass
class Point:
    record_id: int
    day: date
    value: int
    symbol: str
    text: str
    x: float = 0.0
    y: float = 0.0

    @property
    def url(self) -> str:
        return _record_url(self.record_id)

    @property
    def date_label(self) -> str:
        """ "j M Y", as the templates write dates ("9 Oct 2020")."""
        return f"{self.day.day} {_month_names()[self.day.month - 1]} {self.day.year}"


@dataclass
class Line:
    claimant: str
    category: str
    population: str
    points: list[Point] = field(default_factory=list)
    colour: str = ""

    @property
    def label(self) -> str:
        return f"{self.claimant}: {self.population} {self.category}"

    @property
    def path(self) -> str:
        return " ".join(f"{p.x:.1f},{p.y:.1f}" for p in self.points)

    # A chart can hold thousands of points: their markup is written here with format_html
    # (every value escaped) rather than by a template loop, which took a second per chart.

    @property
    def points_svg(self) -> SafeString:
        return self._svg(self.points)

    @property
    def latest_point_svg(self) -> SafeString:
        return self._svg(self.points[-1:])

    def _svg(self, points: list[Point]) -> SafeString:
        return format_html_join(
            "",
            '<a href="{}" class="point"><title>{}: {} on {}</title>'
            '<circle cx="{}" cy="{}" r="5" fill="{}"/>'
            '<text x="{}" y="{}" dy="-9" text-anchor="middle" fill="{}">{}{}</text></a>',
            (
                (
                    p.url,
                    self.label,
                    p.text,
                    p.date_label,
                    f"{p.x:.1f}",
                    f"{p.y:.1f}",
                    self.colour,
                    f"{p.x:.1f}",
                    f"{p.y:.1f}",
                    self.colour,
                    p.symbol,
                    f"{p.value:,}",
                )
                for p in points
            ),
        )

    @property
    def table_rows(self) -> SafeString:
        heading = format_html(
            '<th scope="rowgroup" rowspan="{}"><svg class="swatch" viewBox="0 0 10 10" '
            'aria-hidden="true" focusable="false"><rect width="10" height="10" rx="2" '
            'fill="{}"/></svg>{}</th>',
            len(self.points),
            self.colour,
            self.label,
        )
        return format_html_join(
            "\n",
            '<tr>{}<td><time datetime="{}">{}</time></td><td class="num">{}</td>'
            '<td><a href="{}">record {}</a></td></tr>',
            (
                (
                    heading if n == 0 else "",
                    p.day.isoformat(),
                    p.date_label,
                    p.text,
                    p.url,
                    p.record_id,
                )
                for n, p in enumerate(self.points)
            ),
        )


@dataclass
class Tick:
    position: float
    label: str


@dataclass
class Chart:
    lines: list[Line]
    hidden_lines: int = 0
    truncated: bool = False
    x_ticks: list[Tick] = field(default_factory=list)
    y_ticks: list[Tick] = field(default_factory=list)
    width: int = WIDTH
    height: int = HEIGHT
    left: int = LEFT
    bottom_y: int = HEIGHT - BOTTOM
    right_x: int = WIDTH - RIGHT
    # Set when the chart comes from the cache: the rendered figure is cached under it too.
    cache_key: str = ""

    @property
    def empty(self) -> bool:
        return not self.lines

    @property
    def dense(self) -> bool:
        """Too many points to mark each one legibly: draw the lines and each line's latest
        point (the table lists every point)."""
        return sum(len(line.points) for line in self.lines) > DENSE_POINTS


@functools.cache
def _record_url_parts() -> tuple[str, str]:
    marker = 987654321
    url = reverse("casualties-record", args=[Record.Kind.CASUALTY, marker])
    before, after = url.split(str(marker))
    return before, after


def _record_url(record_id: int) -> str:
    before, after = _record_url_parts()
    return f"{before}{record_id}{after}"


def _month_names() -> list[str]:
    return _months_in(get_language())


@functools.cache
def _months_in(language: str | None) -> list[str]:
    return [str(MONTHS_3[n]).title() for n in range(1, 13)]


@dataclass(slots=True)
class _Figure:
    """The fields of a casualty record the chart reads, without a model instance per row
    (instances and their display lookups were most of a cold chart's 660 ms)."""

    number: int | None
    low: int | None
    high: int | None
    qualifier: str
    approx_words: str

    def get_qualifier_display(self) -> str:
        return QUALIFIERS.get(self.qualifier, self.qualifier)


QUALIFIERS = dict(Record.Qualifier.choices)
CATEGORIES = dict(Record.Category.choices)
POPULATIONS = dict(Record.Population.choices)


def build_chart(records: QuerySet[Record]) -> Chart:
    """Group casualty records by (claimant, category, population) and lay the lines out."""
    rows = (
        records.filter(kind=Record.Kind.CASUALTY)
        .order_by("day", "id")
        .values_list(
            "pk",
            "day",
            "number",
            "low",
            "high",
            "qualifier",
            "approx_words",
            "category",
            "population",
            "claimant_id",
            "claimant_name",
            "claimant__name",
        )[: MAX_POINTS + 1]
    )
    grouped: dict[tuple[Any, str, str], Line] = {}
    seen: dict[tuple[Any, str, str], set[tuple[date, int]]] = defaultdict(set)
    count = 0
    for row in rows:
        count += 1
        if count > MAX_POINTS:
            break
        pk, day, number, low, high, qualifier, words, category, population = row[:9]
        claimant_id, claimant_name, actor_name = row[9:]
        record = _Figure(number, low, high, qualifier, words)
        value = chart_value(record)  # type: ignore[arg-type]
        if value is None:
            continue
        who = actor_name if claimant_id else claimant_name or "unattributed"
        key = (claimant_id or who, category, population)
        line = grouped.get(key)
        if line is None:
            line = grouped[key] = Line(
                claimant=who,
                category=CATEGORIES.get(category, category),
                population=POPULATIONS.get(population, population),
            )
        # The same figure on the same day from several stories is one point.
        if (day, value) in seen[key]:
            continue
        seen[key].add((day, value))
        symbol = qualifier_symbol(record)  # type: ignore[arg-type]
        line.points.append(Point(pk, day, value, symbol, amount(record)))  # type: ignore[arg-type]
    lines = sorted(grouped.values(), key=lambda line: (-len(line.points), line.label))
    chart = Chart(lines=lines[:MAX_LINES], hidden_lines=max(0, len(lines) - MAX_LINES))
    chart.truncated = count > MAX_POINTS
    _lay_out(chart)
    return chart


def _nice_ceiling(value: int) -> int:
    """The next round number at or above ``value``: 1,166 -> 1,200; 63 -> 70."""
    if value <= 10:
        return 10
    magnitude = 10 ** (len(str(value)) - 2)
    return -(-value // magnitude) * magnitude


def _lay_out(chart: Chart) -> None:
    points = [p for line in chart.lines for p in line.points]
    if not points:
        return
    for rank, line in enumerate(chart.lines):
        line.colour = PALETTE[rank % len(PALETTE)]
    first = min(p.day for p in points)
    last = max(p.day for p in points)
    span = max((last - first).days, 1)
    top = _nice_ceiling(max(p.value for p in points))
    inset = 16  # keeps the first and last points clear of the axis labels
    plot_w = WIDTH - LEFT - RIGHT - 2 * inset
    plot_h = HEIGHT - TOP - BOTTOM

    def x(day: date) -> float:
        if first == last:
            return LEFT + inset + plot_w / 2
        return LEFT + inset + plot_w * (day - first).days / span

    def y(value: int) -> float:
        return TOP + plot_h * (1 - value / top)

    for point in points:
        point.x, point.y = x(point.day), y(point.value)
    chart.y_ticks = [Tick(y(top * i // 4), f"{top * i // 4:,}") for i in range(5)]
    step = max(1, span // 6)
    ticks = []
    day = first
    while day <= last:
        ticks.append(Tick(x(day), format_date(day, "j M")))
        day += timedelta(days=step)
    chart.x_ticks = ticks


def cached_chart(
    records: QuerySet[Record], filters: dict[str, Any], stamp: str | None = None
) -> Chart:
    """The chart for these filters, from the cache while no record has changed (``stamp``:
    the records revision, when the caller has read it already)."""
    normal = sorted((k, getattr(v, "pk", v)) for k, v in filters.items() if v not in (None, ""))
    stamp = revision.current() if stamp is None else stamp
    digest = hashlib.sha256(repr((normal, stamp)).encode()).hexdigest()[:32]
    key = f"casualties:chart:{digest}"
    chart = cache.get(key)
    if chart is None:
        chart = build_chart(records)
        chart.cache_key = key
        cache.set(key, chart, CACHE_SECONDS)
    return chart
