"""Paths, folders, globs, zips and JSONL feeds turned into a lazy stream of items.

Everything here is a generator that holds one item at a time: a batch of 10,000 files never
sits in memory at once, and one bad item never stops the good ones beside it; it becomes an
:class:`ItemError` in the stream instead.

Zip archives are read member by member from the archive itself, never extracted to disk. Each
member is checked against the caps before it is read, using the sizes in its header, and again
while it is read, because a crafted header can lie about the size:

* a member whose path would escape an extraction folder (``../../x``, ``/etc/x``, ``C:\\x``)
  is refused (:class:`UnsafeArchive`), and nothing is written anywhere in any case;
* a member over ``max_bytes`` is refused (:class:`TooLarge`);
* a member that expands more than ``max_ratio`` times is refused (:class:`ArchiveTooLarge`);
* once the archive has produced ``max_archive_bytes`` in total, the rest is refused.
"""

from __future__ import annotations

import glob
import io
import json
import os
import zipfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import IO, Any, Protocol

from .models import (
    DEFAULT_MAX_BYTES,
    ArchiveTooLarge,
    ItemError,
    MalformedRecord,
    MissingText,
    ParseError,
    SourceItem,
    SourceKind,
    TooLarge,
    UnsafeArchive,
    UnsupportedType,
)

Item = SourceItem | ItemError

#: Total bytes one archive may unpack to.
DEFAULT_MAX_ARCHIVE_BYTES = 200 * 1024 * 1024
#: Text compresses about 3-10 times; a member expanding 100 times or more is a bomb.
DEFAULT_MAX_RATIO = 100
_CHUNK = 64 * 1024

_PAGE_KINDS: dict[str, SourceKind] = {
    ".txt": "txt",
    ".text": "txt",
    ".html": "html",
    ".htm": "html",
}
_SUPPORTED = ", ".join([*_PAGE_KINDS, ".jsonl", ".zip"])


#: Members smaller than this are never called bombs: small files of repeated markup can
#: compress very well without being dangerous.
_RATIO_FLOOR = 256 * 1024


class _LineSource(Protocol):
    def readline(self, limit: int = -1, /) -> bytes: ...


@dataclass(frozen=True, slots=True)
class Limits:
    max_bytes: int = DEFAULT_MAX_BYTES
    max_archive_bytes: int = DEFAULT_MAX_ARCHIVE_BYTES
    max_ratio: int = DEFAULT_MAX_RATIO


@dataclass(frozen=True, slots=True)
class Record:
    """One JSONL article: its text, whether that text is HTML, and what the feed says."""

    content: str
    is_html: bool
    url: str | None
    published: str | None
    outlet: str | None
    record_id: str | None


def iter_items(
    paths: Iterable[str | os.PathLike[str]],
    *,
    max_bytes: int = DEFAULT_MAX_BYTES,
    max_archive_bytes: int = DEFAULT_MAX_ARCHIVE_BYTES,
    max_ratio: int = DEFAULT_MAX_RATIO,
) -> Iterator[Item]:
    """Expand files, folders (recursively, in name order) and globs into items, lazily."""
    limits = Limits(max_bytes, max_archive_bytes, max_ratio)
    for given in paths:
        name = os.fspath(given)
        if glob.has_magic(name):
            matches = sorted(glob.iglob(name, recursive=True))
            if not matches:
                yield ItemError(name, f"No file matches the pattern {name}.", "FileNotFound")
            for match in matches:
                yield from _from_path(Path(match), match, limits)
        else:
            yield from _from_path(Path(name), name, limits)


def read_upload(
    name: str,
    data: bytes | IO[bytes],
    *,
    max_bytes: int = DEFAULT_MAX_BYTES,
    max_archive_bytes: int = DEFAULT_MAX_ARCHIVE_BYTES,
    max_ratio: int = DEFAULT_MAX_RATIO,
) -> Iterator[Item]:
    """Items from one uploaded file (bytes or a binary file object), as for a path."""
    limits = Limits(max_bytes, max_archive_bytes, max_ratio)
    stream: IO[bytes] = io.BytesIO(data) if isinstance(data, bytes) else data
    suffix = PurePosixPath(name).suffix.lower()
    if suffix == ".zip":
        yield from _from_zip(stream, name, limits)
    elif suffix == ".jsonl":
        yield from _from_jsonl(stream, name, limits)
    elif suffix in _PAGE_KINDS:
        raw = stream.read(limits.max_bytes + 1)
        yield _page_item(name, raw, _PAGE_KINDS[suffix], limits)
    else:
        yield _unsupported(name, suffix)


#: The name the upload view uses.
iter_upload = read_upload


def read_record(raw: bytes, name: str) -> Record:
    """Read one JSONL line. Raises :class:`MalformedRecord` or :class:`MissingText`."""
    try:
        data: Any = json.loads(raw)
    except (ValueError, UnicodeDecodeError) as error:
        raise MalformedRecord(f"{name}: the line is not valid JSON ({error}).") from error
    if not isinstance(data, dict):
        raise MalformedRecord(
            f"{name}: the line is JSON but not an object with fields (got {type(data).__name__})."
        )
    html, text = data.get("html"), data.get("text")
    if isinstance(html, str) and html.strip():
        content, is_html = html, True
    elif isinstance(text, str) and text.strip():
        content, is_html = text, False
    else:
        raise MissingText(f"{name}: the record has no 'html' or 'text' field with content.")
    return Record(
        content=content,
        is_html=is_html,
        url=_string(data.get("url")),
        published=_string(data.get("published")),
        outlet=_string(data.get("outlet")),
        record_id=_string(data.get("file")) or _string(data.get("id")),
    )


# --- sources ------------------------------------------------------------------------------


def _from_path(path: Path, name: str, limits: Limits) -> Iterator[Item]:
    if path.is_dir():
        # Names only are listed and sorted; contents are read one file at a time.
        children = (p for p in path.rglob("*") if p.is_file())
        for child in sorted(p for p in children if not _os_junk(str(p.relative_to(path)))):
            yield from _from_path(child, str(child), limits)
        return
    if not path.is_file():
        yield ItemError(name, f"{name} does not exist or is not a file.", "FileNotFound")
        return
    suffix = path.suffix.lower()
    try:
        if suffix == ".zip":
            with path.open("rb") as stream:
                yield from _from_zip(stream, name, limits)
        elif suffix == ".jsonl":
            with path.open("rb") as stream:
                yield from _from_jsonl(stream, name, limits)
        elif suffix in _PAGE_KINDS:
            size = path.stat().st_size
            if size > limits.max_bytes:
                yield ItemError.from_error(name, _too_large(name, size, limits))
                return
            with path.open("rb") as stream:
                raw = stream.read(limits.max_bytes + 1)
            yield _page_item(name, raw, _PAGE_KINDS[suffix], limits)
        else:
            yield _unsupported(name, suffix)
    except OSError as error:
        yield ItemError(name, f"{name} could not be read: {error.strerror or error}.", "OSError")


def _page_item(name: str, raw: bytes, kind: SourceKind, limits: Limits) -> Item:
    if len(raw) > limits.max_bytes:
        return ItemError.from_error(name, _too_large(name, len(raw), limits))
    return SourceItem(name=name, raw=raw, kind=kind)


def _from_jsonl(stream: _LineSource, name: str, limits: Limits) -> Iterator[Item]:
    number = 0
    while True:
        line = stream.readline(limits.max_bytes + 1)
        if not line:
            return
        number += 1
        item_name = f"{name}:{number}"
        if len(line) > limits.max_bytes and not line.endswith(b"\n"):
            # Skip the rest of the over-long line without holding it.
            while (rest := stream.readline(_CHUNK)) and not rest.endswith(b"\n"):
                pass
            yield ItemError.from_error(
                item_name,
                TooLarge(f"{item_name}: the line is over the {limits.max_bytes:,}-byte limit."),
            )
            continue
        if not line.strip():
            continue
        try:
            record = read_record(line, item_name)
        except ParseError as error:
            yield ItemError.from_error(item_name, error)
            continue
        yield SourceItem(
            name=item_name,
            raw=line.strip(),
            kind="jsonl-record",
            url=record.url,
            published_hint=record.published,
            outlet_hint=record.outlet,
            record_id=record.record_id,
        )


def _from_zip(stream: IO[bytes], name: str, limits: Limits) -> Iterator[Item]:
    try:
        archive = zipfile.ZipFile(stream)
    except (zipfile.BadZipFile, OSError, EOFError) as error:
        yield ItemError(name, f"{name} is not a readable zip archive ({error}).", "BadArchive")
        return
    with archive:
        members = [
            info for info in archive.infolist() if not info.is_dir() and not _os_junk(info.filename)
        ]
        declared = sum(info.file_size for info in members)
        if declared > limits.max_archive_bytes:
            yield ItemError.from_error(
                name,
                ArchiveTooLarge(
                    f"{name} would unpack to {declared:,} bytes, over the "
                    f"{limits.max_archive_bytes:,}-byte limit for one archive; nothing was read."
                ),
            )
            return
        budget = limits.max_archive_bytes
        for info in members:
            member_name = f"{name}:{info.filename}"
            try:
                _check_member(info, member_name, limits)
                suffix = PurePosixPath(info.filename).suffix.lower()
                if suffix == ".jsonl":
                    with archive.open(info) as member:
                        capped = _CappedReader(member, budget, member_name, limits)
                        yield from _from_jsonl(capped, member_name, limits)
                        budget -= capped.read_so_far
                elif suffix in _PAGE_KINDS:
                    raw = _read_member(archive, info, member_name, min(budget, limits.max_bytes))
                    budget -= len(raw)
                    yield SourceItem(name=member_name, raw=raw, kind=_PAGE_KINDS[suffix])
                elif suffix == ".zip":
                    yield ItemError.from_error(
                        member_name,
                        UnsupportedType(
                            f"{member_name}: archives inside archives are not opened; "
                            "add its files to the outer archive instead."
                        ),
                    )
                else:
                    yield _unsupported(member_name, suffix)
            except ParseError as error:
                yield ItemError.from_error(member_name, error)
                if isinstance(error, ArchiveTooLarge) and budget <= 0:
                    return
            except (zipfile.BadZipFile, RuntimeError, OSError, EOFError) as error:
                # RuntimeError: encrypted member; BadZipFile: CRC mismatch or damaged data.
                yield ItemError(
                    member_name, f"{member_name} could not be read ({error}).", "BadArchive"
                )


def _check_member(info: zipfile.ZipInfo, member_name: str, limits: Limits) -> None:
    raw_name = info.filename
    parts = PurePosixPath(raw_name.replace("\\", "/")).parts
    if (
        raw_name.startswith(("/", "\\"))
        or (len(raw_name) > 1 and raw_name[1] == ":")
        or ".." in parts
    ):
        raise UnsafeArchive(
            f"{member_name}: the member's path points outside the archive's folder "
            "(absolute, or with '..'); it was not read."
        )
    if (info.external_attr >> 16) & 0o170000 == 0o120000:
        raise UnsafeArchive(f"{member_name}: the member is a symbolic link; it was not read.")
    if info.file_size > limits.max_bytes:
        raise TooLarge(
            f"{member_name} unpacks to {info.file_size:,} bytes, over the "
            f"{limits.max_bytes:,}-byte limit."
        )
    if (
        info.file_size > _RATIO_FLOOR
        and info.compress_size
        and info.file_size / info.compress_size > limits.max_ratio
    ):
        raise ArchiveTooLarge(
            f"{member_name} expands {info.file_size // info.compress_size:,} times when "
            f"unpacked (the limit is {limits.max_ratio}): it looks like a zip bomb."
        )


def _read_member(
    archive: zipfile.ZipFile, info: zipfile.ZipInfo, member_name: str, cap: int
) -> bytes:
    """Read at most ``cap`` bytes, refusing a member that turns out bigger than its header."""
    chunks: list[bytes] = []
    total = 0
    with archive.open(info) as member:
        while chunk := member.read(_CHUNK):
            total += len(chunk)
            if total > cap:
                raise ArchiveTooLarge(
                    f"{member_name} unpacks to more than {cap:,} bytes, the most this member "
                    f"may use (its header says {info.file_size:,}); it was not read."
                )
            chunks.append(chunk)
    return b"".join(chunks)


class _CappedReader:
    """A zip member stream that raises once the archive budget is used up."""

    def __init__(self, raw: IO[bytes], budget: int, name: str, limits: Limits) -> None:
        self._raw = raw
        self._budget = budget
        self._name = name
        self.read_so_far = 0

    def readline(self, limit: int = -1, /) -> bytes:
        line = self._raw.readline(limit)
        self.read_so_far += len(line)
        if self.read_so_far > self._budget:
            raise ArchiveTooLarge(
                f"{self._name}: the archive has unpacked to more than its size limit."
            )
        return line


def _os_junk(path: str) -> bool:
    """Files the operating system adds to folders and zips (".DS_Store", "__MACOSX/...")."""
    parts = PurePosixPath(path.replace("\\", "/")).parts
    return any(part.startswith(".") or part == "__MACOSX" for part in parts if part != "..")


def _too_large(name: str, size: int, limits: Limits) -> TooLarge:
    return TooLarge(f"{name} is {size:,} bytes, over the {limits.max_bytes:,}-byte limit.")


def _unsupported(name: str, suffix: str) -> ItemError:
    return ItemError.from_error(
        name,
        UnsupportedType(
            f"{name}: '{suffix or 'no extension'}' files are not read; use one of {_SUPPORTED}."
        ),
    )


def _string(value: object) -> str | None:
    if isinstance(value, str) and value.strip():
        return value.strip()
    if isinstance(value, int | float) and not isinstance(value, bool):
        return str(value)
    return None
