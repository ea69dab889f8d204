"""The load test's users: journalists reading the timeline, filtering it by claimant,
searching it and opening articles, with no pause between requests (a closed loop).

Run by ``bench.load`` with the session cookie and the ids to visit in the environment.
"""

from __future__ import annotations

import json
import os
import random

from locust import FastHttpUser, constant, task

from bench.load import WORDS

TARGETS = json.loads(os.environ.get("BENCH_LOAD_TARGETS", "{}"))
SESSION = os.environ.get("BENCH_LOAD_SESSION", "")


HEADERS = {"Cookie": f"sessionid={SESSION}"}


class Journalist(FastHttpUser):
    wait_time = constant(0)

    @task(4)
    def timeline(self) -> None:
        page = random.choice([1, 1, 1, 2, 3])
        self.client.get(f"/timeline/?page={page}", name="/timeline/", headers=HEADERS)

    @task(2)
    def by_claimant(self) -> None:
        actor = random.choice(TARGETS["claimants"])
        url = f"/timeline/?actor={actor}&role=claimant"
        self.client.get(url, name="/timeline/?actor", headers=HEADERS)

    @task(2)
    def search(self) -> None:
        url = f"/timeline/?q={random.choice(WORDS)}"
        self.client.get(url, name="/timeline/?q", headers=HEADERS)

    @task(2)
    def article(self) -> None:
        url = f"/articles/{random.choice(TARGETS['articles'])}/"
        self.client.get(url, name="/articles/id/", headers=HEADERS)
