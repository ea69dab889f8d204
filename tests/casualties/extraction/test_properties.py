"""Property tests: the grammar functions never raise and keep their invariants."""

from __future__ import annotations

import datetime as dt
import re

from hypothesis import given, settings
from hypothesis import strategies as st

from casualties.extraction import extract
from casualties.extraction.dates import find_dates
from casualties.extraction.numbers import find_quantities
from casualties.extraction.sentences import split_sentences

WORDS = st.sampled_from(
    """at least more than nearly about some up to between and dozens scores hundreds
    thousands of tens several a dozen two three 1,247 4 million 12 killed wounded missing
    on Friday late Sunday last week since Sept. 27 22 June by the end of 2021 overnight
    said told “ ” " . , officials people civilians soldiers including children""".split()
)
TEXT = st.one_of(st.text(max_size=300), st.lists(WORDS, max_size=60).map(" ".join))
DAYS = st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2090, 12, 31))


@settings(max_examples=300, deadline=None)
@given(TEXT)
def test_quantities_never_raise_and_bounds_are_ordered(text: str) -> None:
    for q in find_quantities(text):
        assert 0 <= q.start < q.end <= len(text)
        assert text[q.start : q.end] == q.text
        if q.low is not None and q.high is not None:
            assert q.low <= q.high
        assert (q.number is None) or q.number >= 0


@settings(max_examples=300, deadline=None)
@given(TEXT, DAYS)
def test_dates_stay_near_publication_and_inside_the_text(text: str, published: dt.date) -> None:
    for m in find_dates(text, published):
        assert text[m.start : m.end] == m.text
        # a day given with its year ("Sept. 1, 2001") is that day, however far away
        if m.date is not None and m.kind == "day" and not re.search(r"(?:19|20)\d\d", m.text):
            assert abs((m.date - published).days) <= 366


@settings(max_examples=200, deadline=None)
@given(TEXT)
def test_sentences_are_slices_of_the_body(text: str) -> None:
    for s in split_sentences(text):
        assert text[s.start : s.end] == s.text


@settings(max_examples=150, deadline=None)
@given(st.lists(st.one_of(TEXT, WORDS), max_size=8).map("\n\n".join), DAYS)
def test_extract_never_raises_and_evidence_is_exact(body: str, published: dt.date) -> None:
    pub = dt.datetime.combine(published, dt.time(12), tzinfo=dt.UTC)
    result = extract(body, pub)
    for record in (*result.casualties, *result.ceasefire_events, *result.statements):
        ev = record.evidence
        assert body[ev.start : ev.end] == ev.text
        assert 0.0 <= record.confidence <= 1.0
    for c in result.casualties:
        if c.low is not None and c.high is not None:
            assert c.low <= c.high


SCAN_WORDS = st.sampled_from(
    """since the middle start beginning end of in at height recent weeks days early late mid-
    last next this Monday Sunday morning night overnight yesterday today 2020 1998 June Sept.
    27 22nd by war no fewer than as many a few half dozen several thousand twenty-five
    between and to 10 15 1,200 million more over up some an estimated roughly hundreds tens
    scores killed , . people previous following past earlier later afternoon evening ſince
    laſt FRİDAY frıday weeK midjune""".split()
)
SCAN_TEXT = st.one_of(TEXT, st.lists(SCAN_WORDS, max_size=80).map(" ".join))


@settings(max_examples=600, deadline=None)
@given(SCAN_TEXT, DAYS)
def test_anchored_scans_find_what_a_full_scan_finds(text: str, published: dt.date) -> None:
    from casualties.extraction.dates import DATE_RE
    from casualties.extraction.numbers import QUANTITY_RE, quantities_from

    full_dates = [(m.start(), m.end()) for m in DATE_RE.finditer(text)]
    assert [(d.start, d.end) for d in find_dates(text, published)] == full_dates
    assert find_quantities(text) == quantities_from(QUANTITY_RE.finditer(text))


def _quote_spans_reference(body: str) -> list[tuple[int, int]]:
    """The plain character loop that ``statements._quote_spans`` must agree with."""
    import re

    spans: list[tuple[int, int]] = []
    for para in re.finditer(r"[^\n]+", body):
        text, base = para.group(0), para.start()
        i = 0
        while i < len(text):
            ch = text[i]
            if ch == "“" or (ch == '"' and (i == 0 or not text[i - 1].isalnum())):
                j = i + 1
                while j < len(text) and text[j] not in ('”"' if ch == "“" else '"'):
                    if ch == "“" and text[j] == "“":
                        break
                    j += 1
                spans.append((base + i + 1, base + j))
                i = j + 1 if j < len(text) and text[j] in '”"' else j
                continue
            i += 1
    return spans


QUOTE_TEXT = st.text(alphabet='ab 1.,“”"\n', max_size=80)


@settings(max_examples=600, deadline=None)
@given(st.one_of(QUOTE_TEXT, TEXT))
def test_quote_spans_match_a_plain_character_loop(text: str) -> None:
    from casualties.extraction.statements import _quote_spans

    assert _quote_spans(text) == _quote_spans_reference(text)


ACRONYM_TEXT = st.lists(
    st.sampled_from("the Northern Front (NF) Defence Council (NDC) of (UN) U.S. , said".split()),
    max_size=40,
).map(" ".join)


@settings(max_examples=300, deadline=None)
@given(st.one_of(ACRONYM_TEXT, TEXT))
def test_acronyms_are_found_as_a_full_scan_finds_them(text: str) -> None:
    from casualties.extraction.context import _ACRONYM_RE, _acronym_matches

    assert [m.span() for m in _acronym_matches(text)] == [
        m.span() for m in _ACRONYM_RE.finditer(text)
    ]


TERRITORY_WORDS = st.sampled_from(
    """Kastro Kastro’s Nova-Kastria Nova-Kastria’s Chile Chile's health ministry authorities
    forces in the Faction-run occupied breakaway People’s Liberation Front from region of
    officials said . ,""".split()
)


@settings(max_examples=200, deadline=None)
@given(st.lists(TERRITORY_WORDS, max_size=80).map(" ".join))
def test_territories_found_around_key_words_equal_a_full_scan(body: str) -> None:
    from casualties.extraction import party

    for pat, keys in zip(party._TERRITORY_PATTERNS, party._TERRITORY_KEYS, strict=True):
        if pat.pattern.startswith(r"\A"):
            continue
        full = [(m.start(), m.end()) for m in pat.finditer(body)]
        found = [(m.start(), m.end()) for m in party._territory_matches(pat, keys, body)]
        assert found == full
