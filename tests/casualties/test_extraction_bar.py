"""`manage.py extract --jsonl` on the shared corpus, scored by the shared scorer, must
stay at or above the product's quality bar (skipped when ../shared is absent)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import call_command

from tests.conftest import SHARED

SCORER = SHARED / "tools" / "score_extraction.py"
SETS = {
    "seeds": (SHARED / "corpus" / "seeds", SHARED / "corpus" / "seeds-gold.jsonl"),
    "dev": (SHARED / "corpus" / "dev", SHARED / "corpus" / "dev" / "gold.jsonl"),
}
# The bar: F1 of each kind, and attribute accuracy on matched casualty pairs.
F1_BAR = {"casualties": 0.90, "statements": 0.90, "ceasefire_events": 0.85}
ATTRIBUTE_BAR = {"claimant": 0.90, "party": 0.90, "as_of": 0.90}


@pytest.mark.skipif(not SCORER.exists(), reason=f"{SCORER} is not present")
@pytest.mark.parametrize("name", sorted(SETS))
def test_extraction_meets_the_quality_bar(
    name: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder, gold = SETS[name]
    call_command("extract", *sorted(str(p) for p in folder.glob("*.txt")), "--jsonl")
    predictions = tmp_path / "pred.jsonl"
    predictions.write_text(capsys.readouterr().out)
    result = subprocess.run(
        [sys.executable, str(SCORER), "--gold", str(gold), "--pred", str(predictions), "--json"],
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    report = json.loads(result.stdout[: result.stdout.rindex("}") + 1])
    for kind, bar in F1_BAR.items():
        assert report[kind]["f1"] >= bar, (name, kind, report[kind])
    for attribute, bar in ATTRIBUTE_BAR.items():
        accuracy = report["casualties"]["attributes"][attribute]
        assert accuracy >= bar, (name, attribute, accuracy)
