from django.urls import path

from casualties import editor_views, feeds, views

urlpatterns = [
    path("timeline/", views.timeline, name="casualties-timeline"),
    path("timeline/export.csv", views.export_csv, name="casualties-export-csv"),
    path("timeline/export.json", views.export_json, name="casualties-export-json"),
    path("chart/", views.chart, name="casualties-chart"),
    path("actors/<int:pk>/", views.actor_detail, name="casualties-actor"),
    path("ceasefires/", views.ceasefires, name="casualties-ceasefires"),
    path("records/<slug:kind>/<int:pk>/", views.record_detail, name="casualties-record"),
    path("feed/", feeds.record_feed, name="casualties-feed"),
    # Editors (casualties.change_record).
    path("records/<slug:kind>/<int:pk>/edit/", editor_views.record_edit, name="casualties-edit"),
    path(
        "records/<slug:kind>/<int:pk>/verdict",
        editor_views.record_verdict,
        name="casualties-verdict",
    ),
    path(
        "records/<slug:kind>/<int:pk>/history/",
        editor_views.record_history,
        name="casualties-history",
    ),
    path(
        "records/<slug:kind>/<int:pk>/revert/<int:event_id>",
        editor_views.record_revert,
        name="casualties-revert",
    ),
    path("records/<slug:kind>/<int:pk>/merge", editor_views.record_merge, name="casualties-merge"),
    path("records/<slug:kind>/<int:pk>/split", editor_views.record_split, name="casualties-split"),
    # Under /articles/ beside the article page, but an editor's view of this app.
    path("articles/<int:pk>/add-record", editor_views.add_record, name="casualties-add-record"),
    path("review/", editor_views.review, name="casualties-review"),
    path("quality/", editor_views.quality, name="casualties-quality"),
]
