"""Shared fixtures: service detection, role users, and a real Celery worker process."""

from __future__ import annotations

import os
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests import settings as test_settings

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "services: needs real PostgreSQL and Redis")


def pytest_report_header(config: pytest.Config) -> str:
    if test_settings.MISSING_SERVICES:
        return (
            "services: missing "
            + ", ".join(test_settings.MISSING_SERVICES)
            + " (SQLite; tests marked 'services' are skipped)"
        )
    return "services: PostgreSQL and Redis (real)"


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if not test_settings.MISSING_SERVICES:
        return
    reason = (
        "needs "
        + " and ".join(test_settings.MISSING_SERVICES)
        + ", which did not answer on 127.0.0.1 (or DATABASE_URL/REDIS_URL point elsewhere)"
    )
    for item in items:
        if "services" in item.keywords:
            item.add_marker(pytest.mark.skip(reason=reason))


@pytest.fixture
def role_user(django_user_model, db):  # type: ignore[no-untyped-def]
    """Factory: a user in the given role group (or a superuser for 'superuser')."""
    from django.contrib.auth.models import Group

    def make(role: str):  # type: ignore[no-untyped-def]
        if role == "superuser":
            return django_user_model.objects.create_superuser("root", "root@example.org", "pw")
        user = django_user_model.objects.create_user(f"{role}-user", password="pw")
        user.groups.add(Group.objects.get(name=role))
        return user

    return make


def worker_environment(queue: str, **overrides: str) -> dict[str, str]:
    """Environment for a worker process that shares the test database and broker."""
    from django.db import connection

    db = connection.settings_dict
    env = dict(os.environ)
    env.update(
        DJANGO_SETTINGS_MODULE="tracker.settings",
        DATABASE_URL=(f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}/{db['NAME']}"),
        REDIS_URL=os.environ["REDIS_URL"],
        CELERY_TASK_ALWAYS_EAGER="0",
        CELERY_TASK_DEFAULT_QUEUE=queue,
        DB_POOL_SIZE="2",
        DEBUG="1",
    )
    env.update(overrides)
    return env


def start_worker(
    queue: str,
    name: str = "w",
    *,
    pool: tuple[str, ...] = ("--pool=solo",),
    **overrides: str,
) -> subprocess.Popen[str]:
    """Start a real ``celery worker`` (solo pool unless ``pool`` gives other options) on
    ``queue`` and wait until it is ready.

    The process gets a ``log_path`` attribute: its log file under tests/artifacts/.
    """
    log_path = REPO / "tests" / "artifacts" / f"worker-{queue}-{name}.log"
    log_path.parent.mkdir(parents=True, exist_ok=True)
    log = log_path.open("w")
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "tracker",
            "worker",
            *pool,
            "--loglevel=INFO",
            "-Q",
            queue,
            "-n",
            f"{queue}-{name}@%h",
            "--without-gossip",
            "--without-mingle",
            "--without-heartbeat",
        ],
        cwd=REPO,
        env=worker_environment(queue, **overrides),
        stdout=log,
        stderr=subprocess.STDOUT,
        text=True,
    )
    log.close()  # the child keeps its own descriptor
    process.log_path = log_path  # type: ignore[attr-defined]
    deadline = time.monotonic() + 60
    while "ready." not in log_path.read_text():
        if process.poll() is not None or time.monotonic() > deadline:
            process.kill()
            raise RuntimeError("celery worker did not start:\n" + log_path.read_text())
        time.sleep(0.2)
    return process


def stop_worker(process: subprocess.Popen[str]) -> None:
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)


@pytest.fixture
def celery_queue() -> str:
    return f"test-{uuid.uuid4().hex[:10]}"


@pytest.fixture
def through_broker(celery_queue: str) -> Iterator[str]:
    """Send this test's tasks through Redis on its own queue, not in-process."""
    from tracker.celery import app

    saved = app.conf.task_always_eager, app.conf.task_default_queue
    app.conf.task_always_eager, app.conf.task_default_queue = False, celery_queue
    try:
        yield celery_queue
    finally:
        app.conf.task_always_eager, app.conf.task_default_queue = saved


@pytest.fixture
def celery_worker_process(transactional_db, through_broker) -> Iterator[subprocess.Popen[str]]:  # type: ignore[no-untyped-def]
    """A real ``celery worker`` process on its own queue, stopped after the test."""
    process = start_worker(through_broker)
    try:
        yield process
    finally:
        stop_worker(process)


def wait_for(predicate, timeout: float = 30.0, interval: float = 0.1):  # type: ignore[no-untyped-def]
    """Poll until ``predicate()`` is truthy; return its value or fail after ``timeout``."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(interval)
    raise AssertionError(f"condition not met within {timeout}s")


@pytest.fixture(autouse=True)
def registry_seed(request: pytest.FixtureRequest) -> None:
    """The actor registry the seed migration loads. A transactional test's flush empties
    every table, migration data included, so such tests get it loaded again."""
    transactional = "transactional_db" in request.fixturenames or any(
        marker.kwargs.get("transaction") for marker in request.node.iter_markers("django_db")
    )
    if not transactional:
        return
    request.getfixturevalue("transactional_db")
    from django.apps import apps

    from casualties.models import Actor
    from casualties.registry import load_seed

    if not Actor.objects.filter(name="Russia").exists():
        load_seed(apps)
