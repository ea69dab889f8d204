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

from .context import ArticleContext
from .dates import mention
from .grammar import inside_quotation
from .model import EXTRACTOR_VERSION, CeasefireEvent, DateMention, Evidence
from .scan import has_any
from .sentences import Sentence

TRUCE = (
    r"(?:cease-?fires?|truces?|(?:humanitarian\s+)?pauses?|cessation\s+of\s+hostilities|armistice|"
    r"break\s+in\s+(?:the\s+)?fighting|halt\s+to\s+(?:the\s+)?fighting|stop\s+(?:the\s+)?fighting)"
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
        r"\b(?:called\s+for|calling\s+for|urged|urging|proposed|proposing|appealed\s+for)\b",
        "truce",
    ),
    (
        "talks_scheduled",
        r"\b(?:(?:are|is|were|was)\s+(?:scheduled|due|expected|set)|will\s+(?:host|hold|meet|attend)|plans?\s+to\s+(?:host|hold|meet))\b",
        "talks",
    ),
    (
        "talks_held",
        r"\b(?:held|hosted|hosting|began|begun|opened|ended|met|last\s+held|concluded)\b",
        "talks",
    ),
    (
        "agreed",
        r"(?<![-\w])(?:agreed|agree|brokered|declared|ordered|approved|signed|struck|reached|accepted|extended|announced\s+the\s+agreement)\b(?!-)",
        "deal",
    ),
    (
        "took_effect",
        r"\b(?:took\s+effect|take\s+effect|taking\s+effect|came\s+into\s+(?:force|effect)|went\s+into\s+effect|entered\s+into\s+force|entering\s+force|began|begun|started|come\s+into\s+force)\b",
        "truce_subject",
    ),
    (
        "violated",
        r"\b(?:frayed|fraying|violat\w+|breach\w*|shatter\w*|collapsed|broke\s+down|broken\s+down|unravell?ed)\b",
        "truce",
    ),
]
_TRIGGER_RES = [(k, re.compile(p, re.IGNORECASE), n) for k, p, n in TRIGGERS]
_SUBORDINATE = re.compile(
    r"\b(?:after|before|since|until|once|when|as|if)\s+(?:\w+\s+){0,2}$", re.IGNORECASE
)
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
        r"\b([A-Z][\w.]*(?:\s+[A-Z][\w.]*)?)-(?:brokered|mediated|sponsored|backed\s+talks)"
    ),
    re.compile(
        r"\b(?:brokered|mediated|sponsored)\s+by\s+((?:[A-Z][\w.]*|and|the)(?:[\s,]+(?:[A-Z][\w.]*|and|the))*)"
    ),
    re.compile(r"\bmediator\s+((?:[A-Z][\w.]*\s*)+)"),
    re.compile(
        r"\bunder\s+(?:the\s+)?mediation\s+of\s+(?:[A-Z]\w+\s+)?(?:President\s+|Foreign\s+Minister\s+)?((?:[A-Z][\w.]*\s*)+)"
    ),
    re.compile(r"\bunder\s+((?:[A-Z][\w.]*\s+)+)mediation\b"),
    re.compile(
        r"\b((?:[A-Z][\w.]*\s+){1,4})(?:[\w\s]{0,30})?\b(?:hosted|hosting|will\s+host|brokered)\b"
    ),
    re.compile(
        r"\b(?:with|by)\s+((?:U\.S\.|[A-Z][a-z]+))\s+(?:officials|Secretary|envoys?|mediators|diplomats|Foreign)"
    ),
    re.compile(
        r"\b((?:the\s+)?(?:UN|U\.N\.|United\s+Nations|AU|African\s+Union))\s+(?:special\s+)?envoy\b"
    ),
]


_CAPITALISED = re.compile(r"(?:U\.S\.|U\.N\.|[A-Z][\w’'\-]+)(?:\s+[A-Z][\w’'\-]+)?")


def _countries_in(text: str, ctx: ArticleContext) -> list[str]:
    out: list[str] = []
    reg = ctx.registry
    for m in _CAPITALISED.finditer(text):
        words = m.group(0)
        first = words.split()[0]
        for cand in (words, first) if first != words else (words,):
            base = cand[:-2] if cand.endswith(("’s", "'s")) else cand
            c = reg.country_of(base)
            if c is None:
                actor = reg.lookup(base)
                c = actor.name if actor is not None and actor.kind == "organisation" else None
            if c and c not in out:
                out.append(c)
                break
    return out


# A word each broker pattern needs (checked on the lower-cased sentence first).
_BROKER_NEEDS = (
    ("-brokered", "-mediated", "-sponsored", "-backed"),
    ("brokered", "mediated", "sponsored"),
    ("mediator",),
    ("mediation",),
    ("mediation",),
    ("host", "brokered"),
    ("with", "by"),
    ("envoy",),
)


def _broker_in(text: str, ctx: ArticleContext, low: str | None = None) -> str | None:
    low = text.lower() if low is None else low
    for pat, needs in zip(_BROKER_PATTERNS, _BROKER_NEEDS, strict=True):
        if not any(n in low for n in needs):
            continue
        m = pat.search(text)
        if not m:
            continue
        names = _countries_in(m.group(1), ctx)
        if names:
            return " and ".join(names)
        org = re.sub(r"^the\s+", "", m.group(1).strip())
        if ctx.registry.lookup(org) is not None:
            return ctx.registry.canonical(org)
        if (
            m.group(1).strip()[:1].isupper()
            and len(m.group(1).split()) <= 4
            and pat is _BROKER_PATTERNS[4]
        ):
            return m.group(1).strip()
    return None


def _proposer(text: str, trigger_at: int, ctx: ArticleContext) -> str | None:
    pre = text[:trigger_at]
    org = re.search(r"\b(?:head|leader|chief)\s+of\s+the\s+((?:[A-Z][\w’'\-]*\s*)+)", pre)
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
_TRUCE_KEYS = ("cease", "truce", "pause", "cessation", "armistice", "fighting")
_TALKS_KEYS = ("talks", "negotiations", "summit", "round", "meet")
_DEAL_KEYS = (*_TRUCE_KEYS, "deal", "agreement", "plan", "extension")
# For each trigger row, words without which it cannot match (checked first).
_TRIGGER_KEYS: dict[str, tuple[str, ...]] = {
    "proposed": ("call", "urg", "propos", "appeal"),
    "talks_scheduled": ("scheduled", "due", "expected", "set", "will", "plan"),
    "talks_held": ("held", "host", "began", "begun", "opened", "ended", "met", "concluded"),
    "agreed": ("agree", "brokered", "declared", "ordered", "approved", "signed", "struck",
               "reached", "accepted", "extended", "announced"),
    "took_effect": ("effect", "force", "entering", "began", "begun", "started"),
    "violated": ("fray", "violat", "breach", "shatter", "collapsed", "broke", "unravel"),
}  # fmt: skip
_TRIGGERS_L = [(k, re.compile(p), n, _TRIGGER_KEYS[k]) for k, p, n in TRIGGERS]
_TRUCE_SUBJECT_L = re.compile(rf"{TRUCE}|\b(?:it|deal|agreement)\b")
_MEET = re.compile(r"\b(?:meet|meeting)\b")
_TALKS_WORD_L = re.compile(r"\btalks|negotiations|summit\b")
_SIDES_L = re.compile(r"\b(?:both|two|sides|parties|envoys)\b")
_SUBORDINATE_L = re.compile(_SUBORDINATE.pattern)
_FUTURE_L = re.compile(_FUTURE.pattern)
_NEGATED_L = re.compile(_NEGATED.pattern)
_UNILATERAL_L = re.compile(_UNILATERAL.pattern)
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


def _ends_before(pattern: re.Pattern[str], text: str, pos: int) -> bool:
    """Whether ``pattern`` (ending in ``$``) matches just before offset ``pos``."""
    return pattern.search(text, max(0, pos - _TAIL), pos) is not None


def extract_ceasefire_events(
    sentences: list[Sentence],
    published: dt.date,
    ctx: ArticleContext,
    date_matches: list[list[re.Match[str]]],
) -> list[CeasefireEvent]:
    if not _TRUCE_L.search(ctx.low):
        return []
    lows = [ctx.low[s.start : s.end] for s in sentences]
    truce_in = [has_any(lt, _TRUCE_KEYS) and bool(_TRUCE_L.search(lt)) for lt in lows]
    talks_in = [has_any(lt, _TALKS_KEYS) and bool(_TALKS_L.search(lt)) for lt in lows]
    default_broker: str | None = None
    for i, s in enumerate(sentences):
        if truce_in[i] or talks_in[i]:
            default_broker = _broker_in(s.text, ctx, lows[i])
            if default_broker:
                break
    parties_default = tuple(_countries_in(ctx.body[:1500], ctx)[:2])
    out: list[CeasefireEvent] = []
    for _idx, sent in enumerate(sentences):
        text = sent.text
        ltext = lows[_idx]
        if "“" in text[:2] or text.startswith('"'):
            continue  # a quotation is a statement, not a report of an event
        if not (
            truce_in[_idx] or talks_in[_idx] or has_any(ltext, _DEAL_KEYS) and _DEAL_L.search(ltext)
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
                if needs == "truce" and not _TRUCE_L.search(window):
                    continue
                if needs == "deal" and not _DEAL_L.search(window):
                    continue
                if needs == "talks" and not _TALKS_L.search(window):
                    continue
                if needs == "truce_subject" and not _TRUCE_SUBJECT_L.search(
                    ltext[max(0, m.start() - 60) : m.start()]
                ):
                    continue
                if kind == "talks_held" and not _TALKS_L.search(
                    ltext[max(0, m.start() - 60) : m.end() + 50]
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
                    and m.group(0) == "signed"
                    and not _SIDES_L.search(ltext, 0, m.start())
                ):
                    continue
                if (
                    kind == "agreed"
                    and m.group(0) in ("reached", "struck", "brokered")
                    and _ends_before(_PREVIOUSLY_BEFORE, text, m.start())
                ):
                    continue
                if kind == "violated" and _ends_before(_ANY_BEFORE, text, m.start()):
                    continue
                if _ends_before(_NEGATED_L, ltext, m.start()):
                    continue
                triggers.append((kind, m.start(), m.end()))
        if not triggers:
            continue
        triggers.sort(key=lambda t: t[1])
        gmt = [(m.start() + sent.start, m.end() + sent.start) for m in _PAREN_GMT.finditer(text)]
        ms = [
            m for m in date_matches[_idx] if not any(m.start() < b and m.end() > a for a, b in gmt)
        ]
        sent_dates = [
            d
            for d in (mention(m, published, shift=-sent.start) for m in ms)
            if d.kind in ("day", "vague")
        ]
        fut_dates = [mention(m, published, future=True, shift=-sent.start) for m in ms]
        # each date word to its nearest trigger
        owner: dict[int, int] = {}
        for di, d in enumerate(sent_dates):
            best = min(range(len(triggers)), key=lambda ti: _distance(triggers[ti], d))
            owner[di] = best
        unilateral = bool(_UNILATERAL_L.search(ltext))
        earlier_truce = bool(_EARLIER_TRUCE_L.search(ltext))
        sentence_broker: list[str | None] = []
        sentence_countries: list[str] = []
        for ti, (kind, start, end) in enumerate(triggers):
            own = [sent_dates[di] for di, t in owner.items() if t == ti]
            # a participle after its noun ("a truce brokered by X", "extended pauses")
            # describes the truce; like a subordinate clause it needs its own day
            participle = bool(
                _BY_AFTER.match(text, end) and not _ends_before(_PASSIVE_BEFORE, text, start)
            ) or (ltext[start:end] == "extended" and not _EXTENDED_OBJECT.match(text, end))
            subordinate = participle or _ends_before(_SUBORDINATE_L, ltext, start)
            if subordinate:
                own = [d for d in own if d.start >= end]
            future = kind == "talks_scheduled" or _ends_before(_FUTURE_L, ltext, start)
            if subordinate and not own:
                continue
            date: dt.date | None
            date_mentions: tuple[DateMention, ...] = ()
            if own:
                d = min(own, key=lambda d: _distance(triggers[ti], d))
                if future:
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
            else:
                date = published if kind != "violated" or _HAVE.search(text) else None
                if kind in ("agreed", "violated", "talks_held") and not _HAVE_DONE.search(text):
                    date = None if kind != "agreed" else published
            if kind == "agreed" and unilateral or earlier_truce:
                broker = None
            elif kind == "proposed":
                broker = _proposer(text, start, ctx)
            else:
                if not sentence_broker:
                    sentence_broker.append(_broker_in(text, ctx, ltext))
                broker = sentence_broker[0] or default_broker
            if not sentence_countries:
                sentence_countries.extend(_countries_in(text, ctx) or [""])
            parties = (
                tuple(c for c in sentence_countries if c and c != broker)[:2] or parties_default
            )
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
            if any(e.kind == kind and (e.date == date or date is None) for e in out):
                continue
            out.append(event)
    return out


def _distance(trigger: tuple[str, int, int], d: DateMention) -> int:
    _, start, end = trigger
    if d.start >= end:
        return d.start - end
    if d.end <= start:
        return start - d.end + 5  # a date after its verb is the usual order
    return 0
