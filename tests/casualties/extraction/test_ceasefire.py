"""Cease-fire events from invented sentences."""

from __future__ import annotations

import datetime as dt

import pytest

from casualties.extraction import extract

PUBLISHED = dt.datetime(2024, 3, 13, 18, 0, tzinfo=dt.UTC)  # Wednesday


def events(body: str) -> list[tuple[str, dt.date | None, str | None]]:
    found = extract(body, PUBLISHED).ceasefire_events
    return [(e.kind, e.date, e.broker) for e in found]


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (
            "Chile and Peru agreed on Tuesday to a ceasefire along the border.",
            ("agreed", dt.date(2024, 3, 12), None),
        ),
        (
            "The truce took effect at noon on Monday.",
            ("took_effect", dt.date(2024, 3, 11), None),
        ),
        (
            "Both sides accused each other on Wednesday of violating the truce.",
            ("violated", dt.date(2024, 3, 13), None),
        ),
        (
            "The foreign ministers are scheduled to meet for ceasefire talks on Friday.",
            ("talks_scheduled", dt.date(2024, 3, 15), None),
        ),
        (
            "Norway hosted talks between the two sides on ceasefire terms on Monday.",
            ("talks_held", dt.date(2024, 3, 11), "Norway"),
        ),
        (
            "Egyptian President Omar Hassan called for a ceasefire on Sunday.",
            ("proposed", dt.date(2024, 3, 10), "Egypt"),
        ),
    ],
)
def test_event_kinds_and_dates(body: str, expected: tuple[str, dt.date | None, str | None]) -> None:
    assert events(body)[0] == expected


def test_brokered_truce_names_the_broker() -> None:
    body = "A Qatari-brokered truce frayed immediately after it took effect Monday."
    assert ("took_effect", dt.date(2024, 3, 11), "Qatar") in events(body)
    assert ("violated", dt.date(2024, 3, 11), "Qatar") in events(body)


def test_generic_calls_for_a_truce_are_no_event() -> None:
    assert events("Fighting raged despite international calls for a ceasefire.") == []


def test_subordinate_clause_without_a_day_is_no_event() -> None:
    assert [k for k, _, _ in events("Two truces frayed immediately after entering force.")] == [
        "violated"
    ]


def test_unilateral_truce_has_no_broker() -> None:
    body = "The government has declared a unilateral ceasefire in the north."
    assert events(body) == [("agreed", dt.date(2024, 3, 13), None)]
