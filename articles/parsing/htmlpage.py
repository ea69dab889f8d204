"""A saved HTML page: main text by trafilatura, checked by our furniture filter.

Why trafilatura (``favor_precision=True``): on the pages we tried it removed navigation, the
donation pitch, link lists and the footer, where readability-lxml and jusText leaked the pitch
(see /work/shared/LIBRARIES.md). It is not perfect: it can leave a bare "DON'T MISS" heading
or a "Read more:" teaser. So its output is split into lines and passed through the same
structural filter we use for saved text (``textpage``), which drops such lines and tells
crossheads from paragraphs. When trafilatura finds nothing (very short or oddly built pages),
the page's whole visible text goes through the text filter instead.

Metadata (headline, date with zone, authors) comes from ``metadata``; captions come from
``<figcaption>`` because trafilatura drops them in precision mode.
"""

from __future__ import annotations

from dataclasses import dataclass

import trafilatura
from bs4 import BeautifulSoup, Tag
from bs4.element import NavigableString
from lxml import etree

from .metadata import HtmlMeta, read_html_meta
from .models import NoBody
from .textpage import LineMemo, TextPage, clean_text_page, normalize_space

_BLOCKS = frozenset(
    "p div li ul ol h1 h2 h3 h4 h5 h6 br tr td th section article header footer aside nav "
    "figure figcaption blockquote main pre table dt dd form".split()
)
_INVISIBLE = ("script", "style", "noscript", "template", "svg", "head")
_TEXT_ELEMENTS = frozenset({"p", "head", "item", "quote", "cell", "lb"})


@dataclass(frozen=True, slots=True)
class HtmlPage:
    meta: HtmlMeta
    text: TextPage
    used_fallback: bool


def parse_html(html: str, *, known_furniture: frozenset[str] = frozenset()) -> HtmlPage:
    """Main text and metadata of a page. Raises :class:`NoBody` when there is no story text."""
    soup = BeautifulSoup(html, "lxml")
    if soup.body is None or not soup.body.get_text(strip=True):
        raise NoBody("The HTML page has no <body> with text in it.")
    meta = read_html_meta(soup)
    lines = _trafilatura_lines(html)
    # The main text's lines are lines of the visible text too: describe each once.
    memo: LineMemo = {}
    text_page = clean_text_page("\n".join(lines), known_furniture=known_furniture, memo=memo)
    used_fallback = False
    # Header fields (date line, byline) and the fallback body come from the visible text.
    visible = clean_text_page(_visible_text(soup), known_furniture=known_furniture, memo=memo)
    if not text_page.paragraphs:
        text_page, used_fallback = visible, True
    else:
        text_page = TextPage(
            headline=visible.headline,
            dek=visible.dek,
            byline=visible.byline,
            published=visible.published,
            paragraphs=text_page.paragraphs,
            captions=text_page.captions,
            subheads=text_page.subheads,
            credits=text_page.credits or visible.credits,
            sign_off=text_page.sign_off or visible.sign_off,
            copyright_holder=visible.copyright_holder,
        )
    if not text_page.paragraphs:
        raise NoBody("The HTML page has no paragraphs of story text.")
    return HtmlPage(meta=meta, text=text_page, used_fallback=used_fallback)


def _trafilatura_lines(html: str) -> list[str]:
    xml = trafilatura.extract(
        html,
        output_format="xml",
        favor_precision=True,
        include_comments=False,
        include_tables=False,
        include_images=False,
        include_formatting=False,
        include_links=False,
        deduplicate=False,
        with_metadata=False,
    )
    if not xml:
        return []
    try:
        root = etree.fromstring(xml.encode("utf-8"))
    except etree.XMLSyntaxError:
        return []
    lines: list[str] = []
    main = root.find("main")
    for element in (main if main is not None else root).iter():
        if not isinstance(element.tag, str) or element.tag not in _TEXT_ELEMENTS:
            continue
        if element.tag == "quote" and element.find("p") is not None:
            continue  # its paragraphs come on their own
        text = normalize_space("".join(element.itertext()))
        if text and (not lines or lines[-1] != text):
            lines.append(text)
    return lines


def _visible_text(soup: BeautifulSoup) -> str:
    """The visible text, one line per block element, like a browser's "save as text"."""
    copy = soup.body
    if copy is None:
        return ""
    # Changes the tree in place: metadata has been read from it already.
    for name in _INVISIBLE:
        for tag in copy.find_all(name):
            tag.decompose()
    for tag in copy.find_all(True):
        if isinstance(tag, Tag) and tag.name in _BLOCKS:
            tag.insert_before(NavigableString("\n"))
            tag.insert_after(NavigableString("\n"))
    return copy.get_text("")
