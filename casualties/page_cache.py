"""Whole pages of records, cached per records revision, URL and the reader's rights.

The timeline and the chart are functions of the records (and of what the revision also
watches: copies, outlets, actors, places), of the query string, and of what the reader
may do (the editor's controls, the menu). Until a record changes, the same URL gives the
same page to every reader with the same rights, so it is rendered once and then served
from the cache: a handful of primary-key lookups (session, user, rights, revision)
instead of the filter form's choices, the chart and fifty entries.

While an import runs, every commit moves the revision, and each reader would render the page
anew. Readers who cannot edit therefore read the revision through a snapshot shared by every
web process for ``READER_PAGE_LAG_SECONDS``: they see new records that much later, and share
one rendering meanwhile. Editors (and any request with messages, such as the page after a
correction) read the revision as it is, so their own changes show at once.

Two things in a page belong to one reader: the CSRF token in its forms and the name in
its header. The page is rendered with a placeholder for each and every response gets its
own filled in. A request with messages waiting is served fresh (they are shown once).
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Callable
from functools import wraps
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.middleware.csrf import get_token
from django.utils.html import escape

from casualties import revision

CACHE_SECONDS = revision.CACHE_SECONDS
# Bumped whenever users, groups or permissions change: every cached ``rights`` is then stale.
RIGHTS_GENERATION_KEY = "casualties:rights-generation"
READER_SNAPSHOT_KEY = "casualties:reader-revision"
CSRF_PLACEHOLDER = "csrf-placeholder-8c1f0d2e"
USER_PLACEHOLDER = "user-placeholder-5b7a93c1"
# The context every cached page is rendered with, so its per-reader parts are placeholders.
PLACEHOLDERS = {"csrf_token": CSRF_PLACEHOLDER, "page_username": USER_PLACEHOLDER}

View = Callable[..., HttpResponse]


def rights(request: HttpRequest) -> tuple[bool, ...]:
    """What a page shows differently by reader (base.html's menu, the editor's controls).

    Reading a user's permissions takes two queries, as many as the rest of a cached page,
    so they are cached per user until anything about users, groups or permissions changes
    (``forget_rights``). They only choose which variant of a page to show: every action is
    still checked against the database when it is posted.
    """
    user = request.user
    key = f"casualties:rights:{user.pk}"
    found = cache.get_many([RIGHTS_GENERATION_KEY, key])
    generation = found.get(RIGHTS_GENERATION_KEY)
    if generation is None:  # never set, or evicted: a new number no cached rights carry
        cache.add(RIGHTS_GENERATION_KEY, time.time_ns(), None)
        generation = cache.get(RIGHTS_GENERATION_KEY)
    cached = found.get(key)
    if cached is not None and cached[0] == generation:
        return tuple(cached[1])
    current = (
        user.has_perm("casualties.change_record"),
        user.has_perm("articles.view_importbatch"),
        bool(user.is_staff),
    )
    cache.set(key, (generation, current), CACHE_SECONDS)
    return current


def forget_rights(**_signal: Any) -> None:
    """Make every cached ``rights`` stale (connected to changes of users, groups and
    permissions in ``CasualtiesConfig.ready``)."""
    if _signal.get("update_fields") == frozenset({"last_login"}):
        return  # a login changes no right
    try:
        cache.incr(RIGHTS_GENERATION_KEY)
    except ValueError:  # not set (or evicted): a new number no cached rights carry
        cache.set(RIGHTS_GENERATION_KEY, time.time_ns(), None)


def reader_revision(can_edit: bool) -> str:
    """The revision a page is keyed on: as it is for editors, at most
    ``READER_PAGE_LAG_SECONDS`` old for readers who cannot edit."""
    lag = settings.READER_PAGE_LAG_SECONDS
    if can_edit or lag <= 0:
        return revision.current()
    stamp = cache.get(READER_SNAPSHOT_KEY)
    if stamp is None:
        stamp = revision.current()
        if revision.committed(stamp):  # never share a transaction's own uncommitted view
            cache.add(READER_SNAPSHOT_KEY, stamp, lag)
    return stamp


def stamp_of(request: HttpRequest) -> str:
    """The records revision this request reads, once (``revision_cached`` sets it)."""
    stamp = getattr(request, "records_revision", None)
    return stamp if stamp is not None else revision.current()


def fill(html: str, request: HttpRequest) -> str:
    """``html`` with this reader's CSRF token and name in place of the placeholders."""
    if CSRF_PLACEHOLDER in html:
        html = html.replace(CSRF_PLACEHOLDER, get_token(request))
    return html.replace(USER_PLACEHOLDER, escape(request.user.get_username()))


def revision_cached(view: View) -> View:
    """Serve a GET page of records from the cache until the records revision moves.

    The view must render with ``PLACEHOLDERS`` in its context; it reads the revision from
    ``stamp_of(request)`` so that the page and its parts agree on one revision.
    """

    @wraps(view)
    def cached_view(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if request.method not in ("GET", "HEAD") or len(messages.get_messages(request)):
            response = view(request, *args, **kwargs)
            return _filled(response, request)
        reader_rights = rights(request)
        stamp = reader_revision(can_edit=reader_rights[0])
        request.records_revision = stamp  # type: ignore[attr-defined]
        identity = repr((view.__name__, stamp, request.get_full_path(), reader_rights))
        key = "casualties:page:" + hashlib.sha256(identity.encode()).hexdigest()[:32]
        html = cache.get(key)
        if html is not None:
            return HttpResponse(fill(html, request))
        response = view(request, *args, **kwargs)
        if response.status_code == 200 and not response.streaming:
            cache.set(key, response.content.decode(response.charset), CACHE_SECONDS)
        return _filled(response, request)

    return cached_view


def _filled(response: HttpResponse, request: HttpRequest) -> HttpResponse:
    if response.streaming or response.status_code != 200:
        return response
    response.content = fill(response.content.decode(response.charset), request)
    return response
