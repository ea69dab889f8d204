from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from articles.models import Article


def article_list(request: HttpRequest) -> HttpResponse:
    articles = (
        Article.objects.filter(status=Article.Status.PARSED)
        .select_related("outlet")
        .only("headline", "published", "timezone_name", "outlet__name", "agency", "name")
    )
    page = Paginator(articles, 50).get_page(request.GET.get("page"))
    return render(request, "articles/list.html", {"page": page})


def article_detail(request: HttpRequest, pk: int) -> HttpResponse:
    article = get_object_or_404(Article.objects.select_related("outlet", "batch"), pk=pk)
    return render(request, "articles/detail.html", {"article": article})


def article_original(request: HttpRequest, pk: int) -> HttpResponse:
    """The bytes as imported, always as an attachment of plain bytes: never rendered as HTML."""
    article = get_object_or_404(Article.objects.select_related("raw"), pk=pk)
    response = HttpResponse(bytes(article.raw.content), content_type="application/octet-stream")
    filename = article.name.replace("/", "_").replace(":", "_").replace('"', "")[-100:]
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["X-Content-Type-Options"] = "nosniff"
    return response
