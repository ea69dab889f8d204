"""Extraction alone, on one core, against parsing and sentence-splitting the same articles."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

from articles import parsing
from bench.corpus import sample_articles
from casualties.extraction import extract
from casualties.extraction.sentences import split_sentences

MIN_SECONDS = 3.0


def rate(work: Callable[[], None], per_call: int, min_seconds: float = MIN_SECONDS) -> float:
    """Calls of ``work`` per second (times ``per_call`` items), after one warm-up call."""
    work()
    calls, started = 0, time.perf_counter()
    while (elapsed := time.perf_counter() - started) < min_seconds:
        work()
        calls += 1
    return calls * per_call / elapsed


def run() -> dict[str, Any]:
    articles = sample_articles()
    size = sum(len(a.body.encode()) for a in articles) / len(articles)

    def extraction() -> None:
        for article in articles:
            extract(article.body, article.published, outlet=article.outlet)

    def floor() -> None:
        for article in articles:
            parsing.parse_bytes(article.page, filename=article.filename)
            split_sentences(article.body)

    extraction_rate = rate(extraction, len(articles))
    floor_rate = rate(floor, len(articles))
    return {
        "extraction_articles_per_s": {
            "value": round(extraction_rate, 1),
            "articles": len(articles),
            "mean_body_bytes": round(size),
            "target": 500,
        },
        "parse_split_articles_per_s": {"value": round(floor_rate, 1)},
        "extraction_floor_ratio": {
            "value": round(floor_rate / extraction_rate, 2),
            "meaning": "extraction time / (parse + sentence split) time",
        },
    }
