"""Importing the four seed pages from ../shared stores the right metadata and clean bodies."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from django.core.management import call_command

from articles.models import Article
from tests.conftest import SHARED

SEEDS = SHARED / "corpus" / "seeds"
pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(not SEEDS.is_dir(), reason=f"{SEEDS} is not present"),
]

# (file, UTC offset of the page's own zone, first words of the first and last paragraphs)
EXPECTED = {
    "000_3b2e9008016454db.txt": (
        "+01:00",
        "Armenia's prime minister on Wednesday urged",
        "On Friday, the Armenian",
    ),
    "001_9ac61c74d985831d.txt": (
        "-04:00",
        "Fighting over the separatist",
        "In the Saturday interview,",
    ),
    "002_6ccf3da237ed7cb4.txt": (
        "-04:00",
        "Azerbaijani forces pushed deeper",
        "Azerbaijani President Ilham Aliyev has",
    ),
    "003_406014d11440a5bc.txt": ("+00:00", "MOSCOW — Russia moved", "Macron’s office voiced"),
}
FURNITURE = re.compile(
    r"notification|donat|paywall|newsletter|DON'T MISS|UP NEXT|JavaScript|sign in|"
    r"sign up for|share (on|this)|subscribe",
    re.IGNORECASE,
)


@pytest.fixture(scope="module")
def gold() -> dict[str, dict]:
    lines = (SHARED / "corpus" / "seeds-gold.jsonl").read_text().splitlines()
    return {record["file"]: record for record in map(json.loads, lines)}


@pytest.fixture
def imported(capsys: pytest.CaptureFixture[str]) -> dict[str, Article]:
    call_command("import_articles", str(SEEDS), "--json")
    report = json.loads(capsys.readouterr().out)
    assert report["counts"]["parsed"] == 4, report
    return {
        Path(entry["name"]).name: Article.objects.get(pk=entry["article"])
        for entry in report["files"]
    }


def test_seed_pages_keep_headline_date_zone_and_byline(imported, gold) -> None:  # type: ignore[no-untyped-def]
    for name, (offset, _, _) in EXPECTED.items():
        article = imported[name]
        local = article.published.astimezone(
            __import__("zoneinfo").ZoneInfo(article.timezone_name or "UTC")
        )
        assert article.headline == gold[name]["headline"], name
        assert local.date().isoformat() == gold[name]["published"], name
        assert local.isoformat().endswith(offset), (name, local)
        assert article.agency == "Associated Press", name
        assert "AP" in article.byline or "Associated Press" in article.byline, name


def test_seed_bodies_run_from_first_to_last_paragraph_without_furniture(imported, gold) -> None:  # type: ignore[no-untyped-def]
    for name, (_, first, last) in EXPECTED.items():
        paragraphs = imported[name].paragraphs
        assert paragraphs[0].startswith(first), (name, paragraphs[0])
        assert paragraphs[-1].startswith(last), (name, paragraphs[-1])
        for paragraph in paragraphs:
            assert not FURNITURE.search(paragraph), (name, paragraph)
        for kind in ("casualties", "ceasefire_events", "statements"):
            for record in gold[name][kind]:
                assert record["evidence"] in imported[name].body, (name, record["evidence"])
