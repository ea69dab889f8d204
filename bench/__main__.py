"""``python -m bench``: run the benchmarks, print a table, write ``bench/results.json``.

Each benchmark module returns ``{key: {"value": ..., ...}}``; the table prints every figure
with its context (data size, floor and ratio) so a number is never read alone.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from typing import Any

import django

RESULTS = Path(__file__).resolve().parent / "results.json"


def main() -> int:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tracker.settings")
    django.setup()
    from bench import extraction, load, pages, pipeline

    size = int(os.environ.get("BENCH_ARTICLES", "100000"))
    # BENCH_ONLY=pages (or extraction,pipeline) re-runs some parts and keeps the other
    # figures of the last run in results.json.
    only = {part for part in os.environ.get("BENCH_ONLY", "").split(",") if part}
    results: dict[str, Any] = {}
    if only and RESULTS.exists():
        results.update(json.loads(RESULTS.read_text()))
    if not only or "extraction" in only:  # each part saves as it ends: a later failure
        # loses nothing measured before it
        print("running extraction ...", file=sys.stderr, flush=True)
        results.update(extraction.run())
        _save(results)
    if not only or "pipeline" in only:
        print(f"running pipeline ({min(size, 10000)} articles) ...", file=sys.stderr, flush=True)
        results.update(pipeline.run(min(size, 10000)))
        _save(results)
    if not only or "pages" in only:
        print(f"running pages and export ({size} articles) ...", file=sys.stderr, flush=True)
        results.update(pages.run(size))
        _save(results)
    if not only or "load" in only:
        # On the archive the pages benchmark left in its database.
        print(f"running the load test ({size} articles) ...", file=sys.stderr, flush=True)
        results.update(load.run(pages.page_env(), size))
    width = max(len(k) for k in results)
    print(f"{'figure':<{width}}  {'value':>12}  context")
    for key, figure in results.items():
        if "plan" in figure or "steps" in figure:
            shown = {k: v for k, v in figure.items() if k not in ("plan", "steps")}
        else:
            shown = figure
        context = ", ".join(f"{k}={v}" for k, v in shown.items() if k != "value")
        print(f"{key:<{width}}  {figure['value']:>12}  {context}")
    for key, figure in results.items():
        if "steps" in figure:
            print(f"\n{key} steps:")
            for step in figure["steps"]:
                print(f"  {step}")
        if "plan" in figure:
            print(f"\n{key}:\n{figure['plan']}")
    _save(results)
    print(f"written to {RESULTS}", file=sys.stderr)
    return 0


def _save(results: dict[str, Any]) -> None:
    RESULTS.write_text(json.dumps(results, indent=2) + "\n")


if __name__ == "__main__":
    sys.exit(main())
