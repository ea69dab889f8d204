"""An editor's correction racing a re-extraction of the same text: the correction wins.

Each interleaving is forced, not hoped for: one side is paused at a hook point while it
holds what it has read (or locked), the other side is started and allowed to run until it
either finishes or is seen waiting on a row lock in ``pg_stat_activity``, and only then is
the first side let go. Whatever the order, the outcome must be the one the two changes
give when run one after the other in the order they commit.
"""

from __future__ import annotations

import dataclasses
import json
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from django.db import connection, connections

from articles.tasks import reextract_version
from casualties import editing, services
from casualties.models import Record
from tests.articles.pages import saved_text_page, write

pytestmark = [pytest.mark.services, pytest.mark.django_db(transaction=True)]

STEP = 10.0  # seconds any one wait may take before the test fails instead of hanging


@pytest.fixture
def claim(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Record:
    """The sample story's "at least 12 killed" record, as an older extractor read it (999),
    so a re-extraction has something to change."""
    write(tmp_path / "a.txt", saved_text_page())
    call_command("import_articles", str(tmp_path), "--json")
    json.loads(capsys.readouterr().out)
    record = Record.objects.get(kind="casualty", category="killed")
    Record.objects.filter(pk=record.pk).update(number=999)
    record.refresh_from_db()
    return record


class Side(threading.Thread):
    """One database client in a thread of its own: its own connection, its own pid."""

    def __init__(self, action: Callable[[], Any]) -> None:
        super().__init__(daemon=True)
        self.action = action
        self.pid: int | None = None
        self.ready = threading.Event()
        self.result: Any = None
        self.error: BaseException | None = None

    def run(self) -> None:
        try:
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_backend_pid()")
                self.pid = cursor.fetchone()[0]
            self.ready.set()
            self.result = self.action()
        except BaseException as exc:  # reported by the test, not lost in the thread
            self.error = exc
        finally:
            self.ready.set()
            connections.close_all()


def pause_at(
    monkeypatch: pytest.MonkeyPatch,
    target: object,
    name: str,
    reached: threading.Event,
    go: threading.Event,
) -> None:
    """Patch ``target.name`` so its first call signals ``reached`` and waits for ``go``."""
    original = getattr(target, name)
    calls = {"n": 0}

    def paused(*args: Any, **kwargs: Any) -> Any:
        calls["n"] += 1
        if calls["n"] == 1:
            reached.set()
            assert go.wait(STEP), f"{name}: never let go"
        return original(*args, **kwargs)

    monkeypatch.setattr(target, name, paused)


def finished_or_blocked(side: Side) -> None:
    """Wait until ``side`` has finished or is waiting on a lock the paused side holds."""
    assert side.ready.wait(STEP)
    deadline = time.monotonic() + STEP
    while time.monotonic() < deadline:
        if not side.is_alive():
            return
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT wait_event_type FROM pg_stat_activity WHERE pid = %s", [side.pid]
            )
            row = cursor.fetchone()
        if row and row[0] == "Lock":
            return
        time.sleep(0.02)
    raise AssertionError("the second side neither finished nor waited on a lock")


def run_interleaved(
    first: str, *, monkeypatch: pytest.MonkeyPatch, claim: Record, editor: Any
) -> None:
    """Run a correction and a forced re-extraction with ``first`` paused mid-way."""
    reached, go = threading.Event(), threading.Event()

    def correct() -> Record:
        return editing.correct(
            claim.pk,
            user=editor,
            expected_version=claim.lock_version,
            changes={"number": 15, "qualifier": "exact"},
            note="the governor updated the toll",
        )

    def reextract() -> str:
        return reextract_version.run(claim.version_id, force=True)

    # The hook points: after the re-extraction has read the version's records (it builds
    # the rows it will write), and after the editor has locked and loaded the record.
    if first == "extraction":
        pause_at(monkeypatch, services, "_row", reached, go)
        sides = Side(reextract), Side(correct)
    else:
        pause_at(monkeypatch, editing, "validate", reached, go)
        sides = Side(correct), Side(reextract)
    paused_side, other = sides
    paused_side.start()
    try:
        assert reached.wait(STEP), "the first side never reached its hook point"
        other.start()
        finished_or_blocked(other)
    finally:
        go.set()
        for side in sides:
            side.join(STEP * 2)
    assert not any(side.is_alive() for side in sides), "a side is still running"
    for side in sides:
        if side.error is not None:
            raise side.error


@pytest.fixture
def editor(role_user):  # type: ignore[no-untyped-def]
    return role_user("editor")


def assert_the_correction_is_kept_with_who_and_when(claim: Record) -> Record:
    record = Record.objects.get(pk=claim.pk)
    changes = editing.history(record)
    corrections = [c for c in changes if c.action == "correct"]
    assert len(corrections) == 1, [c.action for c in changes]
    correction = corrections[0]
    assert correction.user == "editor-user" and correction.at is not None
    assert correction.note == "the governor updated the toll"
    assert correction.diff["number"][1] == 15
    assert correction.diff["status"][1] == "corrected"
    return record


def assert_no_duplicates(claim: Record, before: list[str]) -> None:
    keys = list(
        Record.objects.filter(version_id=claim.version_id).values_list("machine_key", flat=True)
    )
    assert len(keys) == len(set(keys))
    assert sorted(keys) == before


@pytest.mark.parametrize(
    "first", ["extraction", "editor"], ids=["extraction-first", "editor-first"]
)
def test_a_correction_racing_a_reextraction_wins(
    first: str, claim: Record, editor: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = sorted(
        Record.objects.filter(version_id=claim.version_id).values_list("machine_key", flat=True)
    )
    run_interleaved(first, monkeypatch=monkeypatch, claim=claim, editor=editor)
    record = assert_the_correction_is_kept_with_who_and_when(claim)
    assert (record.number, record.qualifier, record.status) == (15, "exact", "corrected")
    assert_no_duplicates(claim, before)
    # And a later re-extraction still leaves it alone.
    reextract_version.run(claim.version_id, force=True)
    record.refresh_from_db()
    assert (record.number, record.status) == (15, "corrected")


def test_a_record_corrected_while_a_reextraction_drops_it_is_kept_as_stale(
    claim: Record, editor: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The new reading no longer finds the figure: an untouched record would be deleted, but
    the editor's correction committed first, so the record stays, marked stale."""
    real_extract = services.extraction.extract

    def without_the_claim(*args: Any, **kwargs: Any) -> Any:
        result = real_extract(*args, **kwargs)
        kept = tuple(c for c in result.casualties if c.figure.start != claim.figure_start)
        assert len(kept) < len(result.casualties)
        return dataclasses.replace(result, casualties=kept)

    monkeypatch.setattr(services.extraction, "extract", without_the_claim)
    others = sorted(
        Record.objects.filter(version_id=claim.version_id).values_list("machine_key", flat=True)
    )
    run_interleaved("editor", monkeypatch=monkeypatch, claim=claim, editor=editor)
    record = assert_the_correction_is_kept_with_who_and_when(claim)
    assert (record.number, record.qualifier, record.status) == (15, "exact", "stale")
    assert_no_duplicates(claim, others)
