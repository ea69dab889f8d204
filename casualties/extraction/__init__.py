"""Casualty claims, cease-fire events and statements from a clean article body.

Pure: text and a publication datetime in, frozen dataclasses out.

    extraction = extract(body, published, outlet="Associated Press")
    extraction.casualties, extraction.ceasefire_events, extraction.statements
"""

from __future__ import annotations

from .api import extract, to_gold_record
from .model import (
    EXTRACTOR_VERSION,
    CasualtyClaim,
    CeasefireEvent,
    DateMention,
    Evidence,
    Extraction,
    Quantity,
    Statement,
)
from .registry import Actor, ActorRegistry

__all__ = [
    "EXTRACTOR_VERSION",
    "Actor",
    "ActorRegistry",
    "CasualtyClaim",
    "CeasefireEvent",
    "DateMention",
    "Evidence",
    "Extraction",
    "Quantity",
    "Statement",
    "extract",
    "to_gold_record",
]
