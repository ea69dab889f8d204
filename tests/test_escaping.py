"""Hostile text from an imported article is shown as text on every page that shows it.

One article carries a script element, attribute breakouts in both quote styles and a
``javascript:`` URL, in its body (inside the evidence that the article page highlights),
headline, outlet, URL and byline, and in the names its records give; a failed copy carries
them in its file name and reason. Every page that shows article text, evidence or names is
opened as an editor (who sees the most), and the original file is served as inert bytes.
"""

from __future__ import annotations

import re
from typing import Any
from xml.etree import ElementTree

import pytest
from django.test import Client
from django.urls import reverse

from articles.models import Article, RawDocument
from tests.factories import (
    ActorFactory,
    ArticleFactory,
    CasualtyFactory,
    OutletFactory,
    StatementFactory,
    clean_slate,  # noqa: F401 (a fixture)
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("clean_slate")]

SCRIPT = '<script>alert("x")</script>'
BREAKOUT = '" onmouseover="alert(1)" x=\' onfocus=\'alert(2)'
JS_URL = "javascript:alert(3)"
EVIL = f"{SCRIPT}{BREAKOUT}{JS_URL}"

# What must never reach the page unescaped.
LIVE = {
    "a script element": re.compile(r"<script>alert", re.IGNORECASE),
    "an injected handler attribute": re.compile(r"""\son(mouseover|focus)=["']alert""", re.I),
    "a javascript: link": re.compile(r"""(href|src|action)\s*=\s*["']?\s*javascript:""", re.I),
}


@pytest.fixture
def world(role_user) -> dict[str, Any]:  # type: ignore[no-untyped-def]
    sentence = f"At least 30 civilians were killed {EVIL}, officials said."
    body = f"Intro {EVIL}.\n\n{sentence}\n\nTalks are planned."
    actor = ActorFactory(name=f"Officials {EVIL}")
    article = ArticleFactory(
        body=body,
        headline=EVIL,
        outlet=OutletFactory(name=f"Outlet {EVIL}"),
        url=JS_URL,
        agency=EVIL,
        byline=f"By {EVIL}",
    )
    RawDocument.objects.create(
        article=article, content=f"<html>{SCRIPT}</html>".encode(), size=10, sha256="1" * 64
    )
    record = CasualtyFactory(
        article=article,
        evidence=sentence,
        claimant=actor,
        claimant_name=EVIL,
        party=None,
        party_name=EVIL,
    )
    quote_start = body.index(EVIL, body.index(sentence))
    StatementFactory(
        article=article,
        evidence=sentence,
        speaker=None,
        speaker_name=EVIL,
        speaker_role=EVIL,
        quote=EVIL,
        quote_spans=[[quote_start, quote_start + len(EVIL)]],
    )
    ArticleFactory(
        batch=article.batch,
        name=f"failed {EVIL}.html",
        status=Article.Status.FAILED,
        reason=f"could not parse {EVIL}",
        version=None,
    )
    editor = Client()
    editor.force_login(role_user("editor"))
    return {"article": article, "record": record, "actor": actor, "client": editor}


def pages(world: dict[str, Any]) -> list[str]:
    record, article = world["record"], world["article"]
    args = [record.kind, record.pk]
    return [
        reverse("casualties-timeline"),
        reverse("casualties-timeline") + "?q=civilians",
        reverse("casualties-record", args=args),
        reverse("casualties-edit", args=args),
        reverse("casualties-history", args=args),
        reverse("casualties-review"),
        reverse("casualties-actor", args=[world["actor"].pk]),
        reverse("casualties-chart"),
        reverse("articles-list"),
        reverse("articles-detail", args=[article.pk]),
        reverse("casualties-add-record", args=[article.pk])
        + f"?kind=casualty&start={record.evidence_start}&end={record.evidence_end}",
        reverse("articles-batch", args=[article.batch_id]),
    ]


def test_hostile_article_text_is_escaped_on_every_page_that_shows_it(
    world: dict[str, Any],
) -> None:
    client = world["client"]
    for url in pages(world):
        response = client.get(url)
        assert response.status_code == 200, url
        content = response.content.decode()
        live = [what for what, pattern in LIVE.items() if pattern.search(content)]
        assert not live, f"{url}: {', '.join(live)}"
        assert "&lt;script&gt;" in content, f"{url} does not show the text at all"


def test_the_feed_carries_hostile_text_as_text(world: dict[str, Any]) -> None:
    """In Atom, quotes in element text are harmless, so the page checks do not apply; what
    matters is that the XML parses, holds no markup of the article's, and that the HTML a
    feed reader renders from the summary is escaped."""
    response = world["client"].get(reverse("casualties-feed"))
    root = ElementTree.fromstring(response.content)
    atom = "{http://www.w3.org/2005/Atom}"
    assert not [e for e in root.iter() if e.tag.rsplit("}", 1)[-1] in {"script", "a"}]
    titles = [e.text or "" for e in root.iter(f"{atom}title")]
    assert any(SCRIPT in title for title in titles)  # plain text, shown as such
    for summary in root.iter(f"{atom}summary"):
        html = summary.text or ""
        if summary.get("type") == "html":  # a reader renders this as HTML
            live = [what for what, pattern in LIVE.items() if pattern.search(html)]
            assert not live, live
            assert "&lt;script&gt;" in html


def test_the_article_page_highlights_evidence_without_unescaping_it(
    world: dict[str, Any],
) -> None:
    content = world["client"].get(reverse("articles-detail", args=[world["article"].pk]))
    html = content.content.decode()
    assert "<mark" in html  # the highlights are drawn ...
    marked = re.findall(r"<mark[^>]*>(.*?)</mark>", html, re.DOTALL)
    assert any("&lt;script&gt;" in m for m in marked)  # ... over the escaped text
    # The stored URL is shown, never linked, when it is not http(s).
    assert JS_URL in html and 'href="javascript' not in html.lower()


def test_the_original_file_is_served_as_inert_bytes_with_a_safe_name(
    world: dict[str, Any],
) -> None:
    article = world["article"]
    article.name = 'story"; filename=evil.html'
    article.save()
    response = world["client"].get(reverse("articles-original", args=[article.pk]))
    assert response["Content-Type"] == "application/octet-stream"
    assert response["X-Content-Type-Options"] == "nosniff"
    disposition = response["Content-Disposition"]
    assert disposition.startswith("attachment;")
    assert disposition.count('"') == 2 and "; filename=evil" not in disposition
    assert response.content == f"<html>{SCRIPT}</html>".encode()
