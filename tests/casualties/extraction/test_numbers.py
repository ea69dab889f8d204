"""The casualty-quantity grammar: figures, qualifiers, vague words and their bounds."""

from __future__ import annotations

import pytest

from casualties.extraction.numbers import find_quantities, parse_figure


@pytest.mark.parametrize(
    ("text", "number", "qualifier", "low", "high"),
    [
        ("2,345 soldiers", 2345, "exact", None, None),
        ("at least 17 people", 17, "at_least", None, None),
        ("more than 41 villagers", 41, "more_than", None, None),
        ("over 12,000 residents", 12000, "more_than", None, None),
        ("nearly 7,000 dead", 7000, "nearly", None, None),
        ("the tally neared 3,100", 3100, "nearly", None, None),
        ("about 250 were hurt", 250, "about", None, None),
        ("some 90 fighters", 90, "about", None, None),
        ("roughly 600 families", 600, "about", None, None),
        ("up to 45 people", 45, "up_to", None, None),
        ("eleven miners", 11, "exact", None, None),
        ("twenty-three sailors", 23, "exact", None, None),
        ("a dozen shoppers", 12, "exact", None, None),
        ("three dozen recruits", 36, "exact", None, None),
        ("nearly a million people", 1_000_000, "nearly", None, None),
        ("More than 2.5 million people", 2_500_000, "more_than", None, None),
        ("between 30 and 45 people", None, "range", 30, 45),
        ("dozens of farmers", None, "at_least", 24, None),
        ("scores of porters", None, "at_least", 40, None),
        ("hundreds of pilgrims", None, "at_least", 200, None),
        ("thousands of people", None, "at_least", 2000, None),
        ("several thousand people", None, "at_least", 3000, None),
        ("tens of thousands of people", None, "at_least", 20000, None),
    ],
    ids=lambda v: str(v),
)
def test_quantity_phrase_gives_number_qualifier_and_bounds(
    text: str, number: int | None, qualifier: str, low: int | None, high: int | None
) -> None:
    q = find_quantities(text)[0]
    assert (q.number, q.qualifier, q.low, q.high) == (number, qualifier, low, high)


def test_qualified_figures_keep_their_words() -> None:
    q = find_quantities("killing at least 8 people")[0]
    assert q.approx_words == "at least 8"
    assert find_quantities("killing 8 people")[0].approx_words is None


def test_vague_words_with_a_hedge_keep_the_lower_bound() -> None:
    q = find_quantities("left hundreds and possibly thousands of people dead")[0]
    assert (q.number, q.low, q.approx_words) == (None, 200, "hundreds and possibly thousands")


@pytest.mark.parametrize("text", ["", "the", "and and", "bananas"])
def test_parse_figure_rejects_words_that_are_no_figure(text: str) -> None:
    assert parse_figure(text) is None
