"""Importers upload batches and watch them; other roles cannot import."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from articles.models import Article, ImportBatch
from tests.articles.pages import PNG_BYTES, html_page, saved_text_page, zip_bytes

# Transactional: tasks are queued on commit, as in production.
pytestmark = pytest.mark.django_db(transaction=True)


def uploads() -> list[SimpleUploadedFile]:
    return [
        SimpleUploadedFile("story.txt", saved_text_page().encode(), "text/plain"),
        SimpleUploadedFile("pages.zip", zip_bytes({"x/same.html": html_page().encode()})),
        SimpleUploadedFile("picture.txt", PNG_BYTES, "text/plain"),
    ]


@pytest.mark.parametrize("role", ["journalist", "editor"])
def test_only_importers_may_upload(client: Client, role_user, role: str) -> None:  # type: ignore[no-untyped-def]
    client.force_login(role_user(role))
    assert client.get(reverse("articles-import")).status_code == 403
    response = client.post(reverse("articles-import"), {"files": uploads()})
    assert response.status_code == 403
    assert not ImportBatch.objects.exists()


def test_an_importer_uploads_several_files_and_sees_each_verdict(
    client: Client,
    role_user,  # type: ignore[no-untyped-def]
) -> None:
    user = role_user("importer")
    client.force_login(user)
    response = client.post(
        reverse("articles-import"), {"files": uploads(), "label": "Morning wires"}, follow=True
    )
    assert response.status_code == 200
    batch = ImportBatch.objects.get()
    assert (batch.label, batch.created_by, batch.origin) == ("Morning wires", user, "upload")
    statuses = dict(batch.articles.values_list("name", "status"))
    assert statuses == {
        "story.txt": "parsed",
        "pages.zip:x/same.html": "duplicate",
        "picture.txt": "failed",
    }
    page = response.content.decode()
    assert "picture.txt" in page  # the failure is listed with its reason
    assert batch.articles.get(name="picture.txt").reason in page


def test_the_progress_fragment_shows_counts(client: Client, role_user) -> None:  # type: ignore[no-untyped-def]
    client.force_login(role_user("importer"))
    client.post(reverse("articles-import"), {"files": uploads()})
    batch = ImportBatch.objects.get()
    fragment = client.get(reverse("articles-batch-progress", args=[batch.pk]))
    assert fragment.status_code == 200
    html = fragment.content.decode()
    assert 'data-finished="1"' in html
    assert "3 of 3" in html


def test_a_journalist_sees_batches_but_cannot_retry(client: Client, role_user) -> None:  # type: ignore[no-untyped-def]
    importer = Client()
    importer.force_login(role_user("importer"))
    importer.post(reverse("articles-import"), {"files": uploads()})
    batch = ImportBatch.objects.get()
    client.force_login(role_user("journalist"))
    assert client.get(reverse("articles-batch", args=[batch.pk])).status_code == 200
    assert client.post(reverse("articles-batch-retry", args=[batch.pk])).status_code == 403


def test_the_original_is_served_as_an_attachment_never_as_html(
    client: Client,
    role_user,  # type: ignore[no-untyped-def]
) -> None:
    client.force_login(role_user("importer"))
    client.post(reverse("articles-import"), {"files": uploads()})
    article = Article.objects.get(name="pages.zip:x/same.html")
    response = client.get(reverse("articles-original", args=[article.pk]))
    assert response["Content-Type"] == "application/octet-stream"
    assert response["Content-Disposition"].startswith("attachment;")
    assert response.content == html_page().encode()


def test_the_article_page_lists_the_other_copies(client: Client, role_user) -> None:  # type: ignore[no-untyped-def]
    client.force_login(role_user("importer"))
    client.post(reverse("articles-import"), {"files": uploads()})
    primary = Article.objects.get(name="story.txt")
    page = client.get(primary.get_absolute_url()).content.decode()
    assert "Other copies of this story" in page
    assert "Harbour Post" in page or "pages.zip:x/same.html" in page
