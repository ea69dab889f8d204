"""Test settings: the real services when they answer, SQLite otherwise.

When PostgreSQL (127.0.0.1:5432) and Redis (127.0.0.1:6379) answer and no
``DATABASE_URL``/``REDIS_URL`` is set, the suite runs against them. Otherwise it runs on
SQLite and tests marked ``services`` are skipped with the reason; ``REQUIRE_SERVICES=1``
turns a missing service into a failure instead.
"""

from __future__ import annotations

import os
import socket

from django.core.exceptions import ImproperlyConfigured


def _answers(host: str, port: int) -> bool:
    try:
        with socket.create_connection((host, port), timeout=1):
            return True
    except OSError:
        return False


POSTGRES_UP = _answers("127.0.0.1", 5432)
REDIS_UP = _answers("127.0.0.1", 6379)
if POSTGRES_UP and "DATABASE_URL" not in os.environ:
    os.environ["DATABASE_URL"] = "postgres://postgres@127.0.0.1:5432/tracker"
if REDIS_UP and "REDIS_URL" not in os.environ:
    # A database number of its own, so tests never touch a developer's queues.
    os.environ["REDIS_URL"] = "redis://127.0.0.1:6379/13"

MISSING_SERVICES = [
    name
    for name, variable in (("PostgreSQL", "DATABASE_URL"), ("Redis", "REDIS_URL"))
    if not os.environ.get(variable, "").startswith(("postgres", "redis"))
]
if MISSING_SERVICES and os.environ.get("REQUIRE_SERVICES") == "1":
    raise ImproperlyConfigured(
        "REQUIRE_SERVICES=1 but not reachable: " + ", ".join(MISSING_SERVICES)
    )

os.environ.setdefault("DEBUG", "1")
# Tests are in-process unless a test starts a real worker; eager mode keeps them so.
os.environ.setdefault("CELERY_TASK_ALWAYS_EAGER", "1")
os.environ.setdefault("DB_POOL_SIZE", "0")
# Pages show every change at once unless a test turns the readers' lag on.
os.environ.setdefault("READER_PAGE_LAG_SECONDS", "0")

from tracker.settings import *  # noqa: E402,F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
