"""How a record reads: "more than 30 civilians killed", "≥ 200", "Thursday → 8 Oct 2020".

Plain functions first (the exports, the feed and the chart use them too), registered as
template filters below. Every function returns plain text; templates escape it.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django import template
from django.contrib.humanize.templatetags.humanize import intcomma
from django.utils.dateformat import format as format_date

from casualties.models import Record

register = template.Library()

# Short marks for the chart, where a qualifier must fit beside a point.
QUALIFIER_SYMBOLS = {
    Record.Qualifier.AT_LEAST: "≥",
    Record.Qualifier.MORE_THAN: ">",
    Record.Qualifier.ABOUT: "~",
    Record.Qualifier.NEARLY: "<~",
    Record.Qualifier.UP_TO: "≤",
    Record.Qualifier.RANGE: "",
    Record.Qualifier.EXACT: "",
}
POPULATION_WORDS = {
    Record.Population.TROOPS: "troops",
    Record.Population.CIVILIANS: "civilians",
    Record.Population.CHILDREN: "children",
    Record.Population.WOMEN: "women",
    Record.Population.UNSPECIFIED: "people",
}


def _number(value: int | None) -> str:
    return intcomma(value) if value is not None else ""


def amount(record: Record) -> str:
    """The quantity with its qualifier in words: "more than 30", "between 10 and 20", "scores"."""
    if record.qualifier == Record.Qualifier.RANGE and record.low is not None:
        return f"between {_number(record.low)} and {_number(record.high or record.number)}"
    if record.number is not None:
        if record.qualifier and record.qualifier != Record.Qualifier.EXACT:
            return f"{record.get_qualifier_display()} {_number(record.number)}"
        return _number(record.number)
    words = record.approx_words
    bounds = ""
    if record.low is not None and record.high is not None:
        bounds = f"{_number(record.low)}–{_number(record.high)}"
    elif record.low is not None:
        bounds = f"at least {_number(record.low)}"
    elif record.high is not None:
        bounds = f"up to {_number(record.high)}"
    if words and bounds:
        return f"{words} ({bounds})"
    return words or bounds or "an unknown number of"


def figure(record: Record) -> str:
    """A casualty claim as a phrase: "more than 30 civilians killed"."""
    population = POPULATION_WORDS.get(record.population, "people")
    category = record.get_category_display() if record.category else "affected"
    return f"{amount(record)} {population} {category}"


def chart_value(record: Record) -> int | None:
    """The number a chart plots: the figure, else the low bound of a vague one."""
    if record.number is not None:
        return record.number
    return record.low if record.low is not None else record.high


def qualifier_symbol(record: Record) -> str:
    if record.number is None and record.low is not None:
        return "≥"
    return QUALIFIER_SYMBOLS.get(record.qualifier, "")


def actor_label(actor: Any, name: str) -> str:
    """The canonical actor's name, else the words of the text."""
    return actor.name if actor is not None else name


def claimant(record: Record) -> str:
    return actor_label(record.claimant, record.claimant_name)


def speaker(record: Record) -> str:
    return actor_label(record.speaker, record.speaker_name)


def summary(record: Record) -> str:
    """One line of plain text for any kind of record (feed titles, CSV, page titles)."""
    if record.kind == Record.Kind.CASUALTY:
        who = claimant(record)
        return f"{figure(record)}" + (f", according to {who}" if who else "")
    if record.kind == Record.Kind.CEASEFIRE:
        broker = actor_label(record.broker, record.broker_name)
        text = f"Cease-fire {record.get_event_kind_display()}"
        return text + (f" (broker: {broker})" if broker else "")
    who = speaker(record) or "Unattributed"
    quote = record.quote if len(record.quote) <= 120 else record.quote[:117] + "…"
    return f"{who}: “{quote}”"


def date_words_title(record: Record) -> str:
    """The words a date came from, for a hover title: "Thursday → 8 Oct 2020"."""
    parts = []
    for word in record.date_words or []:
        resolved = word.get("date")
        when = format_date(date.fromisoformat(resolved), "j M Y") if resolved else "not resolved"
        label = "since " if word.get("kind") == "period_start" else ""
        parts.append(f"“{word.get('text', '')}” → {label}{when}")
    if not parts:
        return "No date words in the sentence: filed under the publication day"
    return "; ".join(parts)


register.filter("figure", figure)
register.filter("amount", amount)
register.filter("qualifier_symbol", qualifier_symbol)
register.filter("claimant", claimant)
register.filter("speaker", speaker)
register.filter("record_summary", summary)
register.filter("date_words_title", date_words_title)
