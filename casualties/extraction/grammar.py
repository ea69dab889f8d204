"""Word tables and small parsing helpers shared by the extractors.

Everything here is the grammar of news English, not the wording of any one story:
attribution verbs, titles, organisation heads, appositions and the comma chunks that
separate a speaker from a description of the speaker.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Callable, Iterable
from typing import Any

from .sentences import is_abbreviation

# Verbs that attribute words or figures to a source ("X said", "said X", "X told AFP").
SPEECH_VERBS = frozenset(
    """
    said says say told tells added adds wrote writes alleged charged warned stated
    announced declared insisted claimed noted explained argued asked urged stressed
    reported reports confirmed acknowledged admitted conceded recalled tweeted posted
    replied responded continued cautioned estimated estimates estimate recorded
    counted put puts raised revised tallied
    """.split()
)
# The subset that can introduce a direct quotation.
QUOTE_VERBS = frozenset(
    """
    said says say told tells added adds wrote writes alleged charged warned stated
    announced declared insisted claimed noted explained argued asked urged stressed
    confirmed acknowledged admitted conceded recalled tweeted posted replied responded
    continued cautioned promised vowed pledged demanded called described accused
    """.split()
)


def word_alternation(words: Iterable[str]) -> str:
    """A pattern for any one of ``words`` written as a tree of shared beginnings
    ("sa(?:id|ys?)..."), which ``re`` tries much faster than a flat list of the words.
    Between word boundaries it matches the same text as the flat list: of two words
    that both match at a place, one is the beginning of the other, and a boundary
    cannot follow both."""
    root: dict[str, dict[str, Any]] = {}
    for w in words:
        node = root
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}

    def emit(node: dict[str, dict[str, Any]]) -> str:
        alts = [re.escape(ch) + emit(sub) for ch, sub in sorted(node.items()) if ch]
        if not alts:
            return ""
        body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
        return f"(?:{body})?" if "" in node else body

    return emit(root)


_SPEECH_ALT = word_alternation(SPEECH_VERBS)
_QUOTE_ALT = word_alternation(QUOTE_VERBS)
SPEECH_VERB_RE = re.compile(rf"\b(?:{_SPEECH_ALT})\b")
QUOTE_VERB_RE = re.compile(rf"\b(?:{_QUOTE_ALT})\b")

# Titles and roles that precede or follow a name; lower-case, single words or phrases.
TITLE_WORDS = frozenset(
    """
    president vice prime minister ministers secretary spokesman spokeswoman spokesperson
    gov governor mayor general gen colonel col lieutenant lt commander chief head envoy
    ambassador adviser advisor director patriarch pope king queen prince sheikh emir
    chancellor deputy sgt sergeant captain capt major maj marshal mr mrs ms dr senator sen
    rep lawmaker leader official chairman chairwoman premier foreign defence defense
    interior state former acting top senior special presidential military regional
    first army navy air force police commissioner coordinator representative delegate
    negotiator mediator president-elect administrator prosecutor attorney judge justice
    cardinal archbishop bishop imam rabbi sheik ayatollah rev speaker affairs brig brigadier
    aide ombudsman
    """.split()
)
# Heads of organisation noun phrases ("the Health Ministry", "Ukraine's military").
ORG_HEADS = frozenset(
    """
    ministry military army office government authorities authority forces force
    agency council committee group service services police observatory syndicate union
    commission administration department cabinet kremlin parliament presidency
    spokesman's statement organisation organization command staff unit brigade
    regiment battalion headquarters officials official sources doctors medics
    rescuers hospital hospitals project tally monitor network movement party front
    coalition federation league mission embassy court
    """.split()
)
LOWER_NAME_PARTICLES = frozenset(
    {"al", "bin", "ibn", "de", "van", "von", "der", "da", "dos", "el", "la", "le", "du", "di"}
)

_NAME_TOKEN = (
    # a token starts a word: the "al" that ends "local" is no name particle
    r"(?<![\w’'])(?:(?:[A-Z]\.)+|[A-Z][\w’'\-]*"
    r"|(?:al|el|bin|ibn|de|van|von|der|da|dos|du|di)\b(?:-[A-Z][\w’'\-]*)?)"
)
# The first token written so that it begins with a plain character class (so that
# ``re`` skips quickly to a place where a run can start): the same letter, then the
# check on the character before it, then the rest of the token, alternatives in the
# same order as in ``_NAME_TOKEN``.
_PARTICLES = ("al", "el", "bin", "ibn", "de", "van", "von", "der", "da", "dos", "du", "di")
_FIRST_NAME_TOKEN = (
    r"[A-Zabdeiv](?<![\w’'].)(?:(?<=[A-Z])(?:\.(?:[A-Z]\.)*|[\w’'\-]*)|(?:"
    + "|".join(f"(?<={p[0]}){p[1:]}" for p in _PARTICLES)
    + r")\b(?:-[A-Z][\w’'\-]*)?)"
)
NAME_RUN_RE = re.compile(rf"{_FIRST_NAME_TOKEN}(?:[ \t]+{_NAME_TOKEN})*")

DESCRIPTION_START = re.compile(
    r"^(?:a|an|the|who|whose|which|one\s+of|himself|herself|also|whom|\d+|aged|both|then|now|its|his|her|their)\b",
    re.IGNORECASE,
)
_TRAILING_ADVERBIAL = re.compile(
    r"(?:\s+(?:has|have|had|also|later|previously|earlier|again|repeatedly|reportedly|then|now|"
    r"would|will|separately|in\s+turn|on\s+\w+|late|early|last\s+week|on|"
    r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)(?:\s+(?:morning|afternoon|evening|night))?))+$"
)
_LEADING_DETERMINER = re.compile(r"^(?:the|a|an|and|but|while|as|so)\s+", re.IGNORECASE)


def comma_chunks(text: str) -> list[str]:
    return [c.strip() for c in text.split(",")]


_PREPOSITIONS = frozenset("in on at after before during from with by for to as under near".split())
ROLE_NOUNS = frozenset(
    """
    teacher nurse doctor resident mother father son daughter wife husband student worker
    farmer driver engineer member activist analyst researcher expert witness survivor
    volunteer shopkeeper trader journalist correspondent professor lawyer
    """.split()
)


_IS_NAME_LIKE_RE1 = re.compile(r"^(?:al|el|bin|ibn|de|van|von)-?[A-Z]")
# Lower-case words inside a titled name ("Minister of Foreign Affairs X", "Osama bin X").
_NAME_LINKS = LOWER_NAME_PARTICLES | {"of", "the", "and", "for"}


def is_name_like(chunk: str) -> bool:
    """A chunk that is a name, possibly with a title: "Colonel Andriy Moroz", "Abdulrahman
    al-Hasan"; not an adverbial such as "In Addis Ababa"."""
    words = chunk.split()
    if not words or not words[0][:1].isupper() or words[0].lower() in _PREPOSITIONS:
        return False
    if any(
        not w[:1].isupper()
        and w.lower() not in _NAME_LINKS
        and not is_title(w)
        and w.lower() not in ORG_HEADS
        and not _IS_NAME_LIKE_RE1.match(w)
        for w in words
    ):
        return False  # "Speaking to reporters in Ankara on Thursday"
    last = words[-1]
    return last[:1].isupper() or bool(_IS_NAME_LIKE_RE1.match(last))


_IS_DESCRIPTION_RE1 = re.compile(r"[\w-]+")


def is_description(chunk: str) -> bool:
    """An apposition that describes a person: "a 38-year-old teacher", "foreign policy
    adviser to the president", "who led the delegation", "67"."""
    if DESCRIPTION_START.match(chunk):
        return True
    words = [w.lower() for w in _IS_DESCRIPTION_RE1.findall(chunk)]
    return (
        bool(words)
        and chunk[:1].islower()
        and any(w in TITLE_WORDS or w in ROLE_NOUNS for w in words)
    )


_LEADING_ADVERBIAL = re.compile(
    r"^(?:(?:late|early|later|earlier)\s+)?(?:on\s+|in\s+the\s+)?(?:last\s+week|this\s+week|last\s+month|"
    r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)(?:\s+(?:morning|afternoon|evening|night))?"
    r"|(?:morning|afternoon|evening))\s*,?\s+",
    re.IGNORECASE,
)
_FINITE = re.compile(
    r"\b(?:has|have|had|does|did|is|are|was|were|hasn[’']t|haven[’']t|doesn[’']t|didn[’']t|"
    r"denied|accused|dismissed|welcomed|rejected|blamed|confirmed|declined|called|urged|said|says)\b"
)


_SENTENCE_SUBJECT_RE1 = re.compile(r"^(?:On|In|At|After|Late|Early|Earlier|Later)\b")
_SENTENCE_SUBJECT_RE2 = re.compile(r"^[^,]{0,40},\s*(?=[A-Z])")


def sentence_subject(text: str) -> str | None:
    """The subject of a sentence, for a verb whose subject is elided after "and"/"but":
    "The ministry denied the report and said ..." gives "The ministry"."""
    text = _SENTENCE_SUBJECT_RE2.sub("", text) if _SENTENCE_SUBJECT_RE1.match(text) else text
    text = _LEADING_ADVERBIAL.sub("", text)
    m = _FINITE.search(text)
    if not m or m.start() == 0:
        return None
    np = _LEADING_DETERMINER.sub("", text[: m.start()].strip().rstrip(","))
    return np if 0 < len(np.split()) <= 8 else None


_SUBJECT_BEFORE_RE1 = re.compile(r"\b(?:and|but)$")
_SUBJECT_BEFORE_RE2 = re.compile(r"^.*[“”\"]\s*")
_SUBJECT_BEFORE_RE3 = re.compile(
    r"\b(?:that|and then|when|while|after|before|because|as)\s+(?=[A-Z]|the\b)"
)
_SUBJECT_BEFORE_RE4 = re.compile(
    r"^(?:who|whose|which|also|one\s+of|\d"
    # a participle phrase describing the subject: "The army, backed by groups from X,"
    r"|[a-z]+(?:ed|ing|en)\s+(?:by|from|with|in|on|at|to|for|of|near)\b)"
)
# An apposition that ranks what it follows ("the city's largest", "its biggest").
_SUPERLATIVE_APPOSITION = re.compile(
    r"(?:the|its|their)\s+(?:[\w’'-]+\s+){0,2}?(?:(?!(?:south|north)?west$)\w+est|main|only|last)$",
    re.IGNORECASE,
)
# A noun phrase ending in a place noun, which a name after a comma renames ("in the
# regional capital, Mekelle"; "near the port city, Hodeidah").
PLACE_NOUN_END = re.compile(
    r"\b(?:the|a|an|its|their|his|her)\s+(?:[\w-]+\s+){0,2}?"
    r"(?:capital|city|town|village|region|province|district|state|port|enclave|strip|"
    r"territory|county|area|suburb|neighbou?rhood|camp|country)$"
)


def subject_before(text: str, head: str | None = None) -> str | None:
    """The noun phrase that ends ``text`` (the words before a verb), skipping an
    apposition that describes a name: "Hikmet Hajiyev, foreign policy adviser to the
    president," gives "Hikmet Hajiyev"; "Mariupol's mayor, Vadym Boychenko," gives
    "Vadym Boychenko"; "medics" gives "medics". When ``text`` is only the last words
    before the verb, ``head`` is the beginning of the sentence, where a subject elided
    after "and"/"but" is read."""
    text = text.rstrip().rstrip(",").rstrip()
    if _SUBJECT_BEFORE_RE1.search(text):
        return sentence_subject(text if head is None else head)
    text = _TRAILING_ADVERBIAL.sub("", text).rstrip().rstrip(",")
    chunks = [c for c in comma_chunks(text)]
    while chunks and not chunks[-1]:
        chunks.pop()
    if not chunks:
        return None
    chunk = chunks[-1]
    if len(chunks) >= 2 and _SUPERLATIVE_APPOSITION.match(chunk) and chunks[-2]:
        # "A doctor at X hospital, the city's largest,": the description of a place
        chunk = chunks[-2]
    elif (
        len(chunks) >= 2
        and len(chunk.split()) == 1
        and is_name_like(chunk)
        and PLACE_NOUN_END.search(chunks[-2])
    ):
        # "a doctor in the regional capital, Mekelle," names the place, not the speaker
        chunk = f"{chunks[-2]}, {chunk}"
    elif (
        len(chunks) >= 2
        and is_description(chunk)
        and is_name_like(chunks[-2])
        or (len(chunks) >= 2 and _SUBJECT_BEFORE_RE4.match(chunk) and chunks[-2])
    ):
        chunk = chunks[-2]
    # Cut to the last clause opener inside the chunk ("... that the Y ministry").
    chunk = _SUBJECT_BEFORE_RE3.split(chunk)[-1]
    chunk = _SUBJECT_BEFORE_RE2.sub("", chunk)
    chunk = _LEADING_ADVERBIAL.sub("", chunk.strip())
    chunk = _LEADING_DETERMINER.sub("", chunk.strip())
    chunk = chunk.strip(" ,;:—–-")
    if not chunk or len(chunk.split()) > 12:
        return None
    return chunk


_NP_AFTER_RE1 = re.compile(
    r"\s+(?:who|which|as|in|on|at|after|before|when|while|speaking|standing|told)\b"
)
_NP_AFTER_RE2 = re.compile(r"[,.;:“”\"]")
# A title or role with a determiner, which a name after a comma renames.
_NP_AFTER_TITLED = re.compile(r"(?:the|a|an|its|their|his|her)\s+\S", re.IGNORECASE)


def _np_end(text: str, start: int = 0) -> int:
    """Where the noun phrase from ``start`` ends: at the first comma, colon, quotation
    mark or full stop that ends no abbreviation ("U.N.", "Gen.", "J.")."""
    for m in _NP_AFTER_RE2.finditer(text, start):
        if m.group() == "." and is_abbreviation(text[start : m.start()]):
            continue
        return m.start()
    return len(text)


def np_after(text: str) -> str | None:
    """The noun phrase at the start of ``text`` ("said Armine, a teacher" -> "Armine")."""
    end = _np_end(text)
    chunk = text[:end].strip()
    if (
        text[end : end + 1] == ","
        and _NP_AFTER_TITLED.match(chunk)
        and not PLACE_NOUN_END.search(chunk)
    ):
        # "said the city's mayor, Vadym Boychenko": the name renames the title before it
        name = text[end + 1 : _np_end(text, end + 1)].strip()
        if is_name_like(name) and len(name.split()) <= 5:
            return name
    chunk = _NP_AFTER_RE1.split(chunk)[0]
    chunk = _LEADING_DETERMINER.sub("", chunk).strip()
    return chunk or None


_CLEAN_NAME_RE1 = re.compile(r"^(?:one|two|three|several|some|many|other)\s+", re.IGNORECASE)


def clean_name(np: str) -> str:
    np = _LEADING_DETERMINER.sub("", np.strip())
    np = _CLEAN_NAME_RE1.sub("", np)
    return np.strip(" ,;:")


def is_title(word: str) -> bool:
    """A title word, also hyphenated ("Secretary-General") or abbreviated ("Brig.")."""
    w = word.lower().rstrip(".").removesuffix("’s").removesuffix("'s")
    return w in TITLE_WORDS or ("-" in w and all(part in TITLE_WORDS for part in w.split("-")))


def strip_titles(name: str) -> str:
    """ "Russian President Vladimir Putin" -> "Vladimir Putin" (a title before the name);
    what the last title belongs to goes with it ("United States President X", "Qatari
    foreign ministry spokesman X")."""
    words = name.split()
    last = max((k for k, w in enumerate(words[:-1]) if is_title(w)), default=-1)
    if last >= 0 and all(
        w[:1].isupper() or w.lower() in LOWER_NAME_PARTICLES or _IS_NAME_LIKE_RE1.match(w)
        for w in words[last + 1 :]
    ):
        return " ".join(words[last + 1 :])
    i = 0
    while i < len(words) - 1 and (
        words[i].lower().rstrip(".").removesuffix("’s").removesuffix("'s") in TITLE_WORDS
        or not words[i][:1].isupper()
        or words[i].endswith(("’s", "'s"))
        or words[i].lower() in ("of", "the", "and")
        # "US Secretary of State X", "UN envoy X": an abbreviation before a title
        or _ABBREVIATION.fullmatch(words[i]) is not None
        and words[i + 1].lower().rstrip(".") in TITLE_WORDS
    ):
        i += 1
    return " ".join(words[i:])


_ABBREVIATION = re.compile(r"(?:[A-Z]\.){1,3}|[A-Z]{2,3}")


def inside_quotation(text: str, pos: int) -> bool:
    """Whether offset ``pos`` of ``text`` falls between quotation marks."""
    return quotation_test(text)(pos)


def quotation_test(text: str) -> Callable[[int], bool]:
    """Whether an offset of ``text`` falls between quotation marks (more curly openings
    than closings before it, or an odd number of straight marks), for many offsets of one
    text: the marks are found once, so testing every figure of a long sentence stays
    linear."""
    marks = {mark: [m.start() for m in re.finditer(mark, text)] for mark in ("“", "”", '"')}
    opening, closing, straight = marks["“"], marks["”"], marks['"']

    def inside(pos: int) -> bool:
        return (
            bisect_left(opening, pos) > bisect_left(closing, pos)
            or bisect_left(straight, pos) % 2 == 1
        )

    return inside
