"""Cease-fire events: proposals, talks, agreements, entry into force and violations.

Each sentence that names a truce (or talks, in a story about one) is read for event
triggers, a table of verb patterns per kind. A trigger in a main clause gives an event
even without a day ("Russia brokered two cease-fire agreements earlier this month" ->
agreed, date null). A trigger in a subordinate clause ("after entering force", "since
the truce began") gives one only when it carries its own day ("frayed immediately after
it took effect Monday" -> took_effect Monday and violated Monday). Each date word goes
to the nearest trigger; a day in brackets after a GMT time ("(2300 GMT Thursday)") is
a conversion, not the day. Scheduled events resolve weekdays forward.

The broker is whoever the sentence names as mediator ("X-brokered", "brokered by X",
"under X mediation", "X hosted", "talks with Qatari officials"), else the mediator the
story named first; a truce that one side declares or orders has none, and neither has
an "earlier"/"previous" truce.
"""

from __future__ import annotations

import datetime as dt
import re
from bisect import bisect_right
from dataclasses import replace

from .context import ArticleContext
from .dates import mention
from .grammar import inside_quotation
from .model import EXTRACTOR_VERSION, CeasefireEvent, DateMention, Evidence
from .party import VENUE_BEFORE, learn_territories
from .scan import has_any
from .sentences import Sentence

TRUCE = (
    r"(?:cease-?fires?|truces?|(?:humanitarian\s+)?pauses?|cessation\s+of\s+hostilities|armistice|"
    r"break\s+in\s+(?:the\s+)?fighting|halt\s+to\s+(?:the\s+)?fighting|stop\s+(?:the\s+)?fighting|"
    # "agreed to halt all military action", "would halt offensive operations"
    r"(?:halt|stop|cease|suspend)\s+(?:to\s+)?(?:all\s+)?(?:military\s+action|(?:offensive|military)\s+"
    r"operations|hostilities))"
)
TRUCE_RE = re.compile(rf"\b{TRUCE}\b", re.IGNORECASE)
DEAL_RE = re.compile(rf"\b(?:{TRUCE}|deal|agreement|plan|extension)\b", re.IGNORECASE)
TALKS_RE = re.compile(
    r"\b(?:talks|negotiations|summit|(?:new\s+)?round|meet|meeting)\b", re.IGNORECASE
)

# (kind, trigger regex, needs) where needs is "truce" (a truce word in the sentence),
# "deal" (a truce, deal or agreement word) or "talks".
TRIGGERS: list[tuple[str, str, str]] = [
    (
        "proposed",
        r"\b(?:called\s+for|calling\s+for|urged|urging|proposed|proposing|appealed\s+for|put\s+forward|"
        r"(?:renewed|repeated|issued|made)\s+(?:his|her|its|their|a|an)\s+(?:\w+\s+)?(?:call|appeal)\s+for)\b",
        "truce",
    ),
    (
        "talks_scheduled",
        r"\b(?:(?:are|is|were|was)\s+(?:scheduled|due|expected|set)|will\s+(?:host|hold|meet|attend)|plans?\s+to\s+(?:host|hold|meet)"
        r"|would\s+(?:meet|talk|hold\s+talks|be\s+held)|will\s+(?:talk|be\s+held))\b",
        "talks",
    ),
    (
        "talks_held",
        r"\b(?<!\bbe\s)(?:held|hosted|hosting|began|begun|opened|ended|met|last\s+held|concluded)\b",
        "talks",
    ),
    (
        "agreed",
        r"(?<![-\w])(?:agreed|agree|brokered|declared|ordered|approved|signed|struck|reached|accepted|extended|announced)\b(?!-)",
        "deal",
    ),
    (
        "took_effect",
        r"\b(?:took\s+effect|take\s+effect|taking\s+effect|came\s+into\s+(?:force|effect)|went\s+into\s+effect|entered\s+into\s+force|entering\s+force|began|begun|started|come\s+into\s+force)\b",
        "truce_subject",
    ),
    (
        "violated",
        r"\b(?:frayed|fraying|violat\w+|breach\w*|shatter\w*|collapsed|broke\s+down|broken\s+down|unravell?ed|"
        r"(?:breaking|broke|broken)(?!\s+(?:out|through|away|off|up|into|ground)\b)|"
        r"accus\w*\s+(?:\w+\s+){1,3}?of\s+(?:firing|attacking|launching|shelling|striking|bombing))\b",
        "truce",
    ),
]
_TRIGGER_RES = [(k, re.compile(p, re.IGNORECASE), n) for k, p, n in TRIGGERS]
_SUBORDINATE = re.compile(
    r"\b(?:after|before|since|until|once|when|as|if)\s+(?:\w+\s+){0,2}$"
    # a relative clause about a truce ("a cease-fire that took effect a week earlier")
    r"|\b(?:cease-?fires?|truces?|pauses?)\s+(?:that|which)\s+(?:had\s+|has\s+)?$",
    re.IGNORECASE,
)
_TO_BEFORE = re.compile(r"\bto\s+$")
_FUTURE = re.compile(
    r"\b(?:to|will|would|due|scheduled|expected|set)\s+(?:\w+\s+){0,2}$", re.IGNORECASE
)
_NEGATED = re.compile(r"\b(?:without|not|never|refused|no)\s+(?:\w+\s+){0,2}$", re.IGNORECASE)
_EARLIER_TRUCE = re.compile(
    r"\b(?:earlier|previous|prior|past|string\s+of)\s+(?:\w+\s+){0,2}" + TRUCE, re.IGNORECASE
)
_UNILATERAL = re.compile(r"\bunilateral\b|\b(?:declared|ordered)\b", re.IGNORECASE)
_PAREN_GMT = re.compile(r"\([^)]*\b(?:GMT|UTC)\b[^)]*\)")
_BROKER_PATTERNS = [
    re.compile(
        r"\b(?:(?:An?|The)\s+)?([A-Z][\w.]*(?:\s+[A-Z][\w.]*)?)-(?:brokered|mediated|sponsored|"
        r"(?:backed|led)\s+talks|led\s+mediation)"
    ),
    re.compile(
        r"\b(?:brokered|mediated|sponsored|negotiated)\s+by\s+((?:[A-Z][\w.]*|and|the)(?:[\s,]+(?:[A-Z][\w.]*|and|the))*)"
    ),
    re.compile(r"\bmediator\s+((?:[A-Z][\w.]*\s*)+)"),
    re.compile(
        r"\bunder\s+(?:the\s+)?mediation\s+of\s+(?:[A-Z]\w+\s+)?(?:President\s+|Foreign\s+Minister\s+)?((?:[A-Z][\w.]*\s*)+)"
    ),
    re.compile(r"\bunder\s+((?:[A-Z][\w.]*\s+(?:and\s+)?)+)mediation\b"),
    # "agreed through the command of the Russian peacekeeping contingent"
    re.compile(
        r"\b(?:through|via)\s+(?:the\s+)?(?:mediation|command|good\s+offices)\s+of\s+(?:the\s+)?"
        r"((?:[A-Z][\w.]*\s+)+)"
    ),
    re.compile(
        r"\b((?:[A-Z][\w.]*\s+(?:and\s+)?){1,4})(?:[\w\s]{0,30})?\b(?:hosted|hosting|will\s+host|brokered)\b"
    ),
    re.compile(
        r"\b(?:with|by)\s+((?:U\.S\.|[A-Z][a-z]+)(?:\s+and\s+(?:U\.S\.|[A-Z][a-z]+))?)\s+"
        r"(?:officials|Secretary|envoys?|mediators|diplomats|Foreign)"
    ),
    re.compile(
        r"\b((?:the\s+)?(?:UN|U\.N\.|United\s+Nations|AU|African\s+Union))(?:[’']s)?\s+"
        r"(?:special\s+|personal\s+)?envoy\b"
    ),
    # "X moved to end the fighting by hosting talks": the subject hosts
    re.compile(
        r"^(?:[A-Z][A-Z./ ]+\s+[—–-]\s+)?((?:[A-Z][\w.]*)(?:\s+[A-Z][\w.]*){0,3})\s+"
        r"(?:has\s+|have\s+)?[a-z]+\b[^;]*?\bby\s+(?:hosting|brokering|mediating)\b"
    ),
]


_CAPITALISED = re.compile(r"(?:U\.S\.|U\.N\.|[A-Z][\w’'\-]+)(?:\s+[A-Z][\w’'\-]+)?")


def _countries_in(text: str, ctx: ArticleContext) -> list[str]:
    """The countries (and organisations) ``text`` names, in order (the same text is
    read once per article; callers never change the list)."""
    memo = ctx.memo.get("countries_in")
    if not isinstance(memo, dict):
        memo = ctx.memo["countries_in"] = {}
    found: list[str] | None = memo.get(text)
    if found is None:
        found = memo[text] = _read_countries(text, ctx)
    return found


def _read_countries(text: str, ctx: ArticleContext) -> list[str]:
    out: list[str] = []
    # what a run of capitalised words names depends on the registry alone
    memo = ctx.registry.memo("word_countries")
    for m in _CAPITALISED.finditer(text):
        words = m.group(0)
        found: tuple[str | None, ...] | None = memo.get(words)
        if found is None:
            found = _word_countries(words, ctx)
            if len(memo) < 100_000:
                memo[words] = found
        for c in found:
            if c and c not in out:
                out.append(c)
                break
    return out


def _word_countries(words: str, ctx: ArticleContext) -> tuple[str | None, ...]:
    """The country (or organisation) of the capitalised words, then of their first word."""
    reg = ctx.registry
    first = words.split()[0]
    out: list[str | None] = []
    for cand in (words, first) if first != words else (words,):
        base = cand[:-2] if cand.endswith(("’s", "'s")) else cand
        c = reg.country_of(base)
        if c is None:
            actor = reg.lookup(base)
            c = actor.name if actor is not None and actor.kind == "organisation" else None
        out.append(c)
    return tuple(out)


# A word each broker pattern needs (checked on the lower-cased sentence first).
_BROKER_NEEDS = (
    ("-brokered", "-mediated", "-sponsored", "-backed", "-led"),
    ("brokered", "mediated", "sponsored", "negotiated"),
    ("mediator",),
    ("mediation",),
    ("mediation",),
    ("through", "via"),
    ("host", "brokered"),
    ("with", "by"),
    ("envoy",),
    ("by hosting", "by brokering", "by mediating"),
)


_BROKER_IN_RE1 = re.compile(r"^the\s+")


def _broker_in(text: str, ctx: ArticleContext, low: str | None = None) -> str | None:
    low = text.lower() if low is None else low
    for pat, needs in zip(_BROKER_PATTERNS, _BROKER_NEEDS, strict=True):
        if not has_any(low, needs):
            continue
        m = pat.search(text)
        if not m:
            continue
        names = _countries_in(m.group(1), ctx)
        if names:
            return " and ".join(names)
        org = _BROKER_IN_RE1.sub("", m.group(1).strip())
        if ctx.registry.lookup(org) is not None:
            return ctx.registry.canonical(org)
        if (
            m.group(1).strip()[:1].isupper()
            and len(m.group(1).split()) <= 4
            and pat is _BROKER_PATTERNS[4]
        ):
            return m.group(1).strip()
    return None


_PROPOSER_RE1 = re.compile(r"\b(?:head|leader|chief)\s+of\s+the\s+((?:[A-Z][\w’'\-]*\s*)+)")


def _proposer(text: str, trigger_at: int, ctx: ArticleContext) -> str | None:
    pre = text[:trigger_at]
    org = _PROPOSER_RE1.search(pre)
    if org:
        return org.group(1).strip()
    names = _countries_in(pre, ctx)
    return " and ".join(names) if names else None


# Patterns run on the lower-cased sentence (the case-insensitive ones) or on a short
# window before a trigger (those that end at it).
_TRUCE_L = re.compile(rf"\b{TRUCE}\b")
_DEAL_L = re.compile(rf"\b(?:{TRUCE}|deal|agreement|plan|extension)\b")
_TALKS_L = re.compile(r"\b(?:talks|negotiations|summit|(?:new\s+)?round|meet|meeting)\b")
# Words without which those three cannot match.
_TRUCE_KEYS = (
    "cease", "truce", "pause", "cessation", "armistice", "fighting", "military", "operations",
    "hostilities",
)  # fmt: skip
_DEAL_KEYS = (*_TRUCE_KEYS, "deal", "agreement", "plan", "extension")
# For each trigger row, words without which it cannot match (checked first).
_TRIGGER_KEYS: dict[str, tuple[str, ...]] = {
    "proposed": ("call", "urg", "propos", "appeal", "put forward"),  # ("call for" too)
    "talks_scheduled": ("scheduled", "due", "expected", "set", "will", "plan", "would"),
    "talks_held": ("held", "host", "began", "begun", "opened", "ended", "met", "concluded"),
    "agreed": ("agree", "brokered", "declared", "ordered", "approved", "signed", "struck",
               "reached", "accepted", "extended", "announced"),
    "took_effect": ("effect", "force", "entering", "began", "begun", "started"),
    "violated": ("fray", "violat", "breach", "shatter", "collapsed", "broke", "unravel",
                 "breaking", "accus"),
}  # fmt: skip
_TRIGGERS_L = [(k, re.compile(p), n, _TRIGGER_KEYS[k]) for k, p, n in TRIGGERS]
_TRUCE_SUBJECT_L = re.compile(rf"{TRUCE}|\b(?:it|deal|agreement)\b")
_MEET = re.compile(r"\b(?:meet|meeting)\b")
_TRUCE_NOUN_BEFORE = re.compile(r"\b(?:cease-?fires?|truces?|pauses?|deal|agreement)\s+\Z")
_TRUCE_OBJECT_AFTER = re.compile(rf"\s+(?:a|an|the|its|their)\s+(?:[\w-]+\s+){{0,2}}?{TRUCE}\b")
_TALKS_WORD_L = re.compile(r"\btalks|negotiations|summit\b")
_SIDES_L = re.compile(r"\b(?:both|two|sides|parties|envoys)\b")
_SUBORDINATE_L = re.compile(_SUBORDINATE.pattern)
_FUTURE_L = re.compile(_FUTURE.pattern)
_NEGATED_L = re.compile(_NEGATED.pattern)
_UNILATERAL_L = re.compile(_UNILATERAL.pattern)
_UNILATERAL_KEYS = ("unilateral", "declared", "ordered")  # one of which it needs
_EARLIER_TRUCE_L = re.compile(_EARLIER_TRUCE.pattern)
_PREVIOUSLY_BEFORE = re.compile(r"\b(?:previously|earlier)\s+$")
_ANY_BEFORE = re.compile(r"\bany\s+$")
_PASSIVE_BEFORE = re.compile(r"\b(?:was|were|been|is|are|be)\s+(?:\w+\s+)?$")
_BY_AFTER = re.compile(r"\s+by\b")
_EXTENDED_OBJECT = re.compile(r"\s+(?:by|to|the|their|its|it|on|for|until|through)\b")
_AFTER_AFTER = re.compile(r"\s+(?:\w+\s+)?(?:immediately|shortly|hours|minutes|days)?\s*after\b")
_HAVE = re.compile(r"\b(?:have|has)\b")
_HAVE_DONE = re.compile(
    r"\b(?:has|have)\s+(?:\w+\s+)?(?:declared|agreed|accused|approved)|\bimmediate(?:ly)?\b"
)
_TAIL = 120  # enough characters before a trigger for any pattern that ends at it
_CLAUSE_GAP = re.compile(r"[,;]")
_IMMEDIATELY_AFTER = re.compile(r"\s+(?:immediately|at\s+once|with\s+immediate\s+effect)\b")
_UNTIL_BEFORE = re.compile(r"\b(?:until|till|through)\b[^,;]*$")
_STORY_BROKER = "\x00story broker"  # placeholder until the story's mediator is known
_EARLIER_OR_VAGUE_L = re.compile(
    _EARLIER_TRUCE.pattern + r"|\b(?:earlier|last|previous)\s+(?:this\s+)?(?:week|month|year)\b"
)
# words without which ``_EARLIER_TRUCE_L`` (the first four: ``_LIKE_EARLIER_L``) and
# ``_EARLIER_OR_VAGUE_L`` cannot match
_EARLIER_TRUCE_KEYS = ("previous", "earlier", "prior", "past", "string")
_EARLIER_OR_VAGUE_KEYS = (*_EARLIER_TRUCE_KEYS, "last")
_LIKE_EARLIER_L = re.compile(
    r",?\s*(?:just\s+|much\s+)?(?:like|as\s+did|as\s+had|as\s+with)\s+(?:the\s+)?(?:\w+\s+){0,2}?"
    rf"(?:previous|earlier|prior|past)\s+(?P<truce>{TRUCE})"
)
_ACCUSED_OF_VIOLATIONS = re.compile(
    r"\baccus\w*\s+(?:each\s+other|one\s+another|the\s+other\s+side|[a-z]+)\s+of\s+"
    r"(?:(?:repeated|multiple|numerous|new|fresh|several|(?:hundreds|dozens|scores)\s+of)\s+)?"
    r"violations\b(?!\s+of\b)"
)
_INDEFINITE_BEFORE = re.compile(r"\b(?:a|an)\s+(?:[\w-]+\s+){0,3}$")
_GROUP_HEADS = ("Group", "Quartet", "Format")
_GROUP_RE = re.compile(
    r"\b(?:the\s+)?(?:so-called\s+)?(?P<name>(?:[A-Z][\w’'\-]*\s+){1,3}(?:Group|Quartet|Format))\b"
)
_SET_UP_BY = re.compile(
    r",?\s+(?:which\s+was\s+|that\s+was\s+)?(?:set\s+up|formed|created|established)\s+by\s+"
    r"(?:the\s+)?((?:[A-Z][\w’'\-]*|and|for|of|in)(?:\s+(?:[A-Z][\w’'\-]*|and|for|of|in))*)"
)


def _matches_at_word(low: str, pattern: re.Pattern[str], words: tuple[str, ...]) -> bool:
    """Whether ``pattern`` matches somewhere in ``low``, tried only where one of
    ``words`` occurs (every match of it, or a shorter match inside it, starts with one)."""
    find = low.find
    match = pattern.match
    for w in words:
        i = find(w)
        while i >= 0:
            if match(low, i):
                return True
            i = find(w, i + 1)
    return False


# Words with which a truce phrase (or a shorter one inside it: "pause" of "humanitarian
# pause") and a talks phrase ("round" of "new round") start.
_TRUCE_STARTS = (
    "cease", "truce", "pause", "cessation", "armistice", "break", "halt", "stop", "suspend",
)  # fmt: skip
_TALKS_STARTS = ("talks", "negotiations", "summit", "round", "meet")


def _truce_in(low: str) -> bool:
    """Whether the lower-cased ``low`` names a truce (``_TRUCE_L.search``)."""
    return _matches_at_word(low, _TRUCE_L, _TRUCE_STARTS)


def _sentences_matching(
    low: str, sentences: list[Sentence], pattern: re.Pattern[str], words: tuple[str, ...]
) -> list[bool]:
    """For each sentence, ``_matches_at_word`` on its lower-cased text, with one search of
    the body ``low`` per word (a sentence never splits a word, and is preceded by a space
    or nothing, so a match at a word within its bounds is a match in its text)."""
    starts = [s.start for s in sentences]
    out = [False] * len(sentences)
    find = low.find
    match = pattern.match
    for w in words:
        i = find(w)
        while i >= 0:
            k = bisect_right(starts, i) - 1
            if k >= 0 and not out[k]:
                end = sentences[k].end
                if i < end and match(low, i, end):
                    out[k] = True
            i = find(w, i + 1)
    return out


def _ends_before(pattern: re.Pattern[str], text: str, pos: int) -> bool:
    """Whether ``pattern`` (ending in ``$``) matches just before offset ``pos``."""
    return pattern.search(text, max(0, pos - _TAIL), pos) is not None


def extract_ceasefire_events(
    sentences: list[Sentence],
    published: dt.date,
    ctx: ArticleContext,
    date_matches: list[list[re.Match[str]]],
    mentions: list[list[DateMention]] | None = None,
) -> list[CeasefireEvent]:
    """The cease-fire events of an article. ``date_matches`` are each sentence's date
    phrases and ``mentions`` (when given) what each resolves to as a past event (as
    ``mention`` gives them, body offsets): they are then not resolved again."""
    if not _truce_in(ctx.low):
        return []
    lows = [ctx.low[s.start : s.end] for s in sentences]
    truce_in = _sentences_matching(ctx.low, sentences, _TRUCE_L, _TRUCE_STARTS)
    talks_in = _sentences_matching(ctx.low, sentences, _TALKS_L, _TALKS_STARTS)
    group = _mediating_group(ctx)
    parties_default: tuple[str, ...] | None = None  # the story's, when first needed
    declared: tuple[str, ...] = ()  # the side of the story's first unilateral truce
    # (event, whether it has its own day, whether its broker is named in its sentence)
    found: list[tuple[CeasefireEvent, bool, bool]] = []
    for _idx, sent in enumerate(sentences):
        text = sent.text
        ltext = lows[_idx]
        if "“" in text[:2] or text.startswith('"'):
            continue  # a quotation is a statement, not a report of an event
        # "both sides accused each other of violations" in a story about a truce
        accused = _ACCUSED_OF_VIOLATIONS.search(ltext) if "violations" in ltext else None
        if not (
            truce_in[_idx]
            or talks_in[_idx]
            or accused is not None
            # "... declared a truce on Wednesday. It took effect at 1 p.m. that day."
            or _idx
            and truce_in[_idx - 1]
            and ltext.startswith("it ")
            or has_any(ltext, _DEAL_KEYS)
            and _DEAL_L.search(ltext)
        ):
            continue
        triggers: list[tuple[str, int, int]] = []
        for kind, regex, needs, keys in _TRIGGERS_L:
            if not has_any(ltext, keys):
                continue
            for m in regex.finditer(ltext):
                if inside_quotation(text, m.start()):
                    continue
                window = ltext[max(0, m.start() - 60) : m.end() + 70]
                if (
                    needs == "truce"
                    and not _truce_in(window)
                    and not (
                        kind == "violated"
                        and (
                            accused is not None
                            and accused.end() == m.end()
                            # "brokered an agreement ..., but it collapsed"
                            or _DEAL_L.search(window) is not None
                            # "A ceasefire signed by ... in May, under ..., collapsed"
                            or _truce_in(ltext[:40])
                        )
                    )
                ):
                    continue
                if needs == "deal" and not _DEAL_L.search(window):
                    continue
                if needs == "talks" and not _talks_near(ltext, m.start(), m.end()):
                    continue
                if (
                    needs == "truce_subject"
                    and not _TRUCE_SUBJECT_L.search(ltext[max(0, m.start() - 60) : m.start()])
                    # "the rebels began a unilateral ceasefire": the truce as the object
                    and not _TRUCE_OBJECT_AFTER.match(ltext, m.end())
                ):
                    continue
                if (
                    kind == "talks_held"
                    and _MEET.search(text[max(0, m.start() - 60) : m.end() + 70])
                    and not _TALKS_WORD_L.search(text[max(0, m.start() - 60) : m.end() + 70])
                ):
                    continue
                if (
                    kind == "agreed"
                    and m.group(0) == "announced"
                    and _TRUCE_NOUN_BEFORE.search(ltext, max(0, m.start() - 20), m.start())
                ):
                    continue  # "earlier truces announced since April": which truces
                if (
                    kind == "agreed"
                    and m.group(0) == "signed"
                    and not _SIDES_L.search(ltext, 0, m.start())
                    # "X and Y signed the deal": two signatories are the two sides
                    and " and " not in ltext[: m.start()]
                ):
                    continue
                if (
                    kind == "agreed"
                    and m.group(0) == "agree"
                    and _ends_before(_TO_BEFORE, ltext, m.start())
                ):
                    continue  # "urged the two sides to agree to a ceasefire": a call
                if (
                    kind == "agreed"
                    and m.group(0) in ("reached", "struck", "brokered")
                    and _ends_before(_PREVIOUSLY_BEFORE, text, m.start())
                ):
                    continue
                if (
                    kind == "violated"
                    and "any" in text[max(0, m.start() - _TAIL) : m.start()]
                    and _ends_before(_ANY_BEFORE, text, m.start())
                ):
                    continue
                if _ends_before(_NEGATED_L, ltext, m.start()):
                    continue
                triggers.append((kind, m.start(), m.end()))
        if not triggers:
            continue
        triggers.sort(key=lambda t: t[1])
        gmt = [(m.start() + sent.start, m.end() + sent.start) for m in _PAREN_GMT.finditer(text)]
        resolved = (
            mentions[_idx]
            if mentions is not None
            else [mention(m, published) for m in date_matches[_idx]]
        )
        # (a mention with no phrase of its own, "that day", reads the day before: its
        # match is None)
        by_start = {m.start(): m for m in date_matches[_idx]}
        kept = [
            (by_start.get(d.start), d)
            for d in resolved
            if not any(d.start < b and d.end > a for a, b in gmt)
        ]
        ms = [m for m, _ in kept if m is not None]
        # (the same mentions with offsets in the sentence)
        sent_dates = [
            DateMention(d.text, d.start - sent.start, d.end - sent.start, d.date, d.kind)
            for _, d in kept
            if d.kind in ("day", "vague")
        ]
        fut_dates: list[DateMention] | None = None  # resolved as scheduled, when needed
        # each date word to its nearest trigger
        owner: dict[int, int] = {}
        for di, d in enumerate(sent_dates):
            # (a clause break between a date and a trigger puts it with the other one:
            # "brokered an agreement late on Tuesday, but it collapsed on Wednesday")
            best = min(
                range(len(triggers)),
                key=lambda ti: (
                    _distance(triggers[ti], d) + 40 * _across_clause(text, triggers[ti], d)
                ),
            )
            owner[di] = best
        unilateral = has_any(ltext, _UNILATERAL_KEYS) and bool(_UNILATERAL_L.search(ltext))
        earlier = _EARLIER_TRUCE_L.search(ltext) if has_any(ltext, _EARLIER_TRUCE_KEYS) else None
        # "..., just like two previous truces brokered by X": those frayed too
        like = (
            _LIKE_EARLIER_L.search(ltext)
            if "violated" in (t[0] for t in triggers) and has_any(ltext, _EARLIER_TRUCE_KEYS[:4])
            else None
        )
        if like is not None and any(k == "violated" and s_ < like.start() for k, s_, _ in triggers):
            triggers.append(("violated", like.start("truce"), like.end()))
        split = earlier.start() if earlier is not None else len(text)
        main_broker = _broker_in(text[:split], ctx) if split else None
        earlier_broker = _broker_in(text[split:], ctx) if earlier is not None else None
        for ti, (kind, start, end) in enumerate(triggers):
            own = [sent_dates[di] for di, t in owner.items() if t == ti]
            # "last until the end of the season" is how long, not when
            own = [
                d
                for d in own
                if not (
                    has_any(ltext[max(0, d.start - 80) : d.end], ("until", "till", "through"))
                    and _UNTIL_BEFORE.search(ltext, max(0, d.start - 80), d.end)
                )
            ]
            # a participle after its noun ("a truce brokered by X", "extended pauses")
            # describes the truce; like a subordinate clause it needs its own day
            participle = bool(
                _BY_AFTER.match(text, end) and not _ends_before(_PASSIVE_BEFORE, text, start)
            ) or (ltext[start:end] == "extended" and not _EXTENDED_OBJECT.match(text, end))
            conj = _SUBORDINATE_L.search(ltext, max(0, start - _TAIL), start)
            subordinate = participle or (
                # "since April 15" before the verb is a date, not a clause
                conj is not None
                and not any(
                    m.start() - sent.start <= conj.start() < m.end() - sent.start for m in ms
                )
            )
            if subordinate:
                # its own day follows it within its clause
                own = [
                    d for d in own if d.start >= end and not _CLAUSE_GAP.search(text, end, d.start)
                ]
            future = kind == "talks_scheduled" or _ends_before(_FUTURE_L, ltext, start)
            if subordinate and not own:
                continue
            date: dt.date | None
            date_mentions: tuple[DateMention, ...] = ()
            if own:
                # a day before a vague phrase ("seized the city last week began a truce
                # on Tuesday"), then the nearest
                d = min(own, key=lambda d: (d.kind != "day", _distance(triggers[ti], d)))
                if future and not _IMMEDIATELY_AFTER.match(ltext, end):
                    # ("said on Monday the truce would take effect immediately": that Monday)
                    if fut_dates is None:
                        fut_dates = [
                            mention(m, published, future=True, shift=-sent.start) for m in ms
                        ]
                    d = next((f for f in fut_dates if f.start == d.start), d)
                date = d.date
                date_mentions = (
                    DateMention(d.text, d.start + sent.start, d.end + sent.start, d.date, d.kind),
                )
            elif (
                _AFTER_AFTER.match(text, end)
                and ti + 1 < len(triggers)
                and any(t == ti + 1 for t in owner.values())
            ):
                # "frayed immediately after it took effect Monday": the same day
                nxt = [sent_dates[di] for di, t in owner.items() if t == ti + 1]
                date = nxt[0].date
            elif any(x.kind == "vague" for x in sent_dates) or future:
                date = None
            elif kind == "violated":
                date = None  # a violation with no day of its own has none
            else:
                date = published
                if kind == "talks_held" and not _HAVE_DONE.search(text):
                    date = None
            if start >= split:
                # an earlier truce has only the broker its own words name
                broker = earlier_broker
            elif kind == "agreed" and unilateral and main_broker is None:
                broker = None
            elif kind == "proposed":
                broker = _proposer(text, start, ctx)
            elif main_broker is not None:
                broker = main_broker
            elif kind in ("talks_held", "talks_scheduled") and group is not None:
                broker = group
            elif kind == "violated" and _indefinite_truce(ltext, start, end):
                broker = None  # "shattering a truce that had held": not the story's truce
            else:
                broker = _STORY_BROKER
            parties = _parties(text, ctx, broker, main_broker, earlier_broker)
            if not parties:
                if parties_default is None:
                    # (the story's opening, never counting its broker as a side)
                    parties_default = _story_sides(ctx, (main_broker,))
                parties = parties_default
            if kind == "agreed" and unilateral and broker is None:
                # a truce one side declares has that side alone, and so does what
                # follows of it (its start, its breaches)
                parties = parties[:1]
                declared = declared or parties
            event = CeasefireEvent(
                kind=kind,
                broker=broker,
                parties=parties,
                date=date,
                evidence=Evidence(text, sent.start, sent.end),
                dates=date_mentions,
                confidence=0.8 if own else 0.6,
                extractor_version=EXTRACTOR_VERSION,
            )
            found.append(
                (event, bool(own), broker is not None and broker is main_broker and start < split)
            )
    # the story's mediator: the first broker an event's own sentence names, else the
    # first one named around a truce or talks that is not an earlier one
    # (an undated event is background, often another truce: "An Angola-brokered ceasefire
    # ... collapsed late last year")
    story_broker = next((e.broker for e, _, named in found if named and e.date is not None), None)
    if story_broker is None:
        for i, s in enumerate(sentences):
            if (truce_in[i] or talks_in[i]) and not (
                has_any(lows[i], _EARLIER_OR_VAGUE_KEYS) and _EARLIER_OR_VAGUE_L.search(lows[i])
            ):
                story_broker = _broker_in(s.text, ctx, lows[i])
                if story_broker:
                    break
    # whoever mediates in this story is no side of any of its truces (a proposal's
    # "broker" is its proposer, often a side)
    mediators = tuple(
        sorted(
            {
                e.broker
                for e, _, _ in found
                if e.broker
                and e.broker != _STORY_BROKER
                and (e.kind != "proposed" or has_any(e.evidence.text, _MEDIATES_KEYS))
            }
            | ({story_broker} if story_broker else set())
        )
    )
    mediating = {n for m in mediators for n in m.split(" and ")}
    out: list[CeasefireEvent] = []
    for event, own_day, _ in found:
        if event.broker == _STORY_BROKER:
            event = replace(event, broker=story_broker)
            if story_broker is not None:
                event = replace(
                    event, parties=tuple(p for p in event.parties if p not in story_broker)
                )
        if not event.parties or mediating.intersection(event.parties):
            sides = _parties(event.evidence.text, ctx, *mediators) or _story_sides(ctx, mediators)
            event = replace(event, parties=sides)
        if declared and event.broker is None and event.kind in ("took_effect", "violated"):
            event = replace(event, parties=declared)
        if any(
            e.kind == event.kind
            and (
                e.date == event.date
                or (event.date is None or not own_day)
                and e.broker == event.broker
            )
            for e in out
        ):
            continue  # the same event told again
        out.append(event)
    # an undated mention in a lead that dates another event, told before the dated one
    # ("X and Y agreed on Saturday ..., but within hours each accused the other of
    # breaking the truce." then "... of breaching the truce on Saturday night"), is the
    # same event
    dated_leads = {e.evidence.start for e in out if e.date is not None}
    return [
        e
        for e in out
        if e.date is not None
        or e.evidence.start not in dated_leads
        or not any(o.kind == e.kind and o.date is not None and o.broker == e.broker for o in out)
    ]


# Words by which a proposer is said to mediate ("France, which co-chairs the mediation").
_MEDIATES_KEYS = ("mediat", "co-chair")


def _talks_near(ltext: str, start: int, end: int) -> bool:
    """A talks word shortly before a trigger, or after it in the same clause ("hosted
    the two ministers for another round of talks")."""
    if _TALKS_L.search(ltext, max(0, start - 60), start):
        return True
    # the talks open the sentence as its subject ("Talks in the capital on ... ended")
    opening = _TALKS_L.search(ltext, 0, min(start, 60))
    if opening is not None and len(ltext[: opening.start()].split()) <= 3:
        return True
    stop = _CLAUSE_GAP.search(ltext, end, end + 110)
    return bool(_TALKS_L.search(ltext, start, stop.start() if stop else end + 110))


def _indefinite_truce(ltext: str, start: int, end: int) -> bool:
    """Whether the truce word nearest a trigger is indefinite ("a truce that had held")."""
    best: re.Match[str] | None = None
    for m in _TRUCE_L.finditer(ltext):
        if best is None or abs(m.start() - start) < abs(best.start() - start):
            best = m
    return best is not None and bool(
        _INDEFINITE_BEFORE.search(ltext, max(0, best.start() - 50), best.start())
    )


def _parties(text: str, ctx: ArticleContext, *brokers: str | None) -> tuple[str, ...]:
    """The first two countries a text names, leaving out the brokers (read once per
    article for the same text and brokers)."""
    memo = ctx.memo.get("parties")
    if not isinstance(memo, dict):
        memo = ctx.memo["parties"] = {}
    key = (text, brokers)
    known: tuple[str, ...] | None = memo.get(key)
    if known is None:
        known = memo[key] = _read_parties(text, ctx, brokers)
    return known


def _read_parties(
    text: str, ctx: ArticleContext, brokers: tuple[str | None, ...]
) -> tuple[str, ...]:
    named = {n for b in brokers if b for n in b.split(" and ")}
    territories = learn_territories(ctx)
    out: list[str] = []
    for m in _CAPITALISED.finditer(text):
        side = _side_named(text, m, ctx, territories)
        if side is not None and side not in named and side not in out:
            out.append(side)
            if len(out) == 2:
                break
    return tuple(out)


def _story_sides(ctx: ArticleContext, brokers: tuple[str | None, ...]) -> tuple[str, ...]:
    """The two sides the story names most often, brokers left out (ties: the first
    named), for an event whose own sentence names none ("The truce took effect at noon")."""
    named = {n for b in brokers if b for n in b.split(" and ")}
    counts = _side_counts(ctx)
    # (dicts keep the order of first mention, and ``sorted`` is stable)
    return tuple(sorted((s for s in counts if s not in named), key=lambda s: -counts[s])[:2])


def _side_counts(ctx: ArticleContext) -> dict[str, int]:
    """How often the story names each side (read once per article)."""
    known = ctx.memo.get("side_counts")
    if isinstance(known, dict):
        return known
    territories = learn_territories(ctx)
    counts: dict[str, int] = {}
    body = ctx.body
    for m in _CAPITALISED.finditer(body):
        side = _side_named(body, m, ctx, territories)
        if side is not None:
            counts[side] = counts.get(side, 0) + 1
    ctx.memo["side_counts"] = counts
    return counts


# After a demonym that describes a venue ("the South African capital", "the Saudi city").
_VENUE_NOUN_AFTER = re.compile(r"\s+(?:capital|city|town|port|resort|village)\b")


def _side_named(
    text: str, m: re.Match[str], ctx: ArticleContext, territories: list[str]
) -> str | None:
    """The country or story territory that the capitalised words at ``m`` name as a side;
    None for a venue ("talks in Amman", "PRETORIA, Nov 2 (Reuters)", "the Saudi city of
    Jeddah") or an organisation."""
    memo = ctx.memo.get("name_sides")
    if not isinstance(memo, dict):
        memo = ctx.memo["name_sides"] = {}
    words = m.group(0)
    known: tuple[str | None, str, int] | None = memo.get(words)
    if known is None:
        known = memo[words] = _name_side(words, ctx, territories)
    side, how, length = known
    if how == "place":
        # a capital stands for its country as a subject ("Moscow and Kyiv agreed"),
        # never in a dateline or after a preposition
        if words[:length].isupper() or VENUE_BEFORE.search(text, max(0, m.start() - 12), m.start()):
            return None
    elif how == "demonym" and _VENUE_NOUN_AFTER.match(text, m.start() + length):
        return None
    return side


def _name_side(
    words: str, ctx: ArticleContext, territories: list[str]
) -> tuple[str | None, str, int]:
    """What the capitalised ``words`` name wherever they stand: (side, how, length of the
    name read), ``how`` being "place" (a capital), "demonym", or "name"."""
    base = words[:-2] if words.endswith(("’s", "'s")) else words
    for t in territories:
        if base == t or base.startswith(t + " "):
            return t, "name", len(t)
    # what a name gives apart from the story's territories depends on the registry alone
    memo = ctx.registry.memo("name_side")
    known: tuple[str | None, str, int] | None = memo.get(base)
    if known is None:
        known = _registry_side(base, ctx)
        if len(memo) < 100_000:
            memo[base] = known
    return known


def _registry_side(base: str, ctx: ArticleContext) -> tuple[str | None, str, int]:
    reg = ctx.registry
    for cand in (base, base.split()[0]) if " " in base else (base,):
        cand = cand[:-2] if cand.endswith(("’s", "'s")) else cand
        demonym = reg.demonym(cand)
        actor = demonym or reg.lookup(cand)
        if actor is None:
            continue
        if actor.kind == "place":
            return actor.country, "place", len(cand)
        if actor.kind != "country":
            return None, "name", len(cand)
        return actor.name, "demonym" if demonym is not None else "name", len(cand)
    return None, "name", 0


def _mediating_group(ctx: ArticleContext) -> str | None:
    """A standing group the story says mediates the conflict ("Norway, Chile and Peru
    co-chair the so-called Lima Group, set up by the OAS to mediate"), with the acronym
    of the body that set it up when the registry knows one."""
    low = ctx.low
    if "co-chair" not in low and "mediat" not in low or not has_any(ctx.body, _GROUP_HEADS):
        return None
    for m in _GROUP_RE.finditer(ctx.body):
        around = low[max(0, m.start() - 120) : m.end() + 160]
        if "co-chair" not in around and "mediat" not in around:
            continue
        name = m.group("name")
        setter = _SET_UP_BY.match(ctx.body, m.end())
        if setter is not None:
            actor = ctx.registry.lookup(setter.group(1).strip())
            short = [a for a in (actor.aliases if actor else ()) if a.isupper() and len(a) <= 6]
            if short and not name.startswith(short[0]):
                name = f"{short[0]} {name}"
        return name
    return None


def _across_clause(text: str, trigger: tuple[str, int, int], d: DateMention) -> bool:
    """Whether a comma or semicolon lies between ``trigger`` and the date ``d``."""
    _, start, end = trigger
    lo, hi = (end, d.start) if d.start >= end else (d.end, start)
    return lo < hi and _CLAUSE_GAP.search(text, lo, hi) is not None


def _distance(trigger: tuple[str, int, int], d: DateMention) -> int:
    _, start, end = trigger
    if d.start >= end:
        return d.start - end
    if d.end <= start:
        return start - d.end + 5  # a date after its verb is the usual order
    return 0
