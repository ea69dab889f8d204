"""The Content-Security-Policy in a real browser: an editor goes through every page that runs
a script (highlights, selecting a sentence to add a record, the review queue, the batch
progress bar) and Chromium reports no violation, while the scripts still do their work."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from articles.models import Article, ImportBatch
from tests.e2e.test_timeline_browser import CHROMIUM, browser_page, stories  # noqa: F401
from tests.factories import clean_slate  # noqa: F401 (a fixture)

playwright_api = pytest.importorskip("playwright.sync_api")
pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("clean_slate"),
    pytest.mark.skipif(not CHROMIUM.exists(), reason="Chromium is not at /usr/bin/chromium"),
]


def test_an_editor_meets_no_policy_violation_and_the_scripts_work(
    live_server: Any,
    browser_page: Any,  # noqa: F811
    role_user: Any,
    stories: None,  # noqa: F811
) -> None:
    page, base = browser_page, live_server.url
    violations: list[str] = []
    page.on(
        "console",
        lambda message: (
            violations.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    role_user("editor")
    page.goto(base + "/")
    page.fill("#id_username", "editor-user")
    page.fill("#id_password", "pw")
    page.click("button[type=submit]")
    page.wait_for_url("**/timeline/")

    article = Article.objects.filter(primary_of__records__kind="casualty").first()
    assert article is not None
    page.goto(base + article.get_absolute_url())
    page.locator("mark.hl-casualty a").first.click()  # highlights.js opens the record
    page.locator("#record-dialog").wait_for(state="visible")
    page.keyboard.press("Escape")

    batch = ImportBatch.objects.first()
    assert batch is not None
    for url in (
        reverse("casualties-review"),
        reverse("articles-batch", args=[batch.pk]),
        reverse("casualties-chart"),
        reverse("casualties-timeline"),
    ):
        page.goto(base + url)
        assert page.locator("main").is_visible()
    page.wait_for_timeout(500)  # late reports (a script loaded with defer)
    assert not violations, violations
