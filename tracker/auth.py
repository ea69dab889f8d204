"""Login with throttling: repeated failures for one account or from one address are refused
for a while, so passwords cannot be guessed at speed."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib.auth import views as auth_views
from django.contrib.auth.forms import AuthenticationForm
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse


def _keys(request: HttpRequest, username: str) -> list[str]:
    address = request.META.get("REMOTE_ADDR", "unknown")
    return [f"login-fail:user:{username.strip().lower()}", f"login-fail:addr:{address}"]


def failures(request: HttpRequest, username: str) -> int:
    return max(cache.get(key, 0) for key in _keys(request, username))


def record_failure(request: HttpRequest, username: str) -> None:
    for key in _keys(request, username):
        cache.add(key, 0, settings.LOGIN_LOCKOUT_SECONDS)
        try:
            cache.incr(key)
        except ValueError:  # expired between add and incr
            cache.set(key, 1, settings.LOGIN_LOCKOUT_SECONDS)


class ThrottledLoginView(auth_views.LoginView):
    """Django's login view, refusing (HTTP 429) after too many recent failures."""

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        username = request.POST.get("username", "")
        if failures(request, username) >= settings.LOGIN_MAX_FAILURES:
            # An unbound form with only this error: the password is not even checked.
            form = AuthenticationForm(request, initial={"username": username})
            form.cleaned_data = {}
            minutes = max(1, settings.LOGIN_LOCKOUT_SECONDS // 60)
            form.add_error(
                None,
                f"Too many failed attempts. Try again in {minutes} minutes.",
            )
            return self.render_to_response(self.get_context_data(form=form), status=429)
        return super().post(request, *args, **kwargs)

    def form_invalid(self, form: AuthenticationForm) -> HttpResponse:
        record_failure(self.request, self.request.POST.get("username", ""))
        return super().form_invalid(form)

    def form_valid(self, form: AuthenticationForm) -> HttpResponse:
        cache.delete(_keys(self.request, form.get_user().get_username())[0])
        return super().form_valid(form)
