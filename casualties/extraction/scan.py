"""Fast scanning helpers: run a large pattern only where it can match.

Large case-insensitive alternations (every date form, every quantity form) are slow
when Python's ``re`` tries them at every character of a 5 KB body. Every match of
such a pattern contains an *anchor*: a word from a short list (a weekday, a month, a
digit, a number word) that lies within ``reach`` characters after the start of the
match. So the body is lower-cased once, a small case-sensitive anchor pattern finds
the anchors, and the large pattern is tried only at the word starts shortly before
each anchor, in order, exactly as ``finditer`` would meet them. The result is the same
list of matches as ``pattern.finditer(text, start, end)`` for any match whose anchor
is within ``reach`` characters of its start.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterable, Sequence
from typing import Any

_WORD_START = re.compile(r"\b\w")


def lowered(text: str) -> str:
    """``text`` in lower case with every offset kept (a few characters, such as the
    dotted capital I, lengthen when lower-cased; those stay as they are)."""
    low = text.lower()
    if len(low) == len(text):
        return low
    return "".join(c if len(c.lower()) != 1 else c.lower() for c in text)


# (``\d\d*`` is ``\d+``, written so that ``re`` skips to the next digit quickly)
_DIGIT_RUN = re.compile(r"\d\d*")
_DIGIT = re.compile(r"\d")


def anchor_positions(
    low: str, words: Iterable[str], digits: bool = False, start: int = 0, end: int | None = None
) -> list[int]:
    """Sorted offsets in ``low`` of every occurrence of each of ``words`` at the start of
    a word (found with ``str.find``), and of every run of digits if ``digits``; only
    those in ``low[start:end]`` (a word there may run on past ``end``) when given."""
    if end is None:
        end = len(low)
    out = [m.start() for m in _DIGIT_RUN.finditer(low, start, end)] if digits else []
    if out and out[0] == start and start > 0 and _DIGIT.match(low, start - 1):
        del out[0]  # the run began before ``start``
    find = low.find
    for w in words:
        stop = end + len(w) - 1
        i = find(w, start, stop)
        while i >= 0:
            if i == 0 or not low[i - 1].isalnum():
                out.append(i)
            i = find(w, i + 1, stop)
    out.sort()
    return out


def anchored_matches(
    pattern: re.Pattern[str],
    anchors: Sequence[int],
    text: str,
    low: str,
    start: int = 0,
    end: int | None = None,
    reach: int = 64,
    starts: re.Pattern[str] | None = None,
) -> list[re.Match[str]]:
    """The matches of ``pattern`` in ``text[start:end]``, left to right and never
    overlapping, as ``pattern.finditer(text, start, end)`` gives them. ``anchors`` are
    the sorted offsets of the anchor words (see ``anchor_positions``); ``starts``, when
    given, runs on ``low`` (``text`` lower-cased, same offsets) and finds the words with
    which a match can begin (by default any word)."""
    starts_in, where = (_WORD_START, text) if starts is None else (starts, low)
    if end is None:
        end = len(text)
    out: list[re.Match[str]] = []
    pos = start
    # every word start up to ``tried`` has been tried for the anchor before and matched
    # nothing (with the same ``end``): it is not tried again for the next anchor
    tried = start - 1
    for k in range(bisect_left(anchors, start), len(anchors)):
        q = anchors[k]
        if q >= end:
            break
        if q < pos:
            continue
        while pos <= q:
            found = None
            for w in starts_in.finditer(where, max(pos, q - reach, tried + 1), end):
                if w.start() > q:
                    break
                m = pattern.match(text, w.start(), end)
                if m is not None and m.end() > m.start():
                    found = m
                    break
            if found is None:
                tried = q
                break
            out.append(found)
            pos = found.end()
    return out


def prefix_alternation(words: Iterable[str]) -> str:
    """A pattern that matches, at a place, the beginning of whichever of ``words``
    begins there, written as a tree of shared beginnings ("s(?:ep|ince)...") that ``re``
    tries much faster than a flat list. For patterns that only find where a word
    starts: it matches at the same places as the flat list (it may take less of the
    word, a word that another word begins being enough)."""
    root: dict[str, dict[str, Any]] = {}
    for w in words:
        node = root
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}

    def emit(node: dict[str, dict[str, Any]]) -> str:
        if "" in node:
            return ""
        alts = [re.escape(ch) + emit(sub) for ch, sub in sorted(node.items())]
        return alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"

    return emit(root)


# Letters that ``re.IGNORECASE`` matches to an ASCII letter although their lower case
# is another: dotted capital I, dotless i, long s.
CASELESS_ODD = ("İ", "ı", "ſ")


_CASELESS_FOLD = str.maketrans({"İ": "i", "ı": "i", "ſ": "s"})


def caseless_folded(low: str) -> str:
    """``low`` (lower-cased by ``lowered``) with each letter that ``re.IGNORECASE``
    matches to an ASCII letter turned into that letter (offsets kept), so that a plain
    search finds a word as a case-insensitive pattern does. (The Kelvin sign is already
    "k" in lower case.)"""
    return low.translate(_CASELESS_FOLD) if has_any(low, CASELESS_ODD) else low


def caseless_key(words: str) -> str:
    """``words`` as a key of a table of lower-case English words: case-folded, with the
    letters ``re.IGNORECASE`` matches to an ASCII letter folded to it ("ſeptember",
    "FRİDAY", "frıday", "at leaſt", the Kelvin sign) and each run of whitespace a single
    space. A case-insensitive pattern built from the table's words can match any of these,
    so its match must find its entry."""
    return " ".join(words.casefold().replace("i\u0307", "i").replace("ı", "i").split())


def caseless_may_hold(text: str, keys: Sequence[str]) -> bool:
    """Whether ``text`` may hold one of the lower-case ASCII ``keys`` in any case, as a
    case-insensitive pattern that needs one of them would find it (a cheap test first)."""
    return has_any(text.lower(), keys) or has_any(text, CASELESS_ODD)


def has_any(text: str, keys: Sequence[str]) -> bool:
    """Whether any of ``keys`` occurs in ``text`` (a cheap test before a pattern that
    cannot match without one of them)."""
    for k in keys:  # noqa: SIM110 - a plain loop is faster than any() over a generator
        if k in text:
            return True
    return False
