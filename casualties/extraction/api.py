"""The entry points: ``extract`` and ``to_gold_record``."""

from __future__ import annotations

import datetime as dt
import re
from bisect import bisect_left
from typing import Any

from .casualties import extract_casualties
from .ceasefire import extract_ceasefire_events
from .context import ArticleContext
from .dates import date_anchors, date_matches, mention
from .model import EXTRACTOR_VERSION, DateMention, Extraction
from .registry import ActorRegistry
from .scan import caseless_folded, lowered
from .sentences import Sentence, split_sentences
from .statements import extract_statements

# Agency tags in a dateline or sign-off, and the outlet each names.
_AGENCY_TAGS: tuple[tuple[str, str], ...] = (
    (r"\(AP\)|\bAssociated Press\b", "Associated Press"),
    (r"\(Reuters\)|\btold Reuters\b|\bReuters tally\b", "Reuters"),
    (r"\(AFP\)|\btold AFP\b|^-- AFP$", "AFP"),
    (r"\btold the BBC\b|\bthe BBC\b", "BBC"),
)


def detect_outlet(body: str) -> str | None:
    """The agency whose copy this is, from its dateline tag or its own voice."""
    for pattern, name in _AGENCY_TAGS:
        if re.search(pattern, body, re.MULTILINE):
            return name
    return None


def extract(
    body: str,
    published: dt.datetime,
    *,
    outlet: str | None = None,
    registry: ActorRegistry | None = None,
) -> Extraction:
    """Extract casualty claims, cease-fire events and statements from ``body``.

    ``published`` is the aware publication datetime in the page's own zone; its date in
    that zone anchors every relative date. ``outlet`` names the claimant for figures
    the story states on its own authority (detected from the body when not given).
    ``registry`` adds known actors to the generic world registry.
    """
    pub = published.date()
    reg = ActorRegistry.default() if registry is None else ActorRegistry.default().merged(registry)
    outlet = outlet or detect_outlet(body)
    sentences = split_sentences(body)
    ctx = ArticleContext.build(body, reg, lowered(body))
    # one anchored pass of the date grammar per sentence, resolved as past events
    date_low = caseless_folded(ctx.low)  # (folded once here, not for each sentence)
    anchors = date_anchors(date_low)
    matches = [
        date_matches(body, date_low, s.start, s.end, anchors, folded=True)
        if (k := bisect_left(anchors, s.start)) < len(anchors) and anchors[k] < s.end
        else []  # no date word in the sentence
        for s in sentences
    ]
    dates = [[mention(m, pub) for m in ms] for ms in matches]
    _same_day_references(ctx.low, sentences, dates)
    casualties = extract_casualties(sentences, pub, ctx, outlet, dates)
    events = extract_ceasefire_events(sentences, pub, ctx, matches, dates)
    statements = extract_statements(sentences, pub, ctx, dates)
    return Extraction(
        pub, outlet, tuple(casualties), tuple(events), tuple(statements), EXTRACTOR_VERSION
    )


# "that day", "the same day", "later that day": the day the sentence before gave.
_SAME_DAY = re.compile(
    r"\b(?:(?:later|earlier)\s+)?(?:that|the\s+same)\s+(?:day|evening|night|morning|afternoon)\b"
)


def _same_day_references(
    low: str, sentences: list[Sentence], dates: list[list[DateMention]]
) -> None:
    """Give "that day" in a sentence with no day of its own the last day the sentence
    before it in its paragraph resolved ("... declared a truce on Wednesday. It took effect
    at 1 p.m. that day")."""
    for i in range(1, len(sentences)):
        sent = sentences[i]
        if sentences[i - 1].paragraph != sent.paragraph or any(d.kind == "day" for d in dates[i]):
            continue
        days = [d for d in dates[i - 1] if d.kind == "day" and d.date is not None]
        m = _SAME_DAY.search(low, sent.start, sent.end) if days else None
        if m is not None:
            dates[i] = sorted(
                [*dates[i], DateMention(m.group(0), m.start(), m.end(), days[-1].date, "day")],
                key=lambda d: d.start,
            )


def _iso(d: dt.date | None) -> str | None:
    return d.isoformat() if d else None


def to_gold_record(
    file: str, headline: str | None, published: dt.datetime, extraction: Extraction
) -> dict[str, Any]:
    """One line of the exchange format (``GOLD_FORMAT.md``) for this extraction."""
    return {
        "file": file.rsplit("/", 1)[-1],
        "published": published.date().isoformat(),
        "headline": headline,
        "casualties": [
            {
                "number": c.number,
                "approx_words": c.approx_words,
                "qualifier": c.qualifier,
                "low": c.low,
                "high": c.high,
                "category": c.category,
                "population": c.population,
                "party": c.party,
                "claimant": c.claimant,
                "as_of": _iso(c.as_of),
                "evidence": c.evidence.text,
            }
            for c in extraction.casualties
        ],
        "ceasefire_events": [
            {
                "kind": e.kind,
                "broker": e.broker,
                "parties": list(e.parties),
                "date": _iso(e.date),
                "evidence": e.evidence.text,
            }
            for e in extraction.ceasefire_events
        ],
        "statements": [
            {
                "speaker": s.speaker,
                "quote": s.quote,
                "date": _iso(s.date),
                "evidence": s.evidence.text,
            }
            for s in extraction.statements
        ],
    }
