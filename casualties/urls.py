from django.urls import path

from casualties import feeds, views

urlpatterns = [
    path("timeline/", views.timeline, name="casualties-timeline"),
    path("timeline/export.csv", views.export_csv, name="casualties-export-csv"),
    path("timeline/export.json", views.export_json, name="casualties-export-json"),
    path("chart/", views.chart, name="casualties-chart"),
    path("actors/<int:pk>/", views.actor_detail, name="casualties-actor"),
    path("ceasefires/", views.ceasefires, name="casualties-ceasefires"),
    path("records/<slug:kind>/<int:pk>/", views.record_detail, name="casualties-record"),
    path("feed/", feeds.record_feed, name="casualties-feed"),
]
