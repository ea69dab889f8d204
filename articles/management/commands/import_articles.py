"""Import article files, folders, globs, zips and JSONL feeds as one batch."""

from __future__ import annotations

import json
import sys
import time
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from articles import parsing, services
from articles.models import Article, ImportBatch
from tracker.celery import app as celery_app

POLL_SECONDS = 0.5
BROKER_CHECK_SECONDS = 10.0


class Command(BaseCommand):
    help = (
        "Import saved pages (.txt, .html, .htm), JSONL feeds and zips of them. Shows a "
        "progress bar on a terminal; --json prints one JSON report when the batch is done."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("paths", nargs="*", help="files, folders or glob patterns")
        parser.add_argument(
            "--resume",
            type=int,
            metavar="BATCH",
            default=None,
            help="import nothing new: wait for (and report on) an earlier batch",
        )
        parser.add_argument("--json", action="store_true", help="print a JSON report")
        parser.add_argument("--label", default="", help="a name for the batch")
        parser.add_argument(
            "--once",
            action="store_true",
            help="do nothing if a finished batch with the same --label exists",
        )
        parser.add_argument(
            "--no-wait", action="store_true", help="queue the batch and return at once"
        )
        parser.add_argument(
            "--timeout",
            type=float,
            default=None,
            help="stop waiting after this many seconds (the batch goes on in the workers)",
        )
        parser.add_argument(
            "--outage-timeout",
            type=float,
            default=300.0,
            help="give up waiting after the broker has been unreachable this long (seconds)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        paths: list[str] = options["paths"]
        if options["resume"] is not None:
            batch = ImportBatch.objects.filter(pk=options["resume"]).first()
            if batch is None:
                raise CommandError(f"there is no batch {options['resume']}")
            self._finish(batch, options)
            return
        if not paths:
            raise CommandError("give at least one file, folder or glob (or --resume BATCH)")
        if options["once"] and options["label"]:
            done = ImportBatch.objects.filter(label=options["label"], finished_at__isnull=False)
            if done.exists():
                self.stdout.write(f"Batch {options['label']!r} was imported already; skipping.")
                return
        batch = services.create_batch(
            label=options["label"] or " ".join(paths), origin=ImportBatch.Origin.COMMAND
        )
        show_bar = not options["json"] and sys.stderr.isatty()
        items = parsing.iter_items(paths, **services.read_limits())
        try:
            services.register_items(
                batch,
                items,
                on_registered=(lambda n: self._bar(f"registered {n}")) if show_bar else None,
            )
        except OSError as exc:  # the broker refused the tasks; the rows are safe
            raise CommandError(
                f"batch {batch.pk}: could not queue tasks ({exc}); "
                f"the items are stored as pending: retry with the batch page or later"
            ) from exc
        self._finish(batch, options)

    def _finish(self, batch: ImportBatch, options: dict[str, Any]) -> None:
        """Wait for the batch (unless --no-wait) and print the report."""
        show_bar = not options["json"] and sys.stderr.isatty()
        if not options["no_wait"]:
            self._wait(
                batch,
                show_bar=show_bar,
                outage_timeout=options["outage_timeout"],
                timeout=options["timeout"],
            )
        report = build_report(batch.pk)
        if options["json"]:
            self.stdout.write(json.dumps(report, ensure_ascii=False))
            return
        if show_bar:
            sys.stderr.write("\n")
        counts = report["counts"]
        self.stdout.write(
            f"Batch {batch.pk}: {counts['parsed']} parsed, {counts['duplicate']} duplicate, "
            f"{counts['failed']} failed, {counts['pending']} pending, of {counts['total']}"
        )
        for entry in report["files"]:
            if entry["status"] == Article.Status.FAILED:
                reason = entry["reason"]
                named = reason if reason.startswith(entry["name"]) else None
                self.stdout.write(f"  failed  {named or entry['name'] + ': ' + reason}")

    def _wait(
        self,
        batch: ImportBatch,
        *,
        show_bar: bool,
        outage_timeout: float,
        timeout: float | None,
    ) -> None:
        """Wait for the workers; report a broker outage instead of hanging forever."""
        started = last_progress = time.monotonic()
        last_done = -1
        outage_since: float | None = None
        while True:
            counts = services.batch_counts(batch.pk)
            if show_bar:
                self._bar(_progress_line(counts))
            if counts["pending"] == 0 and not services.awaiting_extraction(batch.pk):
                return
            now = time.monotonic()
            if timeout is not None and now - started > timeout:
                raise CommandError(
                    f"batch {batch.pk}: {counts['pending']} items still pending after "
                    f"{timeout:.0f}s; they go on in the workers"
                )
            if counts["done"] != last_done:
                last_done, last_progress, outage_since = counts["done"], now, None
            elif now - last_progress > BROKER_CHECK_SECONDS:
                if broker_reachable():
                    if outage_since is not None:
                        sys.stderr.write("\nbroker is back\n")
                    outage_since = None
                    # Progress stalled, the broker is up and its queue is empty: the tasks
                    # were lost (a broker restarted without persistence). Re-sending them is
                    # safe, since processing an article twice changes nothing.
                    requeued = 0
                    if queue_depth() == 0:
                        requeued = services.requeue_stalled(
                            batch.pk, older_than_seconds=BROKER_CHECK_SECONDS
                        )
                    if requeued and not show_bar:
                        sys.stderr.write(f"re-queued {requeued} stalled items\n")
                else:
                    outage_since = outage_since or now
                    sys.stderr.write(
                        f"\nbroker unreachable ({settings.CELERY_BROKER_URL}); waiting for it\n"
                    )
                    if now - outage_since > outage_timeout:
                        raise CommandError(
                            f"batch {batch.pk}: broker unreachable for {outage_timeout:.0f}s; "
                            f"{counts['pending']} items still pending (they resume when the "
                            "broker is back)"
                        )
                last_progress = now
            time.sleep(POLL_SECONDS)

    def _bar(self, text: str) -> None:
        sys.stderr.write("\r" + text.ljust(78)[:120])
        sys.stderr.flush()


def _progress_line(counts: dict[str, int]) -> str:
    total = max(counts["total"], 1)
    filled = int(30 * counts["done"] / total)
    return (
        f"[{'#' * filled}{'.' * (30 - filled)}] {counts['done']}/{counts['total']} "
        f"({counts['duplicate']} duplicate, {counts['failed']} failed)"
    )


def broker_reachable() -> bool:
    """A fresh connection to the broker succeeds (a pooled one may look alive when not)."""
    connection = celery_app.connection()
    try:
        connection.ensure_connection(max_retries=1, interval_start=0, timeout=2)
        return True
    except Exception:  # noqa: BLE001 - any failure to connect means "not reachable"
        return False
    finally:
        connection.release()


def queue_depth() -> int | None:
    """Messages waiting in the task queue (not those a worker holds), or None if unknown."""
    if settings.CELERY_TASK_ALWAYS_EAGER:
        return None
    try:
        with celery_app.connection_for_write() as connection:
            declared = connection.default_channel.queue_declare(
                queue=celery_app.conf.task_default_queue, passive=False
            )
            return int(declared.message_count)
    except Exception:  # noqa: BLE001 - an unknown depth never triggers a re-queue
        return None


def build_report(batch_id: int) -> dict[str, Any]:
    """The ``--json`` report: one entry per item, in the order the items were given."""
    rows = (
        Article.objects.filter(batch_id=batch_id)
        .order_by("pk")
        .values("pk", "name", "status", "reason", "version__primary_id")
    )
    files = []
    for row in rows.iterator(chunk_size=2000):
        entry: dict[str, Any] = {
            "name": row["name"],
            "status": row["status"],
            "reason": row["reason"] or None,
            "article": row["pk"] if row["status"] != Article.Status.FAILED else None,
        }
        if row["status"] == Article.Status.DUPLICATE:
            entry["duplicate_of"] = row["version__primary_id"]
        files.append(entry)
    return {"batch": batch_id, "files": files, "counts": services.batch_counts(batch_id)}
