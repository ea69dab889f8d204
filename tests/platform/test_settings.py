"""Settings come from the environment and fail loudly on junk."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from tracker.config import database_config, redis_url, size_in_bytes

REPO = Path(__file__).resolve().parents[2]


def run_settings(env_overrides: dict[str, str], code: str) -> subprocess.CompletedProcess[str]:
    """Import the real settings in a clean process with only the given variables."""
    env = {k: v for k, v in os.environ.items() if k in {"PATH", "HOME", "LANG"}}
    env.update(DJANGO_SETTINGS_MODULE="tracker.settings", DATA_DIR="/tmp/tracker-settings-test")
    env.update(env_overrides)
    return subprocess.run(
        [sys.executable, "-c", "import django; django.setup(); " + code],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )


@pytest.mark.parametrize(
    ("url", "message"),
    [
        pytest.param("postgres://u@host:notaport/db", "malformed", id="bad-port"),
        pytest.param("mysql://u@host/db", "unsupported scheme", id="unknown-scheme"),
        pytest.param("postgres://u@host:5432/", "names no database", id="no-database"),
        pytest.param("not a url", "unsupported scheme", id="not-a-url"),
    ],
)
def test_malformed_database_url_is_refused_with_a_clear_message(url: str, message: str) -> None:
    with pytest.raises(ImproperlyConfigured, match=message):
        database_config(url)


@pytest.mark.parametrize(
    ("url", "message"),
    [
        pytest.param("redis://localhost:port/0", "malformed", id="bad-port"),
        pytest.param("http://localhost:6379", "unsupported scheme", id="wrong-scheme"),
        pytest.param("redis:///0", "names no host", id="no-host"),
    ],
)
def test_malformed_redis_url_is_refused_with_a_clear_message(url: str, message: str) -> None:
    with pytest.raises(ImproperlyConfigured, match=message):
        redis_url(url)


def test_postgres_url_uses_psycopg_with_the_connection_pool() -> None:
    config = database_config("postgres://news:pw@db.internal:6543/tracker", pool_size=5)
    assert config["ENGINE"] == "django.db.backends.postgresql"
    assert (config["HOST"], config["PORT"], config["NAME"]) == ("db.internal", 6543, "tracker")
    assert config["OPTIONS"]["pool"] == {"min_size": 1, "max_size": 5}
    assert config["CONN_MAX_AGE"] == 0


@pytest.mark.parametrize(
    ("raw", "expected"),
    [("5MB", 5 * 1024**2), ("512 KiB", 512 * 1024), ("1000", 1000), ("1.5mb", 1572864)],
)
def test_sizes_accept_units(raw: str, expected: int) -> None:
    assert size_in_bytes(raw, name="X") == expected


@pytest.mark.parametrize("raw", ["", "-3MB", "five", "5 parsecs"])
def test_sizes_refuse_junk(raw: str) -> None:
    with pytest.raises(ImproperlyConfigured, match="X must be a positive size"):
        size_in_bytes(raw, name="X")


def test_with_nothing_configured_the_app_uses_sqlite_and_runs_tasks_in_process() -> None:
    result = run_settings(
        {},
        "from django.conf import settings as s; "
        "print(s.DATABASES['default']['ENGINE'], s.CELERY_TASK_ALWAYS_EAGER, s.DEBUG)",
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["django.db.backends.sqlite3", "True", "True"]


def test_a_malformed_url_stops_start_up_naming_the_variable() -> None:
    result = run_settings({"DATABASE_URL": "postgres://x@h:nope/db"}, "")
    assert result.returncode != 0
    assert "DATABASE_URL is malformed" in result.stderr
    result = run_settings({"REDIS_URL": "amqp://guest@localhost//"}, "")
    assert result.returncode != 0
    assert "REDIS_URL" in result.stderr and "unsupported scheme" in result.stderr


def test_production_refuses_to_start_without_a_secret_key() -> None:
    result = run_settings({"DEBUG": "0"}, "")
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_production_settings_pass_the_deploy_check() -> None:
    env = {
        "DEBUG": "0",
        "SECRET_KEY": "a-long-random-production-secret-" + "x7Qk2pLw9zR4" * 3,
        "ALLOWED_HOSTS": "tracker.example.org",
    }
    result = run_settings(
        env,
        "from django.core.management import call_command; "
        "call_command('check', '--deploy', '--fail-level', 'WARNING')",
    )
    assert result.returncode == 0, result.stderr


def test_require_services_turns_a_missing_service_into_a_failure() -> None:
    env = {k: v for k, v in os.environ.items() if k in {"PATH", "HOME", "LANG"}}
    env.update(REQUIRE_SERVICES="1", DATABASE_URL="sqlite:////tmp/x.sqlite3", REDIS_URL="")
    result = subprocess.run(
        [sys.executable, "-c", "import tests.settings"],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode != 0
    assert "REQUIRE_SERVICES=1 but not reachable: PostgreSQL, Redis" in result.stderr


def test_production_pages_carry_secure_cookies_hsts_nosniff_and_the_policy() -> None:
    """A request against the production settings (DEBUG off), in a clean process."""
    env = {
        "DEBUG": "0",
        "SECRET_KEY": "a-long-random-production-secret-" + "x7Qk2pLw9zR4" * 3,
        "ALLOWED_HOSTS": "testserver",
    }
    code = (
        "import json; from django.conf import settings as s; from django.test import Client; "
        "c = Client(); plain = c.get('/accounts/login/'); r = c.get('/accounts/login/', "
        "secure=True); cookie = r.cookies['csrftoken']; print(json.dumps({"
        "'redirect': [plain.status_code, plain.get('Location')], 'status': r.status_code, "
        "'headers': dict(r.headers), 'csrf_secure': cookie['secure'], "
        "'session_secure': s.SESSION_COOKIE_SECURE, 'session_httponly': "
        "s.SESSION_COOKIE_HTTPONLY}))"
    )
    result = run_settings(env, code)
    assert result.returncode == 0, result.stderr
    seen = json.loads(result.stdout.strip().splitlines()[-1])
    assert seen["redirect"] == [301, "https://testserver/accounts/login/"]
    assert seen["status"] == 200
    headers = seen["headers"]
    assert headers["Strict-Transport-Security"] == ("max-age=31536000; includeSubDomains; preload")
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["X-Frame-Options"] == "DENY"
    assert headers["Referrer-Policy"] == "same-origin"
    policy = headers["Content-Security-Policy"]
    assert "default-src 'self'" in policy and "script-src 'self'" in policy
    assert "frame-ancestors 'none'" in policy and "unsafe-inline" not in policy
    assert seen["csrf_secure"] is True
    assert seen["session_secure"] is True and seen["session_httponly"] is True
