"""The values the parsing package hands out, and the errors it raises.

Everything here is a frozen dataclass so a parsed article can be cached, compared and passed
between processes without anyone mutating it on the way.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Literal

SourceKind = Literal["txt", "html", "jsonl-record"]

#: Default per-file limit. Saved news pages are 20-500 kB; 5 MB leaves room for inline
#: images in a saved HTML page while stopping a mislabelled video or database dump.
DEFAULT_MAX_BYTES = 5 * 1024 * 1024


# --- errors -----------------------------------------------------------------------------


class ParseError(Exception):
    """Base of every error this package raises on bad input.

    Callers record ``str(error)`` on the item: each message says in plain words why the input
    was refused, so it can be shown to the newsroom user as it is.
    """


class EmptyInput(ParseError):
    """The file holds no bytes, or only whitespace."""


class BinaryInput(ParseError):
    """The bytes are an image, archive or other binary format, not a page."""


class UndecodableInput(ParseError):
    """No text encoding we tried turns the bytes into readable text."""


class NoBody(ParseError):
    """The page decoded, but no paragraph of story text was found in it."""


class TooLarge(ParseError):
    """The file is over the size limit."""


class MalformedRecord(ParseError):
    """A JSONL line is not a JSON object."""


class MissingText(ParseError):
    """A JSONL record has neither an ``html`` nor a ``text`` field with content."""


class UnsafeArchive(ParseError):
    """A zip member's path would escape the folder it is unpacked into."""


class ArchiveTooLarge(ParseError):
    """A zip archive unpacks to more than the caps allow (a "zip bomb")."""


class UnsupportedType(ParseError):
    """The file name does not end in an extension we read."""


# --- batch items --------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class SourceItem:
    """One article's raw bytes and what the container said about it.

    ``name`` is the path as given, ``batch.zip:inner/a.txt`` for a zip member and
    ``feed.jsonl:3`` (1-based) for a JSONL line, so an error can point at the exact place.
    For ``kind="jsonl-record"`` ``raw`` is the JSON line itself; the hints are copied from it.
    """

    name: str
    raw: bytes
    kind: SourceKind
    url: str | None = None
    published_hint: str | None = None
    outlet_hint: str | None = None
    record_id: str | None = None


@dataclass(frozen=True, slots=True)
class ItemError:
    """An input that could not be read, with the reason in plain words.

    ``error_type`` is the name of the :class:`ParseError` subclass, for grouping in reports.
    """

    name: str
    reason: str
    error_type: str = "ParseError"

    @classmethod
    def from_error(cls, name: str, error: ParseError) -> ItemError:
        return cls(name=name, reason=str(error), error_type=type(error).__name__)


# --- parsed article -----------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class PublishedDate:
    """A publication time read from a page.

    ``value`` is always timezone-aware. When the page gives only a day, ``date_only`` is true
    and ``value`` is noon UTC on that day: noon keeps the same calendar day in every zone from
    UTC-11 to UTC+11, so converting it to the article's zone never moves it to the wrong day.
    When the page gives a time but no zone, the time is taken as UTC and ``timezone_name`` is
    ``None`` so the caller can tell an assumed zone from a stated one.
    """

    value: datetime
    text: str
    date_only: bool
    timezone_name: str | None


@dataclass(frozen=True, slots=True)
class Byline:
    """Who wrote the story: the byline as printed, the wire agency, and the people."""

    text: str | None = None
    agency: str | None = None
    authors: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class ParsedArticle:
    """A clean article.

    ``body`` is the paragraphs joined with a blank line. The extractor stores character
    offsets into this exact string, so it is derived here and nowhere else.
    """

    headline: str | None
    dek: str | None
    published: datetime | None
    published_text: str | None
    published_date_only: bool
    timezone_name: str | None
    outlet: str | None
    agency: str | None
    byline: str | None
    authors: tuple[str, ...]
    contributors: tuple[str, ...]
    url: str | None
    language: str | None
    paragraphs: tuple[str, ...]
    captions: tuple[str, ...]
    subheads: tuple[str, ...]
    fingerprint: str
    signature: tuple[int, ...]
    text_encoding: str
    source_name: str = ""
    source_kind: SourceKind = "txt"

    @property
    def body(self) -> str:
        return "\n\n".join(self.paragraphs)
