"""Publication dates as pages print them, turned into aware datetimes.

Pages print the date in a dozen shapes ("Wednesday 21 October 2020 15:20 BST",
"Posted: Apr 8, 2022 / 04:21 PM CDT", "Published on: 23/05/2023 - 14:27 (Paris)",
"Friday, 06 Jan 2023 08:05 PM (GMT+8)"). Rather than one regex per outlet, a line is read as
parts: a calendar date (day-month-year, month-day-year, numeric or ISO), then the first clock
time and the first time-zone token *before the next date on the line* (so the "Updated ..."
half of "Posted ... | Updated ..." never lends its time to the first half).

Time zones come from two tables, not from branches: abbreviations (``BST`` names the
Europe/London zone, whose rules then give BST or GMT for that day) and city names in brackets
(``(Paris)``). ``GMT+8`` style offsets become fixed offsets. Abbreviations that mean two
different zones (IST, AST) are left out on purpose: a wrong zone is worse than none.

dateparser is not used for this: it is slow on first use and reads weekday names and "ago"
phrases in surprising ways; the shapes above are regular enough for a few regexes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta, timezone, tzinfo
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from .models import PublishedDate

#: Abbreviation -> IANA zone. Only unambiguous ones (see module docstring).
ZONE_ABBREVIATIONS: dict[str, str] = {
    "UTC": "UTC",
    "GMT": "UTC",
    "Z": "UTC",
    "BST": "Europe/London",
    "WET": "WET",
    "WEST": "WET",
    "CET": "CET",
    "CEST": "CET",
    "EET": "EET",
    "EEST": "EET",
    "MSK": "Europe/Moscow",
    "EST": "America/New_York",
    "EDT": "America/New_York",
    "ET": "America/New_York",
    "CST": "America/Chicago",
    "CDT": "America/Chicago",
    "CT": "America/Chicago",
    "MST": "America/Denver",
    "MDT": "America/Denver",
    "PST": "America/Los_Angeles",
    "PDT": "America/Los_Angeles",
    "PT": "America/Los_Angeles",
    "AKST": "America/Anchorage",
    "AKDT": "America/Anchorage",
    "HST": "Pacific/Honolulu",
    "JST": "Asia/Tokyo",
    "KST": "Asia/Seoul",
    "HKT": "Asia/Hong_Kong",
    "SGT": "Asia/Singapore",
    "PKT": "Asia/Karachi",
    "AEST": "Australia/Sydney",
    "AEDT": "Australia/Sydney",
    "NZST": "Pacific/Auckland",
    "NZDT": "Pacific/Auckland",
    "SAST": "Africa/Johannesburg",
    "EAT": "Africa/Nairobi",
    "WAT": "Africa/Lagos",
    "CAT": "Africa/Maputo",
}

#: City named in brackets after a time, as France 24 prints "14:27 (Paris)".
CITY_ZONES: dict[str, str] = {
    "paris": "Europe/Paris",
    "london": "Europe/London",
    "berlin": "Europe/Berlin",
    "brussels": "Europe/Brussels",
    "madrid": "Europe/Madrid",
    "rome": "Europe/Rome",
    "moscow": "Europe/Moscow",
    "kyiv": "Europe/Kyiv",
    "kiev": "Europe/Kyiv",
    "istanbul": "Europe/Istanbul",
    "new york": "America/New_York",
    "washington": "America/New_York",
    "jerusalem": "Asia/Jerusalem",
    "beirut": "Asia/Beirut",
    "cairo": "Africa/Cairo",
    "tehran": "Asia/Tehran",
    "dubai": "Asia/Dubai",
    "doha": "Asia/Qatar",
    "riyadh": "Asia/Riyadh",
    "baghdad": "Asia/Baghdad",
    "damascus": "Asia/Damascus",
    "nairobi": "Africa/Nairobi",
    "addis ababa": "Africa/Addis_Ababa",
    "khartoum": "Africa/Khartoum",
    "johannesburg": "Africa/Johannesburg",
    "delhi": "Asia/Kolkata",
    "new delhi": "Asia/Kolkata",
    "beijing": "Asia/Shanghai",
    "hong kong": "Asia/Hong_Kong",
    "singapore": "Asia/Singapore",
    "tokyo": "Asia/Tokyo",
    "sydney": "Australia/Sydney",
}

_MONTHS: dict[str, int] = {
    "jan": 1,
    "feb": 2,
    "mar": 3,
    "apr": 4,
    "may": 5,
    "jun": 6,
    "jul": 7,
    "aug": 8,
    "sep": 9,
    "oct": 10,
    "nov": 11,
    "dec": 12,
}
_MON = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)"
)
_DATE_PATTERNS: tuple[re.Pattern[str], ...] = (
    re.compile(
        r"\b(?P<y>\d{4})-(?P<mo>\d{2})-(?P<d>\d{2})"
        r"(?:[T ](?P<iso_time>\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)(?P<off>Z|[+-]\d{2}:?\d{2})?)?",
    ),
    re.compile(
        rf"\b(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\s+(?P<mon>{_MON})\.?,?\s+(?P<y>\d{{4}})\b",
        re.IGNORECASE,
    ),
    re.compile(
        rf"\b(?P<mon>{_MON})\.?\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<y>\d{{4}})\b",
        re.IGNORECASE,
    ),
    # (a letter may follow at once: "08/14/2023August 14, 2023", two renderings run together)
    re.compile(r"\b(?P<a>\d{1,2})[/.](?P<b>\d{1,2})[/.](?P<y>\d{4})(?!\d)"),
)
_TIME = re.compile(
    r"(?<![\d:])(?P<h>\d{1,2}):(?P<mi>\d{2})(?::\d{2})?(?!\d)\s*(?P<ampm>[ap]\.?\s?m\b\.?)?",
    re.IGNORECASE,
)
_OFFSET = re.compile(r"\b(?:GMT|UTC)\s*(?P<sign>[+\-−])\s*(?P<h>\d{1,2})(?::?(?P<m>\d{2}))?")
_ABBREVIATION = re.compile(r"(?<![A-Za-z])(?P<abbr>[A-Z]{2,5})(?![A-Za-z])")
_CITY = re.compile(r"\((?P<city>[A-Za-z][A-Za-z ]{2,20}?)(?: time)?\)")
_WORD = re.compile(r"[^\W\d_]+")
_FOUR_DIGITS = re.compile(r"\d{4}")
_WEEKDAYS = frozenset(
    "mon monday tue tues tuesday wed wednesday thu thur thurs thursday fri friday sat saturday "
    "sun sunday".split()
)
# Words that may sit on a date line without making it prose ("Posted: ...", "... ago").
_DATE_LINE_WORDS = frozenset(
    "published posted updated modified last first on at am pm a p m ago year years month "
    "months day days hour hours minute minutes min mins read time local".split()
)


@dataclass(frozen=True, slots=True)
class _Found:
    start: int
    end: int
    day: date
    time: tuple[int, int] | None
    zone: tzinfo | None
    zone_name: str | None


def parse_date_text(text: str) -> PublishedDate | None:
    """Read the first publication date in ``text`` (one line of a page).

    >>> found = parse_date_text("Posted: Apr 8, 2022 / 04:21 PM CDT")
    >>> found.value.isoformat(), found.timezone_name
    ('2022-04-08T16:21:00-05:00', 'America/Chicago')
    >>> parse_date_text("October 9, 2020").date_only
    True
    """
    found = _find(text)
    if found is None:
        return None
    end = found.end
    if text[found.start : end].count("(") > text[found.start : end].count(")"):
        end = text.find(")", end) + 1 or end
    snippet = " ".join(text[found.start : end].split())
    if found.time is None:
        value = datetime(found.day.year, found.day.month, found.day.day, 12, tzinfo=UTC)
        return PublishedDate(value, snippet, True, found.zone_name)
    hour, minute = found.time
    naive = datetime(found.day.year, found.day.month, found.day.day, hour, minute)  # noqa: DTZ001
    zone = found.zone if found.zone is not None else UTC
    return PublishedDate(naive.replace(tzinfo=zone), snippet, False, found.zone_name)


def parse_published_value(value: str) -> PublishedDate | None:
    """Read a machine-written date (meta tag, JSON-LD, JSONL field), else a printed one."""
    return parse_date_text(value.strip())


def is_date_line(line: str) -> bool:
    """True when ``line`` is a dateline of page furniture, not a sentence mentioning a date.

    "Updated 9:48 PM EST, November 27, 2023" is; "Smoke rises over Khartoum on May 23, 2023,
    as fighting continued" is not: after the date parts are removed, too many words remain.
    """
    if len(line) > 160 or _find(line) is None:
        return False
    stripped = line
    for pattern in (*_DATE_PATTERNS, _TIME, _OFFSET, _CITY):
        stripped = pattern.sub(" ", stripped)
    leftover = [
        word
        for word in _WORD.findall(stripped)
        if word.lower() not in _WEEKDAYS
        and word.lower() not in _DATE_LINE_WORDS
        and word not in ZONE_ABBREVIATIONS
    ]
    return len(leftover) <= 2


def _find(text: str) -> _Found | None:
    if _FOUR_DIGITS.search(text) is None:
        return None  # every date pattern holds a four-digit year
    matches = sorted(
        (m for pattern in _DATE_PATTERNS for m in pattern.finditer(text)),
        key=lambda m: m.start(),
    )
    for index, match in enumerate(matches):
        day = _day(match)
        if day is None:
            continue
        window_end = len(text)
        for later in matches[index + 1 :]:
            if later.start() >= match.end():
                window_end = later.start()
                break
        return _with_time(text, match, day, window_end)
    return None


def _day(match: re.Match[str]) -> date | None:
    groups = match.groupdict()
    year = int(groups["y"])
    if groups.get("mon"):
        month = _MONTHS[groups["mon"][:3].lower()]
        day_of_month = int(groups["d"])
    elif groups.get("a"):
        # Numeric dates are day-first (European and wire style) unless that is impossible.
        first, second = int(groups["a"]), int(groups["b"])
        day_of_month, month = (second, first) if first <= 12 < second else (first, second)
    else:
        month, day_of_month = int(groups["mo"]), int(groups["d"])
    if not 1900 <= year <= 2100:
        return None
    try:
        return date(year, month, day_of_month)
    except ValueError:
        return None


def _with_time(text: str, match: re.Match[str], day: date, window_end: int) -> _Found:
    start, end = match.start(), match.end()
    iso_time = match.groupdict().get("iso_time")
    if iso_time:
        hour, minute = int(iso_time[:2]), int(iso_time[3:5])
        offset = match.group("off")
        if hour > 23 or minute > 59:
            return _Found(start, end, day, None, None, None)
        if offset:
            zone, name = _fixed_offset_from_iso(offset)
            return _Found(start, end, day, (hour, minute), zone, name)
        zone_found = _zone_in(text, end, window_end)
        if zone_found is not None:
            zone_obj, zone_name, zone_end = zone_found
            return _Found(start, max(end, zone_end), day, (hour, minute), zone_obj, zone_name)
        return _Found(start, end, day, (hour, minute), None, None)

    # A printed date: the time may come before the date ("Updated 9:48 PM EST, November 27,
    # 2023") or after it, but never from beyond the next date on the line.
    line_start = 0
    clock: tuple[int, int] | None = None
    for time_match in _TIME.finditer(text, line_start, window_end):
        parsed = _clock(time_match)
        if parsed is not None and not (match.start() <= time_match.start() < match.end()):
            clock = parsed
            start = min(start, time_match.start())
            end = max(end, time_match.end())
            break
    zone_found = _zone_in(text, line_start, window_end)
    if zone_found is None:
        return _Found(_label_start(text, start), end, day, clock, None, None)
    zone_obj, zone_name, zone_end = zone_found
    return _Found(_label_start(text, start), max(end, zone_end), day, clock, zone_obj, zone_name)


def _label_start(text: str, start: int) -> int:
    """Widen the kept snippet to the line's start when only a label precedes the date."""
    prefix = text[:start]
    words = [w for w in _WORD.findall(prefix) if w.lower() not in _WEEKDAYS]
    if all(w.lower() in _DATE_LINE_WORDS for w in words) and len(prefix) < 40:
        return len(prefix) - len(prefix.lstrip())
    return start


def _clock(match: re.Match[str]) -> tuple[int, int] | None:
    hour, minute = int(match.group("h")), int(match.group("mi"))
    ampm = (match.group("ampm") or "").lower().replace(".", "").replace(" ", "")
    if ampm:
        if not 1 <= hour <= 12:
            return None
        hour = hour % 12 + (12 if ampm.startswith("p") else 0)
    if hour > 23 or minute > 59:
        return None
    return hour, minute


def _zone_in(text: str, start: int, end: int) -> tuple[tzinfo, str, int] | None:
    """The first time-zone token between ``start`` and ``end``: offset, abbreviation, city."""
    candidates: list[tuple[int, tzinfo, str, int]] = []
    offset = _OFFSET.search(text, start, end)
    if offset is not None:
        sign = -1 if offset.group("sign") in "-−" else 1
        hours, minutes = int(offset.group("h")), int(offset.group("m") or 0)
        if hours <= 14 and minutes < 60:
            delta = sign * timedelta(hours=hours, minutes=minutes)
            zone, name = _fixed(delta)
            candidates.append((offset.start(), zone, name, offset.end()))
    for abbreviation in _ABBREVIATION.finditer(text, start, end):
        key = ZONE_ABBREVIATIONS.get(abbreviation.group("abbr"))
        if key is None:
            continue
        if offset is not None and offset.start() <= abbreviation.start() < offset.end():
            continue
        zone_info = _zoneinfo(key)
        if zone_info is not None:
            candidates.append((abbreviation.start(), zone_info, key, abbreviation.end()))
            break
    for city in _CITY.finditer(text, start, end):
        key = CITY_ZONES.get(city.group("city").strip().lower())
        zone_info = _zoneinfo(key) if key else None
        if key is not None and zone_info is not None:
            candidates.append((city.start(), zone_info, key, city.end()))
            break
    if not candidates:
        return None
    _, zone, name, zone_end = min(candidates, key=lambda c: c[0])
    return zone, name, zone_end


def _fixed_offset_from_iso(offset: str) -> tuple[tzinfo, str]:
    if offset == "Z":
        return UTC, "UTC"
    digits = offset[1:].replace(":", "")
    delta = timedelta(hours=int(digits[:2]), minutes=int(digits[2:4]))
    return _fixed(-delta if offset.startswith("-") else delta)


def _fixed(delta: timedelta) -> tuple[tzinfo, str]:
    if not delta:
        return UTC, "UTC"
    zone = timezone(delta)
    return zone, zone.tzname(None)


def _zoneinfo(key: str) -> ZoneInfo | None:
    try:
        return ZoneInfo(key)
    except (ZoneInfoNotFoundError, ValueError):
        return None
