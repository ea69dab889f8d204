"""Typed readers for settings that come from environment variables.

Kept apart from ``settings.py`` so they can be unit-tested: each helper turns a raw
string into a value or raises ``ImproperlyConfigured`` naming the variable and why, so a
typo in a deployment fails at start-up instead of at the first request.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

POSTGRES_SCHEMES = {"postgres", "postgresql", "pgsql"}
SQLITE_SCHEMES = {"sqlite"}
REDIS_SCHEMES = {"redis", "rediss", "unix"}


def database_config(url: str, *, pool_size: int = 0) -> dict[str, Any]:
    """Return a Django ``DATABASES`` entry for ``DATABASE_URL``.

    PostgreSQL uses psycopg 3; ``pool_size`` > 0 turns on Django's connection pool
    (which requires ``CONN_MAX_AGE=0``).
    """
    try:
        parts = urlsplit(url)
        port = parts.port  # raises ValueError on a non-numeric port
    except ValueError as exc:
        raise ImproperlyConfigured(f"DATABASE_URL is malformed ({exc}): {url!r}") from exc
    scheme = parts.scheme.lower()
    if scheme in POSTGRES_SCHEMES:
        if not parts.hostname and not parts.path.strip("/"):
            raise ImproperlyConfigured(
                f"DATABASE_URL {url!r} names no host and no database; "
                "expected postgres://USER@HOST:PORT/NAME"
            )
        if not parts.path.strip("/"):
            raise ImproperlyConfigured(
                f"DATABASE_URL {url!r} names no database; expected postgres://USER@HOST:PORT/NAME"
            )
        config = dj_database_url.parse(url, conn_max_age=0)
        config["ENGINE"] = "django.db.backends.postgresql"
        if port is None:
            config["PORT"] = 5432
        if pool_size > 0:
            config.setdefault("OPTIONS", {})["pool"] = {"min_size": 1, "max_size": pool_size}
        return config
    if scheme in SQLITE_SCHEMES:
        return dj_database_url.parse(url)
    raise ImproperlyConfigured(
        f"DATABASE_URL {url!r} has an unsupported scheme {parts.scheme!r}; "
        "use postgres://USER@HOST:PORT/NAME or sqlite:///PATH"
    )


def redis_url(url: str) -> str:
    """Validate ``REDIS_URL`` (Celery broker and cache); return it unchanged."""
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 - evaluated for its ValueError on a bad port
    except ValueError as exc:
        raise ImproperlyConfigured(f"REDIS_URL is malformed ({exc}): {url!r}") from exc
    if parts.scheme.lower() not in REDIS_SCHEMES:
        raise ImproperlyConfigured(
            f"REDIS_URL {url!r} has an unsupported scheme {parts.scheme!r}; "
            "use redis://HOST:PORT/DB"
        )
    if parts.scheme.lower() != "unix" and not parts.hostname:
        raise ImproperlyConfigured(f"REDIS_URL {url!r} names no host; use redis://HOST:PORT/DB")
    return url


def size_in_bytes(raw: str, *, name: str) -> int:
    """Parse sizes such as ``5242880``, ``5MB`` or ``512 KiB`` into bytes."""
    units = {
        "": 1,
        "b": 1,
        "kb": 1024,
        "kib": 1024,
        "mb": 1024**2,
        "mib": 1024**2,
        "gb": 1024**3,
        "gib": 1024**3,
    }
    text = raw.strip().lower()
    digits = text.rstrip("abcdefghijklmnopqrstuvwxyz ").strip()
    unit = text[len(digits) :].strip()
    try:
        value = float(digits)
    except ValueError:
        value = -1.0
    if value <= 0 or unit not in units:
        raise ImproperlyConfigured(f"{name} must be a positive size such as 5MB, got {raw!r}")
    return int(value * units[unit])
