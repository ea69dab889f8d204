"""Imported article bytes in, a clean article out. Pure: no Django, no network, no settings.

Typical use::

    for item in iter_items(["uploads/batch.zip", "feeds/*.jsonl"]):
        if isinstance(item, ItemError):
            record_failure(item.name, item.reason)
            continue
        try:
            article = parse_item(item, known_furniture=outlet_lines)
        except ParseError as error:
            record_failure(item.name, str(error))

See ``textpage`` for the furniture filter, ``dedup`` for fingerprints and versions.
"""

from .article import guess_language, parse_bytes, parse_item
from .batch import (
    DEFAULT_MAX_ARCHIVE_BYTES,
    DEFAULT_MAX_RATIO,
    iter_items,
    iter_upload,
    read_record,
    read_upload,
)
from .dates import parse_date_text, parse_published_value
from .decoding import decode_bytes
from .dedup import (
    VERSION_THRESHOLD,
    fingerprint,
    is_version,
    jaccard,
    signature,
    signature_bands,
    similarity,
)
from .models import (
    DEFAULT_MAX_BYTES,
    ArchiveTooLarge,
    BinaryInput,
    EmptyInput,
    ItemError,
    MalformedRecord,
    MissingText,
    NoBody,
    ParsedArticle,
    ParseError,
    PublishedDate,
    SourceItem,
    TooLarge,
    UndecodableInput,
    UnsafeArchive,
    UnsupportedType,
)
from .textpage import clean_text_page, furniture_key, page_lines

__all__ = [
    "DEFAULT_MAX_ARCHIVE_BYTES",
    "DEFAULT_MAX_BYTES",
    "DEFAULT_MAX_RATIO",
    "VERSION_THRESHOLD",
    "ArchiveTooLarge",
    "BinaryInput",
    "EmptyInput",
    "ItemError",
    "MalformedRecord",
    "MissingText",
    "NoBody",
    "ParseError",
    "ParsedArticle",
    "PublishedDate",
    "SourceItem",
    "TooLarge",
    "UndecodableInput",
    "UnsafeArchive",
    "UnsupportedType",
    "clean_text_page",
    "decode_bytes",
    "fingerprint",
    "furniture_key",
    "guess_language",
    "is_version",
    "iter_items",
    "iter_upload",
    "jaccard",
    "page_lines",
    "parse_bytes",
    "parse_date_text",
    "parse_item",
    "parse_published_value",
    "read_record",
    "read_upload",
    "signature",
    "signature_bands",
    "similarity",
]
