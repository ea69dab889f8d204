"""Where the shared corpus lives, and its gold records.

The corpus is not copied into the project: tests read it from ``../shared`` beside the
checkout (or from ``$TRACKER_SHARED_DIR``) and skip, saying why, when it is not there.
"""

from __future__ import annotations

import json
import os
from functools import cache
from pathlib import Path
from typing import Any

import pytest

REPO_ROOT = Path(__file__).resolve().parents[3]
FIXTURES = REPO_ROOT / "tests" / "fixtures" / "pages"


def shared_dir() -> Path:
    configured = os.environ.get("TRACKER_SHARED_DIR")
    if configured:
        return Path(configured).resolve()
    return (REPO_ROOT / ".." / "shared").resolve()


def corpus_dir() -> Path:
    return shared_dir() / "corpus"


def require_corpus() -> Path:
    corpus = corpus_dir()
    if not (corpus / "seeds-gold.jsonl").is_file():
        pytest.skip(f"shared corpus not found at {corpus} (set TRACKER_SHARED_DIR to use it)")
    return corpus


@cache
def gold_records() -> dict[str, dict[str, Any]]:
    """Gold records by file name; empty when the corpus is absent."""
    corpus = corpus_dir()
    records: dict[str, dict[str, Any]] = {}
    for gold in (corpus / "seeds-gold.jsonl", corpus / "dev" / "gold.jsonl"):
        if gold.is_file():
            for line in gold.read_text(encoding="utf-8").splitlines():
                if line.strip():
                    record = json.loads(line)
                    records[record["file"]] = record
    return records


def page_path(file_name: str) -> Path:
    folder = "seeds" if file_name[0] == "0" else "dev"
    return require_corpus() / folder / file_name


def evidence(record: dict[str, Any]) -> list[str]:
    return [
        entry["evidence"]
        for key in ("casualties", "ceasefire_events", "statements")
        for entry in record.get(key, [])
    ]
