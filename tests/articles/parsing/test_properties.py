"""Property tests: arbitrary bytes never crash the parser with anything but a ParseError."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from articles.parsing import ParseError, clean_text_page, decode_bytes, parse_bytes
from articles.parsing.textpage import normalize_space

SENTENCE = st.text(
    alphabet=st.characters(codec="utf-8", categories=["L", "N", "P", "Zs"]),
    min_size=0,
    max_size=120,
)
LINES = st.lists(
    st.one_of(
        SENTENCE,
        st.sampled_from(["", "Home | News", "DON'T MISS", "By Jane Roe, Reuters", "___",
                         "Posted: Apr 8, 2022 / 04:21 PM CDT", "Sign up for our newsletter.",
                         "KYIV (AP) — Shelling went on overnight, officials said on Monday."]),
    ),
    max_size=30,
)  # fmt: skip


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=2_000))
def test_decoding_arbitrary_bytes_raises_only_parse_errors(raw: bytes) -> None:
    try:
        decoded = decode_bytes(raw)
    except ParseError:
        return
    assert isinstance(decoded.text, str)


@settings(max_examples=150, deadline=None)
@given(LINES)
def test_cleaning_text_never_raises_and_paragraphs_come_from_the_input(lines: list[str]) -> None:
    text = "\n".join(lines)
    page = clean_text_page(text)
    flat = normalize_space(text)
    for paragraph in (*page.paragraphs, *page.subheads, *page.captions):
        assert paragraph in flat


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=1_500), st.sampled_from(["a.txt", "a.html"]))
def test_parsing_arbitrary_bytes_raises_only_parse_errors(raw: bytes, filename: str) -> None:
    try:
        article = parse_bytes(raw, filename=filename)
    except ParseError:
        return
    assert article.paragraphs
