"""Case-insensitive regexes made cheap: a substring test first, then a plain regex.

With ``re.IGNORECASE`` the regex engine compares every character through a case table and
tries each alternative of a pattern in full at every position of the line: the furniture cue
regex cost about 150,000 instructions a line. Most lines cannot match, and a few ``in`` tests
on ``line.lower()`` for substrings every match must contain (the *needles*) prove it for
under a thousand instructions each. When a needle is there, the same pattern without the
flag (its *twin*) runs on the lower-cased line, comparing plain characters (about four times
cheaper).

The two find the same matches at the same places when the pattern's letters are lower-case
ASCII (its other characters having no case, like "©") and the line has none of four
characters the regex engine folds onto an ASCII letter while ``str.lower`` does not (dotted
and dotless i, long s, the Kelvin sign: İ ı ſ K). Every other character keeps its length and
its word/non-word class when lower-cased (checked over all of Unicode), so ``\\b``, ``\\w``
and ``\\s`` behave alike. A line holding one of the four has no caseless form and keeps the
original regex.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

_FOLDS_UNLIKE_LOWER = re.compile("[\u0130\u0131\u017f\u212a]")
_ESCAPE = re.compile(r"\\.")


def caseless_form(line: str) -> str | None:
    """``line.lower()``, or ``None`` when the line has a character the two foldings disagree on."""
    return None if _FOLDS_UNLIKE_LOWER.search(line) else line.lower()


def caseless_twin(pattern: re.Pattern[str]) -> re.Pattern[str]:
    """``pattern`` without ``re.IGNORECASE``, to run on :func:`caseless_form` of a line.

    Its matches there are at the places of the original's on the line itself. Their text is
    the original's lower-cased when it is ASCII (a lone "Σ" lower-cases by its neighbours).
    """
    literal = _ESCAPE.sub("", pattern.pattern)  # \b, \s, \W ... are classes, not letters
    caseless_letters = all(
        ch == ch.lower() if ch.isascii() else ch == ch.lower() == ch.upper() for ch in literal
    )
    if not (pattern.flags & re.IGNORECASE) or not caseless_letters:
        raise ValueError(f"no caseless twin for {pattern.pattern!r}")
    return re.compile(pattern.pattern, pattern.flags & ~re.IGNORECASE)


def literal_stem(fragment: str) -> str:
    """The literal text every match of a regex ``fragment`` starts with: its leading letters
    and spaces, less the last one when a quantifier makes it optional ("cookies?" -> "cookie",
    "log ?in" -> "log", "subscri(?:be|ption)" -> "subscri")."""
    stem = re.match(r"[a-z ]*", fragment)
    text = stem.group(0) if stem else ""
    if fragment[len(text) : len(text) + 1] in ("?", "*", "{"):
        text = text[:-1]
    return text


class CaselessPattern:
    """A case-insensitive ``pattern``, the substrings one of which each of its matches holds
    (lower-case), and its twin."""

    def __init__(self, pattern: re.Pattern[str], needles: Iterable[str]) -> None:
        self.pattern = pattern
        self.twin = caseless_twin(pattern)
        self.needles = tuple(needles)

    def search(self, line: str, caseless: str | None) -> bool:
        """Whether ``pattern`` matches ``line``; ``caseless`` is :func:`caseless_form` of it."""
        if caseless is None:
            return self.pattern.search(line) is not None
        return self._may_match(caseless) and self.twin.search(caseless) is not None

    def found(self, line: str, caseless: str | None) -> list[str]:
        """The lower-cased text of every match in ``line``, for patterns whose matches are ASCII."""
        if caseless is None:
            return [match.group(0).lower() for match in self.pattern.finditer(line)]
        if not self._may_match(caseless):
            return []
        return [match.group(0) for match in self.twin.finditer(caseless)]

    def _may_match(self, caseless: str) -> bool:
        return any(needle in caseless for needle in self.needles)
