"""Letters that ``re.IGNORECASE`` matches to an ASCII letter although their lower case is
another (long s, dotted capital I, dotless i, the Kelvin sign) never make extraction
raise."""

from __future__ import annotations

import datetime as dt

import pytest

from casualties.extraction import extract

PUB = dt.datetime(2024, 3, 15, 12, tzinfo=dt.UTC)


@pytest.mark.parametrize(
    "body",
    [
        "Since 22 ſeptember, at least 40 people have been killed, officials said.",
        "Since 22 SEPTEMBER, at least 40 people have been killed, officials said.",
        "On FRİDAY, 12 civilians were killed in shelling, the ministry said.",
        "İn October, 3 soldiers were wounded. Oﬃcials said on Frıday that talks would resume.",
        "Late laſt Monday, five people were killed, police said on Tueſday.",
        "A cease-fire took effect this mornıng after a wee\u212a of fighting; 7 were killed.",
        "ſince laſt night, 9 were killed and 20 wounded, the health ministry said on \u212aonday.",
        "At leaſt 12 civilians were killed on Thursday, officials said.",
        "Hundredſ of thouſands were displaced and dozenſ killed, the agency said.",
        "ALMOſT 30 soldiers were wounded, the army said.",
    ],
)
def test_extract_does_not_raise_on_letters_folded_to_ascii(body: str) -> None:
    result = extract(body, PUB)
    assert result.published == PUB.date()


@pytest.mark.parametrize(
    ("body", "reading"),
    [
        ("At leaſt 12 civilians were killed, officials said.", (12, None, "at_least")),
        ("AT LEAST 12 civilians were killed, officials said.", (12, None, "at_least")),
        ("Hundredſ of people were wounded, the ministry said.", (None, 200, "at_least")),
    ],
)
def test_qualifier_and_vague_words_read_the_same_in_any_spelling_a_pattern_accepts(
    body: str, reading: tuple[int | None, int | None, str]
) -> None:
    claims = extract(body, PUB).casualties
    assert [(c.number, c.low, c.qualifier) for c in claims] == [reading]
