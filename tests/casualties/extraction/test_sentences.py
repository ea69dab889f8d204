"""The sentence splitter keeps abbreviations, datelines and quote marks in place."""

from __future__ import annotations

import pytest

from casualties.extraction.sentences import split_sentences


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (
            "Gov. Ana Ruiz spoke. The U.S. envoy left on Sept. 14 for talks.",
            ["Gov. Ana Ruiz spoke.", "The U.S. envoy left on Sept. 14 for talks."],
        ),
        (
            "PORTVILLE, Elbonia (AP) — Rain fell. Roads closed.",
            ["PORTVILLE, Elbonia (AP) — Rain fell.", "Roads closed."],
        ),
        (
            "“We stay. We fight on,” she said.",
            ["“We stay.", "We fight on,” she said."],
        ),
        ("One.\n\nTwo words here.", ["One.", "Two words here."]),
    ],
)
def test_sentences_split_at_real_boundaries_only(body: str, expected: list[str]) -> None:
    assert [s.text for s in split_sentences(body)] == expected


def test_sentence_offsets_slice_the_body() -> None:
    body = "First one here. Second one here.\n\nThird."
    for s in split_sentences(body):
        assert body[s.start : s.end] == s.text


@pytest.mark.parametrize(
    "time",
    ["at 4 a.m. Wednesday", "at 9 p.m. (1800 GMT) on Monday", "at 9 p.m. GMT"],
)
def test_a_clock_time_followed_by_its_day_or_zone_ends_no_sentence(time: str) -> None:
    body = f"The truce took effect {time}. Thousands fled."
    assert [s.text for s in split_sentences(body)] == [
        f"The truce took effect {time}.",
        "Thousands fled.",
    ]
