"""Every URL of the project, walked with every role.

GET: an anonymous visitor is sent to log in everywhere but the login page and the health
check; each role gets what its job needs and a 403 elsewhere. POST on every mutating
endpoint: an anonymous visitor is sent to log in, a journalist gets 403, an editor may edit
records, an importer may import but not edit. A URL pattern missing from the tables below
fails the test, so a new page must say who may use it.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from django.contrib.contenttypes.models import ContentType
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from articles.models import RawDocument
from casualties import editing
from casualties.models import Record
from tests.factories import (
    ActorFactory,
    BatchFactory,
    CasualtyFactory,
    clean_slate,  # noqa: F401 (a fixture)
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("clean_slate")]

ROLES = ("anonymous", "journalist", "editor", "importer", "superuser")
LOGIN = reverse("login")
ALL = {role: 200 for role in ROLES[1:]}
EDITORS = {"journalist": 403, "editor": 200, "importer": 403, "superuser": 200}
IMPORTERS = {"journalist": 403, "editor": 403, "importer": 200, "superuser": 200}
POST_ONLY = {role: 405 for role in ROLES[1:]}

# GET: the status each signed-in role gets (anonymous: always a redirect to log in).
GET_EXPECTED: dict[str, dict[str, int]] = {
    "home": {role: 302 for role in ROLES[1:]},
    "health": ALL,
    "logout": POST_ONLY,
    "articles-list": ALL,
    "articles-detail": ALL,
    "articles-original": ALL,
    "articles-retry": POST_ONLY,
    "articles-import": IMPORTERS,
    "articles-batches": ALL,
    "articles-batch": ALL,
    "articles-batch-progress": ALL,
    "articles-batch-retry": POST_ONLY,
    "casualties-timeline": ALL,
    "casualties-export-csv": ALL,
    "casualties-export-json": ALL,
    "casualties-chart": ALL,
    "casualties-actor": ALL,
    "casualties-ceasefires": ALL,
    "casualties-record": ALL,
    "casualties-feed": ALL,
    "casualties-edit": EDITORS,
    "casualties-verdict": POST_ONLY,
    "casualties-history": EDITORS,
    "casualties-revert": POST_ONLY,
    "casualties-merge": POST_ONLY,
    "casualties-split": POST_ONLY,
    "casualties-add-record": EDITORS,
    "casualties-review": EDITORS,
    "casualties-quality": ALL,
}
# Pages anyone may open signed out.
PUBLIC = {"login", "health"}


def walk(patterns: list[Any], prefix: str = "") -> Iterator[tuple[str, URLPattern]]:
    """(full name, pattern) of every URL pattern, through every include; an unnamed
    pattern comes with its namespace alone ("admin:")."""
    for entry in patterns:
        if isinstance(entry, URLResolver):
            namespace = f"{entry.namespace}:" if entry.namespace else ""
            yield from walk(entry.url_patterns, prefix + namespace)
        else:
            yield (prefix + entry.name if entry.name else prefix), entry


def kwarg_names(pattern: URLPattern) -> list[str]:
    converters = getattr(pattern.pattern, "converters", None)
    if converters is not None and converters:
        return list(converters)
    return list(pattern.pattern.regex.groupindex)


@pytest.fixture
def world(role_user) -> dict[str, Any]:  # type: ignore[no-untyped-def]
    """A record, its article, actor and batch, a history event, and a client per role."""
    claim = CasualtyFactory()
    batch = BatchFactory()
    claim.article.batch = batch
    claim.article.save()
    RawDocument.objects.create(article=claim.article, content=b"story", size=5, sha256="0" * 64)
    clients = {"anonymous": Client()}
    for role in ROLES[1:]:
        client = Client()
        client.force_login(role_user(role))
        clients[role] = client
    editing.correct(claim.pk, user=None, expected_version=0, changes={"number": 31})
    changes = editing.history(claim)
    return {
        "record": Record.objects.get(pk=claim.pk),
        "actor": ActorFactory(),
        "batch": batch,
        "event_id": changes[0].event_id if changes else 1,
        "clients": clients,
    }


def url_for(name: str, pattern: URLPattern, world: dict[str, Any]) -> str:
    record, article = world["record"], world["record"].article
    values: dict[str, Any] = {}
    for kwarg in kwarg_names(pattern):
        if kwarg == "kind":
            values[kwarg] = record.kind
        elif kwarg == "event_id":
            values[kwarg] = world["event_id"]
        elif kwarg == "pk":
            if name.startswith("articles-batch"):
                values[kwarg] = world["batch"].pk
            elif name.startswith("articles-") or name == "casualties-add-record":
                values[kwarg] = article.pk
            elif name == "casualties-actor":
                values[kwarg] = world["actor"].pk
            else:
                values[kwarg] = record.pk
        elif kwarg == "app_label":
            values[kwarg] = "casualties"
        elif kwarg == "content_type_id":
            values[kwarg] = ContentType.objects.get_for_model(Record).pk
        elif kwarg in ("object_id", "id"):
            values[kwarg] = str(record.pk)
        else:
            raise AssertionError(f"{name}: no value to put in <{kwarg}>")
    url = reverse(name, kwargs=values)
    if name == "casualties-add-record":
        url += f"?kind=casualty&start={record.evidence_start}&end={record.evidence_end}"
    return url


def test_every_url_pattern_with_every_role_on_get(world: dict[str, Any]) -> None:
    clients = world["clients"]
    seen: set[str] = set()
    unnamed = []
    for name, pattern in walk(get_resolver().url_patterns):
        if name.endswith(":") or not name:
            unnamed.append(name)
            continue
        seen.add(name)
        if name.startswith("admin:"):
            url = url_for(name, pattern, world)
            for role in ("anonymous", "journalist", "editor", "importer"):
                response = clients[role].get(url)
                if name in ("admin:login", "admin:logout"):
                    assert response.status_code in (200, 302, 405), (name, role)
                    continue
                # Not staff: the admin sends them to its own login page.
                assert response.status_code == 302, (name, role, response.status_code)
                assert "/login/" in response["Location"], (name, role)
            admin_page = clients["superuser"].get(url)
            assert admin_page.status_code < 500, name
            assert "Content-Security-Policy" in admin_page, name
            continue
        if name == "login":
            for role in ROLES:
                assert clients[role].get(reverse(name)).status_code == 200
            continue
        assert name in GET_EXPECTED, f"{name}: add it to GET_EXPECTED (who may open it?)"
        url = url_for(name, pattern, world)
        anonymous = clients["anonymous"].get(url)
        if name in PUBLIC:
            assert anonymous.status_code == 200, name
        else:
            assert anonymous.status_code == 302, (name, anonymous.status_code)
            assert anonymous["Location"].startswith(LOGIN), name
        for role, expected in GET_EXPECTED[name].items():
            response = clients[role].get(url)
            assert response.status_code == expected, (name, role, response.status_code)
            # Every answer, page, redirect or refusal, carries the policy.
            assert "script-src 'self'" in response["Content-Security-Policy"], (name, role)
    assert seen >= set(GET_EXPECTED) | {"login"}
    # Only the admin has patterns without a name (its redirects and its catch-all).
    assert set(unnamed) == {"admin:"}, unnamed


def post_cases(world: dict[str, Any]) -> list[tuple[str, str, dict[str, Any], str]]:
    """(name, url, data, who may) for every mutating endpoint."""
    record = world["record"]
    args = [record.kind, record.pk]
    article = record.article
    return [
        ("casualties-edit", reverse("casualties-edit", args=args), {"lock_version": 0}, "edit"),
        (
            "casualties-verdict",
            reverse("casualties-verdict", args=args),
            {"verdict": "verify"},
            "edit",
        ),
        (
            "casualties-revert",
            reverse("casualties-revert", args=[*args, world["event_id"]]),
            {"lock_version": 0},
            "edit",
        ),
        ("casualties-merge", reverse("casualties-merge", args=args), {"other": 0}, "edit"),
        ("casualties-split", reverse("casualties-split", args=args), {}, "edit"),
        (
            "casualties-add-record",
            reverse("casualties-add-record", args=[article.pk]),
            {"kind": "casualty", "sentence": "missing"},
            "edit",
        ),
        ("articles-retry", reverse("articles-retry", args=[article.pk]), {}, "import"),
        (
            "articles-batch-retry",
            reverse("articles-batch-retry", args=[world["batch"].pk]),
            {},
            "import",
        ),
        ("articles-import", reverse("articles-import"), {}, "import"),
    ]


def test_every_mutating_endpoint_with_every_role_on_post(world: dict[str, Any]) -> None:
    clients = world["clients"]
    may = {"edit": {"editor", "superuser"}, "import": {"importer", "superuser"}}
    covered = {name for name, *_ in post_cases(world)}
    # Every POST-only page and every editing page is in the table.
    mutating = {name for name, statuses in GET_EXPECTED.items() if statuses == POST_ONLY}
    assert (mutating - {"logout"}) | {"casualties-edit", "casualties-add-record"} <= covered
    for name, url, data, job in post_cases(world):
        anonymous = clients["anonymous"].post(url, data)
        assert anonymous.status_code == 302 and anonymous["Location"].startswith(LOGIN), name
        for role in ROLES[1:]:
            response = clients[role].post(url, data)
            if role in may[job]:
                assert response.status_code not in (403, 405, 500), (name, role)
            else:
                assert response.status_code == 403, (name, role, response.status_code)


def test_every_editing_form_carries_a_csrf_token(world: dict[str, Any]) -> None:
    editor = world["clients"]["editor"]
    record = world["record"]
    pages = [
        reverse("casualties-edit", args=[record.kind, record.pk]),
        reverse("casualties-history", args=[record.kind, record.pk]),
        reverse("casualties-record", args=[record.kind, record.pk]),
        reverse("casualties-review"),
        reverse("casualties-timeline"),
        reverse("articles-detail", args=[record.article_id]),
        reverse("casualties-add-record", args=[record.article_id])
        + f"?kind=casualty&start={record.evidence_start}&end={record.evidence_end}",
    ]
    for url in pages:
        html = editor.get(url).content.decode()
        posts = html.count('method="post"')
        assert posts, url
        assert html.count('name="csrfmiddlewaretoken"') >= posts, url


def test_a_post_without_a_csrf_token_is_refused(world: dict[str, Any], django_user_model) -> None:  # type: ignore[no-untyped-def]
    record = world["record"]
    client = Client(enforce_csrf_checks=True)
    client.force_login(django_user_model.objects.get(username="editor-user"))
    response = client.post(
        reverse("casualties-verdict", args=[record.kind, record.pk]), {"verdict": "verify"}
    )
    assert response.status_code == 403
    record.refresh_from_db()
    assert record.status == "corrected"  # as the fixture left it
