"""The casualty-quantity grammar: figures, qualifiers, vague quantities and their bounds.

A quantity phrase is ``[qualifier] figure``, where the figure is digits ("2,345",
"4 million", "1.7 million"), cardinal words ("nine", "twenty-five", "a million"),
dozens ("a dozen", "two dozen"), a range ("between 10 and 15", "10 to 15") or a vague
word with a conventional lower bound ("scores" 40, "tens of thousands" 20,000).

    >>> q = find_quantities("killing at least 50 people")[0]
    >>> (q.number, q.qualifier, q.approx_words)
    (50, 'at_least', 'at least 50')
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from .model import Quantity
from .scan import (
    anchor_positions,
    anchored_matches,
    caseless_key,
    lowered,
    prefix_alternation,
)

# Qualifier words, longest first, and the qualifier each gives.
QUALIFIER_WORDS: dict[str, str] = {
    "at least": "at_least",
    "no fewer than": "at_least",
    "no less than": "at_least",
    "a minimum of": "at_least",
    "more than": "more_than",
    "well over": "more_than",
    "just over": "more_than",
    "over": "more_than",
    "upwards of": "more_than",
    "in excess of": "more_than",
    "exceeded": "more_than",
    "exceeding": "more_than",
    "topped": "more_than",
    "topping": "more_than",
    "surpassed": "more_than",
    "passed": "more_than",
    "nearly": "nearly",
    "almost": "nearly",
    "close to": "nearly",
    "just under": "nearly",
    "neared": "nearly",
    "nearing": "nearly",
    "approaching": "nearly",
    "about": "about",
    "around": "about",
    "roughly": "about",
    "approximately": "about",
    "some": "about",
    "an estimated": "about",
    "estimated": "about",
    "up to": "up_to",
    "as many as": "up_to",
    "at most": "up_to",
    "fewer than": "up_to",
    "less than": "up_to",
    "under": "up_to",
}

# Vague quantity words: the conventional lower bound (qualifier at_least, no upper bound).
VAGUE_WORDS: dict[str, int] = {
    "hundreds of thousands": 200_000,
    "tens of thousands": 20_000,
    "several million": 3_000_000,
    "several thousand": 3_000,
    "several hundred": 300,
    "several dozen": 36,
    "a few thousand": 2_000,
    "a few hundred": 200,
    "a few dozen": 24,
    "millions": 2_000_000,
    "thousands": 2_000,
    "hundreds": 200,
    "scores": 40,
    "dozens": 24,
}

UNITS: dict[str, int] = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
    "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17,
    "eighteen": 18, "nineteen": 19,
}  # fmt: skip
TENS: dict[str, int] = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90,
}  # fmt: skip
SCALES: dict[str, int] = {
    "hundred": 100, "thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000,
}  # fmt: skip


def _alternation(words: list[str]) -> str:
    return "|".join(
        re.escape(w).replace(r"\ ", r"\s+") for w in sorted(words, key=len, reverse=True)
    )


_SMALL = rf"(?:(?:{_alternation(list(TENS))})(?:[-\s](?:{_alternation(list(UNITS))}))?|{_alternation(list(UNITS))})"  # noqa: E501
_WORD_NUMBER = (
    rf"(?:{_SMALL}|half\s+an?|an?)"
    rf"(?:\s+(?:{_alternation(list(SCALES))})(?:\s+(?:and\s+)?{_SMALL})?)*"
)
_DIGITS = r"\d{1,3}(?:,\d{3})+(?!\d)|\d+(?:\.\d+)?"
_FIGURE = (
    rf"(?:{_DIGITS})(?:\s+(?:{_alternation(list(SCALES))}))?"
    rf"|(?:{_SMALL}|a|half\s+a)\s+dozen\b|dozens?(?!\s+of)"
    rf"|{_WORD_NUMBER}"
)
_QUALIFIER = _alternation(list(QUALIFIER_WORDS))
_VAGUE = _alternation(list(VAGUE_WORDS))
_VAGUE_TAIL = r"(?:\s+(?:and|or)\s+(?:possibly|perhaps|even|maybe|probably)\s+(?:" + _VAGUE + r"))?"

QUANTITY_RE = re.compile(
    rf"""\b(?:
        (?P<between>between)\s+(?P<lo>{_FIGURE})\s+and\s+(?P<hi>{_FIGURE})
      | (?P<rlo>{_DIGITS})\s*(?:-|–|to)\s*(?P<rhi>{_DIGITS})(?=\s+[a-z])
      | (?:(?P<vqual>{_QUALIFIER})\s+)?(?P<vague>{_VAGUE}){_VAGUE_TAIL}
        (?=\s+of\b|[,.]|\s+[a-z]+\b)
      | (?:(?P<qual>{_QUALIFIER})\s+)?(?P<fig>{_FIGURE})
    )\b""",
    re.VERBOSE | re.IGNORECASE,
)


_PARSE_FIGURE_RE1 = re.compile(r"\d+(?:\.\d+)?")
_PARSE_FIGURE_RE2 = re.compile(r"[\s-]+")


def parse_figure(text: str) -> int | None:
    """The integer value of a figure: "2,345", "4 million", "1.7 million", "two dozen",
    "twenty-five", "a million". Returns None when the text is no figure."""
    words = _PARSE_FIGURE_RE2.sub(" ", text.strip().lower().replace(",", "")).split()
    if not words:
        return None
    total: float = 0
    current: float = 0
    seen = False
    for k, word in enumerate(words):
        if _PARSE_FIGURE_RE1.fullmatch(word):
            current += float(word)
            seen = True
        elif word in UNITS:
            current += UNITS[word]
            seen = True
        elif word in TENS:
            current += TENS[word]
            seen = True
        elif word in ("a", "an"):
            # "half a million", "one and a half": the article of the half counts nothing
            if not (k and words[k - 1] == "half" or k + 1 < len(words) and words[k + 1] == "half"):
                current += 1
            seen = True
        elif word == "half":
            current += 0.5
            seen = True
        elif word in ("dozen", "dozens"):
            current = (current or 1) * 12
            seen = True
        elif word == "hundred":
            current = (current or 1) * 100
            seen = True
        elif word in SCALES:
            total += (current or 1) * SCALES[word]
            current = 0
            seen = True
        elif word == "and":
            continue
        else:
            return None
    if not seen:
        return None
    value = total + current
    return int(round(value))


_FIGURE_IS_WORDY_RE1 = re.compile(r"[a-z]", re.IGNORECASE)
_FIGURE_IS_WORDY_RE2 = re.compile(r"\d[\d,.]*\s+(?:million|billion|thousand)", re.IGNORECASE)


def _figure_is_wordy(text: str) -> bool:
    return bool(_FIGURE_IS_WORDY_RE1.search(text)) and not _FIGURE_IS_WORDY_RE2.fullmatch(
        text.strip()
    )


# Words of which every quantity phrase holds one, near its start (see ``scan``), besides
# digits; a word that begins with one counts ("sixteen", "hundreds").
QUANTITY_ANCHORS = tuple(
    """zero one two three four five six seven eight nine ten eleven twelve thirteen
    fifteen twenty thirty forty fifty hundred thousand million billion dozen scores""".split()
)


# The same anchors as one pattern, for a short span: a run of digits, or one of the
# words at the start of a word (not after a letter or digit, as ``anchor_positions``).
# (written to open with a plain character class, so that ``re`` skips quickly to a
# place where an anchor can start: a digit, or the first letter of a word, then the
# rest of the word after that letter)
_ANCHOR_FIRST = sorted({w[0] for w in QUANTITY_ANCHORS})
_QUANTITY_ANCHOR_RE = re.compile(
    rf"[\d{''.join(_ANCHOR_FIRST)}](?:(?<=\d)\d*|(?<![^\W_]\w)(?:"
    + "|".join(
        f"(?<={c})" + prefix_alternation([w[1:] for w in QUANTITY_ANCHORS if w[0] == c])
        for c in _ANCHOR_FIRST
    )
    + "))"
)
_LONGEST_ANCHOR = max(map(len, QUANTITY_ANCHORS))
_DIGIT = re.compile(r"\d")


def quantity_anchors(low: str, start: int = 0, end: int | None = None) -> list[int]:
    """Offsets in the lower-cased ``low`` (in ``low[start:end]`` when given) near which a
    quantity phrase may be."""
    if end is None:
        return anchor_positions(low, QUANTITY_ANCHORS, True)
    # a word may run on past ``end``; a run of digits that began before ``start`` is none
    out = [
        m.start()
        for m in _QUANTITY_ANCHOR_RE.finditer(low, start, end + _LONGEST_ANCHOR - 1)
        if m.start() < end
    ]
    if out and out[0] == start and start > 0 and _DIGIT.match(low, start - 1):
        del out[0]
    return out


# Words with which a quantity phrase can begin ("a" only before a word that makes it
# one: "a dozen", "a million", "a few hundred", "a minimum of").
_QUANTITY_START = re.compile(
    r"\b(?:"
    + prefix_alternation(
        sorted(
            {w.split()[0] for w in (*QUALIFIER_WORDS, *VAGUE_WORDS)} - {"a", "an"}
            | {*UNITS, *TENS, *SCALES, "half", "dozen", "dozens", "between"}
        )
    )
    + r"|an?(?=\s+(?:minimum|few|estimated|dozen|hundred|thousand|million|billion))|\d)"
)
# How far before its first anchor word a quantity phrase can begin ("no fewer than 10").
_QUANTITY_REACH = 32


def find_quantities(text: str) -> list[Quantity]:
    """Every quantity phrase in ``text``, left to right, with offsets into ``text``."""
    return quantities_in(text, lowered(text))


def quantities_in(
    text: str,
    low: str,
    start: int = 0,
    end: int | None = None,
    anchors: list[int] | None = None,
) -> list[Quantity]:
    """Every quantity phrase in ``text[start:end]`` (``low`` is ``text`` lower-cased;
    ``anchors`` is ``quantity_anchors(low)``, computed here when not given), with
    offsets relative to ``start``."""
    if anchors is None:
        anchors = quantity_anchors(low)
    return quantities_from(
        anchored_matches(
            QUANTITY_RE, anchors, text, low, start, end, _QUANTITY_REACH, _QUANTITY_START
        ),
        start,
    )


_QUANTITIES_FROM_RE2 = re.compile(r"million|billion|thousand", re.IGNORECASE)
# A year as news copy writes it (no thousands comma).
YEAR_LIKE = re.compile(r"1[89]\d\d|20\d\d")


def quantities_from(matches: Iterable[re.Match[str]], shift: int = 0) -> list[Quantity]:
    """The quantities that ``QUANTITY_RE`` matches give, offsets less ``shift``."""
    out: list[Quantity] = []
    for m in matches:
        phrase = m.group(0)
        s, e = m.start() - shift, m.end() - shift
        if m.group("between"):
            if YEAR_LIKE.fullmatch(m.group("lo")) and YEAR_LIKE.fullmatch(m.group("hi")):
                continue  # "between 2008 and 2011": a period, not a count
            lo, hi = parse_figure(m.group("lo")), parse_figure(m.group("hi"))
            if lo is None or hi is None:
                continue
            out.append(Quantity(phrase, s, e, None, min(lo, hi), max(lo, hi), "range", phrase))
        elif m.group("rlo"):
            lo, hi = parse_figure(m.group("rlo")), parse_figure(m.group("rhi"))
            if lo is None or hi is None or lo >= hi:
                continue
            out.append(Quantity(phrase, s, e, None, lo, hi, "range", phrase))
        elif m.group("vague"):
            low = VAGUE_WORDS[caseless_key(m.group("vague"))]
            out.append(Quantity(phrase, s, e, None, low, None, "at_least", phrase))
        else:
            fig = m.group("fig")
            if fig.lower() in ("a", "an"):
                continue
            value = parse_figure(fig)
            if value is None:
                continue
            qual_words = m.group("qual")
            qualifier = QUALIFIER_WORDS[caseless_key(qual_words)] if qual_words else "exact"
            dozen = "dozen" in fig.lower()
            approx = phrase if (qual_words or dozen) else None
            if approx is None and _figure_is_wordy(fig) and _QUANTITIES_FROM_RE2.search(fig):
                approx = phrase
            out.append(Quantity(phrase, s, e, value, None, None, qualifier, approx))
    return out
