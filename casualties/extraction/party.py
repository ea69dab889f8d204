"""Who suffered the losses: the party of a casualty figure.

The party is read from the grammar of the sentence, in this order:

1. a demonym on the victims' noun ("34 Turkish soldiers");
2. the claimant's own side when it speaks of "their troops", "its civilians";
3. a place named inside the figure's phrase ("three-quarters of Ruritania's population");
4. where it happened: "in X" after the figure, or a leading "In X, ..." (a
   territory of the story beats the country named around it);
5. "on both sides", "all sides";
6. the claimant's side when a belligerent's own authority reports a loss it did not
   inflict ("Ruritanian officials say 71 soldiers have been killed"); captured fighters
   reported by their captor belong to the other side;
7. a demonym as the victims' noun ("Ruritanians");
8. a whole-war total whose subject is the war itself ("The fighting has killed ...");
9. the story's main party, leaving out any side the sentence names as the attacker
   ("Ruritanian shelling killed two civilians" is not a Ruritanian loss).

Territories are learned from the article itself: a place that is not a country but has
its own authorities or forces ("Regionland's health ministry", "the ministry in
Faction-run Regionland", "the occupied Regionland", "Regionland People's Liberation
Front", a dateline "TOWN, Regionland (AP)").
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Callable
from itertools import islice

from .context import ArticleContext
from .grammar import SPEECH_VERB_RE
from .scan import caseless_may_hold, has_any

_NAME = r"[A-Z][\w’'\-]+(?:[ \t]+[A-Z][\w’'\-]+){0,2}"
# the words after a place's possessive, and the words before "in X", that make it a
# territory with its own authorities (shared with the cheap pre-checks below)
_OWN_AUTHORITY = (
    r"[’']s\s+(?:(?:regional|interim|de\s+facto|separatist|local)\s+)?"
    r"(?:government|authorities|(?:health|defen[cs]e|interior)\s+ministry|military|"
    r"emergency\s+services?|forces|officials|leadership|army)"
)
_AUTHORITY_IN = r"(?:[Mm]inistry|authorities|officials|government)\s+in\s+"
_TERRITORY_PATTERNS = [
    re.compile(rf"\b({_NAME}){_OWN_AUTHORITY}\b"),
    re.compile(
        rf"\b{_AUTHORITY_IN}(?:the\s+)?"
        rf"(?:[\w-]+-(?:run|held|controlled)\s+)?({_NAME})"
    ),
    re.compile(rf"\b[\w]+-(?:run|held|controlled)\s+({_NAME})"),
    re.compile(rf"\b(?:occupied|breakaway|separatist)\s+({_NAME})"),
    re.compile(rf"\b({_NAME})\s+People[’']s\s+(?:Liberation|Defen[cs]e)\s+(?:Front|Forces|Army)"),
    re.compile(
        rf"\bforces\s+(?:from|of)\s+(?:the\s+)?(?:\w+\s+)?(?:region|province|state)\s+of\s+({_NAME})"
    ),
    re.compile(rf"\A[A-Z][A-Z\-’' ]+,\s+({_NAME})\s+\((?:AP|AFP|Reuters)\)"),
    # a dateline "Regionland City (AFP) -": the city of a place that is no country
    re.compile(r"\A([A-Z][\w’'\-]+)\s+City\s+\((?:AP|AFP|Reuters)\)"),
]
# A word each of those patterns needs (checked on the body first).
_TERRITORY_KEYS = (
    ("’s", "'s"),
    (" in ",),
    ("-run", "-held", "-controlled"),
    ("occupied", "breakaway", "separatist"),
    ("People",),
    ("forces",),
    ("(AP)", "(AFP)", "(Reuters)"),
    ("City (",),
)
# For the patterns tried around common key words, a part every match holds (with no
# check after its end, so that it also matches wherever a match cut short at the end of
# a search window does) and the words with which that part starts: a window without
# one of those offsets holds no match and is not searched.
_TERRITORY_NEEDS: tuple[tuple[tuple[str, ...], re.Pattern[str]] | None, ...] = (
    (("’s", "'s"), re.compile(_OWN_AUTHORITY)),
    (
        ("inistry", "authorities", "officials", "government"),
        re.compile(r"(?:inistry|authorities|officials|government)\s+in\s+"),
    ),
    (("-run", "-held", "-controlled"), re.compile(r"-(?:run|held|controlled)\s+[A-Z]")),
    (
        ("occupied", "breakaway", "separatist"),
        re.compile(r"(?:occupied|breakaway|separatist)\s+[A-Z]"),
    ),
    (
        ("People",),
        re.compile(r"People[’']s\s+(?:Liberation|Defen[cs]e)\s+(?:Front|Forces|Army)"),
    ),
    (("forces",), re.compile(r"forces\s+(?:from|of)\s+")),
    None,
    None,
)
_NOT_TERRITORY_WORDS = frozenset(
    "the a an this that it its in on at of and but government ministry health state".split()
)
_AGENT_NOUNS = (
    r"(?:shelling|strikes?|air\s*strikes?|attacks?|bombardments?|bombings?|missiles?|rockets?|"
    r"drones?|artillery|fire|gunfire|shellfire|shells|bombs|mortars?|offensives?|warplanes|"
    r"jets|raids?|assaults?|incursions?|troops|forces|army|military|soldiers|gunmen)"
)
_AGENT_RE = re.compile(
    rf"\b({_NAME})(?:-(?:led|backed))?(?:\s+and\s+({_NAME})(?:-(?:led|backed))?)?\s+{_AGENT_NOUNS}\b"
)
_SPEAKS_AFTER = re.compile(rf"\s+(?:has\s+|had\s+|have\s+)?(?:{SPEECH_VERB_RE.pattern})")
_LOCATION_RE = re.compile(
    r"\b(?:[Ii]n|inside|across|throughout|within|on|near|outside|around|"
    r"(?:north|south|east|west)(?:east|west)?\s+of)\s+(?:the\s+)?"
    r"(?:occupied\s+|northern\s+|southern\s+|eastern\s+|western\s+|central\s+)?"
    r"((?:[A-Z][\w’'\-]+)(?:\s+[A-Z][\w’'\-]+){0,3})"
)
_FROM_BEFORE = re.compile(r"\bfrom\s+$")
_SCENE_PARTICIPLE = re.compile(r",\s*(?:killing|wounding|injuring|leaving)\b")
# Before a place that is where something happens, not who does it: a preposition, or the
# comma of an apposition ("in the Jordanian capital, Amman").
VENUE_BEFORE = re.compile(
    r"(?:\b(?:in|at|to|from|near|outside|inside|via|into|of)\s+(?:the\s+)?|,\s*)\Z"
)
# a place that the figure's clause is about although named before it: "the toll in X
# rose to Q", "in X's Y province, where the offensive has displaced Q"
_TOLL_BEFORE = re.compile(r"\btoll\s+$")
_WHERE_AFTER = re.compile(r"(?:\s+[a-z]+){0,2},?\s+where\b")
_BOTH_RE = re.compile(r"\b(?:on\s+)?both\s+sides\b|\ball\s+sides\b", re.IGNORECASE)
_POSSESSIVE_RE = re.compile(
    r"^\s*of\s+(?:their|its|our)\b|\bon\s+(?:their|its|our)\s+side\b"
    r"|^\s*(?:[\w-]+\s+)?(?:among|in)\s+(?:their|its|our)\s+(?:own\s+)?"
    r"(?:ranks|troops|forces|soldiers|servicemen|military|army)\b",
    re.I,
)
# Words of which ``_AGENT_RE`` needs one (its nouns; "strike" also of "air strikes"),
# and what ``_PLACE_POPULATION`` needs: cheap tests first.
_AGENT_KEYS = (
    "shelling", "strike", "attack", "bombardment", "bombing", "missile", "rocket", "drone",
    "artillery", "fire", "shells", "bombs", "mortar", "offensive", "warplanes", "jets", "raid",
    "assault", "incursion", "troops", "forces", "army", "military", "soldiers", "gunmen",
)  # fmt: skip
_POSSESSIVE_S = ("’s", "'s")
_PLACE_POPULATION = re.compile(
    rf"\b({_NAME})[’']s\s+(?:\w+\s+)?(?:population|residents|people|civilians|inhabitants)\b"
)
_WHOLE_WAR_RE = re.compile(
    r"\b(?:the|this|a|its)\s+(?:\w+\s+)?(?:fighting|war|conflict|violence|hostilities|clashes|"
    r"escalation|offensive|invasion|outburst)\b|\bin\s+clashes\b",
    re.IGNORECASE,
)
# Words without which ``_WHOLE_WAR_RE`` cannot match (a cheap test first).
_WHOLE_WAR_KEYS = (
    "fighting", "war", "conflict", "violence", "hostilities", "clashes", "escalation",
    "offensive", "invasion", "outburst",
)  # fmt: skip
_CAPITALISED_RE = re.compile(r"[A-Z][\w’'\-]+(?:\s+[A-Z][\w’'\-]+)?")
_AGENT_AFTER = re.compile(rf"(?:-(?:led|backed))?\s+{_AGENT_NOUNS}\b")


def _no_possessive(word: str) -> str:
    return word[:-2] if word.endswith(("’s", "'s")) else word


def learn_territories(ctx: ArticleContext) -> list[str]:
    """Places that act as parties in this story although no country (see the module
    docstring), longest first (learned once per article)."""
    known = ctx.memo.get("territories")
    if isinstance(known, list):
        return known
    out = _learn_territories(ctx)
    ctx.memo["territories"] = out
    return out


def _territory_matches(
    pat: re.Pattern[str],
    keys: tuple[str, ...],
    body: str,
    needs: tuple[tuple[str, ...], re.Pattern[str]] | None = None,
) -> list[re.Match[str]]:
    """``pat.finditer(body)``, tried only around each occurrence of its key words (a
    match holds one of them, at most ``_KEY_REACH`` characters from its start), and,
    given ``needs`` (see ``_TERRITORY_NEEDS``), only in windows that hold what a match
    needs."""
    needed: list[int] | None = None
    if needs is not None:
        needed = []
        for k in needs[0]:
            i = body.find(k)
            while i >= 0:
                if needs[1].match(body, i):
                    needed.append(i)
                i = body.find(k, i + 1)
        if not needed:
            return []  # no window holds what a match needs
        needed.sort()
    starts: list[int] = []
    for k in keys:
        i = body.find(k)
        while i >= 0:
            starts.append(i)
            i = body.find(k, i + 1)
    width = len(max(keys, key=len)) + 120
    out: list[re.Match[str]] = []
    end = 0
    for i in sorted(starts):
        if i < end:
            continue
        lo, hi = max(end, i - _KEY_REACH), i + width
        if needed is not None:
            # a match starts at or after lo and ends by hi; its needed part lies between
            # (one character later for "inistry" of "Ministry")
            at = bisect_left(needed, lo)
            if at == len(needed) or needed[at] > hi:
                continue
        m = pat.search(body, lo, hi)
        if m is not None and m.start() <= i:
            out.append(m)
            end = m.end()
    return out


_KEY_REACH = 90


def _learn_territories(ctx: ArticleContext) -> list[str]:
    found: set[str] = set()
    persons = {p.name for p in ctx.persons if p.title}  # introduced as people
    surnames = {
        p.name.split()[-1]
        for p in ctx.persons
        if len(p.name.split()) >= 2 and not _ADJECTIVE_PLACE.search(p.name.split()[0])
    }
    for pat, keys, needs in zip(
        _TERRITORY_PATTERNS, _TERRITORY_KEYS, _TERRITORY_NEEDS, strict=True
    ):
        if not has_any(ctx.body, keys):
            continue
        for m in (
            pat.finditer(ctx.body)
            if pat.pattern.startswith(r"\A")
            else _territory_matches(pat, keys, ctx.body, needs)
        ):
            name = _no_possessive(m.group(1).strip())
            words = name.split()
            while words and words[0].lower() in _NOT_TERRITORY_WORDS:
                words = words[1:]
            if (
                not words
                or words[-1].lower() in _NOT_TERRITORY_WORDS
                or words[-1].endswith(("-run", "-held", "-controlled"))
            ):
                continue
            name = " ".join(words)
            if _known_or_personal(name, ctx, persons, surnames):
                continue
            found.add(name)
    # "the Regionland health ministry": a name used as an adjective is a territory only
    # where the story also puts something in it ("in Regionland"): a title-cased headline
    # ("According To The ...") or an unknown demonym never is
    if has_any(ctx.body, _ADJECTIVAL_AUTHORITY_KEYS):
        for m in _territory_matches(_ADJECTIVAL_AUTHORITY, _ADJECTIVAL_AUTHORITY_KEYS, ctx.body):
            name = m.group(1)
            if (
                name not in found
                and name.lower() not in _NOT_ADJECTIVAL_NAMES
                and not name.endswith(("-run", "-held", "-controlled", "-led", "-backed"))
                and not name.endswith(("’s", "'s"))  # the possessive pattern's
                and not _known_or_personal(name, ctx, persons, surnames)
                and _placed_in(ctx.body, name)
            ):
                found.add(name)
    # "Kastria" is the short form of a longer territory "Nova-Kastria"
    found = {t for t in found if not any(o != t and _short_form(t, o) for o in found)}
    # Longest first; equal lengths alphabetically, so the order never depends on hashing.
    return sorted(found, key=lambda name: (-len(name), name))


def _placed_in(body: str, name: str) -> bool:
    """Whether ``body`` says "in NAME" or "in the NAME" (a whole word)."""
    i = body.find(name)
    while i >= 0:
        end = i + len(name)
        if (end == len(body) or not body[end].isalnum()) and _IN_BEFORE.search(
            body, max(0, i - 12), i
        ):
            return True
        i = body.find(name, end)
    return False


_IN_BEFORE = re.compile(r"\bin\s+(?:the\s+)?\Z")


def _known_or_personal(
    name: str, ctx: ArticleContext, persons: set[str], surnames: set[str]
) -> bool:
    """Whether ``name`` is a country, a known actor, a demonym or a person's name (so no
    territory of the story's own)."""
    return (
        ctx.registry.country_of(name) is not None
        or ctx.registry.lookup(name) is not None
        or name in persons
        or name in surnames  # "Novak's forces": a person's
        or any(p.endswith(" " + name) for p in persons)
        or ctx.registry.demonym(name.split()[0]) is not None
    )


_ADJECTIVAL_AUTHORITY = re.compile(
    r"\b([A-Z][\w’'\-]+)\s+(?:[Hh]ealth|[Dd]efen[cs]e|[Ii]nterior)\s+[Mm]inistry\b"
)
_ADJECTIVAL_AUTHORITY_KEYS = ("inistry",)
# Words that stand capitalised before "health ministry" at a sentence start: no names.
_NOT_ADJECTIVAL_NAMES = _NOT_TERRITORY_WORDS | frozenset(
    "their our his her whose which every each its".split()
)


_ADJECTIVE_PLACE = re.compile(r"-(?:run|held|controlled|backed|led)$|^[A-Z]+$")


def _short_form(short: str, long: str) -> bool:
    return long.endswith((" " + short, "-" + short))


_SIDE_OF_RE1 = re.compile(r"[\w’'\-.]+")


class PartyReader:
    """Reads the party of each casualty figure of one article."""

    def __init__(self, ctx: ArticleContext) -> None:
        self.ctx = ctx
        self.reg = ctx.registry
        self.territories = learn_territories(ctx)
        self._counts: dict[str, float] | None = None
        self._agents: dict[str, set[str]] = {}
        self._places: dict[str, str | None] = {}
        self._last_reading: tuple[str, _SentenceReading] | None = None

    # -- names ------------------------------------------------------------------
    def place(self, words: str) -> str | None:
        """The country or territory a name or demonym gives ("Ruritania's", "Regionland");
        each name read once per article."""
        known = self._places.get(words, "")
        if known != "":
            return known
        found = self._places[words] = self._place(words)
        return found

    def _place(self, words: str) -> str | None:
        words = _no_possessive(words.strip())
        for t in self.territories:
            if (
                words == t
                or words.startswith(t + " ")
                or words.endswith(" " + t)
                or _short_form(words, t)
            ):
                return t
        c = self.reg.country_of(words)
        if c is None and " " in words:
            c = self.reg.country_of(_no_possessive(words.split()[0]))
        return c

    def _last_side_named(self, text: str) -> str | None:
        """The country or territory named last in ``text`` (the subject nearest to "its")."""
        for words in reversed(_SIDE_OF_RE1.findall(text)):
            if words[:1].isupper():
                c = self.place(words)
                if c:
                    return c
        return None

    def side_of(self, name: str | None) -> str | None:
        """The country or territory a claimant speaks for ("Ruritanian officials",
        "the health ministry in Regionland"), if it names one."""
        if not name:
            return None
        for t in self.territories:
            tail = t.rsplit("-", 1)[-1]  # "Kastria" for "Nova-Kastria"
            if re.search(rf"\b(?:{re.escape(t)}|{re.escape(tail)})\b", name):
                return t
        for w in _SIDE_OF_RE1.findall(name):
            c = self.reg.country_of(_no_possessive(w))
            if c:
                return c
        return None

    def counts(self) -> dict[str, float]:
        """How often the story names each country and territory, the opening weighted; a
        name as an attacker ("Ruritanian shelling") does not count, the story being about
        whoever suffered it."""
        if self._counts is None:
            counts: dict[str, float] = {}
            body = self.ctx.body
            seen = 0  # names counted (the first 2,002 only)
            rest = None  # where the names after the opening start
            for m in _CAPITALISED_RE.finditer(body):
                if m.start() >= 300:
                    rest = m.start()
                    break
                c = self.place(m.group(0))
                if c and not _AGENT_AFTER.match(body, m.end()) and not self._venue(m):
                    counts[c] = counts.get(c, 0) + 3
                seen += 1
                if seen > 2001:
                    break
            if rest is not None and seen <= 2001:
                # the rest of the story (``place`` reads each distinct name once); the
                # countries in order of first mention
                for m in islice(_CAPITALISED_RE.finditer(body, rest), 2002 - seen):
                    c = self.place(m.group(0))
                    if c and not _AGENT_AFTER.match(body, m.end()) and not self._venue(m):
                        counts[c] = counts.get(c, 0) + 1
            self._counts = counts
        return self._counts

    def _venue(self, m: re.Match[str]) -> bool:
        """Whether the name at ``m`` is a capital where something happens ("flew to
        Bangkok", "talks in Amman", a dateline): a venue says nothing of who the story is
        about."""
        words = m.group(0)
        if (
            not words.isupper()  # a dateline ("PRETORIA, Nov 2")
            and VENUE_BEFORE.search(self.ctx.body, max(0, m.start() - 12), m.start()) is None
        ):
            return False
        actor = self.reg.lookup(_no_possessive(words))
        return actor is not None and actor.kind == "place"

    def is_belligerent(self, side: str) -> bool:
        """A side the story is about (named at least a third as often as the most named),
        not an outsider commenting on it."""
        counts = self.counts()
        return bool(counts) and counts.get(side, 0) * 3 >= max(counts.values())

    def main(self, exclude: set[str]) -> str | None:
        counts = {k: v for k, v in self.counts().items() if k not in exclude}
        return max(counts, key=lambda k: counts[k]) if counts else None

    def agents(self, sent: str) -> set[str]:
        """The sides a sentence names as attackers ("Ruritanian shelling"); read once per
        sentence (callers never change the set)."""
        known = self._agents.get(sent)
        if known is not None:
            return known
        out: set[str] = set()
        self._agents[sent] = out
        for m in _AGENT_RE.finditer(sent) if has_any(sent, _AGENT_KEYS) else ():
            if _SPEAKS_AFTER.match(sent, m.end()):
                continue  # "Ruritania's military said ...": a source, not an attacker
            for group in (m.group(1), m.group(2)):
                words = group.split() if group else []
                for k in range(len(words)):
                    p = self.place(" ".join(words[k:]))
                    if p:
                        out.add(p)
                        break
        return out

    def _reading(self, sent: str, agents: set[str]) -> _SentenceReading:
        """What ``party`` reads from a sentence once for all of its figures."""
        if self._last_reading is not None and self._last_reading[0] is sent:
            return self._last_reading[1]
        reading = _SentenceReading(sent, self, agents)
        self._last_reading = sent, reading
        return reading

    # -- the rules --------------------------------------------------------------
    def party(
        self,
        sent: str,
        q_start: int,
        q_end: int,
        noun_end: int,
        modifiers: str,
        possessive: bool,
        category: str,
        population: str,
        agentive: bool,
        is_breakdown: bool,
        claimant: str | None,
        claimant_is_outlet: bool,
        inherited: Callable[[], str | None],
    ) -> str | None:
        mods = modifiers.split()
        # 1. a demonym on the victims' noun
        for w in mods:
            c = self.reg.country_of(_no_possessive(w))
            if c and not (w[:1].isupper() and w.endswith("s") and w == mods[-1]):
                return c
        parent = inherited()
        if parent is not None and not (parent == "both" and category == "displaced"):
            return parent
        # 2. "of their troops": the claimant's side; in the story's own voice, the side the
        # sentence names last before the figure ("X gave a figure, acknowledging Q deaths
        # among its troops")
        if (
            possessive
            or caseless_may_hold(sent[q_end : noun_end + 40], ("their", "its", "our"))
            and _POSSESSIVE_RE.search(sent[q_end : noun_end + 40])
        ):
            if claimant_is_outlet:
                e = self._last_side_named(sent[:q_start])
            else:
                e = self.side_of(claimant) or _capitalised_head(claimant)
            if e:
                return e
        agents = self.agents(sent)
        reading = self._reading(sent, agents)
        # 3. a place whose population the figure is ("nearly half of X's population")
        p = reading.population_place(sent, q_end, self, agents)
        if p:
            return p
        # 4. where it happened
        p = reading.location_place(q_start)
        if p:
            return p
        # 5. both sides
        if reading.both_sides:
            return "both"
        # 6. the claimant's own loss
        side = None if claimant_is_outlet or agentive else self.side_of(claimant)
        if (
            side is not None
            and category != "captured"
            and side not in agents
            and self.is_belligerent(side)
        ):
            return side
        # 7. a demonym as the victims' noun
        if mods:
            c = self.reg.country_of(mods[-1])
            if c:
                return c
        # 8. a whole-war total
        if (
            population in ("unspecified", "troops")
            and category in ("killed", "wounded", "killed_or_wounded")
            and not is_breakdown
            and reading.whole_war
        ):
            return "both"
        # 9. the story's main party; a captor's count is of the other side
        exclude = set(agents)
        if side is not None and category == "captured":
            exclude.add(side)
        if agentive and not claimant_is_outlet:
            # "X said it had killed 200 militants": X's side did the killing
            attacker = self.side_of(claimant)
            if attacker is not None:
                exclude.add(attacker)
        return self.main(exclude)


class _SentenceReading:
    """The places a sentence names and its whole-war and both-sides words, read once
    for every figure of the sentence (a run-on sentence of many figures stays linear)."""

    def __init__(self, sent: str, reader: PartyReader, agents: set[str]) -> None:
        self._sent = sent
        self.both_sides = caseless_may_hold(sent, ("sides",)) and bool(_BOTH_RE.search(sent))
        self.whole_war = caseless_may_hold(sent, _WHOLE_WAR_KEYS) and bool(
            _WHOLE_WAR_RE.search(sent)
        )
        # "X's population": every match and the place it names if that is no attacker
        pops = list(_PLACE_POPULATION.finditer(sent)) if has_any(sent, _POSSESSIVE_S) else []
        self._pop_starts = [m.start() for m in pops]
        self._pop_ends = [m.end() for m in pops]
        self._pop_next: list[str | None] = [None] * (len(pops) + 1)  # the first from k on
        for k in range(len(pops) - 1, -1, -1):
            p = reader.place(pops[k].group(1))
            self._pop_next[k] = p if p and p not in agents else self._pop_next[k + 1]
        # "in X": the places that may be where a figure happened, with whether one named
        # before the figure may still be ("the toll in X rose to", "in X, where")
        self._early: str | None = None  # the first such place that may be before
        self._early_at = 0  # its index in ``_loc_places``
        self._loc_starts: list[int] = []
        self._loc_places: list[str] = []
        for m in _LOCATION_RE.finditer(sent):
            if _FROM_BEFORE.search(sent, max(0, m.start() - 8), m.start() + 1):
                continue
            p = reader.place(m.group(1))
            if not p or p in agents:
                continue
            if self._early is None and (
                m.start() == 0
                or _TOLL_BEFORE.search(sent, max(0, m.start() - 12), m.start())
                or _WHERE_AFTER.match(sent, m.end())
            ):
                self._early = p
                self._early_at = len(self._loc_starts)
            self._loc_starts.append(m.start())
            self._loc_places.append(p)

    def population_place(
        self, sent: str, q_end: int, reader: PartyReader, agents: set[str]
    ) -> str | None:
        """The place of the first "X's population" from ``q_end`` on that names one."""
        k = bisect_left(self._pop_starts, q_end)
        if k and self._pop_ends[k - 1] > q_end:
            # a match across ``q_end``: read from there (another may start inside it)
            for m in _PLACE_POPULATION.finditer(sent, q_end):
                p = reader.place(m.group(1))
                if p and p not in agents:
                    return p
            return None
        return self._pop_next[k]

    def location_place(self, q_start: int) -> str | None:
        """The first place named after ``q_start``, or before it where that may be."""
        k = bisect_left(self._loc_starts, q_start)
        if self._early is not None and self._early_at <= k:
            return self._early
        if k < len(self._loc_places):
            return self._loc_places[k]
        if k and _SCENE_PARTICIPLE.search(self._sent, self._loc_starts[k - 1], q_start):
            # "Bombs hit X, west of Y, on Tuesday, killing seven": where the attack was
            return self._loc_places[k - 1]
        return None


_CAPITALISED_HEAD_RE1 = re.compile(r"[\w’'\-]+")


def _capitalised_head(name: str | None) -> str | None:
    """ "Regionland's defence ministry" -> "Regionland" (for "of its servicemen")."""
    if not name:
        return None
    from .grammar import ORG_HEADS, TITLE_WORDS

    generic = ORG_HEADS | TITLE_WORDS | {"the", "of", "and", "local", "state", "health"}
    words = [
        _no_possessive(w)
        for w in _CAPITALISED_HEAD_RE1.findall(name)
        if _no_possessive(w).lower() not in generic and w[:1].isupper()
    ]
    return " ".join(words[:2]) if words else None
