"""Load test: requests per second that gunicorn (production settings, loopback only)
serves while keeping p95 under 200 ms, for a mix of timeline, claimant, search and article
requests. Runs headless locust at growing numbers of users and keeps the best step.

Uses the pages benchmark's database as it is left (``seed_synthetic``), so run it after
``bench.pages``; the load generator shares the machine's cores with the server.
"""

from __future__ import annotations

import csv
import json
import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
USERS = [int(n) for n in os.environ.get("BENCH_LOAD_USERS", "1,2,4,8,16").split(",")]
STEP_SECONDS = int(os.environ.get("BENCH_LOAD_SECONDS", "15"))
P95_LIMIT_MS = 200
# What the users search for (bench/locustfile.py); seed_synthetic's stories use most of them.
WORDS = ["shelling", "ceasefire", "killed", "border", "drone", "officials", "wounded"]


def run(env: dict[str, str], articles: int) -> dict[str, Any]:
    env = dict(env, DB_POOL_SIZE="4")  # production: pooled connections, one per thread
    targets, session = _prepare(env)
    port = _free_port()
    server = _start_gunicorn(env, port)
    steps = []
    try:
        _warm(port, session, targets)
        for users in USERS:
            steps.append({"users": users, **_step(env, port, users, session, targets)})
            print(f"  load: {steps[-1]}", file=sys.stderr, flush=True)
            if steps[-1]["p95_ms"] > 2 * P95_LIMIT_MS:
                break
    finally:
        server.terminate()
        server.wait(timeout=30)
    passing = [s for s in steps if s["p95_ms"] < P95_LIMIT_MS and s["failures"] == 0]
    best = max(passing, key=lambda s: s["rps"]) if passing else None
    return {
        "load_rps_at_p95_200ms": {
            "value": best["rps"] if best else 0.0,
            "users": best["users"] if best else 0,
            "p95_ms": best["p95_ms"] if best else None,
            "articles": articles,
            "server": "gunicorn gthread 2 workers x 4 threads, DEBUG off, loopback",
            "steps": steps,
        }
    }


def _prepare(env: dict[str, str]) -> tuple[dict[str, list[int]], str]:
    """Ids to visit and a logged-in journalist's session key, from the benchmark database."""
    script = (
        "import json, django; django.setup()\n"
        "from django.contrib.auth import get_user_model\n"
        "from django.contrib.sessions.backends.db import SessionStore\n"
        "from articles.models import Article\n"
        "from casualties.models import Record\n"
        "user = get_user_model().objects.get(username='bench-journalist')\n"
        "s = SessionStore(); s['_auth_user_id'] = str(user.pk)\n"
        "s['_auth_user_backend'] = 'django.contrib.auth.backends.ModelBackend'\n"
        "s['_auth_user_hash'] = user.get_session_auth_hash(); s.create()\n"
        "claimants = sorted({c for c in Record.objects.filter(kind='casualty')"
        ".values_list('claimant_id', flat=True)[:2000] if c})[:8]\n"
        "articles = list(Article.objects.filter(status='parsed').order_by('-pk')"
        ".values_list('pk', flat=True)[:200])\n"
        "print(json.dumps({'session': s.session_key, 'claimants': claimants,"
        " 'articles': articles}))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", script], cwd=REPO, env=env, capture_output=True, text=True
    )
    if out.returncode != 0:
        raise RuntimeError(f"load test preparation failed:\n{out.stderr[-2000:]}")
    data = json.loads(out.stdout.strip().splitlines()[-1])
    return {"claimants": data["claimants"], "articles": data["articles"]}, data["session"]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _start_gunicorn(env: dict[str, str], port: int) -> subprocess.Popen[bytes]:
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "tracker.wsgi",
            "--bind",
            f"127.0.0.1:{port}",
            "--worker-class",
            "gthread",
            "--workers",
            "2",
            "--threads",
            "4",
            "--log-level",
            "warning",
        ],
        cwd=REPO,
        env=env,
    )
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2)
            return server
        except OSError:
            time.sleep(0.3)
    server.terminate()
    raise RuntimeError("gunicorn did not answer /healthz within 30 s")


def _warm(port: int, session: str, targets: dict[str, list[int]]) -> None:
    """One pass over the URLs the users ask for, as a page would be after its first reader."""
    urls = [f"/timeline/?page={n}" for n in (1, 2, 3)]
    urls += [f"/timeline/?actor={a}&role=claimant" for a in targets["claimants"]]
    urls += [f"/timeline/?q={w}" for w in WORDS]
    urls += [f"/articles/{a}/" for a in targets["articles"]]
    for url in urls:
        request = urllib.request.Request(
            f"http://127.0.0.1:{port}{url}", headers={"Cookie": f"sessionid={session}"}
        )
        with urllib.request.urlopen(request, timeout=120) as response:
            response.read()


def _step(
    env: dict[str, str], port: int, users: int, session: str, targets: dict[str, list[int]]
) -> dict[str, Any]:
    with tempfile.TemporaryDirectory() as tmp:
        prefix = str(Path(tmp) / "load")
        child_env = dict(
            env,
            BENCH_LOAD_SESSION=session,
            BENCH_LOAD_TARGETS=json.dumps(targets),
        )
        subprocess.run(
            [
                sys.executable,
                "-m",
                "locust",
                "-f",
                str(REPO / "bench" / "locustfile.py"),
                "--headless",
                "--host",
                f"http://127.0.0.1:{port}",
                "-u",
                str(users),
                "-r",
                str(users),
                "-t",
                f"{STEP_SECONDS}s",
                "--csv",
                prefix,
                "--only-summary",
                "--loglevel",
                "WARNING",
            ],
            cwd=REPO,
            env=child_env,
            capture_output=True,
            check=False,
        )
        with open(f"{prefix}_stats.csv", newline="") as handle:
            rows = {row["Name"]: row for row in csv.DictReader(handle)}
    total = rows["Aggregated"]
    return {
        "rps": round(float(total["Requests/s"]), 1),
        "p50_ms": float(total["50%"]),
        "p95_ms": float(total["95%"]),
        "failures": int(total["Failure Count"]),
        "requests": int(total["Request Count"]),
        "p95_by_page_ms": {
            name: float(row["95%"]) for name, row in rows.items() if name != "Aggregated"
        },
    }
