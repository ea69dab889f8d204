"""docker-compose.yml runs the same commands as the Makefile and is valid."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
COMPOSE = (REPO / "docker-compose.yml").read_text()
MAKEFILE = (REPO / "Makefile").read_text()


def test_compose_defines_the_four_services_with_health_checks() -> None:
    for service in ("db:", "redis:", "web:", "worker:"):
        assert f"\n  {service}\n" in COMPOSE
    assert COMPOSE.count("healthcheck:") == 4
    assert "pgdata:/var/lib/postgresql/data" in COMPOSE


def test_compose_web_applies_migrations_and_serves_like_make_serve() -> None:
    assert "python manage.py migrate --noinput" in COMPOSE
    gunicorn = "gunicorn tracker.wsgi"
    assert gunicorn in COMPOSE and gunicorn in MAKEFILE
    assert "--worker-class gthread" in COMPOSE and "--worker-class gthread" in MAKEFILE


def test_compose_worker_runs_the_same_celery_app_as_make_worker() -> None:
    assert '"celery", "-A", "tracker", "worker"' in COMPOSE
    assert "celery -A tracker worker" in MAKEFILE


def _compose_client() -> bool:
    if not shutil.which("docker"):
        return False
    probe = subprocess.run(["docker", "compose", "version"], capture_output=True, timeout=30)
    return probe.returncode == 0


@pytest.mark.skipif(not _compose_client(), reason="the docker compose client is not installed")
def test_docker_compose_accepts_the_file() -> None:
    result = subprocess.run(
        ["docker", "compose", "config", "--quiet"],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
