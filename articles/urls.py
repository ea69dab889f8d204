from django.urls import path

from articles import views

urlpatterns = [
    path("", views.article_list, name="articles-list"),
    path("<int:pk>/", views.article_detail, name="articles-detail"),
    path("<int:pk>/original", views.article_original, name="articles-original"),
    path("<int:pk>/retry", views.article_retry, name="articles-retry"),
    path("import/", views.upload, name="articles-import"),
    path("batches/", views.batch_list, name="articles-batches"),
    path("batches/<int:pk>/", views.batch_detail, name="articles-batch"),
    path("batches/<int:pk>/progress", views.batch_progress, name="articles-batch-progress"),
    path("batches/<int:pk>/retry", views.batch_retry, name="articles-batch-retry"),
]
