"""The shared seed and dev pages: every field the newsroom relies on, page by page.

The pages are read from ../shared (never copied here). Furniture strings named below were
picked by reading each page; the parser itself knows none of them.
"""

from __future__ import annotations

from collections import Counter
from datetime import date
from typing import NamedTuple

import pytest

from articles.parsing import ParsedArticle, furniture_key, page_lines, parse_bytes

from .support import evidence, gold_records, page_path


class Expected(NamedTuple):
    zone: str | None
    agency: str | None
    authors: tuple[str, ...]
    first: str
    last: str
    furniture: tuple[str, ...]


INDEPENDENT_FURNITURE = (
    "Stay up to date with notifications",
    "Notifications can be managed",
    "Your support helps us",
    "Your donation allows us",
    "we choose not to lock Americans out",
    "Thank you for registering",
    "Please refresh the page",
)

EXPECTED: dict[str, Expected] = {
    "000_3b2e9008016454db.txt": Expected(
        "Europe/London", "Associated Press", (),
        "Armenia's prime minister on Wednesday urged citizens",
        "On Friday, the Armenian and Azerbaijani foreign ministers",
        INDEPENDENT_FURNITURE,
    ),
    "001_9ac61c74d985831d.txt": Expected(
        "America/New_York", "Associated Press", (),
        "Fighting over the separatist Nagorno-Karabakh region continued Sunday",
        "In the Saturday interview, Aliyev charged",
        INDEPENDENT_FURNITURE,
    ),
    "002_6ccf3da237ed7cb4.txt": Expected(
        "America/New_York", "Associated Press", (),
        "Azerbaijani forces pushed deeper into Nagorno-Karabakh",
        "Azerbaijani President Ilham Aliyev has insisted",
        INDEPENDENT_FURNITURE,
    ),
    "003_406014d11440a5bc.txt": Expected(
        None, "Associated Press", (),
        "MOSCOW — Russia moved to stop",
        "Macron’s office voiced hope",
        ("Please ensure Javascript", "DON'T MISS", "UP NEXT", "Royal Caribbean",
         "RELATED TOPICS", "Help continue the work", "Send this to a friend", "11 hours ago",
         "Fighting Began Sept. 27"),
    ),
    "101_karabakh-truce-ganja.txt": Expected(
        "UTC+04:00", "Reuters", ("Anahit Sargsyan", "Rauf Guliyev"),
        "BAKU/YEREVAN, Oct 11 (Reuters) - Armenia and Azerbaijan",
        "Turkey, which backs Azerbaijan",
        ("We use cookies", "Read Next", "Typhoon kills 14", "Our Standards",
         "Purchase Licensing Rights", "All quotes delayed", "Exclusive news, data",
         "Reporting by"),
    ),
    "102_kramatorsk-station-strike.txt": Expected(
        "America/Chicago", "Associated Press", ("Dmytro Lysenko", "Peter Hallworth"),
        "KRAMATORSK, Ukraine (AP) — A missile slammed",
        "This story has been corrected",
        ("Sign up for The 9 Brief", "TRENDING STORIES", "Two dead, three hurt",
         "Copyright 2022", "Download our free app", "SHARE", "(AP Photo/Staff)",
         "contributed to this report"),
    ),
    "103_ukraine-christmas-truce.txt": Expected(
        "UTC+08:00", "AFP", (),
        "Kyiv (AFP) - Russian and Ukrainian forces",
        "Kyiv has said about 400 Russian soldiers",
        ("Cookies on this site", "Share this article", "Listen to this article",
         "Ferry capsizes off Sulawesi", "Comments are moderated", "morning briefing",
         "-- AFP", "PHOTO: AFP"),
    ),
    "104_tigray-unilateral-ceasefire.txt": Expected(
        "Europe/London", None, (),
        "Ethiopia's government has declared an immediate",
        "In Addis Ababa, the prime minister's office",
        ("Read more:", "More on this story", "Surfside", "Most Read", "Image caption",
         "Getty Images", "Market air strike", "Crowds gathered in central Mekelle"),
    ),
    "105_idlib-moscow-ceasefire.txt": Expected(
        None, "Reuters", ("Orhan Demirci", "Yulia Sokolova"),
        "MOSCOW/ANKARA (Reuters) - Russia and Turkey agreed",
        'The so-called "de-escalation zone"',
        ("Share on Facebook", "MORE FROM REUTERS", "Coronavirus cases in Italy",
         "Our Standards", "4 MIN READ", "Sputnik/Kremlin via REUTERS"),
    ),
    "106_gaza-pause-extended.txt": Expected(
        "America/New_York", "Associated Press", ("Noor Haddad", "Eli Shapiro"),
        "DEIR AL-BALAH, Gaza Strip (AP) — Israel and Hamas agreed",
        "The 2014 war between Israel and Hamas",
        ("Follow AP’s coverage", "MOST READ", "Mega Millions",
         "Get the AP Morning Wire newsletter", "Enter your email", "Link copied", "Read More"),
    ),
    "107_sudan-jeddah-truce.txt": Expected(
        "Europe/Paris", "AFP", (),
        "Khartoum (AFP) – Air strikes and artillery fire",
        "Daglo's RSF grew out of the Janjaweed",
        ("Accept cookies?", "Read also", "Italy floods", "Newsletter: receive",
         "Advertising", "© 2023 AFP", "Smoke rises over southern Khartoum"),
    ),
    "108_yemen-truce-extension.txt": Expected(
        "Europe/London", None, (),
        "The two sides in Yemen's war have agreed",
        "Aid agencies say 23.4 million Yemenis",
        ("Read more:", "Platinum Jubilee", "IMAGE SOURCE", "BBC News Services",
         "A war of attrition"),
    ),
    "109_libya-moscow-talks.txt": Expected(
        "America/Chicago", "Associated Press", ("Samir Haddad", "Irina Volkova"),
        "CAIRO (AP) — The commander of forces",
        "Libya has been in turmoil since 2011",
        ("Sign up for the Ledger's free Morning Briefing", "Read more: Libya's war",
         "Join the conversation", "Two killed in Route 4", "Share on Facebook",
         "Subscribe for $1"),
    ),
    "110_tigray-pretoria-deal.txt": Expected(
        "UTC", "Reuters", (),
        "PRETORIA, Nov 2 (Reuters) - Ethiopia's government",
        "Military commanders from both sides",
        ("Follow us on WhatsApp", "MORE FROM AFRICA", "Load-shedding", "Our comment policy",
         "Kenya drought"),
    ),
    "111_gaza-2021-ceasefire.txt": Expected(
        "America/New_York", "AFP", (),
        "Gaza City (AFP) - Palestinians in Gaza streamed out",
        "Egypt said it would send two security delegations",
        ("In this article", "Related stories", "Tornado kills 2", "Privacy Dashboard",
         "-- AFP", "(AFP/STAFF)"),
    ),
    "112_mariupol-azovstal.txt": Expected(
        "America/New_York", "Associated Press", ("Oksana Melnyk", "David Price"),
        "KYIV, Ukraine (AP) — Hundreds of Ukrainian fighters",
        "Peace talks between Russia and Ukraine have stalled",
        ("Follow AP’s coverage", "MORE STORIES", "Buffalo supermarket",
         "Sign up for AP’s Morning Wire", "Click to copy", "Ad Choices"),
    ),
}  # fmt: skip

FILES = sorted(EXPECTED)


def parse_page(file_name: str) -> ParsedArticle:
    path = page_path(file_name)
    return parse_bytes(path.read_bytes(), filename=path.name)


@pytest.mark.parametrize("file_name", FILES)
def test_headline_matches_gold(file_name: str) -> None:
    article = parse_page(file_name)
    assert article.headline == gold_records()[file_name]["headline"]


@pytest.mark.parametrize("file_name", FILES)
def test_publication_day_in_the_pages_own_zone_matches_gold(file_name: str) -> None:
    article = parse_page(file_name)
    assert article.published is not None
    assert article.published.tzinfo is not None
    assert article.published.date() == date.fromisoformat(gold_records()[file_name]["published"])


@pytest.mark.parametrize("file_name", FILES)
def test_publication_time_keeps_the_zone_the_page_states(file_name: str) -> None:
    article = parse_page(file_name)
    assert article.timezone_name == EXPECTED[file_name].zone
    assert article.published_text


@pytest.mark.parametrize("file_name", FILES)
def test_agency_and_authors_come_from_byline_and_dateline(file_name: str) -> None:
    article = parse_page(file_name)
    assert article.agency == EXPECTED[file_name].agency
    assert article.authors == EXPECTED[file_name].authors


@pytest.mark.parametrize("file_name", FILES)
def test_body_runs_from_the_first_to_the_last_story_paragraph(file_name: str) -> None:
    article = parse_page(file_name)
    assert article.paragraphs[0].startswith(EXPECTED[file_name].first)
    assert article.paragraphs[-1].startswith(EXPECTED[file_name].last)


@pytest.mark.parametrize("file_name", FILES)
def test_every_gold_evidence_sentence_is_in_the_body(file_name: str) -> None:
    article = parse_page(file_name)
    missing = [s for s in evidence(gold_records()[file_name]) if s not in article.body]
    assert missing == []


@pytest.mark.parametrize("file_name", FILES)
def test_no_furniture_line_is_left_in_the_body(file_name: str) -> None:
    article = parse_page(file_name)
    left = [line for line in EXPECTED[file_name].furniture if line in article.body]
    assert left == []


@pytest.mark.parametrize("file_name", FILES)
def test_headline_is_not_repeated_as_a_paragraph(file_name: str) -> None:
    article = parse_page(file_name)
    assert article.headline not in article.paragraphs


@pytest.mark.parametrize(
    ("file_name", "caption_start"),
    [
        ("102_kramatorsk-station-strike.txt", "Police officers stand near the remains"),
        ("104_tigray-unilateral-ceasefire.txt", "Crowds gathered in central Mekelle"),
        ("107_sudan-jeddah-truce.txt", "Smoke rises over southern Khartoum"),
        ("111_gaza-2021-ceasefire.txt", "A Palestinian boy stands amid the rubble"),
    ],
)
def test_photo_captions_are_kept_apart_from_the_body(file_name: str, caption_start: str) -> None:
    article = parse_page(file_name)
    assert any(caption.startswith(caption_start) for caption in article.captions)
    assert caption_start not in article.body


@pytest.mark.parametrize(
    ("file_name", "subheads"),
    [
        ("003_406014d11440a5bc.txt", ("Fighting Began Sept. 27", "Shelling Continued Overnight")),
        ("104_tigray-unilateral-ceasefire.txt", ("Market air strike", "Millions in need")),
        ("108_yemen-truce-extension.txt", ("A war of attrition",)),
    ],
)
def test_crossheads_are_subheads_not_paragraphs(file_name: str, subheads: tuple[str, ...]) -> None:
    article = parse_page(file_name)
    assert set(subheads) <= set(article.subheads)


@pytest.mark.parametrize(
    ("file_name", "contributors"),
    [
        ("000_3b2e9008016454db.txt", ("Vladimir Isachenkov", "Aida Sultanova")),
        ("101_karabakh-truce-ganja.txt", ("Pavel Orlov", "Tom Ashworth")),
        ("106_gaza-pause-extended.txt", ("Tia Goldberg", "Samir Khoury")),
    ],
)
def test_contributing_writers_are_listed(file_name: str, contributors: tuple[str, ...]) -> None:
    assert parse_page(file_name).contributors == contributors


def test_date_only_page_is_flagged_and_set_at_noon_utc() -> None:
    article = parse_page("003_406014d11440a5bc.txt")
    assert article.published_date_only
    assert article.published is not None
    assert article.published.isoformat() == "2020-10-09T12:00:00+00:00"


def test_lines_an_outlet_repeats_on_every_page_are_removed_as_known_furniture() -> None:
    """What the service layer does: lines common to an outlet's pages become a signal."""
    independent = ["000_3b2e9008016454db.txt", "001_9ac61c74d985831d.txt"]
    counts: Counter[str] = Counter()
    for name in independent:
        counts.update({furniture_key(line) for line in page_lines(page_path(name).read_text())})
    known = frozenset(key for key, seen in counts.items() if seen == len(independent))
    path = page_path("002_6ccf3da237ed7cb4.txt")
    article = parse_bytes(path.read_bytes(), filename=path.name, known_furniture=known)
    assert "Your support makes all the difference." not in article.body
    assert all(s in article.body for s in evidence(gold_records()[path.name]))


def test_all_gold_evidence_sentences_are_found_across_the_corpus() -> None:
    found = total = 0
    for file_name in FILES:
        body = parse_page(file_name).body
        sentences = evidence(gold_records()[file_name])
        total += len(sentences)
        found += sum(1 for sentence in sentences if sentence in body)
    assert total > 0
    assert found == total
