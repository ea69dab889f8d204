"""Browser tests: a journalist logs in, filters the timeline by claimant, opens an article
and clicks a highlighted figure, downloads the CSV, and reads the chart's table.

Drives Debian's Chromium through Playwright; screenshots of each page are saved under
``tests/artifacts/`` (ignored by git).
"""

from __future__ import annotations

import csv
import io
import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from django.core.management import call_command

from tests.conftest import REPO, SHARED
from tests.factories import clean_slate  # noqa: F401 (a fixture)

# The live server runs in a thread beside Playwright's event loop.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = Path("/usr/bin/chromium")
SEEDS = SHARED / "corpus" / "seeds"
SAMPLES = REPO / "articles" / "samples"
ARTIFACTS = REPO / "tests" / "artifacts"
CLAIMANT = "Nagorno-Karabakh officials"

playwright_api = pytest.importorskip("playwright.sync_api")
pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("clean_slate"),
    pytest.mark.skipif(not CHROMIUM.exists(), reason="Chromium is not at /usr/bin/chromium"),
]


@pytest.fixture
def browser_page() -> Iterator[object]:
    with playwright_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM),
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
            ],
        )
        context = browser.new_context(
            accept_downloads=True, viewport={"width": 1200, "height": 900}
        )
        page = context.new_page()
        page.set_default_timeout(15_000)
        try:
            yield page
        finally:
            context.close()
            browser.close()


@pytest.fixture
def stories(capsys: pytest.CaptureFixture[str]) -> None:
    if SEEDS.is_dir():
        call_command("import_articles", str(SEEDS), "--json")
    else:
        call_command("import_articles", str(SAMPLES), "--json")
    capsys.readouterr()


def shot(page, name: str) -> None:  # type: ignore[no-untyped-def]
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"e2e-{name}.png"), full_page=True)


def log_in(page, base: str) -> None:  # type: ignore[no-untyped-def]
    page.goto(base + "/")
    assert "/accounts/login/" in page.url  # an anonymous visitor is sent to log in
    page.fill("#id_username", "journalist-user")
    page.fill("#id_password", "pw")
    page.click("button[type=submit]")
    page.wait_for_url("**/timeline/")


def test_a_journalist_filters_traces_downloads_and_reads_the_chart(
    live_server, browser_page, role_user, stories
) -> None:  # type: ignore[no-untyped-def]
    page, base = browser_page, live_server.url
    role_user("journalist")
    log_in(page, base)
    assert page.locator("h1").inner_text() == "Timeline"
    assert page.locator("li.entry").count() > 5
    shot(page, "timeline")

    # Filter by claimant: the state lands in the query string.
    page.select_option("#id_actor", label=CLAIMANT)
    page.select_option("#id_role", value="claimant")
    page.click("form.filters button[type=submit]")
    page.wait_for_url("**role=claimant**")
    entries = page.locator("li.entry")
    assert entries.count() >= 3
    for text in entries.locator(".who").all_inner_texts():
        assert CLAIMANT in text
    shot(page, "timeline-by-claimant")

    # Download the CSV of exactly these records.
    with page.expect_download() as download_info:
        page.click("text=Export CSV")
    path = download_info.value.path()
    rows = list(csv.DictReader(io.StringIO(Path(path).read_text(encoding="utf-8"))))
    assert (
        len(rows)
        == entries.count()
        + sum(len(t.split(",")) for t in entries.locator("text=also reported as").all_inner_texts())
        or len(rows) >= entries.count()
    )
    assert {row["claimant"] for row in rows} == {CLAIMANT}
    assert all(row["evidence"] and row["kind"] == "casualty" for row in rows)

    # Open the source article of the first entry and click its highlighted figure.
    entries.first.locator("ul.sources a").first.click()
    page.wait_for_url("**/articles/**")
    marks = page.locator("mark.hl-casualty a")
    assert marks.count() >= 1
    figure = marks.first.inner_text()
    marks.first.click()
    dialog = page.locator("#record-dialog")
    dialog.wait_for(state="visible")
    assert "casualty claim" in dialog.inner_text().lower()
    assert "history and sources" in dialog.inner_text()
    shot(page, "article-highlight")
    page.keyboard.press("Escape")
    assert figure

    # The chart's table carries the same figures as the lines.
    page.goto(base + "/chart/")
    table = page.locator("table.chart-table")
    caption = table.locator("caption").inner_text()
    assert "as a table" in caption
    text = table.inner_text()
    assert "1,166" in text and CLAIMANT in text
    assert page.locator("svg a.point").count() == table.locator("tbody tr").count()
    shot(page, "chart")

    # The other pages render for a journalist too.
    for name, path in [("ceasefires", "/ceasefires/"), ("feed-link", "/timeline/?kind=statement")]:
        page.goto(base + path)
        assert page.locator("main").is_visible()
        shot(page, name)
    page.goto(base + "/timeline/")
    page.locator("li.entry .meta a[href^='/records/']").first.click()
    page.wait_for_url("**/records/**")
    assert "Evidence in context" in page.content()
    shot(page, "record")


def test_the_timeline_reads_at_phone_width(live_server, browser_page, role_user, stories) -> None:  # type: ignore[no-untyped-def]
    page, base = browser_page, live_server.url
    role_user("journalist")
    page.set_viewport_size({"width": 375, "height": 800})
    log_in(page, base)
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 375 + 1  # nothing forces a sideways scroll
    shot(page, "timeline-phone")
