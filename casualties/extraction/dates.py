"""News conventions for dates, resolved against the publication day.

Wire copy names days relative to the dateline: "on Thursday", "late Sunday",
"Saturday evening", "last Wednesday", "overnight", "Sept. 27", "22 June". A weekday
names the most recent such day up to and including the publication day for things that
happened, and the next such day (publication day included) for things that are
scheduled. "Last week", "earlier this month", "last month" and "in October" name no day.

Worked example, publication Friday 2020-10-09:

    >>> import datetime as dt
    >>> pub = dt.date(2020, 10, 9)
    >>> [m.date for m in find_dates("Late Thursday, he called", pub)]
    [datetime.date(2020, 10, 8)]
    >>> [m.date for m in find_dates("talks on Friday", pub)]
    [datetime.date(2020, 10, 9)]
    >>> [m.date for m in find_dates("due to meet on Tuesday", pub, future=True)]
    [datetime.date(2020, 10, 13)]
"""

from __future__ import annotations

import datetime as dt
import re

from dateutil.relativedelta import FR, MO, SA, SU, TH, TU, WE, weekday

from .model import DateMention
from .scan import (
    anchored_matches,
    caseless_folded,
    caseless_key,
    lowered,
    prefix_alternation,
)

WEEKDAYS: dict[str, weekday] = {
    "monday": MO, "tuesday": TU, "wednesday": WE, "thursday": TH,
    "friday": FR, "saturday": SA, "sunday": SU,
}  # fmt: skip
MONTHS: dict[str, int] = {
    "jan": 1, "january": 1, "feb": 2, "february": 2, "mar": 3, "march": 3,
    "apr": 4, "april": 4, "may": 5, "jun": 6, "june": 6, "jul": 7, "july": 7,
    "aug": 8, "august": 8, "sep": 9, "sept": 9, "september": 9, "oct": 10,
    "october": 10, "nov": 11, "november": 11, "dec": 12, "december": 12,
}  # fmt: skip
# Relative words that name a day, as an offset from the publication day.
DAY_WORDS: dict[str, int] = {
    "today": 0, "tonight": 0, "this morning": 0, "this afternoon": 0, "this evening": 0,
    "overnight": 0, "yesterday": -1, "last night": -1, "tomorrow": 1,
}  # fmt: skip
# Phrases that name a period but no day. (``DATE_RE`` is verbose: a space between two
# words is written ``\s+``, a literal space being no part of the pattern.)
VAGUE_PHRASES = (
    r"(?:last|next|this|earlier\s+this|later\s+this|the\s+previous|the\s+following"
    r"|the\s+past)\s+"
    r"(?:week|month|year|weekend|spring|summer|autumn|fall|winter)"
    r"|(?:earlier|later)\s+(?:this|last)\s+(?:week|month|year)"
    r"|(?:in|since|during|by|until)\s+(?:early\s+|mid-?|late\s+)?(?:"
    + "|".join(m for m in MONTHS if len(m) > 3 or m == "may")
    + r")\b(?!\s+\d)"
    r"|(?:since|from|until)\s+the\s+(?:start|beginning|end|middle)\s+of\s+(?:the\s+)?\w+"
    r"|(?:in|since|during|until)\s+(?:(?:early|mid-?|late)\s*)?(?:[A-Z][a-z]+\s+)?(?:19|20)\d\d\b"
    r"|at\s+the\s+height\s+of"
    r"|in\s+recent\s+(?:days|weeks|months)"
)

_MONTH = r"(?:" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")"
_WEEKDAY = r"(?:" + "|".join(w.capitalize() for w in WEEKDAYS) + r")"
_PART = r"(?:\s+(?:morning|afternoon|evening|night|noon))?"
_DAY_WORD = r"(?:" + "|".join(w.replace(" ", r"\s+") for w in DAY_WORDS) + r")"
DATE_RE = re.compile(
    rf"""
    (?P<since>\bsince\s+)?
    (?:
      (?P<wd>\b(?:(?:early|late)\s+(?:on\s+)?)?(?:(?P<rel>last|next|this)\s+)?(?P<wdname>{_WEEKDAY}){_PART})
    | (?P<md>\b(?P<mon>{_MONTH})\.?\s+(?P<day>\d{{1,2}})(?!\d|:)(?:st|nd|rd|th)?
        (?:,?\s+(?P<year>(?:19|20)\d\d))?)
    | (?P<dm>\b(?P<day2>\d{{1,2}})(?:st|nd|rd|th)?\s+(?P<mon2>{_MONTH})\b
        (?:\s+(?P<year2>(?:19|20)\d\d))?)
    | (?P<yend>\bby\s+the\s+end\s+of\s+(?P<year3>(?:19|20)\d\d)\b)
    | (?P<rel_day>\b{_DAY_WORD}\b)
    | (?P<vague>\b(?:{VAGUE_PHRASES}))
    )
    """,
    re.VERBOSE | re.IGNORECASE,
)


def date_key(words: str) -> str:
    """``words`` as a key of ``WEEKDAYS``, ``MONTHS`` or ``DAY_WORDS`` (``caseless_key``)."""
    return caseless_key(words)


def resolve_weekday(name: str, published: dt.date, *, future: bool = False) -> dt.date:
    """The most recent ``name`` up to ``published`` (the next one when ``future``)."""
    wd = WEEKDAYS[date_key(name)].weekday
    if future:
        return published + dt.timedelta(days=(wd - published.weekday()) % 7)
    return published - dt.timedelta(days=(published.weekday() - wd) % 7)


def resolve_month_day(
    month: int, day: int, published: dt.date, year: int | None = None, *, future: bool = False
) -> dt.date | None:
    """A month and day in the year that puts it nearest the publication day, leaning to
    the past for events ("Dec. 30" in a January story is last year)."""
    try:
        if year is not None:
            return dt.date(year, month, day)
        candidate = dt.date(published.year, month, day)
    except ValueError:
        return None
    if not future and candidate > published + dt.timedelta(days=60):
        candidate = candidate.replace(year=candidate.year - 1)
    elif future and candidate < published - dt.timedelta(days=60):
        candidate = candidate.replace(year=candidate.year + 1)
    return candidate


# Words of which every date phrase holds one, near its start (see ``scan``), besides
# digits; a word that begins with one counts ("weekend", "Sept.").
DATE_ANCHORS = (
    *WEEKDAYS,
    *(m for m in MONTHS if len(m) == 3),
    *"""today tonight overnight yesterday tomorrow night morning afternoon evening week month
    year spring summer autumn fall winter start beginning end middle height recent""".split(),
)


# The runs of digits that can be a date phrase's only anchor within reach: a year
# ("in 2014", "in mid-2014") and a day before its month ("22 June", "since 3rd Oct.").
# Every other figure ("30 people", "Sept. 27", "1,000") is no date or lies after a
# month word or "end" that anchors its phrase already, and what comes before a phrase's
# first anchor word holds no digit, so such a figure is no anchor: dropping it leaves
# the same matches (case-insensitive as ``DATE_RE`` is, folding the same letters).
_DATE_DIGITS = re.compile(
    r"\d(?<!\d\d)(?:(?<=1)9\d\d|(?<=2)0\d\d|\d?(?:st|nd|rd|th)?\s+"
    r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec))",
    re.IGNORECASE,
)


# The three-letter month words (each begins its month's names), which are anchors also
# glued to a "mid" before them ("in midjune").
_MONTH_ANCHORS = frozenset(m for m in MONTHS if len(m) == 3)
assert _MONTH_ANCHORS.issubset(DATE_ANCHORS)


def date_anchors(low: str) -> list[int]:
    """Offsets in the lower-cased ``low`` near which a date phrase may be."""
    # (``anchor_positions(low, DATE_ANCHORS)``, with "mid" glued before a month; a letter
    # that ``re`` folds to an ASCII one is folded to it first, so that a date word spelt
    # with one is found as ``DATE_RE`` finds it)
    low = caseless_folded(low)
    out: list[int] = []
    find = low.find
    for w in DATE_ANCHORS:
        mid = w in _MONTH_ANCHORS
        i = find(w)
        while i >= 0:
            if i == 0 or not low[i - 1].isalnum() or (mid and low.endswith("mid", 0, i)):
                out.append(i)
            i = find(w, i + 1)
    out += [m.start() for m in _DATE_DIGITS.finditer(low)]
    out.sort()
    return out


# Words with which a date phrase can begin ("the" only before "previous", "following"
# or "past": a plain "the" begins none, and is too common to try at).
_DATE_START_WORDS = """since early late last next this by in during until from at earlier later
    today tonight overnight yesterday tomorrow mon tue wed thu fri sat sun jan feb mar apr may
    jun jul aug sep oct nov dec""".split()
_DATE_START = re.compile(
    rf"\b(?:{prefix_alternation(_DATE_START_WORDS)}|the\s+(?:previous|following|past)|\d)"
)


# How far before its first anchor word a date phrase can begin ("since late last Monday").
_DATE_REACH = 40


def date_matches(
    text: str,
    low: str,
    start: int = 0,
    end: int | None = None,
    anchors: list[int] | None = None,
    *,
    folded: bool = False,
) -> list[re.Match[str]]:
    """The date phrases in ``text[start:end]`` (``low`` is ``text`` lower-cased;
    ``anchors`` is ``date_anchors(low)``, computed here when not given). ``folded``
    says ``low`` is already ``caseless_folded`` (a caller that reads many sentences of
    one body folds it once, not once per sentence)."""
    if anchors is None:
        anchors = date_anchors(low)
    return anchored_matches(
        DATE_RE,
        anchors,
        text,
        low if folded else caseless_folded(low),
        start,
        end,
        _DATE_REACH,
        _DATE_START,
    )


def find_dates(
    text: str, published: dt.date, *, future: bool = False, offset: int = 0
) -> list[DateMention]:
    """Date mentions in ``text``; offsets are shifted by ``offset`` (the text's place in
    the body). Weekday resolution looks ahead only when ``future`` is set, or when the
    mention itself says "next"."""
    return [
        mention(m, published, future=future, shift=offset)
        for m in date_matches(text, lowered(text))
    ]


def mention(
    m: re.Match[str], published: dt.date, *, future: bool = False, shift: int = 0
) -> DateMention:
    """The date a ``DATE_RE`` match names; offsets are ``m``'s plus ``shift``."""
    start, end = m.start() + shift, m.end() + shift
    words = m.group(0)
    kind = "period_start" if m.group("since") else "day"
    date: dt.date | None = None
    if m.group("wd"):
        rel = date_key(m.group("rel") or "")
        if rel == "last":
            date = resolve_weekday(m.group("wdname"), published - dt.timedelta(days=1))
        elif rel == "next":
            date = resolve_weekday(m.group("wdname"), published + dt.timedelta(days=1), future=True)
        else:
            date = resolve_weekday(m.group("wdname"), published, future=future)
    elif m.group("md"):
        date = resolve_month_day(
            MONTHS[date_key(m.group("mon"))],
            int(m.group("day")),
            published,
            int(m.group("year")) if m.group("year") else None,
            future=future,
        )
    elif m.group("dm"):
        date = resolve_month_day(
            MONTHS[date_key(m.group("mon2"))],
            int(m.group("day2")),
            published,
            int(m.group("year2")) if m.group("year2") else None,
            future=future,
        )
    elif m.group("yend"):
        date = dt.date(int(m.group("year3")), 12, 31)
        kind = "period_end"
    elif m.group("rel_day"):
        date = published + dt.timedelta(days=DAY_WORDS[date_key(m.group("rel_day"))])
    else:
        kind = "vague" if not m.group("since") else "period_start"
    if date is None and kind == "day":
        kind = "vague"
    return DateMention(words, start, end, date, kind)
