"""Case-insensitive regexes run as plain ones on a lower-cased line, which is much cheaper.

With ``re.IGNORECASE`` the regex engine compares every character through a case table and
tries each alternative of a pattern in full at every position of the line. The same pattern
without the flag, run on ``line.lower()``, compares plain characters and skips alternatives by
their first letter; on the lines we judge it is three to five times faster.

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


def search(
    pattern: re.Pattern[str], twin: re.Pattern[str], line: str, caseless: str | None
) -> bool:
    """Whether ``pattern`` matches ``line``, using ``twin`` on its caseless form if it has one."""
    if caseless is not None:
        return twin.search(caseless) is not None
    return pattern.search(line) is not None
