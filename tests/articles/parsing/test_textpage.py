"""The saved-text furniture filter on invented pages of outlets it has never seen."""

from __future__ import annotations

import pytest

from articles.parsing import clean_text_page, furniture_key, page_lines, parse_bytes
from articles.parsing.textpage import addresses_reader, describe_line, has_photo_credit

from .support import FIXTURES


def nordic() -> str:
    return (FIXTURES / "nordic-ledger-drone-strike.txt").read_text(encoding="utf-8")


def test_unfamiliar_layout_gives_headline_dek_date_and_byline() -> None:
    article = parse_bytes((FIXTURES / "nordic-ledger-drone-strike.txt").read_bytes(),
                          filename="nordic-ledger-drone-strike.txt")  # fmt: skip
    assert article.headline == "Drone strike on Odesa port damages grain silos"
    assert article.dek == (
        "Port authority says two workers were injured; navy reports 14 drones shot down"
    )
    assert article.published is not None
    assert article.published.isoformat() == "2024-03-14T08:30:00+01:00"
    assert article.timezone_name == "CET"
    assert article.authors == ("Ingrid Halvorsen",)
    assert article.agency == "NTB"
    assert article.outlet == "Nordic Ledger"


def test_unfamiliar_layout_keeps_every_paragraph_in_order_and_no_furniture() -> None:
    page = clean_text_page(nordic())
    assert len(page.paragraphs) == 6
    assert page.paragraphs[0].startswith("Odesa's port authority said on Thursday")
    assert page.paragraphs[-1].startswith("More than 30 million tonnes of cargo")
    body = "\n\n".join(page.paragraphs)
    for furniture in ("Advertisement", "Listen 3:12", "Want to read more?", "Try it now",
                      "Ferry traffic resumes", "Topics", "You must be logged in",
                      "Editor-in-chief"):  # fmt: skip
        assert furniture not in body
    assert page.subheads == ("Exports under way",)


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Your gift makes all the difference to our newsroom.", True),
        ("We use cookies to make our site work.", True),
        ("Join the conversation. We welcome thoughtful comments from readers.", True),
        ("“We did not fire first,” the prime minister wrote on Facebook.", False),
        ('"We expect both sides to honour what their ministers signed," Lavrov said.', False),
        ("The US and Russia said we would see talks soon.", False),
        ("Russia, the U.S. and France co-chair the so-called Minsk Group.", False),
    ],
)
def test_reader_address_is_read_outside_quotation_marks(line: str, expected: bool) -> None:
    assert addresses_reader(line) is expected


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Buses arrive in Olenivka, Tuesday, May 17, 2022. (AP Photo)", True),
        ("A man walks past a house in Ganja. REUTERS/Stringer", True),
        ("Smoke rises over Khartoum on May 23, 2023. © AFP", True),
        ("A boy stands amid the rubble in Gaza City on May 21, 2021 (AFP/STAFF)", True),
        ("Kramatorsk is about 70 kilometers (45 miles) north of the front line.", False),
        ("The photo showed a destroyed bridge, officials said.", False),
    ],
)
def test_photo_captions_are_recognised_by_their_credit(line: str, expected: bool) -> None:
    assert has_photo_credit(line) is expected


def test_a_line_repeated_on_the_page_counts_as_furniture() -> None:
    info = describe_line("DON'T MISS", repeated=True)
    assert info.furniture >= 2
    assert "repeated on the page" in info.reasons


def test_known_furniture_from_the_service_layer_removes_a_sentence_like_line() -> None:
    appeal = "Readers like you keep this newsroom going through the hard months."
    text = "\n\n".join(
        [
            "Ceasefire holds in the north",
            "BEIRUT — A ceasefire between the two sides held for a second day on Tuesday, "
            "officials said, as displaced families began to return to border villages.",
            "The army said it had recorded no violations overnight, the first quiet night "
            "since the fighting began in October.",
            appeal.replace("you", "them"),
            "Schools in the area will reopen next week, the education ministry said.",
        ]
    )
    known = frozenset({furniture_key(appeal.replace("you", "them"))})
    assert appeal.replace("you", "them") in clean_text_page(text).paragraphs
    assert (
        appeal.replace("you", "them") not in clean_text_page(text, known_furniture=known).paragraphs
    )


def test_hard_wrapped_paragraphs_are_joined_back() -> None:
    text = (
        "Shelling resumed on the outskirts of the city on Sunday morning, local\n"
        "officials said, hours after the truce was due to take effect.\n\n"
        "Aid groups said they had not been able to reach the area for a week."
    )
    assert page_lines(text)[0] == (
        "Shelling resumed on the outskirts of the city on Sunday morning, local officials "
        "said, hours after the truce was due to take effect."
    )


def test_page_with_only_menus_and_headlines_has_no_paragraphs() -> None:
    page = clean_text_page("Home\nNews\nWorld\nSport\n\nMost read\nA headline here\nAnother one")
    assert page.paragraphs == ()


def test_the_heading_of_an_appeal_box_goes_with_the_box() -> None:
    page = "\n".join(
        [
            "Harbour rescue teams pull survivors from flooded ferry",
            "",
            "By Ana Ruiz, Coastal Wire",
            "12 May 2024 10:02 GMT",
            "",
            "Rescue teams pulled 14 survivors from a ferry that flooded near the harbour mouth "
            "on Sunday, the coast guard said.",
            "",
            "Good reporting is never cheap.",
            "Our reporters on the coast are paid for by readers like you. If you can, give "
            "whatever you can afford today and help keep our journalism free for everyone.",
            "",
            "Divers were still searching the lower deck late in the evening, a coast guard "
            "spokesman told reporters at the quay.",
        ]
    )
    cleaned = clean_text_page(page)
    assert [p[:20] for p in cleaned.paragraphs] == ["Rescue teams pulled ", "Divers were still se"]


@pytest.mark.parametrize(
    ("notice", "outlet"),
    [
        (
            "© 2024 Valley Ledger News & Media Limited or its affiliated companies. All "
            "rights reserved.",
            "Valley Ledger News & Media",
        ),
        ("© 2017 Harbour Digital News & Media Ltd", "Harbour Digital News & Media"),
        ("Copyright 2023 The Valley Ledger Inc. All rights reserved.", "The Valley Ledger"),
    ],
)
def test_the_outlet_from_a_copyright_notice_leaves_out_its_legal_form(
    notice: str, outlet: str
) -> None:
    page = (
        "Valley news\n\nShelling hit the port on Tuesday, killing two people, officials "
        "said. Rescue teams worked through the night to clear the rubble from the docks.\n\n"
        f"{notice}\n"
    )
    assert parse_bytes(page.encode(), filename="page.txt").outlet == outlet
