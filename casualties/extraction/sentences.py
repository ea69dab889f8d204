"""A fast sentence splitter for news copy.

pysbd handles "U.S." and "Sept. 27" but runs at a few dozen articles a second; the
target is hundreds, so this is a single regular-expression pass with an abbreviation
table. A boundary is sentence punctuation, optional closing quotes or brackets,
whitespace, then something that can open a sentence. It is not a boundary when the
word before the full stop is an abbreviation or an initial ("Gov. Pavlo", "Sept. 27",
"U.S. officials", "Lt. Gen. J. Smith"), or when the next word starts in lower case
("prime minister.. said").

A quoted passage of several sentences is split at its inner full stops, and the quote
mark stays with the sentence it falls in, as the annotation guide asks.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# Words that end in a full stop without ending a sentence (compared lower-cased,
# without the final full stop).
ABBREVIATIONS = frozenset(
    """
    mr mrs ms dr prof gov gen lt col maj capt cpt sgt cpl adm cmdr brig rep sen
    st ste mt ft rev fr sr jr hon pres supt insp det amb atty
    jan feb mar apr jun jul aug sep sept oct nov dec
    no nos vol fig approx est dept univ corp inc co ltd bros
    vs etc al cf ca
    u.s u.n u.k e.u u.a.e u.s.a d.c p.m a.m
    """.split()
)
# After these a capitalised word usually starts a new sentence all the same.
SENTENCE_FINAL_ABBREVIATIONS = frozenset({"a.m", "p.m", "etc"})

_BOUNDARY = re.compile(
    r"""(?P<stop>[.!?]+|\.\.\.|…)          # the stop itself
        (?P<close>[”"’'\)\]]*)              # closing quotes / brackets stay before
        (?P<space>\s+)                      # the gap
        (?=[“"‘'\(\[]?[A-Z0-9À-Ý])          # what may open a sentence
    """,
    re.VERBOSE,
)
# A clock time's "a.m"/"p.m" before its full stop, and what may follow it in the same
# sentence: a weekday, a time zone, a bracketed equivalent.
_CLOCK_TIME_END = re.compile(r"\b[ap]\.m\Z", re.IGNORECASE)
_TIME_GOES_ON = re.compile(
    r"(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day\b|(?:GMT|UTC|[ECMP][SD]?T|BST|CES?T|EES?T)\b"
    r"|\(|[A-Z][a-z]+\s+time\b"
)
_PARAGRAPH = re.compile(r"\n\s*\n|\n")


@dataclass(frozen=True, slots=True)
class Sentence:
    text: str
    start: int
    end: int
    paragraph: int


_WORD_CHARS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz."


def is_abbreviation(segment: str) -> bool:
    """Whether the word that ends ``segment`` before a full stop is an abbreviation or
    an initial (so the full stop ends no sentence)."""
    # the last word: the trailing run of letters and full stops, from its first letter
    # (what ``re.search(r"[A-Za-z][A-Za-z.]*$", segment)`` finds, without trying every offset)
    last = segment[len(segment.rstrip(_WORD_CHARS)) :].lstrip(".")
    if not last:
        return False
    word = last.rstrip(".").lower()
    if word in SENTENCE_FINAL_ABBREVIATIONS:
        return False
    if word in ABBREVIATIONS:
        # "U.S. The" ends a sentence rarely enough to keep "U.S. officials" whole.
        return True
    # A single capital initial: "J. Smith"; "Mr" handled above.
    return len(word) == 1 and last[0].isupper()


def split_sentences(body: str) -> list[Sentence]:
    """Split ``body`` into sentences with offsets; paragraphs never share a sentence."""
    out: list[Sentence] = []
    para_start = 0
    for paragraph, sep in enumerate([*_PARAGRAPH.finditer(body), None]):
        para_end = sep.start() if sep else len(body)
        _split_paragraph(body, para_start, para_end, paragraph, out)
        if sep is None:
            break
        para_start = sep.end()
    return out


def _split_paragraph(body: str, start: int, end: int, paragraph: int, out: list[Sentence]) -> None:
    # (the pattern has no look-behind: searching the paragraph's span of the body is
    # searching the paragraph)
    cursor = start
    for match in _BOUNDARY.finditer(body, start, end):
        stop = match.group("stop")
        if stop == "." and (
            is_abbreviation(body[cursor : match.start()])
            # "at 4 a.m. Wednesday", "9 p.m. GMT", "7 a.m. (0400 GMT)": the time goes on
            or _CLOCK_TIME_END.search(body, max(cursor, match.start() - 4), match.start())
            and _TIME_GOES_ON.match(body, match.end())
        ):
            continue
        _emit(body, cursor, match.start("space"), paragraph, out)
        cursor = match.end()
    _emit(body, cursor, end, paragraph, out)


def _emit(body: str, start: int, end: int, paragraph: int, out: list[Sentence]) -> None:
    # str.strip and str.isspace agree on what whitespace is
    text = body[start:end]
    lead = len(text) - len(text.lstrip())
    if lead == len(text):
        return
    text = text.strip()
    out.append(Sentence(text, start + lead, start + lead + len(text), paragraph))
