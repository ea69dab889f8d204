"""Relative dates resolve against the publication day in its own zone."""

from __future__ import annotations

import datetime as dt

import pytest

from casualties.extraction.dates import find_dates

FRIDAY = dt.date(2024, 3, 15)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("the ministry said on Thursday", dt.date(2024, 3, 14)),
        ("shelling resumed on Friday", FRIDAY),
        ("Late Sunday, the convoy left", dt.date(2024, 3, 10)),
        ("on Saturday evening", dt.date(2024, 3, 9)),
        ("early last Wednesday", dt.date(2024, 3, 13)),
        ("since March 2", dt.date(2024, 3, 2)),
        ("on Feb. 11", dt.date(2024, 2, 11)),
        ("on 4 March", dt.date(2024, 3, 4)),
        ("overnight", FRIDAY),
        ("by the end of 2022", dt.date(2022, 12, 31)),
        ("on Dec. 30", dt.date(2023, 12, 30)),
    ],
)
def test_past_dates_resolve_to_the_most_recent_day(text: str, expected: dt.date) -> None:
    assert find_dates(text, FRIDAY)[0].date == expected


def test_relative_weekday_resolves_to_previous_day() -> None:
    assert find_dates("on Thursday", FRIDAY)[0].date == FRIDAY - dt.timedelta(days=1)


def test_publication_weekday_is_the_same_day() -> None:
    assert find_dates("on Friday", FRIDAY)[0].date == FRIDAY


def test_scheduled_weekday_resolves_forward() -> None:
    assert find_dates("are due to meet on Tuesday", FRIDAY, future=True)[0].date == dt.date(
        2024, 3, 19
    )


@pytest.mark.parametrize("text", ["last week", "earlier this month", "last month", "in October"])
def test_vague_periods_name_no_day(text: str) -> None:
    mention = find_dates(text, FRIDAY)[0]
    assert (mention.date, mention.kind) == (None, "vague")


def test_since_marks_a_period_start_and_keeps_its_words() -> None:
    mention = find_dates("killed since Jan. 9, officials said", FRIDAY)[0]
    assert (mention.kind, mention.text, mention.date) == (
        "period_start",
        "since Jan. 9",
        dt.date(2024, 1, 9),
    )


def test_offsets_point_into_the_text() -> None:
    text = "Officials said on Wednesday that"
    mention = find_dates(text, FRIDAY, offset=100)[0]
    assert text[mention.start - 100 : mention.end - 100] == mention.text


def test_phrases_with_spaces_in_the_verbose_date_grammar() -> None:
    pub = dt.date(2024, 3, 15)
    assert [m.kind for m in find_dates("At the height of the siege, food ran out", pub)] == [
        "vague"
    ]
    assert [m.kind for m in find_dates("Shelling has grown in recent weeks", pub)] == ["vague"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Shelling went on last night", FRIDAY - dt.timedelta(days=1)),
        ("Shelling went on LAST\nNIGHT", FRIDAY - dt.timedelta(days=1)),
        ("the convoy left this morning", FRIDAY),
        ("they will meet this  afternoon", FRIDAY),
        ("a vote due this evening", FRIDAY),
    ],
)
def test_day_words_of_two_words_match_with_ordinary_whitespace(
    text: str, expected: dt.date
) -> None:
    [mention] = find_dates(text, FRIDAY)
    assert (mention.kind, mention.date) == ("day", expected)
    assert " " in mention.text or "\n" in mention.text


@pytest.mark.parametrize(
    "text",
    [
        "the previous week",
        "the following month",
        "the past year",
        "earlier this week",
        "later this month",
    ],
)
def test_vague_phrases_of_several_words_match_with_ordinary_whitespace(text: str) -> None:
    [mention] = find_dates(f"Fighting eased {text}, officials said", FRIDAY)
    assert (mention.text, mention.date, mention.kind) == (text, None, "vague")


def test_words_glued_together_are_no_date_phrase() -> None:
    assert find_dates("lastnight thismorning", FRIDAY) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("since 22 ſeptember", dt.date(2023, 9, 22)),  # long s
        ("on FRİDAY", FRIDAY),  # dotted capital I
        ("on frıday", FRIDAY),  # dotless i
        ("laſt Monday", dt.date(2024, 3, 11)),
        ("on \u212aalends", None),  # Kelvin sign: no date word, nothing found
    ],
)
def test_date_words_with_letters_that_fold_to_ascii(text: str, expected: dt.date | None) -> None:
    found = find_dates(text, FRIDAY)
    assert [m.date for m in found] == ([expected] if expected else [])
