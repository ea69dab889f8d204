from django.urls import path

from articles import views

urlpatterns = [
    path("", views.article_list, name="articles-list"),
    path("<int:pk>/", views.article_detail, name="articles-detail"),
    path("<int:pk>/original", views.article_original, name="articles-original"),
]
