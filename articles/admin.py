from django.contrib import admin

from articles.models import Article, ImportBatch, Outlet


@admin.register(Outlet)
class OutletAdmin(admin.ModelAdmin):
    list_display = ["name", "domain"]
    search_fields = ["name", "domain"]


@admin.register(ImportBatch)
class ImportBatchAdmin(admin.ModelAdmin):
    list_display = ["id", "label", "origin", "created_by", "created_at", "finished_at"]
    list_select_related = ["created_by"]


@admin.register(Article)
class ArticleAdmin(admin.ModelAdmin):
    list_display = ["id", "headline", "status", "outlet", "published"]
    list_filter = ["status"]
    list_select_related = ["outlet"]
    search_fields = ["headline", "name", "url"]
    raw_id_fields = ["batch", "version", "outlet"]
    exclude = ["body"]
    readonly_fields = ["name", "status", "reason", "published", "version"]
