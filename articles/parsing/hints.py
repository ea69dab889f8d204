"""Cheap tests that let a line skip a costly case-insensitive regex that cannot match it.

A ``re.IGNORECASE`` search tries the whole pattern at every position of a line. Most lines hold
none of the pattern's words, and a plain substring or literal-only search over the lower-cased
line, run in C, proves that first. A hint must be a *necessary* condition: when it says no,
the regex would have found nothing; when it says yes, the regex runs as before.

``str.lower`` and ``re.IGNORECASE`` agree on every character except four that the regex
engine folds onto an ASCII letter: dotted and dotless i (İ ı), long s (ſ) and the Kelvin sign
(K). A line holding one of them gets no lower-cased form, and its regexes always run.
"""

from __future__ import annotations

import re

_FOLDS_UNLIKE_LOWER = re.compile("[\u0130\u0131\u017f\u212a]")


def lowered_for_hints(line: str) -> str | None:
    """``line.lower()``, or ``None`` when the line has a character the two foldings disagree on."""
    return None if _FOLDS_UNLIKE_LOWER.search(line) else line.lower()


def literal_stem(fragment: str) -> str:
    """The literal text every match of a regex ``fragment`` starts with: its leading letters
    and spaces, less the last one when a quantifier makes it optional ("cookies?" -> "cookie",
    "log ?in" -> "log", "subscri(?:be|ption)" -> "subscri")."""
    stem = re.match(r"[a-z ]*", fragment)
    text = stem.group(0) if stem else ""
    if fragment[len(text) : len(text) + 1] in ("?", "*", "{"):
        text = text[:-1]
    return text


def any_of(words: list[str] | tuple[str, ...]) -> re.Pattern[str]:
    """A case-sensitive search for any of ``words`` (lower-case literals), for a lowered line.
    With literal alternatives the regex engine scans for their first letters in C."""
    return re.compile("|".join(re.escape(word) for word in words))
