"""An article body as paragraphs with its records' words marked in place.

Article text is hostile input: every piece of it goes through ``escape`` (via
``format_html``); only the markup we write ourselves is trusted. A worked example: the body
"Fighting went on.\\n\\nAt least 12 civilians were killed, officials said." with one casualty
record whose figure spans "At least 12" gives two paragraphs, the second
``<a class="hl hl-casualty" href="#record-7" ...>At least 12</a> civilians were killed, ...``.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe

from casualties.models import Record
from casualties.templatetags.records import summary

Span = tuple[int, int, Record]


def record_spans(record: Record, body: str) -> list[tuple[int, int]]:
    """Where in ``body`` a record's own words are: the figure of a casualty claim, the quoted
    words of a statement, the sentence of a cease-fire event.

    Offsets point into the primary copy's body; copies share that text, but if the offsets
    do not fit this body the evidence sentence is looked up by exact search instead.
    """
    shift = 0
    if body[record.evidence_start : record.evidence_end] != record.evidence:
        found = body.find(record.evidence) if record.evidence else -1
        if found < 0:
            return []
        shift = found - record.evidence_start
    if record.kind == Record.Kind.CASUALTY and record.figure_start is not None:
        spans = [(record.figure_start, record.figure_end or record.figure_start)]
    elif record.kind == Record.Kind.STATEMENT and record.quote_spans:
        spans = [(int(start), int(end)) for start, end in record.quote_spans]
    else:
        spans = [(record.evidence_start, record.evidence_end)]
    shifted = [(start + shift, end + shift) for start, end in spans]
    return [(start, end) for start, end in shifted if 0 <= start < end <= len(body)]


def _paragraph_bounds(body: str) -> Iterable[tuple[int, int]]:
    """(start, end) of each non-empty paragraph, as ``Article.paragraphs`` splits them."""
    position = 0
    for paragraph in body.split("\n\n"):
        if paragraph:
            yield position, position + len(paragraph)
        position += len(paragraph) + 2


def _mark(text: str, covering: list[Span], link_base: str) -> SafeString:
    # The narrowest span is the most specific record (a figure inside a cease-fire sentence).
    start, end, record = min(covering, key=lambda span: span[1] - span[0])
    others = len({span[2].pk for span in covering}) - 1
    title = summary(record) + (f" (and {others} more)" if others else "")
    return format_html(
        '<mark class="hl hl-{}"><a href="{}#record-{}" data-record="record-{}" title="{}">{}</a>'
        "</mark>",
        record.kind,
        link_base,
        record.pk,
        record.pk,
        title,
        text,
    )


def highlighted_paragraphs(
    body: str, records: Iterable[Record], *, link_base: str = ""
) -> list[SafeString]:
    """The body's paragraphs as safe HTML, each record's words a link to its card
    (``#record-<id>`` on this page, or on the page at ``link_base``)."""
    spans: list[Span] = [
        (start, end, record) for record in records for start, end in record_spans(record, body)
    ]
    paragraphs = []
    for p_start, p_end in _paragraph_bounds(body):
        inside = [s for s in spans if s[0] < p_end and s[1] > p_start]
        cuts = sorted(
            {p_start, p_end}
            | {max(p_start, min(p_end, edge)) for s in inside for edge in (s[0], s[1])}
        )
        pieces: list[str] = []
        previous: tuple[int, ...] | None = None
        run_start = p_start
        for a, b in zip(cuts, cuts[1:], strict=False):
            covering = tuple(i for i, s in enumerate(inside) if s[0] <= a and b <= s[1])
            if covering != previous and a > run_start:
                pieces.append(
                    _piece(body[run_start:a], [inside[i] for i in previous or ()], link_base)
                )
                run_start = a
            previous = covering
        pieces.append(_piece(body[run_start:p_end], [inside[i] for i in previous or ()], link_base))
        # Every piece is escaped or built by format_html above; joining keeps that.
        paragraphs.append(mark_safe("".join(pieces)))  # noqa: S308
    return paragraphs


def _piece(text: str, covering: list[Span], link_base: str) -> str:
    if not text:
        return ""
    return _mark(text, covering, link_base) if covering else escape(text)
