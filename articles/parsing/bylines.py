"""Bylines, wire agencies and contributor credits.

Wire copy names its agency in four places, and we read all of them:

* the byline: "By Associated Press", "Via AP news wire",
  "by: Olena Marchuk and Tom Reilly, Associated Press",
  "By Orhan Demirci, Yulia Sokolova | Reuters", or a line that is only "AFP";
* the dateline that opens the first paragraph: "KRAMATORSK, Ukraine (AP) —", "Kyiv (AFP) -";
* the sign-off: "-- AFP", "© 2023 AFP";
* the credit line: "Associated Press writer Ivan Sorokin in Moscow contributed to this report.",
  "Reporting by Anahit Sargsyan in Yerevan; Additional reporting by Pavel Orlov in Moscow".

Agency names live in one table (alias -> canonical name) so a new wire is one line of data.
"""

from __future__ import annotations

import re

from . import hints
from .models import Byline

#: Lower-cased alias -> the agency's usual name.
AGENCIES: dict[str, str] = {
    "ap": "Associated Press",
    "associated press": "Associated Press",
    "the associated press": "Associated Press",
    "ap news wire": "Associated Press",
    "reuters": "Reuters",
    "thomson reuters": "Reuters",
    "afp": "AFP",
    "agence france-presse": "AFP",
    "agence france presse": "AFP",
    "bloomberg": "Bloomberg",
    "dpa": "dpa",
    "efe": "EFE",
    "ansa": "ANSA",
    "anadolu": "Anadolu Agency",
    "anadolu agency": "Anadolu Agency",
    "xinhua": "Xinhua",
    "tass": "TASS",
    "interfax": "Interfax",
    "upi": "UPI",
    "pa": "PA Media",
    "ntb": "NTB",
    "ritzau": "Ritzau",
    "pa media": "PA Media",
    "press association": "PA Media",
    "kyodo": "Kyodo News",
    "yonhap": "Yonhap",
    "ani": "ANI",
    "pti": "PTI",
}

# Longest alias first, so "ap news wire" wins over "ap". Short aliases must be upper case
# ("AP", "PA") so the words "ap" and "pa" inside ordinary text never match.
_AGENCY_PATTERNS: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (
        re.compile(rf"(?<!\w){re.escape(alias.upper())}(?!\w)")
        if len(alias) <= 3
        else re.compile(rf"(?<!\w){re.escape(alias)}(?!\w)", re.IGNORECASE),
        name,
    )
    for alias, name in sorted(AGENCIES.items(), key=lambda item: -len(item[0]))
)
_BY = re.compile(
    r"^(?:(?:text |words |story )?by\s*:?|via\s*:?|(?:text|words|reporting)\s*:)\s+(?P<rest>.+)$",
    re.IGNORECASE,
)
_DATELINE = re.compile(
    r"^(?P<place>[^()\n]{2,80}?)\s*\((?P<agency>[A-Za-z][A-Za-z .\-]{1,30})\)\s*[-—–]{1,2}\s"
)
_BARE_DATELINE = re.compile(r"^[A-Z]{2}[A-Z/ .'-]{1,40}(?:,\s+[A-Z][\w .]{2,30})?\s+[—–-]{1,2}\s")
_SIGN_OFF = re.compile(
    r"^(?:[-—–]{1,2}|©|\(c\)|copyright)\s*(?:\d{4}\s+)?(?P<agency>[A-Za-z][A-Za-z .\-]{1,30})\.?$",
    re.IGNORECASE,
)
# The first characters ``_SIGN_OFF`` can match ("" lets blank lines through to it).
_SIGN_OFF_STARTS = frozenset(["", "-", "—", "–", "©", "(", "c", "C"])
_CREDIT = re.compile(
    r"(?:\bcontributed\b.*(?:report|story)?|^(?:additional\s+)?reporting by\b|\bediting by\b"
    r"|\bwriting by\b|\bcompiled by\b)",
    re.IGNORECASE,
)
_CREDIT_TEST = hints.CaselessPattern(_CREDIT, ["contributed", " by"])  # see ``hints``
_CONTRIBUTOR_CLAUSE = re.compile(
    r"(?:writers?|correspondents?|reporters?)\s+(?P<names>.+?)\s+contributed",
    re.IGNORECASE,
)
_REPORTING_CLAUSE = re.compile(
    r"(?:(?:additional\s+)?reporting|writing)\s+by\s+(?P<names>[^;]+)", re.IGNORECASE
)
_NAME = re.compile(r"^[A-Z][\w'’.-]*(?:\s+(?:[A-Z][\w'’.-]*|de|da|van|von|al|el|bin|ibn))*$")


def agency_name(text: str) -> str | None:
    """The canonical agency for ``text`` if the whole of it names one ("AP", "Reuters")."""
    key = " ".join(text.lower().replace("(", " ").replace(")", " ").split()).strip(" .,-")
    return AGENCIES.get(key)


def is_byline(line: str) -> bool:
    """True for a byline line: "By ...", "Via ...", "Text by: ..." or an agency on its own."""
    words = line.split()
    if not words or len(words) > 16:
        return False
    if agency_name(line) is not None:
        return True
    match = _BY.match(line)
    if match is None:
        return False
    return bool(_split_names_and_agency(match.group("rest"))[0] or agency_name_in(line))


def parse_byline(line: str) -> Byline:
    """Split a byline into people and agency.

    >>> parse_byline("by: Olena Marchuk and Tom Reilly, Associated Press")
    Byline(text='by: Olena Marchuk and Tom Reilly, Associated Press', \
agency='Associated Press', authors=('Olena Marchuk', 'Tom Reilly'))
    """
    text = " ".join(line.split())
    whole = agency_name(text)
    if whole is not None:
        return Byline(text=text, agency=whole, authors=())
    match = _BY.match(text)
    rest = match.group("rest") if match else text
    authors, agency = _split_names_and_agency(rest)
    return Byline(text=text, agency=agency or agency_name_in(text), authors=authors)


def agency_name_in(text: str) -> str | None:
    """The first agency named anywhere in ``text`` as a whole word ("Via AP news wire")."""
    for pattern, name in _AGENCY_PATTERNS:
        if pattern.search(text):
            return name
    return None


def dateline_agency(paragraph: str) -> str | None:
    """The agency in a dateline that opens a story: "Kyiv (AFP) - ..." gives "AFP"."""
    match = _DATELINE.match(paragraph)
    if match is None:
        return None
    return agency_name(match.group("agency"))


def has_dateline(paragraph: str) -> bool:
    """True when ``paragraph`` opens with a wire dateline, with or without an agency.

    "MOSCOW — Russia moved ..." and "KYIV, Ukraine (AP) — ..." both do.
    """
    return _dateline_end(paragraph) > 0


def strip_dateline(paragraph: str) -> str:
    """``paragraph`` without its opening dateline ("KYIV, Ukraine (AP) — ")."""
    return paragraph[_dateline_end(paragraph) :]


def _dateline_end(paragraph: str) -> int:
    match = _DATELINE.match(paragraph) or _BARE_DATELINE.match(paragraph)
    return match.end() if match else 0


def sign_off_agency(line: str) -> str | None:
    """The agency of a sign-off line ("-- AFP", "© 2023 AFP")."""
    if line.lstrip()[:1] not in _SIGN_OFF_STARTS:
        return None
    match = _SIGN_OFF.match(" ".join(line.split()))
    if match is None:
        return None
    return agency_name(match.group("agency"))


def is_credit_line(line: str) -> bool:
    """True for "X contributed to this report." and "Reporting by ...; Editing by ..." lines."""
    return is_credit_line_caseless(line, hints.caseless_form(line))


def is_credit_line_caseless(line: str, caseless: str | None) -> bool:
    """:func:`is_credit_line` for a caller that has ``hints.caseless_form(line)`` already."""
    if len(line) >= 400:
        return False
    return _CREDIT_TEST.search(line, caseless)


def credit_names(line: str) -> tuple[str, ...]:
    """People a credit line says contributed reporting (editors are not contributors).

    >>> credit_names("Associated Press writers Vladimir Isachenkov in Moscow and "
    ...              "Aida Sultanova in London contributed to this report.")
    ('Vladimir Isachenkov', 'Aida Sultanova')
    """
    names: list[str] = []
    for pattern in (_CONTRIBUTOR_CLAUSE, _REPORTING_CLAUSE):
        for match in pattern.finditer(line):
            for name in _names(match.group("names")):
                if name not in names:
                    names.append(name)
    return tuple(names)


def _split_names_and_agency(rest: str) -> tuple[tuple[str, ...], str | None]:
    agency: str | None = None
    people_part = rest
    for separator in ("|", ","):
        if separator in people_part:
            head, _, tail = people_part.rpartition(separator)
            found = agency_name(tail)
            if found is not None:
                agency, people_part = found, head
                break
    if agency is None:
        found = agency_name(people_part)
        if found is not None:
            return (), found
    return _names(people_part), agency


def _names(text: str) -> tuple[str, ...]:
    parts = re.split(r"\s*(?:,|;|\band\b|&)\s*", text)
    names: list[str] = []
    for part in parts:
        # "Vladimir Isachenkov in Moscow" -> "Vladimir Isachenkov"
        person = re.split(r"\s+(?:in|from|at)\s+", part.strip(" ."), maxsplit=1)[0].strip()
        if not person or agency_name(person) is not None:
            continue
        if person.isupper():
            person = person.title()
        if _NAME.match(person) and 1 < len(person.split()) <= 5:
            names.append(person)
    return tuple(names)
