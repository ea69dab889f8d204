"""The cheap word tests before a pattern never change what the pattern finds."""

from __future__ import annotations

import pytest

from casualties.extraction import casualties, ceasefire, party
from casualties.extraction.scan import caseless_may_hold, has_any

TEXTS = [
    "up from 63 it had earlier reported",
    "40 people, before revising the figure",
    "12 soldiers, it had EARLİER said",
    "5 civilians before reviſing",
    "Officials have been counting",
    "they HAVE been killed",
    "The fighting on both sides killed 7",
    "ALL SİDES lost 3",
    "Ruritania's population fled",
    "Ruritanian shelling killed two",
    "The truce was declared unilateral",
    "a 1991-94 war killed 30,000",
    "the previous conflict",
    "The last full-scale WAR between them",
    "Before the war, thousands fled",
    "Cyclone Delia in 2008, which killed",
    "nothing here at all",
]


@pytest.mark.parametrize("text", TEXTS)
def test_superseded_after_gate(text: str) -> None:
    for pos in range(len(text) + 1):
        expected = bool(casualties._SUPERSEDED_AFTER_AT.match(text, pos))
        assert casualties._superseded_after(text, pos) == expected


@pytest.mark.parametrize("text", TEXTS)
def test_gates_hold_whenever_the_pattern_matches(text: str) -> None:
    low = text.lower()
    if casualties._PRESENT_PERFECT.search(text):
        assert caseless_may_hold(text, casualties._PERFECT_KEYS)
    if party._WHOLE_WAR_RE.search(text):
        assert caseless_may_hold(text, party._WHOLE_WAR_KEYS)
    if party._BOTH_RE.search(text):
        assert caseless_may_hold(text, ("sides",))
    if party._AGENT_RE.search(text):
        assert has_any(text, party._AGENT_KEYS)
    if party._PLACE_POPULATION.search(text):
        assert has_any(text, party._POSSESSIVE_S)
    if ceasefire._UNILATERAL_L.search(low):
        assert has_any(low, ceasefire._UNILATERAL_KEYS)
    if casualties._OTHER_PERIOD_RE.search(text):
        assert casualties.YEAR_LIKE.search(text) or (
            has_any(low, casualties._PERIOD_KEYS)
            and caseless_may_hold(text, casualties._EARLIER_PERIOD_KEYS)
        )
