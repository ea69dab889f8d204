"""Article metadata from a saved HTML page: meta tags, JSON-LD, ``<time>``, bylines.

trafilatura finds these too, but it keeps only the first of two authors and reduces the date to
a day; the newsroom needs the time and its zone, so we read the sources ourselves, in the order
publishers make them reliable: JSON-LD (``NewsArticle``), then Open Graph / ``article:*`` meta
tags, then ``<time datetime>``, then the visible byline.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from bs4 import BeautifulSoup, Tag

from .bylines import parse_byline
from .dates import parse_published_value
from .models import PublishedDate

_PUBLISHED_KEYS = (
    "article:published_time",
    "og:article:published_time",
    "datepublished",
    "date.published",
    "pubdate",
    "publishdate",
    "publish-date",
    "parsely-pub-date",
    "sailthru.date",
    "dc.date",
    "dc.date.issued",
    "dcterms.created",
    "date",
)
_ARTICLE_TYPES = frozenset(
    {"newsarticle", "article", "reportagenewsarticle", "blogposting", "analysisnewsarticle"}
)
_BYLINE_CLASS = re.compile(r"byline|author", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class HtmlMeta:
    title: str | None
    description: str | None
    published: PublishedDate | None
    site_name: str | None
    authors: tuple[str, ...]
    byline: str | None
    url: str | None
    language: str | None
    captions: tuple[str, ...]


def read_html_meta(soup: BeautifulSoup) -> HtmlMeta:
    """Read metadata from a parsed page; every field may be ``None`` when the page lacks it."""
    meta = _meta_tags(soup)
    ld = list(_json_ld_articles(soup))
    site_name = meta.get("og:site_name") or _ld_text(ld, "publisher", "name")
    title = (
        meta.get("og:title")
        or meta.get("twitter:title")
        or _ld_text(ld, "headline")
        or _first_text(soup, "h1")
        or _title_tag(soup, site_name)
    )
    description = (
        meta.get("og:description") or meta.get("description") or meta.get("twitter:description")
    )
    published = _published(soup, meta, ld)
    byline_element = soup.find(class_=_BYLINE_CLASS)
    byline_text = (
        _clean(byline_element.get_text(" ")) if isinstance(byline_element, Tag) else None
    ) or None
    authors = _ld_authors(ld) or _meta_authors(meta.get("author"))
    if not authors and byline_text:
        authors = parse_byline(byline_text).authors
    url = _canonical(soup) or meta.get("og:url") or _ld_text(ld, "url")
    captions = tuple(
        text for tag in soup.find_all("figcaption") if (text := _clean(tag.get_text(" ")))
    )
    return HtmlMeta(
        title=_clean(title) if title else None,
        description=_clean(description) if description else None,
        published=published,
        site_name=_clean(site_name) if site_name else None,
        authors=authors,
        byline=byline_text if byline_text and len(byline_text) < 200 else None,
        url=url.strip() if url else None,
        language=_language(soup, meta),
        captions=captions,
    )


def _meta_tags(soup: BeautifulSoup) -> dict[str, str]:
    found: dict[str, str] = {}
    for tag in soup.find_all("meta"):
        key = tag.get("property") or tag.get("name") or tag.get("itemprop") or tag.get("http-equiv")
        content = tag.get("content")
        if isinstance(key, str) and isinstance(content, str) and content.strip():
            found.setdefault(key.strip().lower(), content.strip())
    return found


def _json_ld_articles(soup: BeautifulSoup) -> Iterator[dict[str, Any]]:
    for script in soup.find_all("script", type="application/ld+json"):
        try:
            data = json.loads(script.string or "")
        except (ValueError, TypeError):
            continue
        for node in _walk(data):
            kinds = node.get("@type")
            names = kinds if isinstance(kinds, list) else [kinds]
            if any(isinstance(k, str) and k.lower() in _ARTICLE_TYPES for k in names):
                yield node


def _walk(data: Any, depth: int = 0) -> Iterator[dict[str, Any]]:
    if depth > 6:
        return
    if isinstance(data, list):
        for element in data:
            yield from _walk(element, depth + 1)
    elif isinstance(data, dict):
        yield data
        graph = data.get("@graph")
        if graph is not None:
            yield from _walk(graph, depth + 1)


def _ld_text(nodes: list[dict[str, Any]], *path: str) -> str | None:
    for node in nodes:
        value: Any = node
        for key in path:
            value = value.get(key) if isinstance(value, dict) else None
            if isinstance(value, list) and value:
                value = value[0]
        if isinstance(value, str) and value.strip():
            return value.strip()
    return None


def _ld_authors(nodes: list[dict[str, Any]]) -> tuple[str, ...]:
    for node in nodes:
        raw = node.get("author")
        entries = raw if isinstance(raw, list) else [raw]
        names = []
        for entry in entries:
            name = entry.get("name") if isinstance(entry, dict) else entry
            if isinstance(name, str) and name.strip() and "://" not in name:
                names.append(_clean(name))
        if names:
            return tuple(dict.fromkeys(names))
    return ()


def _meta_authors(value: str | None) -> tuple[str, ...]:
    if not value or "://" in value:
        return ()
    parts = re.split(r"\s*(?:,|;|\band\b|&)\s*", value)
    return tuple(part for part in (p.strip() for p in parts) if part)


def _published(
    soup: BeautifulSoup, meta: dict[str, str], ld: list[dict[str, Any]]
) -> PublishedDate | None:
    candidates: list[str] = []
    ld_date = _ld_text(ld, "datePublished")
    if ld_date:
        candidates.append(ld_date)
    candidates.extend(meta[key] for key in _PUBLISHED_KEYS if key in meta)
    for time_tag in soup.find_all("time"):
        value = time_tag.get("datetime")
        if isinstance(value, str) and value.strip():
            candidates.append(value)
        elif text := _clean(time_tag.get_text(" ")):
            candidates.append(text)
    for candidate in candidates:
        published = parse_published_value(candidate)
        if published is not None:
            return published
    return None


def _canonical(soup: BeautifulSoup) -> str | None:
    for link in soup.find_all("link", href=True):
        rel = link.get("rel")
        if rel is not None and "canonical" in rel:
            href = link.get("href")
            return href if isinstance(href, str) else None
    return None


def _language(soup: BeautifulSoup, meta: dict[str, str]) -> str | None:
    html = soup.find("html")
    raw = html.get("lang") if isinstance(html, Tag) else None
    if not isinstance(raw, str) or not raw.strip():
        raw = meta.get("content-language") or meta.get("og:locale") or meta.get("language")
    if not raw:
        return None
    primary = re.split(r"[-_]", raw.strip())[0].lower()
    return primary if re.fullmatch(r"[a-z]{2,3}", primary) else None


def _first_text(soup: BeautifulSoup, name: str) -> str | None:
    tag = soup.find(name)
    return _clean(tag.get_text(" ")) or None if isinstance(tag, Tag) else None


def _title_tag(soup: BeautifulSoup, site_name: str | None) -> str | None:
    text = _first_text(soup, "title")
    if not text:
        return None
    # "Headline | Site" and "Headline - Site": drop the site part.
    parts = re.split(r"\s+[|–—-]\s+", text)
    if len(parts) > 1 and (site_name is None or site_name.lower() in parts[-1].lower()):
        return " - ".join(parts[:-1])
    return text


def _clean(text: str) -> str:
    return " ".join(text.split())
