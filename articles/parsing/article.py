"""One source item in, one :class:`ParsedArticle` out.

This module only decides *which* source wins for each field; the reading is done elsewhere:
``decoding`` (bytes), ``textpage`` and ``htmlpage`` (body), ``metadata`` and ``dates``
(header fields), ``bylines`` (people and agency), ``dedup`` (fingerprint and signature).

Precedence, most explicit first: what the caller states (JSONL ``published``/``outlet``/``url``)
beats machine-readable page metadata, which beats what we read from the visible text.
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import PurePath
from typing import IO

from . import dedup
from .batch import read_record
from .bylines import (
    agency_name,
    agency_name_in,
    credit_names,
    dateline_agency,
    parse_byline,
    sign_off_agency,
)
from .dates import parse_published_value
from .decoding import decode_bytes
from .htmlpage import parse_html
from .metadata import HtmlMeta
from .models import (
    DEFAULT_MAX_BYTES,
    Byline,
    NoBody,
    ParsedArticle,
    PublishedDate,
    SourceItem,
    SourceKind,
    TooLarge,
    UnsupportedType,
)
from .textpage import TextPage, clean_text_page

#: Very common words per language; the language with the most hits wins, if it has enough.
STOPWORDS: dict[str, frozenset[str]] = {
    "en": frozenset("the and of to in that is was for on with said have has it by as".split()),
    "fr": frozenset("le la les et des du un une est dans que pour sur qui pas au".split()),
    "es": frozenset("el la los las y de del que en un una por con para es se".split()),
    "de": frozenset("der die das und ist nicht mit von den zu im sich auf für des".split()),
    "it": frozenset("il la di che e un una per con non sono del della nel gli".split()),
    "pt": frozenset("o a os as e de do da que em um uma para com não por".split()),
}
_HTML_START = re.compile(rb"^\s*(?:<!doctype html|<html|<head|<body)", re.IGNORECASE)
_EXTENSIONS: dict[str, SourceKind] = {
    ".txt": "txt",
    ".text": "txt",
    ".html": "html",
    ".htm": "html",
}


def parse_item(
    item: SourceItem,
    *,
    known_furniture: frozenset[str] = frozenset(),
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> ParsedArticle:
    """Parse one item from :func:`~articles.parsing.batch.iter_items` or an upload.

    Raises a :class:`~articles.parsing.models.ParseError` subclass that says what is wrong.
    """
    if len(item.raw) > max_bytes:
        raise TooLarge(
            f"{item.name} is {len(item.raw):,} bytes, over the {max_bytes:,}-byte limit."
        )
    url, published_hint, outlet_hint = item.url, item.published_hint, item.outlet_hint
    kind: SourceKind = item.kind
    if kind == "jsonl-record":
        record = read_record(item.raw, item.name)
        text, encoding = record.content, "utf-8"
        kind = "html" if record.is_html else "txt"
        url = url or record.url
        published_hint = published_hint or record.published
        outlet_hint = outlet_hint or record.outlet
    else:
        if kind == "txt" and _HTML_START.match(item.raw[:512]):
            kind = "html"  # a saved page given a .txt name
        decoded = decode_bytes(item.raw, sniff_html=kind == "html")
        text, encoding = decoded.text, decoded.encoding

    meta: HtmlMeta | None = None
    if kind == "html":
        html_page = parse_html(text, known_furniture=known_furniture)
        meta, page = html_page.meta, html_page.text
    else:
        page = clean_text_page(text, known_furniture=known_furniture)
        if not page.paragraphs:
            raise NoBody(
                f"No paragraph of story text was found in {item.name}: every line looks like "
                "menus, headlines or other page furniture."
            )
    return _assemble(
        item, page, meta, text_encoding=encoding, url=url,
        published_hint=published_hint, outlet_hint=outlet_hint,
    )  # fmt: skip


def parse_bytes(
    raw: bytes | IO[bytes],
    *,
    filename: str,
    url: str | None = None,
    published_hint: str | None = None,
    outlet_hint: str | None = None,
    known_furniture: frozenset[str] = frozenset(),
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> ParsedArticle:
    """Parse a single ``.txt`` or ``.html`` document; the kind comes from ``filename``.

    JSONL and zip files hold many articles: read them with ``read_upload`` instead.
    """
    suffix = PurePath(filename).suffix.lower()
    kind = _EXTENSIONS.get(suffix)
    if kind is None:
        raise UnsupportedType(
            f"{filename}: parse_bytes reads one .txt or .html page; "
            f"'{suffix or 'no extension'}' files go through read_upload or iter_items."
        )
    data = raw if isinstance(raw, bytes) else raw.read(max_bytes + 1)
    item = SourceItem(
        name=filename,
        raw=data,
        kind=kind,
        url=url,
        published_hint=published_hint,
        outlet_hint=outlet_hint,
    )
    return parse_item(item, known_furniture=known_furniture, max_bytes=max_bytes)


def guess_language(text: str) -> str | None:
    """ISO 639-1 code of the language whose common words are most frequent, if clear."""
    words = re.findall(r"[^\W\d_]+", text.lower())[:2000]
    if len(words) < 20:
        return None
    counts = Counter(words)
    hits = {code: sum(counts[w] for w in table) for code, table in STOPWORDS.items()}
    best = max(hits, key=lambda code: hits[code])
    return best if hits[best] >= 0.12 * len(words) else None


def _assemble(
    item: SourceItem,
    page: TextPage,
    meta: HtmlMeta | None,
    *,
    text_encoding: str,
    url: str | None,
    published_hint: str | None,
    outlet_hint: str | None,
) -> ParsedArticle:
    headline = (meta.title if meta else None) or page.headline
    dek = page.dek or (meta.description if meta else None)
    published = _published(published_hint, meta, page)
    byline = parse_byline(page.byline) if page.byline else Byline()
    if meta and meta.byline and not byline.authors:
        byline = parse_byline(meta.byline)
    authors = tuple(a for a in (meta.authors if meta else ()) if agency_name(a) is None)
    authors = authors or byline.authors
    paragraphs = tuple(p for p in page.paragraphs if p not in {headline, dek})
    if not paragraphs:
        raise NoBody(f"{item.name}: the only text found is the headline or summary.")
    agency = (
        byline.agency
        or dateline_agency(paragraphs[0])
        or (sign_off_agency(page.sign_off) if page.sign_off else None)
        or next((agency_name(a) for a in (meta.authors if meta else ()) if agency_name(a)), None)
        or (agency_name_in(meta.byline) if meta and meta.byline else None)
    )
    contributors: list[str] = []
    for line in page.credits:
        for name in credit_names(line):
            if name not in authors and name not in contributors:
                contributors.append(name)
    captions = tuple(dict.fromkeys([*(meta.captions if meta else ()), *page.captions]))
    body_text = "\n".join(paragraphs)
    fingerprint, signature = dedup.fingerprint_and_signature(paragraphs)
    return ParsedArticle(
        headline=headline,
        dek=dek,
        published=published.value if published else None,
        published_text=published.text if published else None,
        published_date_only=published.date_only if published else False,
        timezone_name=published.timezone_name if published else None,
        outlet=outlet_hint or (meta.site_name if meta else None) or page.copyright_holder,
        agency=agency,
        byline=byline.text or (meta.byline if meta else None),
        authors=authors,
        contributors=tuple(contributors),
        url=url or (meta.url if meta else None),
        language=(meta.language if meta else None) or guess_language(body_text),
        paragraphs=paragraphs,
        captions=captions,
        subheads=page.subheads,
        fingerprint=fingerprint,
        signature=signature,
        text_encoding=text_encoding,
        source_name=item.name,
        source_kind=item.kind,
    )


def _published(hint: str | None, meta: HtmlMeta | None, page: TextPage) -> PublishedDate | None:
    if hint:
        stated = parse_published_value(hint)
        if stated is not None:
            return stated
    if meta and meta.published:
        # The visible line often names the zone ("15:20 BST") where the meta tag has only an
        # offset; for the same instant, keep the named zone.
        shown = page.published
        if (
            shown is not None
            and not shown.date_only
            and not meta.published.date_only
            and abs((shown.value - meta.published.value).total_seconds()) < 60
            and shown.timezone_name
            and "/" in shown.timezone_name
        ):
            return shown
        return meta.published
    return page.published
