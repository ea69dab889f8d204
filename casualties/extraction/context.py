"""What an article tells about its own actors: full names, titles, acronyms.

Within one story a person is introduced once with a title and full name ("Ruritanian
President Jan Novak") and later called by surname ("Novak"), by title ("the
Ruritanian president") or by pronoun ("he said"). An organisation is introduced with
its acronym ("the Northern Defence Front (NDF)"). This module collects those
introductions so that later mentions resolve to the fullest form the article gives.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from .grammar import NAME_RUN_RE, ORG_HEADS, TITLE_WORDS, is_title
from .registry import ActorRegistry, fold
from .scan import lowered

# Last words of capitalised names that are places, bodies or things, not people
# ("Gaza Strip", "Nobel Peace Prize", "Orthodox Church", "Truth Social").
_NOT_PERSON_HEADS = frozenset(
    """
    strip city province region valley square street mountains river sea bank corridor
    airport university church prize district county state island islands gulf bay port
    crossing camp accord accords agreement treaty social media tv radio news times post
    network platform channel institute center centre foundation alliance brotherhood
    """.split()
)
_NOT_NAME_WORDS = frozenset(
    """
    monday tuesday wednesday thursday friday saturday sunday january february march april
    may june july august september october november december jan feb mar apr jun jul aug
    sep sept oct nov dec the a an in on at of for and but with from by to as after before
    it he she they we i his her their our its this that these those there here while when
    if read more under earlier later late early last next some many both all according
    """.split()
)
_ACRONYM_RE = re.compile(r"\b((?:[A-Z][\w’'\-]*\s+){1,6}[A-Z][\w’'\-]*)\s+\(([A-Z][A-Z.]{1,7})\)")
_PAREN_ACRONYM = re.compile(r"\(([A-Z][A-Z.]{1,7})\)")


def _acronym_matches(body: str) -> list[re.Match[str]]:
    """``_ACRONYM_RE.finditer(body)``, tried only just before each bracketed acronym."""
    out: list[re.Match[str]] = []
    prev_end = 0
    for p in _PAREN_ACRONYM.finditer(body):
        if p.start() < prev_end:
            continue
        m = _ACRONYM_RE.search(body, max(prev_end, p.start() - 300), p.end())
        if m is not None and m.end() == p.end():
            out.append(m)
            prev_end = m.end()
    return out


_PRONOUNS = {"he": "m", "she": "f", "him": "m", "her": "f"}


@dataclass
class PersonMention:
    name: str
    start: int
    end: int
    title: str | None
    country: str | None


_PERSON_BY_TITLE_RE1 = re.compile(r"[’']s$")


@dataclass
class ArticleContext:
    body: str
    registry: ActorRegistry
    low: str  # the body lower-cased, same offsets
    persons: list[PersonMention] = field(default_factory=list)
    full_names: dict[str, str] = field(default_factory=dict)  # folded surname -> full name
    # folded given name -> the one full name it begins ("" when several): stories that
    # name a person by given name after the full name ("Mr. Anwar", Thai names)
    given_names: dict[str, str] = field(default_factory=dict)
    acronyms: dict[str, str] = field(default_factory=dict)
    # what other modules learn about the article once (e.g. its territories), by name
    memo: dict[str, object] = field(default_factory=dict)

    @classmethod
    def build(cls, body: str, registry: ActorRegistry, low: str | None = None) -> ArticleContext:
        ctx = cls(body, registry, lowered(body) if low is None else low)
        for m in _acronym_matches(body):
            long, short = m.group(1), m.group(2).replace(".", "")
            words = long.split()
            # keep the trailing words whose initials spell the acronym
            initials = [w for w in words if w[0].isupper()]
            if len(short) <= len(initials):
                ctx.acronyms[short] = " ".join(words[-len(short) :])
        full_names = ctx.full_names
        for m in NAME_RUN_RE.finditer(body):
            run = m.group(0)
            if (
                " " not in run
                and "\t" not in run
                and (word := fold(run.rstrip(".").removesuffix("’s").removesuffix("'s")))
                not in full_names
                and not ctx.given_names.get(word)
            ):
                continue  # one word that is no known name (``_add_run`` drops it)
            ctx._add_run(run, m.start(), m.end())
        return ctx

    def _add_run(self, run: str, start: int, end: int) -> None:
        words = run.split()
        if run.isupper():
            return  # a dateline or a heading ("DEIR AL-BALAH")
        if len(words) == 1:
            # one word is a person only as the surname or the given name of a full name
            # met before
            name = words[0].rstrip(".").removesuffix("’s").removesuffix("'s")
            if fold(name) not in self.full_names and not self.given_names.get(fold(name)):
                return
        titles: list[str] = []
        country: str | None = None
        i = 0
        while i < len(words):
            w = words[i]
            low = w.lower().rstrip(".")
            base = w[:-2] if w.endswith(("’s", "'s")) else w
            if is_title(w):
                titles.append(low)
            elif self.registry.demonym(base) or (
                # "Ruritania's", "U.S.", "UK": a country's name before a title
                self.registry.lookup(base) and (w.endswith(("’s", "'s")) or base.isupper())
            ):
                country = self.registry.country_of(base)
            elif low in _NOT_NAME_WORDS:
                titles = []
            elif w.isupper() and i + 1 < len(words) and words[i + 1].lower() in TITLE_WORDS:
                pass  # "CIA Director X": an organisation's initials before a title
            else:
                break
            i += 1
        name_words = words[i:]
        if not (1 <= len(name_words) <= 4):
            return
        if (
            any(
                w.lower().rstrip(".") in ORG_HEADS or w.lower() in _NOT_NAME_WORDS
                for w in name_words
            )
            or name_words[-1].lower() in _NOT_PERSON_HEADS
        ):
            return
        if any(w.endswith(("’s", "'s")) for w in name_words[:-1]):
            return
        name = " ".join(name_words).rstrip(".").removesuffix("’s").removesuffix("'s")
        actor = self.registry.lookup(name)
        if actor is not None and actor.kind != "person":
            return
        if (
            len(name_words) == 1
            and not titles
            and fold(name) not in self.full_names
            and not self.given_names.get(fold(name))
        ):
            return
        if len(name_words) == 1 and name.isupper():
            return
        title = " ".join(titles) if titles else None
        self.persons.append(PersonMention(name, start, end, title, country))
        if len(name_words) >= 2:
            key = fold(name_words[-1]).removesuffix("'s")
            known = self.full_names.get(key)
            if known is None or len(name) > len(known):
                self.full_names[key] = name
            given = fold(name_words[0])
            if self.given_names.get(given, name) != name:
                self.given_names[given] = ""  # two people share it: no one
            else:
                self.given_names[given] = name

    def full_name(self, name: str) -> str:
        """The fullest form of ``name`` in the article or the registry ("Novak" ->
        "Jan Novak"); a near spelling of a known surname keeps its given names."""
        name = name.strip()
        actor = self.registry.lookup(name)
        if actor is not None:
            return actor.name
        words = name.split()
        if not words:
            return name
        key = fold(words[-1]).removesuffix("'s")
        full = self.full_names.get(key)
        if full is not None and len(full) >= len(name):
            return full
        if full is None and len(words) == 1 and self.registry.lookup(name) is None:
            by_given = self.given_names.get(key)
            if by_given:
                return by_given
        if full is None and len(key) >= 5:
            for other, other_full in self.full_names.items():
                if other[0] == key[0] and _close(other, key):
                    return " ".join([*other_full.split()[:-1], words[-1]])
        reg = self.registry.surnames().get(key)
        if reg is not None:
            return reg.name
        return name

    def fuller_organisation(self, np: str, before: int, window: int = 4000) -> str | None:
        """ "the ministry" -> the last fuller name of such a body before offset ``before``
        ("Lebanon's health ministry", "the Lebanese health ministry", "Health Ministry");
        None when the story gives none."""
        words = np.split()
        if not words:
            return None
        head = words[-1].lower()
        found = None
        for m in _fuller_pattern(head).finditer(self.body, max(0, before - window), before):
            cand = m.group(1)
            if not cand.lower().startswith(("the ", "a ", "an ")):
                found = cand
        return found

    def person_by_title(self, phrase: str, before: int) -> str | None:
        """ "the Ruritanian president" -> the last person introduced with that title
        (and nationality, when the phrase gives one) before offset ``before``."""
        words = [w.lower().rstrip(".") for w in phrase.split()]
        titles = [w for w in words if w in TITLE_WORDS]
        if not titles:
            return None
        country = None
        for w in phrase.split():
            c = self.registry.country_of(_PERSON_BY_TITLE_RE1.sub("", w))
            if c:
                country = c
        for p in reversed(self.persons):
            if p.start >= before or p.title is None:
                continue
            if all(t in p.title.split() for t in titles) and (
                country is None or p.country == country
            ):
                return self.full_name(p.name)
        return None

    def first_person_in(self, start: int, end: int) -> PersonMention | None:
        """The first person named between ``start`` and ``end`` (a sentence's subject,
        as a rule), never one after a preposition of place."""
        k = bisect_left(self._person_starts(), start)
        for p in self.persons[k:]:
            if p.start >= end:
                break
            if not _PLACE_PREPOSITION_BEFORE.search(self.body, max(0, p.start - 12), p.start):
                return p
        return None

    def _person_starts(self) -> list[int]:
        starts = self.memo.get("person_starts")
        if not isinstance(starts, list) or len(starts) != len(self.persons):
            starts = self.memo["person_starts"] = [p.start for p in self.persons]
        return starts

    def last_person_before(
        self, offset: int, window: int = 1200, outside: Sequence[tuple[int, int]] = ()
    ) -> PersonMention | None:
        """The antecedent of "he"/"she" at ``offset``: of the persons named in the last
        sentence before it that names one (within ``window`` characters), the first, the
        subject rather than an object ("X thanked Y. ... he said" is X); never one named
        inside the ``outside`` spans (the quotations: a name a speaker mentions is not the
        speaker) or after a preposition of place ("on his Truth Social platform")."""
        found: PersonMention | None = None
        for p in reversed(self.persons):
            if p.end > offset:
                continue
            if offset - p.end > window:
                break
            if any(start <= p.start and p.end <= end for start, end in outside):
                continue
            if _PLACE_PREPOSITION_BEFORE.search(self.body, max(0, p.start - 12), p.start):
                continue
            if found is not None and _SENTENCE_END.search(self.body, p.end, found.start):
                break  # an earlier sentence: ``found`` opens the last one naming a person
            found = p
        return found


# Where one sentence ends and the next begins, or a paragraph break.
_SENTENCE_END = re.compile(r"[.!?][”\"’)]*\s+(?=[“\"‘(]?[A-Z])|\n")
_PLACE_PREPOSITION_BEFORE = re.compile(
    r"\b(?:in|on|at|from|near|into|outside|inside)\s+(?:the\s+|his\s+|her\s+)?\Z"
)


@lru_cache(maxsize=256)
def _fuller_pattern(head: str) -> re.Pattern[str]:
    """A capitalised word, up to two lower-case ones, then ``head`` in any case."""
    return re.compile(
        rf"((?:[A-Z][\w’'\-]*(?:[’']s)?\s+)(?:[a-z][\w\-]*\s+){{0,2}}(?i:{re.escape(head)}))\b"
    )


def _close(a: str, b: str) -> bool:
    """Edit distance at most 2 (transpositions count once), for spelling variants."""
    if abs(len(a) - len(b)) > 2:
        return False
    prev2: list[int] | None = None
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i] + [0] * len(b)
        for j, cb in enumerate(b, 1):
            cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb))
            if prev2 is not None and i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                cur[j] = min(cur[j], prev2[j - 2] + 1)
        prev2, prev = prev, cur
    return prev[-1] <= 2
