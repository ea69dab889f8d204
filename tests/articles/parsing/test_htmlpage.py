"""Saved HTML pages: trafilatura for the text, our reading of meta tags for the rest."""

from __future__ import annotations

import pytest

from articles.parsing import NoBody, parse_bytes

from .support import FIXTURES


def parse_fixture(name: str):  # type: ignore[no-untyped-def]
    return parse_bytes((FIXTURES / name).read_bytes(), filename=name)


def test_html_page_metadata_comes_from_meta_tags_and_json_ld() -> None:
    article = parse_fixture("harbour-gazette-shelling.html")
    assert article.headline == "Shelling hits river port as talks stall"
    assert article.dek and article.dek.startswith("Officials say at least seven people")
    assert article.published is not None
    assert article.published.isoformat() == "2022-11-24T09:15:00+00:00"
    assert article.outlet == "The Harbour Gazette"
    assert article.authors == ("Mira Castell", "Tomas Rey")
    assert article.url == "https://gazette.example.com/world/2022/11/shelling-river-port"
    assert article.language == "en"


def test_html_page_body_drops_nav_related_links_cookie_banner_and_newsletter() -> None:
    article = parse_fixture("harbour-gazette-shelling.html")
    assert article.paragraphs[0].startswith("KHERSON, Ukraine — Overnight shelling")
    assert article.paragraphs[-1] == (
        "Residents were urged to stay in shelters until the all-clear was given."
    )
    assert len(article.paragraphs) == 6
    for furniture in ("We use cookies", "Power cuts spread", "Sign up for our free",
                      "All rights reserved", "Home", "Related"):  # fmt: skip
        assert furniture not in article.body
    assert article.subheads == ("Talks on hold",)
    assert article.captions == (
        "Smoke rises over the river port after overnight shelling. Photo: Staff/Harbour Gazette",
    )


def test_windows_1252_page_is_decoded_from_its_declared_charset() -> None:
    article = parse_fixture("meridian-courier-cp1252.html")
    assert article.text_encoding == "cp1252"
    assert "“Both delegations are in the building and talking,”" in article.body
    assert "the café opposite the ministry" in article.body
    assert "The naïve hope of a quick deal has faded" in article.body
    assert article.authors == ("Renée François",)
    assert article.timezone_name == "CET"
    assert "All rights reserved" not in article.body


def test_page_text_saved_with_a_txt_name_is_read_as_html() -> None:
    raw = (FIXTURES / "harbour-gazette-shelling.html").read_bytes()
    article = parse_bytes(raw, filename="saved-page.txt")
    assert article.headline == "Shelling hits river port as talks stall"
    assert "<p>" not in article.body


def test_the_text_filter_takes_over_when_trafilatura_finds_nothing() -> None:
    html = (
        "<html><body><div>Home</div><div>World</div>"
        "<div>KYIV — Air raid sirens sounded across the capital on Monday, and the city "
        "administration said debris had fallen on two districts.</div>"
        "<div>No casualties were reported, the administration said.</div>"
        "</body></html>"
    )
    article = parse_bytes(html.encode(), filename="tiny.html")
    assert article.paragraphs[0].startswith("KYIV — Air raid sirens")
    assert "Home" not in article.body


@pytest.mark.parametrize(
    "html",
    [
        "<html><head><title>Nothing</title></head></html>",
        "<html><head><title>x</title></head><body>   </body></html>",
        "<html><body><nav><a href='/'>Home</a><a href='/w'>World</a></nav></body></html>",
    ],
    ids=["no body", "empty body", "only a menu"],
)
def test_html_without_story_paragraphs_raises_no_body(html: str) -> None:
    with pytest.raises(NoBody):
        parse_bytes(html.encode(), filename="empty.html")


def test_an_appeal_box_inside_the_article_does_not_cut_the_story_in_two() -> None:
    article = parse_fixture("eastern-standard-inline-appeal.html")
    assert [p[:30] for p in article.paragraphs] == [
        "DONETSK, Ukraine (AP) — A loca",
        "At least four civilians were k",
        "Engineers had been repairing t",
    ]
    for furniture in (
        "Good reporting needs",
        "Your gift",
        "Read more",
        "DON'T MISS",
        "Harbour festival",
    ):
        assert furniture not in article.body
    assert article.subheads == ()


def test_json_ld_graph_gives_date_and_outlet_and_an_organisation_author_is_the_agency() -> None:
    article = parse_fixture("eastern-standard-inline-appeal.html")
    assert article.published is not None
    assert article.published.isoformat() == "2023-03-02T07:45:00-05:00"
    assert article.outlet == "Eastern Standard"
    assert article.agency == "Associated Press"
    assert article.authors == ()
