"""The import pipeline end to end: N articles through ``import_articles`` with two real
Celery workers over Redis and PostgreSQL, against no-op tasks on the same broker.

Runs against its own database (``tracker_bench``) and Redis database 14, so a developer's
data is never touched. Needs PostgreSQL and Redis on 127.0.0.1.
"""

from __future__ import annotations

import os
import random
import resource
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path
from typing import Any

from bench.corpus import SAMPLES

REPO = Path(__file__).resolve().parent.parent
CPU_FIELDS = ("ru_utime", "ru_stime")
DATABASE_URL = os.environ.get(
    "BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/tracker_bench"
)
REDIS_URL = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/14")
WORKERS = 2


def bench_env(queue: str) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        DJANGO_SETTINGS_MODULE="tracker.settings",
        DATABASE_URL=DATABASE_URL,
        REDIS_URL=REDIS_URL,
        CELERY_TASK_ALWAYS_EAGER="0",
        CELERY_TASK_DEFAULT_QUEUE=queue,
        # Production settings: DEBUG off (no query log kept per query).
        DEBUG="0",
        SECRET_KEY="bench-" + "k" * 50,
        DB_POOL_SIZE="2",
        LOG_LEVEL="WARNING",
    )
    return env


def manage(env: dict[str, str], *args: str) -> str:
    result = subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0:
        raise RuntimeError(f"manage.py {' '.join(args)} failed:\n{result.stderr[-2000:]}")
    return result.stdout


def prepare_database(env: dict[str, str]) -> None:
    import psycopg

    name = DATABASE_URL.rsplit("/", 1)[-1]
    with psycopg.connect(DATABASE_URL.rsplit("/", 1)[0] + "/postgres", autocommit=True) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
        if not exists:
            conn.execute(f'CREATE DATABASE "{name}"')
    manage(env, "migrate", "--noinput", "-v0")
    with psycopg.connect(DATABASE_URL, autocommit=True) as conn:
        conn.execute(
            "TRUNCATE articles_importbatch, articles_story, articles_outlet RESTART IDENTITY "
            "CASCADE"
        )


def write_pages(folder: Path, count: int) -> None:
    """``count`` distinct saved pages: sample paragraphs recombined, figures varied."""
    sources = [p.read_text(encoding="utf-8") for p in sorted(SAMPLES.glob("*.txt"))]
    paragraphs = [line for text in sources for line in text.splitlines() if len(line.split()) > 18]
    rng = random.Random(7)
    for index in range(count):
        chosen = rng.sample(paragraphs, 12)
        lead = (
            f"Shelling killed {rng.randint(2, 400)} people and wounded {rng.randint(2, 900)} "
            f"others in district {index} on Tuesday, local officials said."
        )
        page = "\n\n".join(
            [
                "Bench Wire",
                f"Report number {index} on the fighting",
                "By Staff, Bench Wire",
                "Wednesday 14 October 2020 09:00 BST",
                lead,
                *chosen,
                "Copyright 2020 Bench Wire.",
            ]
        )
        (folder / f"{index:06d}.txt").write_text(page, encoding="utf-8")


def start_workers(env: dict[str, str], queue: str) -> list[subprocess.Popen[bytes]]:
    workers = []
    for n in range(WORKERS):
        workers.append(
            subprocess.Popen(
                [
                    sys.executable,
                    "-m",
                    "celery",
                    "-A",
                    "tracker",
                    "worker",
                    "--pool=solo",
                    "-Q",
                    queue,
                    "-n",
                    f"bench{n}-{queue}@%h",
                    "--loglevel=WARNING",
                    "--without-gossip",
                    "--without-mingle",
                    "--without-heartbeat",
                ],
                cwd=REPO,
                env=env,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )
        )
    time.sleep(4)
    return workers


def cpu_seconds(pid: int) -> float:
    """User + system CPU a process has used so far (0 if it is gone)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def service_pids(name: str) -> list[int]:
    """Processes whose command is ``name`` (PostgreSQL's backends, the Redis server)."""
    pids = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                if (entry / "comm").read_text().strip() == name:
                    pids.append(int(entry.name))
            except OSError:
                continue
    return pids


def cpu_snapshot(workers: list[int]) -> dict[str, float]:
    """CPU used so far by the workers, PostgreSQL (every process, backends come and go)
    and Redis: the article's cost is the difference over the batch."""
    return {
        "workers": sum(cpu_seconds(pid) for pid in workers),
        "postgresql": sum(cpu_seconds(pid) for pid in service_pids("postgres")),
        "redis": sum(cpu_seconds(pid) for pid in service_pids("redis-server")),
    }


def peak_rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return 0.0


def noop_rate(env: dict[str, str], count: int) -> float:
    """No-op tasks per second through the same broker and workers."""
    os.environ.update({k: env[k] for k in ("REDIS_URL", "DATABASE_URL")})
    script = (
        "import time, django; django.setup();"
        "from django.core.cache import cache; from articles.tasks import noop;"
        f"key='bench-noop-{uuid.uuid4().hex}'; cache.set(key, 0, 3600);"
        f"start=time.perf_counter(); [noop.delay(key) for _ in range({count})];"
        f"deadline=time.monotonic()+600\n"
        f"while (cache.get(key) or 0) < {count} and time.monotonic() < deadline: time.sleep(0.05)\n"
        "print(time.perf_counter()-start)"
    )
    result = subprocess.run(
        [sys.executable, "-c", script],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    return count / float(result.stdout.strip().splitlines()[-1])


def run(articles: int) -> dict[str, Any]:
    queue = f"bench-{uuid.uuid4().hex[:8]}"
    env = bench_env(queue)
    prepare_database(env)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        write_pages(folder, articles)
        workers = start_workers(env, queue)
        try:
            before = cpu_snapshot([w.pid for w in workers])
            children_before = resource.getrusage(resource.RUSAGE_CHILDREN)
            started = time.perf_counter()
            report = manage(env, "import_articles", str(folder), "--json")
            elapsed = time.perf_counter() - started
            after = cpu_snapshot([w.pid for w in workers])
            children_after = resource.getrusage(resource.RUSAGE_CHILDREN)
            peaks = [peak_rss_mb(w.pid) for w in workers]
            noop = noop_rate(env, min(articles, 5000))
        finally:
            for worker in workers:
                worker.terminate()
            for worker in workers:
                worker.wait(timeout=30)
    import json

    counts = json.loads(report)["counts"]
    rate = articles / elapsed
    # Where each article's CPU goes (ms), and the rate two cores could reach at that cost.
    spent = {name: (after[name] - before[name]) * 1000 / articles for name in after}
    spent["import command"] = (
        sum(getattr(children_after, f) - getattr(children_before, f) for f in CPU_FIELDS)
        * 1000
        / articles
    )
    per_article = sum(spent.values())
    return {
        "pipeline_articles_per_s": {
            "value": round(rate, 1),
            "articles": articles,
            "workers": WORKERS,
            "parsed": counts["parsed"],
            "failed": counts["failed"],
            "target": 150,
        },
        "pipeline_cpu_ms_per_article": {
            "value": round(per_article, 1),
            **{name: round(ms, 1) for name, ms in spent.items()},
            "ceiling_on_2_cores_per_s": round(2000 / per_article, 1),
            "meaning": "CPU of workers, PostgreSQL, Redis and the import command per article",
        },
        "pipeline_worker_peak_rss_mb": {"value": round(max(peaks), 1), "articles": articles},
        "noop_tasks_per_s": {"value": round(noop, 1), "workers": WORKERS},
        "pipeline_noop_ratio": {
            "value": round(noop / rate, 1),
            "meaning": "no-op task rate / article rate",
        },
    }
