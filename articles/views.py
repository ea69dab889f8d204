from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from articles import parsing, services
from articles.forms import UploadForm
from articles.models import Article, ImportBatch
from casualties.views import article_records

IMPORT_PERMISSION = "articles.add_importbatch"


def article_list(request: HttpRequest) -> HttpResponse:
    articles = (
        Article.objects.filter(status=Article.Status.PARSED)
        .select_related("outlet")
        .only("headline", "published", "timezone_name", "outlet__name", "agency", "name")
    )
    page = Paginator(articles, 50).get_page(request.GET.get("page"))
    return render(request, "articles/list.html", {"page": page})


def article_detail(request: HttpRequest, pk: int) -> HttpResponse:
    article = get_object_or_404(
        Article.objects.select_related("outlet", "batch", "version__story"), pk=pk
    )
    copies = versions = []
    if article.version_id:
        copies = list(
            Article.objects.filter(version_id=article.version_id)
            .exclude(pk=article.pk)
            .select_related("outlet")
            .only("headline", "name", "outlet__name", "status")
        )
        versions = list(
            article.version.story.versions.exclude(pk=article.version_id)
            .select_related("primary")
            .only("published", "is_latest", "primary__headline", "primary__name")
            .order_by("-published")
        )
    context = {"article": article, "copies": copies, "versions": versions}
    # The records of this text, and the body with their words highlighted in place.
    context.update(article_records(article))
    context["paragraphs"] = list(
        zip(
            _paragraph_starts(article.body),
            context["highlighted"] or article.paragraphs,
            strict=True,
        )
    )
    return render(request, "articles/detail.html", context)


def _paragraph_starts(body: str) -> list[int]:
    """Where each of ``Article.paragraphs`` begins in the body: the article page marks its
    paragraphs with these so an editor's selection becomes offsets into the text."""
    starts, position = [], 0
    for paragraph in body.split("\n\n"):
        if paragraph:
            starts.append(position)
        position += len(paragraph) + 2
    return starts


def article_original(request: HttpRequest, pk: int) -> HttpResponse:
    """The bytes as imported, always as an attachment of plain bytes: never rendered as HTML."""
    article = get_object_or_404(Article.objects.select_related("raw"), pk=pk)
    response = HttpResponse(bytes(article.raw.content), content_type="application/octet-stream")
    filename = "".join(c if c.isalnum() or c in "-_." else "_" for c in article.name)[-100:]
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@require_POST
@permission_required(IMPORT_PERMISSION, raise_exception=True)
def article_retry(request: HttpRequest, pk: int) -> HttpResponse:
    article = get_object_or_404(Article, pk=pk)
    count = services.retry_failed(article_id=article.pk)
    messages.info(request, "Queued again." if count else "Nothing to retry: it has not failed.")
    return redirect(article.batch)


@permission_required(IMPORT_PERMISSION, raise_exception=True)
def upload(request: HttpRequest) -> HttpResponse:
    form = UploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        files = form.cleaned_data["files"]
        label = form.cleaned_data["label"] or ", ".join(f.name for f in files)[:300]
        batch = services.create_batch(
            label=label, origin=ImportBatch.Origin.UPLOAD, user=request.user
        )
        limits = services.read_limits()
        items = (
            item
            for uploaded in files
            for item in parsing.iter_upload(uploaded.name, uploaded, **limits)
        )
        count = services.register_items(batch, items)
        messages.success(request, f"Imported {count} items; processing has started.")
        return redirect(batch)
    return render(request, "articles/upload.html", {"form": form})


def _batches_with_counts():  # type: ignore[no-untyped-def]
    statuses = Article.Status
    return ImportBatch.objects.select_related("created_by").annotate(
        total=Count("articles"),
        pending=Count("articles", filter=Q(articles__status=statuses.PENDING)),
        parsed=Count("articles", filter=Q(articles__status=statuses.PARSED)),
        duplicate=Count("articles", filter=Q(articles__status=statuses.DUPLICATE)),
        failed=Count("articles", filter=Q(articles__status=statuses.FAILED)),
    )


@permission_required("articles.view_importbatch", raise_exception=True)
def batch_list(request: HttpRequest) -> HttpResponse:
    page = Paginator(_batches_with_counts().order_by("-created_at"), 25).get_page(
        request.GET.get("page")
    )
    return render(request, "articles/batch_list.html", {"page": page})


def _batch_context(pk: int) -> dict[str, object]:
    batch = get_object_or_404(ImportBatch.objects.select_related("created_by"), pk=pk)
    counts = services.batch_counts(batch.pk)
    percent = round(100 * counts["done"] / counts["total"]) if counts["total"] else 100
    elapsed = ((batch.finished_at or timezone.now()) - batch.created_at).total_seconds()
    rate = counts["done"] / elapsed if elapsed > 0 else 0.0
    return {
        "batch": batch,
        "counts": counts,
        "percent": percent,
        "elapsed": elapsed,
        "rate": rate,
    }


@permission_required("articles.view_importbatch", raise_exception=True)
def batch_detail(request: HttpRequest, pk: int) -> HttpResponse:
    context = _batch_context(pk)
    failures = (
        Article.objects.filter(batch_id=pk, status=Article.Status.FAILED)
        .order_by("pk")
        .only("name", "reason", "status")
    )
    context["failures"] = Paginator(failures, 100).get_page(request.GET.get("page"))
    return render(request, "articles/batch_detail.html", context)


@permission_required("articles.view_importbatch", raise_exception=True)
def batch_progress(request: HttpRequest, pk: int) -> HttpResponse:
    """The progress fragment alone, polled by the batch page while the batch runs."""
    return render(request, "articles/includes/batch_progress.html", _batch_context(pk))


@require_POST
@permission_required(IMPORT_PERMISSION, raise_exception=True)
def batch_retry(request: HttpRequest, pk: int) -> HttpResponse:
    batch = get_object_or_404(ImportBatch, pk=pk)
    count = services.retry_failed(batch_id=batch.pk)
    messages.info(request, f"Queued {count} failed items again." if count else "No failures.")
    return redirect(batch)
