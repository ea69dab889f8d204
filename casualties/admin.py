from django.contrib import admin

from casualties.models import Actor, ActorAlias, Place, PlaceAlias, Record


class ActorAliasInline(admin.TabularInline):
    model = ActorAlias
    fields = ["alias"]
    extra = 1


@admin.register(Actor)
class ActorAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "country", "role", "needs_review"]
    list_filter = ["needs_review", "kind"]
    list_editable = ["needs_review"]
    list_select_related = ["country"]
    search_fields = ["name", "aliases__alias"]
    raw_id_fields = ["country"]
    inlines = [ActorAliasInline]


class PlaceAliasInline(admin.TabularInline):
    model = PlaceAlias
    fields = ["alias"]
    extra = 1


@admin.register(Place)
class PlaceAdmin(admin.ModelAdmin):
    list_display = ["name", "country"]
    list_select_related = ["country"]
    search_fields = ["name", "aliases__alias"]
    raw_id_fields = ["country"]
    inlines = [PlaceAliasInline]


@admin.register(Record)
class RecordAdmin(admin.ModelAdmin):
    """Read-only here: editors correct records through the tracker's own pages."""

    list_display = ["id", "kind", "day", "number", "category", "claimant", "speaker", "status"]
    list_filter = ["kind", "status", "category"]
    list_select_related = ["claimant", "speaker"]
    search_fields = ["evidence", "quote"]
    date_hierarchy = "day"

    def has_change_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False

    def has_add_permission(self, request):  # type: ignore[no-untyped-def]
        return False

    def has_delete_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False
