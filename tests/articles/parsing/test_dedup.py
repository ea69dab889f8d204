"""Fingerprints for copies, signatures for versions."""

from __future__ import annotations

import itertools

import pytest

from articles.parsing import (
    fingerprint,
    is_version,
    parse_bytes,
    signature,
    signature_bands,
    similarity,
)
from articles.parsing.dedup import NUM_HASHES, normalize_text

from .support import FIXTURES, corpus_dir

STORY = [
    "KYIV, Ukraine (AP) — Russian forces shelled the city of Kherson on Monday, killing three "
    "people and wounding nine, the regional governor said.",
    "The strikes hit a market and a bus stop in the city centre shortly after 9 a.m., "
    "according to the governor, who posted photos of burning stalls.",
    "“They are hitting us where people buy bread,” said Halyna Petrenko, a trader whose stall "
    "was destroyed.",
    "Kherson has been shelled almost daily since Ukrainian forces retook it in November.",
    "Ukraine's military said air defences shot down 18 of 22 drones launched overnight.",
]


def test_the_same_wire_story_from_two_outlets_has_the_same_fingerprint() -> None:
    html = parse_bytes((FIXTURES / "wire-outlet-a.html").read_bytes(), filename="a.html")
    text = parse_bytes((FIXTURES / "wire-outlet-b.txt").read_bytes(), filename="b.txt")
    assert html.fingerprint == text.fingerprint
    assert similarity(html.signature, text.signature) == 1.0


@pytest.mark.parametrize(
    "variant",
    [
        [p.upper() for p in STORY],
        [p.replace("“", '"').replace("”", '"').replace("—", "-") for p in STORY],
        [" ".join(p.split()).replace(" ", "  ") for p in STORY],
        [STORY[0].split("— ", 1)[1], *STORY[1:]],
    ],
    ids=["case", "quotes and dashes", "spacing", "no dateline"],
)
def test_fingerprint_ignores_case_quotes_spacing_and_dateline(variant: list[str]) -> None:
    assert fingerprint(variant) == fingerprint(STORY)


def test_fingerprint_changes_when_a_figure_changes() -> None:
    changed = [STORY[0].replace("three", "four"), *STORY[1:]]
    assert fingerprint(changed) != fingerprint(STORY)


def test_a_story_updated_with_two_new_paragraphs_is_a_version() -> None:
    updated = [
        STORY[0].replace("three people", "four people"),
        "Rescuers were still searching the market for survivors late on Monday, the "
        "emergency service said.",
        *STORY[1:],
        "The governor urged residents to stay in shelters until the evening.",
    ]
    assert similarity(signature(STORY), signature(updated)) >= 0.6
    assert is_version(signature(STORY), signature(updated))


def test_signature_is_a_short_tuple_of_ints_that_fit_a_bigint_column() -> None:
    sig = signature(STORY)
    assert len(sig) == NUM_HASHES + 1
    assert all(isinstance(value, int) and 0 <= value < 2**63 for value in sig)
    assert signature(list(STORY)) == sig  # deterministic across calls


def test_unrelated_stories_about_the_same_wars_are_not_versions() -> None:
    pages = sorted((corpus_dir() / "dev").glob("*.txt")) + sorted(
        (corpus_dir() / "seeds").glob("*.txt")
    )
    if not pages:
        pytest.skip(f"shared corpus not found at {corpus_dir()}")
    signatures = [parse_bytes(p.read_bytes(), filename=p.name).signature for p in pages]
    worst = max(similarity(a, b) for a, b in itertools.combinations(signatures, 2))
    assert worst < 0.6


def test_empty_text_is_similar_to_nothing() -> None:
    assert similarity(signature([]), signature(STORY)) == 0.0
    assert normalize_text([]) == ""


def test_a_version_shares_an_index_band_with_the_original_and_bands_fit_bigint() -> None:
    updated = [*STORY, "The governor urged residents to stay in shelters until the evening."]
    original_bands = signature_bands(signature(STORY))
    assert len(original_bands) == 32
    assert all(-(2**63) <= key < 2**63 for key in original_bands)
    assert set(original_bands) & set(signature_bands(signature(updated)))
    assert signature_bands(signature([])) == ()
