"""Casualty claims: a figure, what happened to whom, who says so, and as of when.

Within a sentence each quantity phrase is read in one of the shapes news English gives
a toll, tried in this order:

1. passive or intransitive: ``Q [of their] [Turkish] soldiers [have been] killed``,
   ``Q were wounded``, ``Q people are still missing``, ``Q people have fled``;
2. active, the figure the object: ``killing Q people``, ``has displaced Q``,
   ``wounded Q``, ``taken Q fighters prisoner``, ``lost Q soldiers``;
3. a toll: ``the death toll rose to Q``, ``put the toll at Q``;
4. a breakdown of the figure before it: ``including Q children``, ``Q of them
   wounded``, ``among them Q commanders``;
5. coordination with the figure before it: ``... and Q fighters``, ``along with Q``.

A figure the text marks as replaced ("from the 63", "not 89", "before revising"), a
figure inside a quotation, and a figure for another war ("a 1991-94 war that killed
about 30,000") give no claim.

Worked example: "According to officials, 800 of their troops have been killed since
Sept. 27, along with more than 30 civilians." gives (800, killed, troops) by shape 1
and (30, more_than, killed, civilians) by shape 5; both have claimant "officials",
party the officials' side ("of their"), as_of the publication day (a running total)
and period start Sept. 27.
"""

from __future__ import annotations

import datetime as dt
import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass

from .context import ArticleContext
from .grammar import (
    SPEECH_VERB_RE,
    clean_name,
    quotation_test,
    subject_before,
)
from .model import EXTRACTOR_VERSION, CasualtyClaim, DateMention, Evidence, Quantity
from .numbers import YEAR_LIKE, find_quantities, quantities_in, quantity_anchors
from .party import PartyReader
from .scan import caseless_may_hold, has_any
from .sentences import Sentence

VICTIM_NOUNS: dict[str, str] = {}
for _pop, _words in {
    "troops": """troops soldiers soldier servicemen serviceman servicemembers fighters fighter
        militants militant combatants rebels insurgents militiamen commanders personnel
        marines paratroopers defenders guerrillas jihadists mercenaries conscripts
        recruits officers troopers gunmen sailors seamen airmen crewmen guards peacekeepers
        commandos reservists""",
    "civilians": """civilians civilian residents villagers journalists reporters medics
        doctors nurses workers passengers worshippers students pupils shoppers pilgrims
        farmers refugees migrants patients teachers volunteers inhabitants""",
    "children": "children child kids minors boys girls infants babies toddlers teenagers boy girl",
    "women": "women woman",
    "unspecified": """people persons others hostages prisoners lives individuals victims
        members men relatives captives detainees person man""",
}.items():
    for _w in _words.split():
        VICTIM_NOUNS[_w] = _pop
# Nouns that name the category themselves.
CATEGORY_NOUNS: dict[str, str] = {
    "deaths": "killed", "dead": "killed", "fatalities": "killed", "bodies": "killed",
    "casualties": "killed_or_wounded", "injuries": "wounded", "wounded": "wounded",
    "injured": "wounded", "missing": "missing",
}  # fmt: skip
_CROSSED = "crossed"  # a predicate's category that depends on who crossed
# Predicates after the noun phrase (regex alternatives -> category), longest first.
PREDICATES: list[tuple[str, str]] = [
    # (one figure for both: "100,000 killed and wounded"; "killed and 20 wounded" is two)
    (r"(?:killed|dead)\s+(?:or|and)\s+(?:wounded|injured)", "killed_or_wounded"),
    (
        r"killed|dead|died|slain|perished|lost\s+their\s+lives|murdered|executed|massacred"
        r"|shot\s+dead|gunned\s+down|(?:burned|beaten|stabbed|crushed)\s+to\s+death",
        "killed",
    ),
    (r"wounded|injured|hurt", "wounded"),
    (r"missing|unaccounted\s+for|disappeared", "missing"),
    (
        r"captured|abducted|kidnapped|taken\s+(?:hostage|prisoner|captive)|held\s+(?:hostage|captive)"
        r"|in\s+(?:the\s+)?(?:\w+\s+)?hands|laid\s+down\s+their\s+arms|surrendered|taken(?=\s+(?:during|in|from|by|on)\b)",
        "captured",
    ),
    (
        r"displaced|fled|forced\s+(?:from|out\s+of)\s+their\s+homes|forced\s+to\s+flee"
        r"|driven\s+from\s+their\s+homes|uprooted|taken\s+refuge|sought\s+refuge|made\s+homeless",
        "displaced",
    ),
    # people who crossed the border fled; troops who did invaded (read with the population)
    (r"crossed\s+(?:the\s+border|into)", _CROSSED),
]
_PREDICATE_RE = [(re.compile(rf"^(?:{p})\b", re.IGNORECASE), c) for p, c in PREDICATES]
# The same, as one pattern tried in table order (group ``p<i>`` is row ``i``).
_PREDICATE_ANY = re.compile(
    "|".join(rf"(?P<p{i}>{p})\b" for i, (p, _) in enumerate(PREDICATES)), re.IGNORECASE
)
# Active verbs right before the figure.
ACTIVE_VERBS: dict[str, str] = {
    "killing": "killed", "killed": "killed", "kill": "killed", "kills": "killed",
    "lost": "killed", "losing": "killed",
    "wounding": "wounded", "wounded": "wounded", "injuring": "wounded", "injured": "wounded",
    "displacing": "displaced", "displaced": "displaced", "uprooted": "displaced",
    "captured": "captured", "capturing": "captured", "abducted": "captured",
    "kidnapped": "captured", "seized": "captured", "taken": "captured", "took": "captured",
    "holding": "captured", "left": "left", "leaving": "left",
    "forced": "forced", "forcing": "forced", "driven": "forced", "drove": "forced",
    "driving": "forced",
}  # fmt: skip
# After "forced/driven N people": the words that make it a displacement.
_FROM_HOMES_AFTER = re.compile(
    r"\s+(?:[\w’'-]+\s+){0,8}?(?:from|out\s+of)\s+(?:their|its|the)\s+(?:homes?|villages?|towns?|"
    r"cities|city|area|region|country)\b|\s+to\s+flee\b"
)
_AUX = (
    r"(?:(?:have|has|had|were|was|are|is|been|being|be|also|since|still|reportedly|now|so\s+far|"
    r"all|already|later|officially|just|believed\s+to\s+have\s+been|thought\s+to\s+have\s+been|"
    r"feared|said\s+to\s+have\s+been|(?:believed|thought|feared|presumed|said)\s+to\s+be|reported|confirmed|seriously|critically|badly|slightly|"
    r"either|likely|probably|as\s+many|who\s+were|subsequently)\s+)*"
)
_AUX_RE = re.compile(_AUX, re.IGNORECASE)
_NEGATION_RE = re.compile(r"(?:not|never|n't)\b", re.IGNORECASE)
# "the dead included", "the wounded were": a group whose members the figure counts.
_GROUP_INCLUDED = re.compile(
    r"\b(?:the|those)\s+(dead|killed|victims|wounded|injured|missing|casualties)\s+"
    r"(?:included|include|includes|were|are|comprised)\s+(?:(?:at\s+least|more\s+than|some|"
    r"about|around|nearly)\s+)?$",
    re.IGNORECASE,
)
_GROUP_CATEGORY = {
    "dead": "killed", "killed": "killed", "victims": "killed", "wounded": "wounded",
    "injured": "wounded", "missing": "missing", "casualties": "killed_or_wounded",
}  # fmt: skip
# Refugees on the move after their figure ("have crossed into", "arrived in").
_REFUGEES_MOVED = re.compile(
    r"\s+(?:[\w’'-]+\s+){0,5}?(?:have\s+|has\s+|had\s+)?(?:crossed|arrived|fled|poured|streamed|"
    r"entered|reached|registered)\b"
)
_NEGATION_NEAR = re.compile(r"^\W*(?:\w+\W+){0,3}?(?:not|never|no\s+longer)\b", re.IGNORECASE)
_RELEASE_BEFORE = re.compile(
    r"\b(?:free|freed|freeing|release|released|releasing|swap|swapped|exchange|exchanged|"
    r"exchanging|return|returned|rescued|evacuate|evacuated)\s+(?:\w+\s+){0,2}$"
    r"|\b(?:in\s+(?:return|exchange)|swap|trade|traded|swapped|exchanged)\s+for\s+(?:\w+\s+){0,2}$",
    re.IGNORECASE,
)
_SUPERSEDED_BEFORE = re.compile(
    r"(?:\b(?:up|down)?\s*from\s+(?:the\s+|a\s+|an\s+)?(?:previous\s+|earlier\s+)?"
    r"|\bnot\s+|\b(?:earlier|previously|initially|originally|first)\s+(?:\w+\s+){0,3}?"
    r"(?:reported|said|put|given|gave|announced|stated|listed|counted|estimated|recorded|cited|"
    r"claimed|reporting|saying)\b(?:\s+\w+){0,3}\s+"
    r"|\bhad\s+put\s+(?:\w+\s+){0,3}at\s+"
    # "raising its earlier count of 26", "up from a death toll of 2,886"
    r"|\b(?:(?:earlier|previous|initial|original|prior)\s+|from\s+(?:the|a|an|its|their)\s+)"
    r"(?:death\s+)?(?:toll|count|figure|tally|estimate|total)\s+of\s+)$",
    re.IGNORECASE,
)
# A figure told as replaced after it ("..., before revising", "..., it had earlier"), read
# at the offset after the figure: ``match(text, pos)`` reads ``text[pos:]`` without a copy.
_SUPERSEDED_AFTER_AT = re.compile(
    r"(?:[^.;]{1,40}\b|)before\s+revising\b|\s*,?\s*(?:it\s+)?(?:had\s+)?earlier\b", re.I
)
# Words without which it cannot match (a cheap test on the text after the figure first).
_SUPERSEDED_AFTER_KEYS = ("revising", "earlier")
# How far after the figure a match can end (40 characters, then "before", spaces, "revising").
_SUPERSEDED_AFTER_REACH = 200


def _superseded_after(text: str, pos: int) -> bool:
    """Whether ``_SUPERSEDED_AFTER_AT`` matches at ``pos`` of ``text`` (the cheap test reads
    only as far as a match can reach, so a run-on sentence of figures stays linear)."""
    return caseless_may_hold(
        text[pos : pos + _SUPERSEDED_AFTER_REACH], _SUPERSEDED_AFTER_KEYS
    ) and bool(_SUPERSEDED_AFTER_AT.match(text, pos))


_CORRECTION_SENTENCE = re.compile(
    r"^(?:This (?:story|article|report) (?:has been|was) (?:corrected|updated)|"
    r"An earlier version|Correction:|Clarification:|Editor's note)",
    re.IGNORECASE,
)
WAR_NOUNS = tuple(
    """war wars conflict fighting flare-up uprising insurgency invasion campaign crisis clashes
    genocide massacre siege offensive revolution intifada""".split()
)
_WAR_NOUN = rf"(?:{'|'.join(WAR_NOUNS)}|civil\s+war)"
# Disasters, whose tolls are no war's ("Cyclone X in 2008, which killed ...").
DISASTER_NOUNS = tuple(
    """earthquake earthquakes quake cyclone hurricane typhoon tsunami flood floods flooding
    landslide landslides mudslide tornado wildfire wildfires eruption""".split()
)
_DISASTER_NOUN = rf"(?:{'|'.join(DISASTER_NOUNS)})"
_YEAR = r"(?:1[89]\d\d|20\d\d)(?:s|\s*[-–/]\s*(?:\d\d|\d{4}))?"
_OTHER_PERIOD_RE = re.compile(
    rf"\b{_YEAR}\s+(?:[\w-]+\s+){{0,2}}(?:{_WAR_NOUN}|{_DISASTER_NOUN})\b"
    # "the war between X and Y, in 2006,", "the assault on X in November 2004"
    rf"|\b(?:{_WAR_NOUN}|{_DISASTER_NOUN}|assault|battle|attack|bombing|ambush|rebellion)\b"
    r"[^.;:“”\"]{0,60}?"
    rf"\b(?:in|of|during|between)\s+(?:[\w-]+\s+){{0,2}}{_YEAR}\b"
    # "clashes between 2008 and 2011", "In the late 1980s, ..."
    rf"|\bbetween\s+{_YEAR}\s+and\s+{_YEAR}\b"
    rf"|^(?:In|During|By)\s+(?:the\s+)?(?:early\s+|late\s+|mid-?)?(?:\w+\s+)?{_YEAR}\b"
    r"|^(?:Before|Prior\s+to)\s+the\s+(?:war|conflict|fighting|invasion|siege|offensive)\b"
    r"|\b(?:previous|last|earlier|former|past)\s+(?:[\w-]+\s+){0,2}?(?:civil\s+)?"
    r"(?:war|wars|conflict|uprising|insurgency|invasion|revolution|intifada|genocide|rebellion)\b",
    re.IGNORECASE,
)
# Words before a year that make it the start of the current period, not another one.
_PERIOD_START = re.compile(
    r"\b(?:began|begun|started|erupted|broke\s+out|launched|beginning|starting|seized)\b",
    re.IGNORECASE,
)
# "a conflict that began in 2003": the start of some other war.
_ANOTHER_WARS_START = re.compile(
    rf"\b(?:a|an|another)\s+(?:[\w-]+\s+)?{_WAR_NOUN}\s+(?:that|which)\s+"
    r"(?:began|started|erupted|broke\s+out)\b",
    re.IGNORECASE,
)
_RELATIVE_AFTER = re.compile(r",?\s*(?:in\s+which|which|that|when|during\s+which)\b")
_BACK_REFERENCE = re.compile(
    rf"(?:That|Those)\s+(?:same\s+|earlier\s+|previous\s+|former\s+)?{_WAR_NOUN}\b",
    re.IGNORECASE,
)
_TOLL_RE = re.compile(
    r"\b(?:(?P<death>death)\s+)?toll\b|\bnumber\s+of\s+(?P<what>dead|deaths|killed|wounded|injured|casualties|displaced|missing)",
    re.IGNORECASE,
)
_TOLL_LINK = re.compile(
    r"(?:\b(?:to|at|reached|neared|topped|passed|exceeded|surpassed|hit|was|is|stood|stands|of|"
    r"and|now|climbed|rose|risen|past|above)\s+)$",
    re.IGNORECASE,
)
_BREAKDOWN_BEFORE = re.compile(
    r"\b(?:including|among\s+them|among\s+whom|of\s+whom\s+|incl\.)\s*$", re.I
)
_COORD_BEFORE = re.compile(
    r"(?:\band|\bas\s+well\s+as|\balong\s+with|\bplus|\bwith)\s+(?:another\s+|a\s+further\s+|an\s+additional\s+)?$",
    re.I,
)
# "..., along with 30 civilians." at the end of a clause: the figure shares the
# predicate of the figure before it however far back that predicate is.
_TRAILING_COORD_BEFORE = re.compile(
    r",\s*(?:as\s+well\s+as|along\s+with|together\s+with|plus)\s+$", re.I
)
_CLAUSE_END_AFTER = re.compile(r"\s*(?:[,;.]|$)")
# Qualifiers that are verbs and so link a toll to its figure ("the toll neared 5,000").
_VERB_QUALIFIERS = frozenset(
    """neared nearing topped topping passed exceeded exceeding surpassed approaching""".split()
)
_NOT_VICTIM_NEXT = re.compile(
    r"^(?:[-–]?year|years|percent|per\s+cent|%|km|kilomet|miles|metres|meters|days|hours|"
    r"weeks|months|minutes|a\.m|p\.m|GMT|homes|houses|buildings|cars|trucks|vehicles|rockets|"
    r"missiles|drones|shells|tons|tonnes|dollars|trains|flights|towns|villages|schools|"
    r"hospitals|times|km²|square|sorties|strikes|attacks|violations|rounds)",
    re.IGNORECASE,
)
_WORD_RE = re.compile(r"[\w’'\-]+|[^\w\s]")
_SPACE = re.compile(r"\s")
_POPULATION_OF_SUBSET = {"children": "children", "women": "women"}
_PRESENT_PERFECT = re.compile(
    r"\b(?:have|has|'ve)\s+(?:\w+\s+){0,2}?(?:been|killed|died|fled|displaced|wounded|left|lost|recorded|risen|climbed|reached)\b",
    re.IGNORECASE,
)
# Words without which ``_PRESENT_PERFECT`` cannot match (a cheap test first).
_PERFECT_KEYS = ("have", "has", "'ve")


@dataclass
class _Claim:
    q: Quantity  # offsets relative to the sentence
    category: str
    population: str
    noun_end: int
    modifiers: str
    possessive: bool
    breakdown_of: _Claim | None = None
    agentive: bool = False  # the claimant did it ("said it had killed")
    # the figure before it that this one continues (a breakdown, "and 39 civilians",
    # "and 34 wounded"): it shares that figure's party
    continues: _Claim | None = None
    party: str | None = None  # once read (a claim told again gets none)
    as_of: dt.date | None = None  # once read


def _words_after(text: str, pos: int, limit: int = 12) -> list[tuple[str, int, int]]:
    out = []
    for m in _WORD_RE.finditer(text, pos):
        out.append((m.group(0), m.start(), m.end()))
        if len(out) >= limit:
            break
    return out


def _match_predicate(text: str, pos: int) -> tuple[str, int] | None:
    """A predicate ("have been killed", "were in Russian hands") starting at ``pos``."""
    n = len(text)
    while pos < n and text[pos].isspace():
        pos += 1
    aux = _AUX_RE.match(text, pos)
    k = aux.end() if aux else pos
    if k < n and text[k] in '“"':
        k += 1  # a predicate in quotation marks: had “laid down their arms”
    if _NEGATION_RE.match(text, k):
        return None
    m = _PREDICATE_ANY.match(text, k)
    if m is None or m.lastgroup is None:
        return None
    return PREDICATES[int(m.lastgroup[1:])][1], m.end()


# A coordinated clause of its own starts here.
_NEW_CLAUSE = re.compile(r",\s+(?:and|but|while|whereas)\s+|;\s+")
_INSERTION_COMMAS = re.compile(r"\s*,[^,]{1,80},")
# The same where a comma between digits is a figure's (", including 6,000 children,"),
# tried only when the plain one fails and such a comma is near.
_INSERTION_COMMAS_FIGURES = re.compile(r"\s*,(?:[^,]|(?<=\d),(?=\d)){1,80},")
_DIGIT_COMMA = re.compile(r"\d,\d")


def _insertion_before_predicate(text: str, pos: int) -> int | None:
    """The end of an insertion between commas at ``pos`` that a predicate follows."""
    m = _INSERTION_COMMAS.match(text, pos)
    if m and _match_predicate(text, m.end()):
        return m.end()
    if _DIGIT_COMMA.search(text, pos, pos + 84):
        m = _INSERTION_COMMAS_FIGURES.match(text, pos)
        if m and _match_predicate(text, m.end()):
            return m.end()
    return None


_INSERTION_AND = re.compile(r"\s+(?:and|as\s+well\s+as)\s+")
_INSERTION_NOUN = re.compile(r"\s+(?:[\w’'\-]+\s+){0,2}?([a-z]+)\b")
_INSERTION_PLACE = re.compile(r"\s+(?:on|in|inside|across|from|near)\b")
_INSERTION_RELATIVE = re.compile(
    r"\s+(?:who|that)\s+(?:[\w’'\-]+\s+){1,14}?(?=(?:were|was|have|had|are)\b)"
)


_SKIP_INSERTIONS_RE1 = re.compile(r"[\w’'\-]+")
# A participle or prepositional phrase between a figure's noun and its finite verb, with
# no punctuation (a full stop only in initials), figure or relative pronoun in it.
_MODIFIER_BEFORE_VERB = re.compile(
    r"\s+(?:of|from|in|on|at|near|along|across|serving|stationed|based|deployed|working|"
    r"fighting|living|sheltering|trapped|travelling|traveling)\b"
    r"(?:(?!\b(?:who|that|which|but)\b)[^,;.:“”\"\d]|(?<=[A-Z])\.){1,90}?"
    r"(?=\s+(?:have|has|had|were|was|are|is)\s)"
)


def _skip_insertions(text: str, pos: int) -> int:
    """Skip ", including five children," or "and 39 civilians" or a "who ..." relative
    clause between a figure's noun and its predicate."""
    for _ in range(3):
        end = _insertion_before_predicate(text, pos)
        if end is not None:
            return end
        m = _INSERTION_AND.match(text, pos)
        if m:
            qs = find_quantities(text[m.end() : m.end() + 40])
            if qs and qs[0].start == 0:
                after = m.end() + qs[0].end
                noun = _INSERTION_NOUN.match(text, after)
                if noun and noun.group(1).lower() in VICTIM_NOUNS:
                    pos = noun.end()
                    continue
        m = _INSERTION_RELATIVE.match(text, pos)
        if m:
            return m.end()
        m = _INSERTION_PLACE.match(text, pos)
        if m:
            # "30 civilians on both sides have been killed": a short place phrase, maybe
            # with an apposition after it ("people in X, most of its population, have")
            words = list(_WORD_RE.finditer(text, m.end(), m.end() + 60))
            for w in words[:4]:
                if not _SKIP_INSERTIONS_RE1.fullmatch(w.group(0)):
                    break
                if _match_predicate(text, w.end()):
                    return w.end()
                end = _insertion_before_predicate(text, w.end())
                if end is not None:
                    return end
        m = _MODIFIER_BEFORE_VERB.match(text, pos)
        if m and _match_predicate(text, m.end()):
            # "Fourteen soldiers serving with the U.N. mission were killed", "Thousands of
            # residents of border villages on both sides have fled"
            return m.end()
        break
    return pos


_UNIT_AFTER = re.compile(r"[:.]\d|-")
# Words without which the patterns before them cannot match (a cheap test first; the
# case-insensitive ones lower-cased).
_NOT_A_COUNT_KEYS = ("no", "No", "$", "€", "£", "Resolution", "number")
_RELEASE_KEYS = ("free", "releas", "swap", "exchang", "return", "rescued", "evacuat", "trade")
_SUPERSEDED_KEYS = (
    "from", "not", "earlier", "previous", "initial", "original", "prior", "first", "had",
)  # fmt: skip
_NOT_A_COUNT_BEFORE = re.compile(r"\bno\s*$|[$€£]\s*$|\bNo\.\s*$|\b(?:Resolution|number|No)\s+$")


def _last_word(text: str) -> str:
    """The run of word characters, apostrophes and hyphens that ends ``text`` (trailing
    spaces aside), or ""."""
    text = text.rstrip()
    k = len(text)
    while k > 0 and (text[k - 1].isalnum() or text[k - 1] in "_’'-"):
        k -= 1
    return text[k:]


# "the civilian death toll": the toll's own group
_TOLL_POPULATION = re.compile(r"\b(civilian|soldier|troop|fighter)\s+(?:death\s+)?toll\b", re.I)
_BARE_TAKEN = re.compile(
    r"\s*(?:had\s+|have\s+|has\s+)?(?:been\s+|were\s+|was\s+)?taken\s+(?:by|to|from)\b"
)
_DATE_OR_PLACE_AFTER = re.compile(
    r"(?:on|in|since|by|as\s+of|overnight|late|early|this|last|after|from)\b"
)


# How far before a figure the toll that it gives may begin.
_TOLL_REACH = 400


def _toll_category(sent: str, q: Quantity) -> str | None:
    """The category of a figure that a toll names just before it ("the death toll rose to
    Q", "put the toll at Q", "the number of displaced reached Q"), or None."""
    lo = max(0, q.start - _TOLL_REACH)
    if lo:
        space = _SPACE.search(sent, lo, q.start)  # from a word's start
        lo = space.end() if space else lo
    before = sent[lo : q.start]
    tolls = list(_TOLL_RE.finditer(before))
    toll = tolls[-1] if tolls else None
    if (
        toll is None
        or not (_TOLL_LINK.search(before) or q.text.split(None, 1)[0].lower() in _VERB_QUALIFIERS)
        or find_quantities(before[toll.end() :])
    ):
        return None
    what = toll.group("what")
    return CATEGORY_NOUNS.get(what, "killed") if what else "killed"


_READ_FIGURE_RE1 = re.compile(r"^\s+(?:were|are|was)\s+(?:\w+\s+)?(\w+)")
_READ_FIGURE_RE2 = re.compile(r"^\s+(?:taken|seized|held|abducted|kidnapped)\b")
_READ_FIGURE_RE3 = re.compile(r"^\s*(dead|wounded|injured|homeless)\b")
_READ_FIGURE_RE4 = re.compile(r"\b(?:it|they|we)\s+(?:had\s+|has\s+|have\s+)?\w+\s*$")
_READ_FIGURE_RE5 = re.compile(r"[A-Z][a-z]+s")
_READ_FIGURE_RE6 = re.compile(r"^\s*(?:as\s+)?(?:prisoners?|hostages?|captives?)\b")
_READ_FIGURE_RE7 = re.compile(r"[\w’'\-]+")
_READ_FIGURE_RE8 = re.compile(
    r"^(?:were|was|have|has|had|are|is|wounded|injured|dead|killed|missing|others?)\b"
)
_READ_FIGURE_RE9 = re.compile(r"[;]|\b(?:were|was|have|has|had)\b")


def _read_figure(sent: str, q: Quantity, previous: list[_Claim]) -> _Claim | None:
    """Decide whether quantity ``q`` in sentence ``sent`` is a casualty figure."""
    before = sent[max(0, q.start - 90) : q.start]
    after_pos = q.end
    rest = sent[after_pos:]
    if _NOT_VICTIM_NEXT.match(rest.lstrip(" -")) or _UNIT_AFTER.match(rest):
        return None
    if has_any(before[-40:], _NOT_A_COUNT_KEYS) and _NOT_A_COUNT_BEFORE.search(
        before, max(0, len(before) - 40)
    ):
        return None
    if (
        q.number is not None
        and 1900 <= q.number <= 2099
        and q.qualifier == "exact"
        and "," not in q.text
    ):
        return None
    if caseless_may_hold(before[-60:], _RELEASE_KEYS) and _RELEASE_BEFORE.search(
        before, max(0, len(before) - 60)
    ):
        return None
    # The noun phrase after the figure.
    words = _words_after(sent, after_pos, 8)
    i = 0
    possessive = False
    subset_of_them = False
    category_from_of: str | None = None
    modifiers: list[str] = []
    noun: str | None = None
    noun_end = after_pos
    if words and words[0][0].lower() == "of":
        i = 1
        if i < len(words) and words[i][0].lower() in ("their", "its", "our", "his", "her"):
            possessive = True
            i += 1
        elif i < len(words) and words[i][0].lower() in ("them", "whom"):
            subset_of_them = True
            noun_end = words[i][2]
            i += 1
            if i < len(words) and words[i][0].lower() in VICTIM_NOUNS:
                # "40 of them soldiers": the subset's own group
                noun = words[i][0].lower()
                noun_end = words[i][2]
                i += 1
        elif i < len(words) and words[i][0].lower() == "the":
            i += 1
            if i < len(words) and words[i][0].lower() in CATEGORY_NOUNS:
                category_from_of = CATEGORY_NOUNS[words[i][0].lower()]
                noun_end = words[i][2]
                i += 1
    if not subset_of_them and category_from_of is None:
        for j in range(i, min(i + 4, len(words))):
            w = words[j][0]
            low = w.lower()
            if (
                low in CATEGORY_NOUNS
                and j + 1 < len(words)
                and words[j + 1][0].lower() in VICTIM_NOUNS
            ):
                continue  # "wounded fighters": the adjective of the noun that follows
            if low in VICTIM_NOUNS or low in CATEGORY_NOUNS:
                noun = low
                noun_end = words[j][2]
                modifiers = [x[0] for x in words[i:j]]
                break
            if (
                _READ_FIGURE_RE5.fullmatch(w)
                and low not in ("others",)
                and not (j + 1 < len(words) and words[j + 1][0].lower() in VICTIM_NOUNS)
            ):
                # a demonym plural: "Palestinians", "Israelis"
                noun = low
                noun_end = words[j][2]
                modifiers = [x[0] for x in words[i:j]] + [w]
                break
            if not _READ_FIGURE_RE7.fullmatch(w) or low in (
                "were",
                "was",
                "have",
                "has",
                "had",
                "are",
                "and",
                "in",
                "on",
                "at",
                "since",
            ):
                break
    population = "unspecified"
    if noun in VICTIM_NOUNS:
        population = VICTIM_NOUNS[noun]
    category: str | None = None
    if noun in CATEGORY_NOUNS:
        category = CATEGORY_NOUNS[noun]
    if category_from_of:
        category = category_from_of
        pm = _READ_FIGURE_RE1.match(sent[noun_end:])
        if pm and pm.group(1).lower() in VICTIM_NOUNS:
            population = _POPULATION_OF_SUBSET.get(
                pm.group(1).lower(), VICTIM_NOUNS[pm.group(1).lower()]
            )
    adjective_category = next(
        (
            CATEGORY_NOUNS[m.lower()]
            for m in modifiers
            if m.lower() in ("wounded", "injured", "dead")
        ),
        None,
    )
    bare = noun is None and not subset_of_them and category_from_of is None
    if bare:
        nxt = rest.lstrip()
        # "the toll rose to 232 on Friday": a toll's figure can take a date after it
        if not (_DATE_OR_PLACE_AFTER.match(nxt) and _toll_category(sent, q) is not None) and not (
            nxt == "" or nxt[:1] in ",.;" or _READ_FIGURE_RE8.match(nxt)
        ):
            return None
    # 1. passive / intransitive predicate after the noun phrase
    pred_pos = _skip_insertions(sent, noun_end)
    pred = _match_predicate(sent, pred_pos)
    if (
        pred is not None
        and category is None
        and adjective_category is not None
        and _BARE_TAKEN.match(sent, pred_pos)
    ):
        category = adjective_category  # "53 wounded fighters were taken to hospital"
    elif pred is not None and category is None:
        if pred[0] != _CROSSED:
            category = pred[0]
        elif population != "troops":
            category = "displaced"
    elif category is None and adjective_category:
        category = adjective_category
    # 2. active verb before the figure
    pw = _last_word(before).lower()
    agentive = False
    if category is None and pw in ACTIVE_VERBS:
        verb_cat = ACTIVE_VERBS[pw]
        if verb_cat == "left":
            m = _READ_FIGURE_RE3.match(sent[noun_end:])
            category = (
                {"dead": "killed", "homeless": "displaced"}.get(m.group(1), "wounded")
                if m
                else None
            )
        elif verb_cat == "forced":
            # "forced 550,000 people from their homes", "driven ... to flee"
            category = "displaced" if _FROM_HOMES_AFTER.match(sent, noun_end) else None
        elif verb_cat == "captured" and pw in ("taken", "took", "holding"):
            if _READ_FIGURE_RE6.match(sent[noun_end:]):
                category = "captured"
        elif (
            pw in ("lost", "losing")
            and population not in ("troops", "civilians", "unspecified")
            or pw in ("lost", "losing")
            and noun is None
        ):
            category = None
        else:
            category = verb_cat
        if category is not None and _READ_FIGURE_RE4.search(before):
            agentive = True
    if (
        category is None
        and noun in ("hostages", "captives")
        and _READ_FIGURE_RE2.match(sent[noun_end:])
    ):
        category = "captured"
    # "the dead included 44 civilians": the subject names the category
    if category is None and noun is not None:
        incl = _GROUP_INCLUDED.search(before, max(0, len(before) - 60))
        if incl is not None:
            category = _GROUP_CATEGORY[incl.group(1).lower()]
    # 3. a toll
    if (
        category is None
        and noun is None
        or (category is None and noun in ("people", "civilians", "troops"))
    ):
        category = _toll_category(sent, q)
        toll_of = _TOLL_POPULATION.search(before) if category is not None else None
        if toll_of is not None and noun is None:
            population = VICTIM_NOUNS.get(toll_of.group(1).lower() + "s", population)
    if (
        category is None
        and noun in ("refugees", "evacuees")
        and _REFUGEES_MOVED.match(sent, noun_end)
        and not _NEGATION_NEAR.search(rest)
    ):
        category = "displaced"  # "30,000 refugees have crossed into X"
    # 4. breakdown, 5. coordination
    parent = previous[-1] if previous else None
    continues: _Claim | None = None
    breakdown = None
    if parent is not None and (
        subset_of_them or _BREAKDOWN_BEFORE.search(before, max(0, len(before) - 30))
    ):
        breakdown = parent
        if category is None:
            category = parent.category
        if noun in _POPULATION_OF_SUBSET:
            population = _POPULATION_OF_SUBSET[noun]
        elif noun is None or noun in ("others",):
            population = parent.population
    elif parent is not None and _COORD_BEFORE.search(before, max(0, len(before) - 50)):
        gap = sent[parent.noun_end : q.start]
        if len(gap) < 40 and not _READ_FIGURE_RE9.search(gap):
            continues = parent
            if category is None:
                category = parent.category
        elif (
            category is None
            and noun in VICTIM_NOUNS
            and ";" not in gap
            and _TRAILING_COORD_BEFORE.search(before)
            and _CLAUSE_END_AFTER.match(sent, noun_end)
        ):
            continues = parent
            category = parent.category
    if category is None:
        return None
    elided = (
        noun is None
        or noun == "others"
        or (noun in CATEGORY_NOUNS and not modifiers and noun != "deaths")
    )
    if elided and breakdown is None and previous:
        # the group of the figure before, or of the total that figure breaks down
        whole = previous[-1].breakdown_of or previous[-1]
        population = whole.population
        continues = previous[-1]
    if population == "children" and breakdown is None and category_from_of is None:
        population = "civilians"
    if population == "women" and breakdown is None and category_from_of is None:
        population = "civilians"
    return _Claim(
        q,
        category,
        population,
        max(noun_end, q.end),
        " ".join(modifiers),
        possessive,
        breakdown,
        agentive,
        breakdown or continues,
    )


def _is_superseded(sent: str, q: Quantity) -> bool:
    before = sent[max(0, q.start - 60) : q.start]
    return bool(
        caseless_may_hold(before, _SUPERSEDED_KEYS)
        and _SUPERSEDED_BEFORE.search(before)
        or _superseded_after(sent, q.end)
    )


_TERRITORY_NOUNS = r"(?:territory|enclave|strip|region|province|breakaway\s+region)"
_TERRITORY_OWNER = re.compile(rf"(?:[Tt]he\s+)?{_TERRITORY_NOUNS}[’']s\s+(.+)$")
_IN_THE_TERRITORY = re.compile(
    rf"(.+?)\s+in\s+the\s+(?:[\w-]+-(?:run|held|controlled)\s+)?{_TERRITORY_NOUNS}$"
)


_CLAIMANT_RE1 = re.compile(
    r"\baccording\s+to\s+(.+?)(?=[,;]|(?<![A-Z])\.\s|\.?[”\"]?$)", re.IGNORECASE
)
_SUBJECT_RE1 = re.compile(r"\b(?:but|and)\s*$")
_SUBJECT_RE2 = re.compile(r"^same\s+\w+")
_CLAIMANT_RE2 = re.compile(
    r"\s+(?:(?:of|on|in|from)\s+(?:official|its|their|the\s+(?:latest|most))|"
    r"(?:obtained|compiled|collected|seen|reviewed)\s+by\b).*$"
)
_SUBJECT_RE3 = re.compile(
    r"^(?:[^,]{0,40},\s*)?((?:[\w’'\-.]+\s+){0,6}?)(?:has|have|had|does|did|is|are|was|were|hasn[’']t|haven[’']t|doesn[’']t|didn[’']t)\b"
)
_SUBJECT_RE4 = re.compile(r"^(?:[a-z]+ing|to)\b")
_CLAIMANT_RE3 = re.compile(r"\s+((?:[A-Z][\w’'\-.]*\s*){1,5})")
_SUBJECT_RE5 = re.compile(r"[A-Za-z]")
_SUBJECT_RE6 = re.compile(r"\b(?:killing|wounding|hit|struck)\b")
_CLAIMANT_RE4 = re.compile(r",\s*[^,]{1,120}$")
# "..., said Monday": a day after the verb, not its subject
_DAY_WORD = re.compile(
    r"(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day\b|(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|"
    r"Dec)[a-z]*\b|(?:Last|Late|Early|Earlier|Later|This|On|In)\b"
)
_CLAIMANT_RE5 = re.compile(r"[”\"]\s*$")
_CLAIMANT_RE6 = re.compile(r",\s*$")


# A body named by its kind alone ("ministry", "health ministry", "military").
_BARE_BODY = re.compile(
    r"(?:[a-z]+\s+){0,2}(?:ministry|military|army|government|agency|council|committee|"
    r"commission|administration|department|observatory|monitor|directorate|office)"
)


# Characters of a sentence read before a speech verb for its subject and for the comma
# or quotation mark before it: the whole sentence when the verb is this near its start;
# else the words in the last this many characters (a subject is a few words, not a
# paragraph; a run-on sentence of many figures and verbs stays linear in its length).
LOOKBEHIND = 600
_INVERTING_VERBS = ("said", "says", "reported")


@dataclass
class _Verb:
    """A speech verb of a sentence, read once for every figure of the sentence."""

    start: int
    # its subject; None when it has none, or when ``it`` is True: "it"/"they", which
    # stand for the claimant before
    subject: str | None
    it: bool
    # a comma clause or a quotation just before it (so it may attribute a figure before)
    trails: bool
    # "..., said Name" after a figure: Name, else None
    inverted: str | None


class Attribution:
    """Finds who a sentence attributes its figures to."""

    def __init__(self, ctx: ArticleContext, outlet: str | None) -> None:
        self.ctx = ctx
        self.outlet = outlet
        self.last_claimant: str | None = None
        self.territory: str | None = None  # the story's territory, once looked up
        self._parties: PartyReader | None = None
        self._outlet_re = re.compile(rf"\b{re.escape(outlet)}\b") if outlet else None
        # the speech verbs and "according to" of the sentence last asked about
        self._sentence: tuple[int, int] | None = None
        self._verbs: list[_Verb] = []
        self._according: re.Match[str] | None = None
        # indices into ``_verbs``: the first with a subject and the first with "it", the
        # last of each that follows a comma clause or quotation, those with ", said Name"
        self._first_named = self._first_it = 0
        self._last_named_trailing = self._last_it_trailing = -1
        self._inverted: list[int] = []
        self._inverted_at: list[int] = []  # their offsets

    def parties(self) -> PartyReader:
        """The article's party reader, made on first use."""
        if self._parties is None:
            self._parties = PartyReader(self.ctx)
        return self._parties

    def claimant(self, sent: Sentence, fig_start: int) -> tuple[str | None, int | None, bool]:
        """(claimant, offset of its verb in the sentence or None, is_outlet).

        The claimant is the subject of the first speech verb before the figure that has
        one; else "according to X"; else the subject of the last speech verb after the
        figure that follows a comma clause or a quotation ("..., officials said"), or
        the name after the first "said" that follows a comma ("..., said Name"); else
        the outlet."""
        if self._sentence != (sent.start, sent.end):
            self._read_sentence(sent)
        verbs = self._verbs
        last = self.last_claimant
        leading: tuple[str, int] | None = None
        trailing: tuple[str, int] | None = None
        # the first verb with a subject, if it is before the figure
        i = min(self._first_named, self._first_it if last else len(verbs))
        if i < len(verbs) and verbs[i].start < fig_start:
            np = last if verbs[i].it else verbs[i].subject
            if np:
                leading = np, verbs[i].start
        # the last verb with a subject after a comma clause or quotation, if it is after
        j = max(self._last_named_trailing, self._last_it_trailing if last else -1)
        if j >= 0 and verbs[j].start >= fig_start:
            np = last if verbs[j].it else verbs[j].subject
            if np:
                trailing = np, verbs[j].start
        else:
            # the first ", said Name" after the figure
            k = bisect_right(self._inverted_at, fig_start)
            if k < len(self._inverted_at):
                v = verbs[self._inverted[k]]
                if v.inverted is not None:
                    trailing = v.inverted, v.start
        according = self._according
        if leading is not None and (according is None or according.start() > leading[1]):
            return self._finish(leading[0], leading[1])
        if (
            according is not None
            and trailing is not None
            and according.end() <= fig_start
            and _NEW_CLAUSE.search(sent.text, according.end(), fig_start)
        ):
            # "Q were killed, according to X, and R fled their homes, Y says": an earlier
            # clause's source; the figure's own comes after it
            return self._finish(trailing[0], trailing[1])
        if according is not None:
            np = clean_name(according.group(1))
            np = _CLAIMANT_RE2.sub("", np)
            return self._finish(np, None)
        if trailing is not None:
            return self._finish(trailing[0], trailing[1])
        return self.outlet, None, True

    def _read_sentence(self, sent: Sentence) -> None:
        text = sent.text
        self._sentence = (sent.start, sent.end)
        self._according = (
            _CLAIMANT_RE1.search(text) if caseless_may_hold(text, ("according",)) else None
        )
        self._verbs = []
        for m in SPEECH_VERB_RE.finditer(text):
            at = m.start()
            lo = 0
            if at > LOOKBEHIND:
                space = _SPACE.search(text, at - LOOKBEHIND, at)
                lo = space.end() if space else at - LOOKBEHIND
            pre = text[lo:at]
            subject, it = self._subject(text, lo, at, sent)
            inverted = None
            if m.group(0) in _INVERTING_VERBS and _CLAIMANT_RE6.search(pre):
                inv = _CLAIMANT_RE3.match(text, m.end())
                if inv and not _DAY_WORD.match(inv.group(1)):
                    inverted = clean_name(inv.group(1))
                    # "..., among them 85 children, said Dr. X": X is the subject, not
                    # the phrase before the comma
                    subject, it = None, False
            trails = bool(_CLAIMANT_RE4.search(pre) or _CLAIMANT_RE5.search(pre))
            self._verbs.append(_Verb(at, subject, it, trails, inverted))
        verbs = self._verbs
        named = [i for i, v in enumerate(verbs) if v.subject]
        its = [i for i, v in enumerate(verbs) if v.it]
        self._first_named = named[0] if named else len(verbs)
        self._first_it = its[0] if its else len(verbs)
        self._last_named_trailing = max((i for i in named if verbs[i].trails), default=-1)
        self._last_it_trailing = max((i for i in its if verbs[i].trails), default=-1)
        self._inverted = [i for i, v in enumerate(verbs) if v.inverted is not None]
        self._inverted_at = [verbs[i].start for i in self._inverted]

    def _finish(self, np: str, verb_at: int | None) -> tuple[str | None, int | None, bool]:
        if self._outlet_re is not None and self._outlet_re.search(np):
            self.last_claimant = self.outlet
            return self.outlet, verb_at, True
        if _BARE_BODY.fullmatch(np) and self._sentence is not None:
            # "the ministry said": the body the story named in full before
            np = self.ctx.fuller_organisation(np, self._sentence[0]) or np
        np = self._name_the_territory(np)
        self.last_claimant = np
        return np, verb_at, False

    def _name_the_territory(self, np: str) -> str:
        """ "the territory's media office", "the ministry in the Faction-run enclave" ->
        the same with the name of the story's territory, when it has one."""
        own = _TERRITORY_OWNER.match(np)
        where = None if own else _IN_THE_TERRITORY.match(np)
        if own is None and where is None:
            return np
        if self.territory is None:
            reader = self.parties()
            counts = reader.counts()
            ranked = sorted(reader.territories, key=lambda t: -counts.get(t, 0))
            self.territory = ranked[0] if ranked else ""
        if not self.territory:
            return np
        return f"{self.territory} {own.group(1) if own else where.group(1)}"  # type: ignore[union-attr]

    def _subject(self, text: str, lo: int, at: int, sent: Sentence) -> tuple[str | None, bool]:
        """The subject of the speech verb at ``at`` read in ``text[lo:at]``: (subject,
        False), or (None, True) for "it"/"they", which stand for the claimant before."""
        k = at
        while k > 0 and text[k - 1].isspace():
            k -= 1
        if _SUBJECT_RE1.search(text, max(0, k - 3), k):
            # elided subject: "X has not disclosed ..., but says ..."
            m = _SUBJECT_RE3.match(text, 0, k)
            if m and m.group(1).strip():
                return clean_name(m.group(1)), False
            return None, False
        np = subject_before(text[lo:at], text[: min(at, LOOKBEHIND)] if lo else None)
        if np is None:
            return None, False
        low = np.lower()
        if (
            low in ("it", "they")
            or low.endswith((" it", " they"))
            and _PREPOSITION_START.match(low)
        ):
            # "..., up from the 450 deaths it reported": "it" is the source before
            return None, True
        if _PREPOSITION_START.match(low):
            return None, False
        if low in ("he", "she"):
            p = self.ctx.last_person_before(sent.start)
            return (p.name if p else None), False
        if _SUBJECT_RE2.match(low):
            return None, True
        if len(np.split()) > 10 or not _SUBJECT_RE5.search(np):
            return None, False
        if _SUBJECT_RE4.match(np) or np[0].islower() and _SUBJECT_RE6.search(np):
            return None, False
        return np, False


_SINCE = re.compile(r"since\b", re.IGNORECASE)
_PREPOSITION_START = re.compile(r"(?:up|down|from|to|of|in|on|at|after|before|with|by|for)\b")
_CLAUSE_BREAK = re.compile(r";|,\s+(?:while|but|whereas)\b|\bwhile\b")
_RUNNING_TOTAL = re.compile(r"\bso\s+far\b|\bsince\b|\btoll\b|\btotal\b|\boverall\b")


_AS_OF_RE1 = re.compile(r"\b(?:since|from|until|before|after)\s+(?:\w+\s+){0,3}$")
_AS_OF_RE2 = re.compile(r"\b(?:which|that|when)\s+(?:began|started|broke\s+out|erupted)\s+$")
_AS_OF_RE3 = re.compile(r"\b(?:hours|minutes)\s+later\b|\blater\b")
_AS_OF_RE4 = re.compile(r"\bfrom\s+the\s+[\d,]+\s+it\s+had\s+\w+\s+$")
_AS_OF_RE5 = re.compile(r"\bby\s+the\s+end\b")
_AS_OF_RE6 = re.compile(r"\bthat\b")


# How far before a date ``_AS_OF_RE4`` looks ("from the 63 it had reported ").
_AS_OF_REACH = 200


@dataclass
class _Dating:
    """What ``_as_of`` reads from a sentence once for all of its figures."""

    period_start: dt.date | None
    since_vague: bool
    usable: list[DateMention]  # the dates that may date a figure, in order
    usable_at: list[int]  # their offsets in the sentence
    break_starts: list[int]  # the clause breaks (``_CLAUSE_BREAK``)
    break_ends: list[int]
    running_total: bool
    by_the_end: list[tuple[int, int]]  # ``_AS_OF_RE5`` matches
    later: bool | None = None  # ``_AS_OF_RE3`` in the sentence, once read


def _dating(sent: Sentence, dates: list[DateMention]) -> _Dating:
    text = sent.text
    period_start = None
    since_vague = False
    usable: list[DateMention] = []
    for d in dates:
        s, e = d.start - sent.start, d.end - sent.start
        if d.kind == "period_start" or d.kind == "vague" and _SINCE.match(d.text):
            # "since Sept. 27", "since April": the start of a running total
            if period_start is None and d.date:
                period_start = d.date
            since_vague = since_vague or d.kind == "vague"
            continue
        if _AS_OF_RE1.search(text[max(0, s - 30) : s]):
            continue
        if _AS_OF_RE2.search(text[max(0, s - 40) : s]):
            continue
        if _superseded_after(text, e) or _AS_OF_RE4.search(text, max(0, s - _AS_OF_REACH), s):
            continue
        usable.append(d)
    breaks = (
        list(_CLAUSE_BREAK.finditer(text))
        if ";" in text or "while" in text or "but" in text or "whereas" in text
        else []
    )
    return _Dating(
        period_start,
        since_vague,
        usable,
        [d.start - sent.start for d in usable],
        [m.start() for m in breaks],
        [m.end() for m in breaks],
        bool(_RUNNING_TOTAL.search(text)),
        [m.span() for m in _AS_OF_RE5.finditer(text)] if "by" in text else [],
    )


def _as_of(
    sent: Sentence,
    claim: _Claim,
    verb_at: int | None,
    dating: _Dating,
    published: dt.date,
    prev_day: dt.date | None,
) -> tuple[dt.date | None, dt.date | None, bool]:
    """(as_of, period_start, cumulative) for a claim."""
    text = sent.text
    fig = claim.q.start
    period_start = dating.period_start
    # clause of the figure: cut at "; " and ", while"/", but" around the figure
    k = bisect_right(dating.break_ends, fig)
    cl_start = dating.break_ends[k - 1] if k else 0
    k = bisect_right(dating.break_starts, claim.noun_end)
    cl_end = dating.break_starts[k] if k < len(dating.break_starts) else len(text)
    around = text[fig : claim.noun_end + 40]
    perfect = caseless_may_hold(around, _PERFECT_KEYS) and bool(_PRESENT_PERFECT.search(around))
    cumulative = bool(period_start or dating.since_vague or dating.running_total or perfect)
    usable, at = dating.usable, dating.usable_at
    # a date just after the claimant's verb dates the saying ("said on Monday"), not
    # the figure; the others in the figure's clause may date the figure
    speech: DateMention | None = None
    said_on: set[int] = set()
    if verb_at is not None:
        for i in range(bisect_left(at, verb_at), bisect_right(at, verb_at + 45)):
            if not _AS_OF_RE6.search(text[verb_at : at[i]]):
                speech = usable[i]
                said_on.add(i)
    if perfect and not _by_the_end(text, dating, fig, cl_end):
        return published, period_start, True
    # the figure's clause's date nearest the figure (the one before it on a tie)
    lo, hi = bisect_left(at, cl_start), bisect_left(at, cl_end)
    mid = bisect_left(at, fig, lo, hi)
    before = mid - 1
    while before >= lo and before in said_on:
        before -= 1
    after = mid
    while after < hi and after in said_on:
        after += 1
    if before >= lo and (after >= hi or fig - at[before] <= at[after] - fig):
        return usable[before].date, period_start, cumulative
    if after < hi:
        return usable[after].date, period_start, cumulative
    if speech is not None:
        return speech.date, period_start, cumulative
    if prev_day is not None:
        if dating.later is None:
            dating.later = bool(_AS_OF_RE3.search(text))
        if dating.later:
            return prev_day, period_start, cumulative
    return published, period_start, cumulative


_BY_THE_END_AT = re.compile(r"by\s+the\s+end\b")


def _by_the_end(text: str, dating: _Dating, start: int, end: int) -> bool:
    """Whether ``_AS_OF_RE5`` finds "by the end" in ``text[start:end]``."""
    k = bisect_left(dating.by_the_end, (start, start))
    return (k < len(dating.by_the_end) and dating.by_the_end[k][1] <= end) or bool(
        # at the very start of the slice, where it needs no ``\b``
        _BY_THE_END_AT.match(text, start, end)
    )


# Word stems without which a sentence holds no casualty figure (a cheap filter before
# the quantity grammar runs); without a war noun it names no other war or period.
CASUALTY_HINTS = tuple(
    """kill dead die death wound injur hurt missing unaccounted captur prisoner hostage
    captive displac fled flee homes refuge toll casualt fatalit lost lives taken hands arms
    surrender abduct kidnap slain perish uproot homeless crossed gunned""".split()
)
_PERIOD_KEYS = (
    *WAR_NOUNS, *DISASTER_NOUNS, "assault", "battle", "attack", "bombing", "ambush", "rebellion",
)  # fmt: skip


# Words of which ``_OTHER_PERIOD_RE`` needs one when it matches no year.
_EARLIER_PERIOD_KEYS = ("previous", "last", "earlier", "former", "past", "before", "prior")


def _other_period_ends(sent: Sentence, ctx: ArticleContext, published: dt.date) -> list[int]:
    """Where each mention of another period's war in the sentence ends ("a 1991-94 war",
    "the previous conflict", "In the late 1980s,"); cheap tests first (a year, or a war
    word and an "earlier"-like word). A year is another period's only when it is over by
    the year before publication and is not where the current war began ("since the
    conflict began in 2011")."""
    text = sent.text
    has_year = YEAR_LIKE.search(text) is not None  # (or an "earlier"-like word)
    if not has_year and not (
        has_any(ctx.low[sent.start : sent.end], _PERIOD_KEYS)
        and caseless_may_hold(text, _EARLIER_PERIOD_KEYS)
    ):
        return []
    out = []
    for m in _OTHER_PERIOD_RE.finditer(text):
        years = [int(y) for y in YEAR_LIKE.findall(m.group(0))]
        if years and (
            max(years) >= published.year - 1
            or _PERIOD_START.search(text, max(0, m.start() - 30), m.end())
            and not _ANOTHER_WARS_START.search(text, max(0, m.start() - 30), m.end())
            # (unless a relative clause tells of that event: "since the assault in
            # 2004, in which 80 soldiers were killed")
            and not _RELATIVE_AFTER.match(text, m.end())
        ):
            continue
        out.append(m.end())
    return out


# Words of war in a sentence: a toll beside them is a war's even after a disaster.
_WAR_HINTS = (
    *WAR_NOUNS, "strike", "shell", "attack", "bomb", "missile", "drone", "fire", "troops",
    "forces", "army", "soldier", "rebel", "militant", "fighter", "gunmen", "raid",
)  # fmt: skip


def _disaster_toll(low: str, sent: Sentence, before: Sentence | None) -> bool:
    """Whether the sentence's figures are a disaster's toll: it or the sentence before it
    in its paragraph names an earthquake, a cyclone, a flood ..., and it names nothing
    of war ("The earthquake struck on Friday. The junta said 3,085 people had died")."""
    text = low[sent.start : sent.end]
    if has_any(text, _WAR_HINTS):
        return False
    return has_any(text, DISASTER_NOUNS) or (
        before is not None
        and before.paragraph == sent.paragraph
        and has_any(low[before.start : before.end], DISASTER_NOUNS)
    )


def extract_casualties(
    sentences: list[Sentence],
    published: dt.date,
    ctx: ArticleContext,
    outlet: str | None,
    dates_by_sentence: list[list[DateMention]],
) -> list[CasualtyClaim]:
    attribution = Attribution(ctx, outlet)
    out: list[CasualtyClaim] = []
    seen: set[tuple[int | None, int | None, int | None, str]] = set()
    prev_para = -1
    prev_day: dt.date | None = None
    parties: PartyReader | None = None
    # whether the sentence before names another period's war (read only when needed)
    prev_refers_back = False
    prev_other: list[int] | None = None  # its ``_other_period_ends``, once read
    for idx, sent in enumerate(sentences):
        text = sent.text
        if sent.paragraph != prev_para:
            prev_day = None
        prev_para = sent.paragraph
        # "... a war that ended in 1994. That conflict killed 30,000 people.": a
        # demonstrative naming a war just after another period's war points back to it.
        refers_back = (
            idx > 0
            and text[:1] in "Tt"
            and _BACK_REFERENCE.match(text) is not None
            and (
                prev_refers_back
                or bool(
                    _other_period_ends(sentences[idx - 1], ctx, published)
                    if prev_other is None
                    else prev_other
                )
            )
        )
        prev_refers_back = refers_back
        prev_other = None
        if refers_back:
            continue
        dates = dates_by_sentence[idx]
        if text[:1] in "TtAaCcEe" and _CORRECTION_SENTENCE.match(text):
            continue
        quantities = (
            quantities_in(
                ctx.body,
                ctx.low,
                sent.start,
                sent.end,
                # only the sentence's own (few sentences hold a casualty word)
                quantity_anchors(ctx.low, sent.start, sent.end),
            )
            if has_any(ctx.low[sent.start : sent.end], CASUALTY_HINTS)
            else []
        )
        if not quantities:
            day_dates = [d.date for d in dates if d.kind == "day"]
            prev_day = day_dates[0] if day_dates else prev_day
            continue
        if _disaster_toll(ctx.low, sent, sentences[idx - 1] if idx else None):
            continue
        other = prev_other = _other_period_ends(sent, ctx, published)
        claims: list[_Claim] = []
        dating: _Dating | None = None  # read at the sentence's first new claim
        inside_quotation = quotation_test(text)
        for q in quantities:
            if inside_quotation(q.start):
                continue
            if dates and any(d.start <= q.start + sent.start < d.end for d in dates):
                continue  # the day of a date ("said on Aug. 23 that ...")
            claim = _read_figure(text, q, claims)
            if claim is None:
                continue
            if _is_superseded(text, q):
                continue
            if any(pos <= q.start for pos in other):
                continue
            claims.append(claim)
        for claim in claims:
            claimant, verb_at, is_outlet = attribution.claimant(sent, claim.q.start)
            q = claim.q
            key = (q.number, q.low, q.high, claim.category)
            if key in seen:
                continue
            seen.add(key)
            if dating is None:
                dating = _dating(sent, dates)
            as_of, period_start, cumulative = _as_of(
                sent, claim, verb_at, dating, published, prev_day
            )
            if as_of is None and claim.continues is not None and claim.continues.as_of:
                # "... have been killed since October, and nearly 15,900 wounded": the
                # figure it continues is dated, and so is it
                as_of = claim.continues.as_of
            claim.as_of = as_of
            if parties is None:
                parties = attribution.parties()
            party = parties.party(
                text,
                claim.q.start,
                claim.q.end,
                claim.noun_end,
                claim.modifiers,
                claim.possessive,
                claim.category,
                claim.population,
                claim.agentive,
                claim.breakdown_of is not None,
                claimant,
                is_outlet,
                lambda c=claim: c.continues.party if c.continues else None,  # type: ignore[misc]
            )
            claim.party = party
            figure = Quantity(
                q.text,
                q.start + sent.start,
                q.end + sent.start,
                q.number,
                q.low,
                q.high,
                q.qualifier,
                q.approx_words,
            )
            confidence = 0.9 if claimant and not is_outlet else 0.75
            out.append(
                CasualtyClaim(
                    number=q.number,
                    approx_words=q.approx_words,
                    qualifier=q.qualifier,
                    low=q.low,
                    high=q.high,
                    category=claim.category,
                    population=claim.population,
                    party=party,
                    claimant=claimant,
                    claimant_is_outlet=is_outlet,
                    as_of=as_of,
                    period_start=period_start,
                    cumulative=cumulative,
                    figure=figure,
                    evidence=Evidence(text, sent.start, sent.end),
                    dates=tuple(dates),
                    confidence=confidence,
                    extractor_version=EXTRACTOR_VERSION,
                )
            )
        day_dates = [d.date for d in dates if d.kind == "day"]
        prev_day = day_dates[0] if day_dates else prev_day
    return out
