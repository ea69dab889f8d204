"""Frozen records produced by the extractor.

Every record carries its evidence (the exact sentence of the body, with offsets), the
date words it resolved, a confidence in [0, 1] and the extractor version, so that a
stored claim can always be traced back to the words that produced it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

EXTRACTOR_VERSION = "0.1.0"

QUALIFIERS = ("exact", "at_least", "more_than", "about", "nearly", "up_to", "range")
CATEGORIES = ("killed", "wounded", "missing", "captured", "displaced", "killed_or_wounded")
POPULATIONS = ("troops", "civilians", "children", "women", "unspecified")
CEASEFIRE_KINDS = (
    "proposed",
    "talks_scheduled",
    "talks_held",
    "agreed",
    "took_effect",
    "violated",
)


@dataclass(frozen=True, slots=True)
class Evidence:
    """A sentence of the body: ``body[start:end] == text``."""

    text: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class DateMention:
    """Date words found in the body and what they resolved to.

    ``kind`` is ``day`` (a resolved calendar day), ``vague`` ("last week": no day),
    ``period_start`` ("since Sept. 27") or ``period_end`` ("by the end of 2021").
    """

    text: str
    start: int
    end: int
    date: dt.date | None
    kind: str


@dataclass(frozen=True, slots=True)
class Quantity:
    """A quantity phrase: "2,345", "nearly 5,000", "two dozen", "scores", "between 10 and 15"."""

    text: str
    start: int
    end: int
    number: int | None
    low: int | None
    high: int | None
    qualifier: str
    approx_words: str | None


@dataclass(frozen=True, slots=True)
class CasualtyClaim:
    number: int | None
    approx_words: str | None
    qualifier: str
    low: int | None
    high: int | None
    category: str
    population: str
    party: str | None
    claimant: str | None
    claimant_is_outlet: bool
    as_of: dt.date | None
    period_start: dt.date | None
    cumulative: bool
    figure: Quantity
    evidence: Evidence
    dates: tuple[DateMention, ...]
    confidence: float
    extractor_version: str = EXTRACTOR_VERSION


@dataclass(frozen=True, slots=True)
class CeasefireEvent:
    kind: str
    broker: str | None
    parties: tuple[str, ...]
    date: dt.date | None
    evidence: Evidence
    dates: tuple[DateMention, ...]
    confidence: float
    extractor_version: str = EXTRACTOR_VERSION


@dataclass(frozen=True, slots=True)
class Statement:
    speaker: str | None
    speaker_kind: str  # "person", "organisation" or "unknown"
    role: str | None
    quote: str
    quote_spans: tuple[tuple[int, int], ...]
    channel: str | None
    date: dt.date | None
    evidence: Evidence
    dates: tuple[DateMention, ...]
    confidence: float
    extractor_version: str = EXTRACTOR_VERSION


@dataclass(frozen=True, slots=True)
class Extraction:
    published: dt.date
    outlet: str | None
    casualties: tuple[CasualtyClaim, ...]
    ceasefire_events: tuple[CeasefireEvent, ...]
    statements: tuple[Statement, ...]
    extractor_version: str = EXTRACTOR_VERSION
