"""Every page needs a login except the login page (and the health check)."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("url_name", ["articles-list", "admin:index"])
def test_an_anonymous_visitor_is_sent_to_the_login_page(client: Client, url_name: str) -> None:
    response = client.get(reverse(url_name))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login")) or "login" in response["Location"]


def test_the_root_redirects_an_anonymous_visitor_to_log_in(client: Client) -> None:
    response = client.get("/", follow=True)
    assert response.redirect_chain[-1][0].startswith(reverse("login"))
    assert b"Log in" in response.content


def test_the_login_page_is_public_and_logs_a_user_in(client: Client, role_user) -> None:  # type: ignore[no-untyped-def]
    role_user("journalist")
    assert client.get(reverse("login")).status_code == 200
    response = client.post(
        reverse("login"), {"username": "journalist-user", "password": "pw"}, follow=True
    )
    assert response.status_code == 200
    assert response.context["user"].is_authenticated
    assert b"Articles" in response.content


def test_logout_is_a_post_and_ends_the_session(client: Client, role_user) -> None:  # type: ignore[no-untyped-def]
    client.force_login(role_user("editor"))
    response = client.post(reverse("logout"))
    assert response.status_code == 302
    assert client.get(reverse("articles-list")).status_code == 302


def test_the_health_check_needs_no_login(client: Client) -> None:
    response = client.get(reverse("health"))
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


def test_dates_show_in_the_article_zone() -> None:
    from datetime import UTC, datetime

    from django.template import Context, Template

    moment = datetime(2020, 10, 21, 14, 20, tzinfo=UTC)
    rendered = Template('{% load tracker %}{{ when|in_zone:zone|date:"H:i T" }}').render(
        Context({"when": moment, "zone": "Europe/London"})
    )
    assert rendered == "15:20 BST"


@pytest.mark.parametrize(
    ("value", "expected"),
    [(0.43, "0.4 s"), (12.2, "12 s"), (185, "3 min 05 s"), (7440, "2 h 04 min")],
)
def test_durations_read_as_people_say_them(value: float, expected: str) -> None:
    from articles.templatetags.tracker import seconds

    assert seconds(value) == expected


def test_logins_are_refused_for_a_while_after_repeated_failures(
    client: Client,
    role_user,
    settings,  # type: ignore[no-untyped-def]
) -> None:
    from django.core.cache import cache

    cache.clear()
    settings.LOGIN_MAX_FAILURES = 3
    role_user("journalist")
    for _ in range(3):
        response = client.post(reverse("login"), {"username": "journalist-user", "password": "x"})
        assert response.status_code == 200
    refused = client.post(reverse("login"), {"username": "journalist-user", "password": "pw"})
    assert refused.status_code == 429
    assert b"Too many failed attempts" in refused.content
    assert not refused.wsgi_request.user.is_authenticated
    cache.clear()
    accepted = client.post(reverse("login"), {"username": "journalist-user", "password": "pw"})
    assert accepted.status_code == 302
