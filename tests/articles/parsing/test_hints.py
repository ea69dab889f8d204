"""Caseless twins find what their case-insensitive originals find, odd letters included."""

from __future__ import annotations

import random
import re

import pytest

from articles.parsing import bylines, hints, textpage

PATTERNS = [textpage._CUE, textpage._URL, textpage._COPYRIGHT, bylines._CREDIT]
PIECES = [
    *"aAbBcCsSkKiIyY _-./:()'’\n",
    *"İıſKΣσς©é0_",
    "Sign UP",
    "ReAd more",
    "COOKIES",
    "log in",
    "www.",
    "http://",
    ".com/",
    "(C)",
    "copyright",
    "All Rights Reserved",
    "contributed",
    "Reporting by",
    "editing BY",
    "follow us",
    "ſubscribe",
    "newsletterſ",
    "Kelvin",
    "lıke",
    "dİsplay",
    "comments",
    "comment policy",
]


def random_line(rng: random.Random) -> str:
    return "".join(rng.choice(PIECES) for _ in range(rng.randrange(0, 25)))


@pytest.mark.parametrize("pattern", PATTERNS, ids=lambda p: p.pattern[:30])
def test_twin_finds_the_same_matches(pattern: re.Pattern[str]) -> None:
    twin = hints.caseless_twin(pattern)
    rng = random.Random(7)
    for _ in range(20_000):
        line = random_line(rng)
        caseless = hints.caseless_form(line)
        if caseless is None:
            assert re.search("[İıſK]", line)
            continue
        ours = list(twin.finditer(caseless))
        theirs = list(pattern.finditer(line))
        assert [m.span() for m in ours] == [m.span() for m in theirs], line
        if pattern is textpage._CUE:  # its matches are ASCII, so lower-case the same alone
            assert [m.group(0) for m in ours] == [m.group(0).lower() for m in theirs], line


@pytest.mark.parametrize(
    "test",
    [textpage._CUE_TEST, textpage._URL_TEST, textpage._COPYRIGHT_TEST, bylines._CREDIT_TEST],
    ids=lambda t: t.pattern.pattern[:30],
)
def test_needles_never_hide_a_match(test: hints.CaselessPattern) -> None:
    rng = random.Random(11)
    for _ in range(20_000):
        line = random_line(rng)
        caseless = hints.caseless_form(line)
        assert test.search(line, caseless) == (test.pattern.search(line) is not None), line
        if test is textpage._CUE_TEST:
            expected = [m.group(0).lower() for m in test.pattern.finditer(line)]
            assert test.found(line, caseless) == expected, line


def test_no_twin_for_a_pattern_with_upper_case_letters() -> None:
    with pytest.raises(ValueError):
        hints.caseless_twin(re.compile("By", re.IGNORECASE))
    with pytest.raises(ValueError):
        hints.caseless_twin(re.compile("by"))
