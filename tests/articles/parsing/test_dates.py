"""Publication dates as pages print them."""

from __future__ import annotations

import pytest

from articles.parsing.dates import is_date_line, parse_date_text, parse_published_value

NY, CHICAGO, LONDON = "America/New_York", "America/Chicago", "Europe/London"
PARIS = "Europe/Paris"

CASES = [
    # text, ISO value, zone name, date only
    ("Wednesday 21 October 2020 15:20 BST", "2020-10-21T15:20:00+01:00", LONDON, False),
    ("Sunday 25 October 2020 11:56 EDT", "2020-10-25T11:56:00-04:00", NY, False),
    ("October 9, 2020", "2020-10-09T12:00:00+00:00", None, True),
    ("Posted: Apr 8, 2022 / 04:21 PM CDT", "2022-04-08T16:21:00-05:00", CHICAGO, False),
    ("MARCH 5, 2020 / 8:48 PM / UPDATED 5 YEARS AGO", "2020-03-05T20:48:00+00:00", None, False),
    ("Updated 9:48 PM EST, November 27, 2023", "2023-11-27T21:48:00-05:00", NY, False),
    ("Published 28 June 2021, 22:41 BST", "2021-06-28T22:41:00+01:00", LONDON, False),
    ("Friday, 06 Jan 2023 08:05 PM (GMT+8)", "2023-01-06T20:05:00+08:00", "UTC+08:00", False),
    ("Published on: 23/05/2023 - 14:27 (Paris)", "2023-05-23T14:27:00+02:00", PARIS, False),
    ("02 Nov 2022 17:18 GMT", "2022-11-02T17:18:00+00:00", "UTC", False),
    ("Posted Jan 14, 2020 at 10:31 AM CST", "2020-01-14T10:31:00-06:00", CHICAGO, False),
    ("Fri, May 21, 2021, 10:14 AM EDT·4 min read", "2021-05-21T10:14:00-04:00", NY, False),
    ("October 11, 2020 11:48 AM GMT+4Updated", "2020-10-11T11:48:00+04:00", "UTC+04:00", False),
    ("May 17, 2022 | 2:40 PM EDT", "2022-05-17T14:40:00-04:00", NY, False),
    ("Published 14.03.2024 08:30 CET", "2024-03-14T08:30:00+01:00", "CET", False),
    ("Published Feb. 14, 2023, at 4:05 p.m. EST", "2023-02-14T16:05:00-05:00", NY, False),
    ("2022-11-24T09:15:00+00:00", "2022-11-24T09:15:00+00:00", "UTC", False),
    ("2020-10-21T15:20:00+01:00", "2020-10-21T15:20:00+01:00", "UTC+01:00", False),
    ("2020-10-21", "2020-10-21T12:00:00+00:00", None, True),
    ("Thu, 22 Oct 2020 08:00:00 GMT", "2020-10-22T08:00:00+00:00", "UTC", False),
    # two renderings of one date run together, as a text save of some pages gives them
    ("08/14/2023August 14, 2023", "2023-08-14T12:00:00+00:00", None, True),
]  # fmt: skip


@pytest.mark.parametrize(("text", "value", "zone", "date_only"), CASES, ids=[c[0] for c in CASES])
def test_printed_date_becomes_an_aware_datetime_in_the_stated_zone(
    text: str, value: str, zone: str | None, date_only: bool
) -> None:
    found = parse_date_text(text)
    assert found is not None
    assert found.value.isoformat() == value
    assert found.timezone_name == zone
    assert found.date_only is date_only


def test_the_updated_half_of_a_line_never_lends_its_time_to_the_posted_half() -> None:
    found = parse_date_text("Posted Jan 14, 2020 at 10:31 AM CST | Updated Jan 14, 2020 at 2:03 PM")
    assert found is not None
    assert found.value.hour == 10
    assert found.text == "Posted Jan 14, 2020 at 10:31 AM CST"


def test_original_text_of_the_date_is_kept_with_its_label() -> None:
    found = parse_date_text("Friday, 06 Jan 2023 08:05 PM (GMT+8)")
    assert found is not None
    assert found.text == "Friday, 06 Jan 2023 08:05 PM (GMT+8)"


@pytest.mark.parametrize(
    "text",
    ["No date here", "31 February 2020", "Open 24/7", "Call 555-1234", "13:99 on 45/45/2020"],
)
def test_text_without_a_valid_date_gives_none(text: str) -> None:
    assert parse_date_text(text) is None


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Updated 9:48 PM EST, November 27, 2023", True),
        ("Published 4 years ago on October 9, 2020", True),
        ("Smoke rises over southern Khartoum on May 23, 2023, as fighting continued.", False),
        ("The talks had opened on May 6, 2023 in the Saudi city of Jeddah.", False),
    ],
)
def test_a_date_line_is_told_from_a_sentence_that_mentions_a_date(
    line: str, expected: bool
) -> None:
    assert is_date_line(line) is expected


def test_ambiguous_zone_abbreviations_are_not_guessed() -> None:
    found = parse_published_value("5 March 2021 10:00 IST")
    assert found is not None
    assert found.timezone_name is None
