from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path
from django.views.generic import RedirectView

from tracker import views
from tracker.auth import ThrottledLoginView

urlpatterns = [
    path(
        "", RedirectView.as_view(pattern_name="casualties-timeline", permanent=False), name="home"
    ),
    path("accounts/login/", ThrottledLoginView.as_view(), name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("healthz", views.health, name="health"),
    path("admin/", admin.site.urls),
    path("articles/", include("articles.urls")),
    path("", include("casualties.urls")),
]
