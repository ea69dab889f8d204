"""Page speed at archive size: server time p50/p95 and query counts of the busiest pages,
against a trivial Django view on the same server, and the CSV export's time and memory.

Runs in a child process pointed at the benchmark database (``tracker_bench``), which it
fills with ``seed_synthetic``. Server time is measured around Django's request handling
(the test client: middleware, view, template, database), without a network in between.
"""

from __future__ import annotations

import json
import os
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
REQUESTS = int(os.environ.get("BENCH_PAGE_REQUESTS", "40"))


def page_env() -> dict[str, str]:
    """The pages' server environment: the benchmark database with production settings."""
    from bench.pipeline import DATABASE_URL, bench_env

    env = bench_env("bench-pages")
    # Production settings (``bench_env``: DEBUG off), over plain HTTP.
    env.update(
        DATABASE_URL=DATABASE_URL,
        ALLOWED_HOSTS="testserver,127.0.0.1,localhost",
        SECURE_SSL_REDIRECT="0",
        SESSION_COOKIE_SECURE="0",
        CSRF_COOKIE_SECURE="0",
        # Query counting needs the connection the view used; the pool hands out others.
        DB_POOL_SIZE="0",
    )
    return env


def run(articles: int) -> dict[str, Any]:
    from bench.pipeline import manage, prepare_database

    env = page_env()
    prepare_database(env)
    started = time.perf_counter()
    manage(env, "seed_synthetic", "--articles", str(articles))
    seeded = time.perf_counter() - started
    pages = json.loads(_child(env, "pages"))
    export_full = json.loads(_child(env, "export", "full"))
    export_tenth = json.loads(_child(env, "export", "tenth"))
    trivial = pages.pop("trivial")
    plan = pages.pop("timeline_plan")
    results: dict[str, Any] = {
        "seed_synthetic_s": {"value": round(seeded, 1), "articles": articles},
        "trivial_view_p95_ms": {"value": trivial["p95"], "p50": trivial["p50"]},
    }
    for name, figure in pages.items():
        results[f"{name}_p95_ms"] = {
            "value": figure["p95"],
            "p50": figure["p50"],
            "queries": figure["queries"],
            "ratio_to_trivial": round(figure["p95"] / max(trivial["p95"], 0.01), 1),
            "articles": articles,
        }
        results[f"{name}_cold_p95_ms"] = {
            "value": figure["cold_p95"],
            "p50": figure["cold_p50"],
            "meaning": "first request after a record changed (caches keyed on records miss)",
            "articles": articles,
        }
        results[f"{name}_queries"] = {"value": figure["queries"], "articles": articles}
    results["export_csv_s"] = {
        "value": export_full["seconds"],
        "records": export_full["records"],
        "rows_per_s": round(export_full["records"] / max(export_full["seconds"], 0.001)),
    }
    results["export_peak_rss_mb"] = {
        "value": export_full["peak_rss_mb"],
        "records": export_full["records"],
        "at_a_tenth_of_the_records": export_tenth["peak_rss_mb"],
        "records_in_tenth": export_tenth["records"],
    }
    results["timeline_plan"] = {"value": "see plan", "plan": plan}
    return results


def _child(env: dict[str, str], *args: str) -> str:
    result = subprocess.run(
        [sys.executable, "-m", "bench.pages", *args],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0:
        raise RuntimeError(f"bench.pages {' '.join(args)} failed:\n{result.stderr[-3000:]}")
    return result.stdout.strip().splitlines()[-1]


def _measure_pages() -> dict[str, Any]:
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group
    from django.core.cache import cache
    from django.db import connection
    from django.test import Client

    from articles.models import Article
    from casualties import revision
    from casualties.models import Record
    from casualties.page_cache import READER_SNAPSHOT_KEY

    user, _ = get_user_model().objects.get_or_create(username="bench-journalist")
    user.groups.add(Group.objects.get(name="journalist"))
    client = Client()
    client.force_login(user)
    claimant = Record.objects.filter(kind="casualty").values_list("claimant_id", flat=True).first()
    article = Article.objects.filter(status="parsed").order_by("-pk").first()
    urls = {
        "trivial": "/healthz",
        "timeline": "/timeline/",
        "timeline_claimant": f"/timeline/?actor={claimant}&role=claimant",
        "timeline_search": "/timeline/?q=shelling",
        "timeline_search_rare": "/timeline/?q=zebra",
        "article": f"/articles/{article.pk}/",
        "chart": "/chart/",
    }
    executed: list[str] = []

    def count(execute: Any, sql: str, params: Any, many: bool, context: Any) -> Any:
        executed.append(sql)
        return execute(sql, params, many, context)

    def timed(url: str, *, cold: bool) -> float:
        if cold:  # as right after a record changed: every cache keyed on records misses
            revision.bump()
            cache.delete(READER_SNAPSHOT_KEY)  # and readers' snapshot of it has moved on
        started = time.perf_counter()
        response = client.get(url)
        elapsed = (time.perf_counter() - started) * 1000
        assert response.status_code == 200, (url, response.status_code)
        return elapsed

    out: dict[str, Any] = {}
    for name, url in urls.items():
        timed(url, cold=False)
        executed.clear()
        with connection.execute_wrapper(count):
            timed(url, cold=False)
        queries = len(executed)
        warm = sorted(timed(url, cold=False) for _ in range(REQUESTS))
        cold = sorted(timed(url, cold=True) for _ in range(max(5, REQUESTS // 4)))
        out[name] = {
            "p50": round(statistics.median(warm), 1),
            "p95": _p95(warm),
            "cold_p50": round(statistics.median(cold), 1),
            "cold_p95": _p95(cold),
            "queries": queries,
        }
    out["timeline_plan"] = _timeline_plan()
    return out


def _p95(times: list[float]) -> float:
    return round(times[max(0, int(len(times) * 0.95) - 1)], 1)


def _timeline_plan() -> str:
    """EXPLAIN ANALYZE of the unfiltered timeline's page query, as the view builds it."""
    from casualties.filters import record_filter

    queryset = record_filter({}).qs
    return str(queryset[:50].explain(analyze=True))


def _measure_export(which: str) -> dict[str, Any]:
    from django.contrib.auth import get_user_model
    from django.test import Client

    from casualties.models import Record

    user = get_user_model().objects.get(username="bench-journalist")
    client = Client()
    client.force_login(user)
    url = "/timeline/export.csv"
    if which == "tenth":
        days = sorted(Record.objects.values_list("day", flat=True).distinct())
        url += f"?end={days[len(days) // 10].isoformat()}"
    started = time.perf_counter()
    response = client.get(url)
    rows = sum(chunk.count(b"\n") for chunk in response.streaming_content) - 1
    seconds = time.perf_counter() - started
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {"seconds": round(seconds, 1), "records": rows, "peak_rss_mb": round(peak, 1)}


if __name__ == "__main__":
    import django

    django.setup()
    if sys.argv[1] == "pages":
        print(json.dumps(_measure_pages()))
    else:
        print(json.dumps(_measure_export(sys.argv[2])))
