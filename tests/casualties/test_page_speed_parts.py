"""The parts that keep the timeline fast at archive size: the records revision that cached
pages are keyed on, the capped count, the cached pages (per revision, URL and rights, each
reader's token and name filled in), the actor choices read
through the indexes, and the option list rendered without a template per option."""

from __future__ import annotations

import re
import threading

import pytest
from django import forms
from django.conf import settings
from django.db import connection, transaction
from django.test import Client
from django.urls import reverse

from casualties import revision
from casualties.filters import actors_with_records
from casualties.models import Actor, Record
from casualties.templatetags.records import figure
from tests.factories import ActorFactory, CasualtyFactory, CeasefireFactory, StatementFactory
from tracker.pagination import CappedPaginator
from tracker.widgets import PlainSelect

needs_postgres = pytest.mark.skipif(
    not settings.USING_POSTGRES, reason="the revision trigger is PostgreSQL's"
)


@needs_postgres
@pytest.mark.django_db(transaction=True)
def test_the_revision_moves_when_a_change_commits_and_only_then_for_others() -> None:
    before = revision.current()
    seen_by_other: list[str] = []
    written = threading.Event()
    checked = threading.Event()

    def other_reader() -> None:
        written.wait(10)
        seen_by_other.append(revision.current())
        connection.close()
        checked.set()

    reader = threading.Thread(target=other_reader)
    reader.start()
    with transaction.atomic():
        CasualtyFactory(number=7)
        mine = revision.current()
        written.set()
        assert checked.wait(10)
    reader.join(10)
    after = revision.current()
    assert mine != before, "the writing transaction sees its own change"
    assert not revision.committed(mine) and revision.committed(before)
    assert seen_by_other == [before], "others do not see the new revision before the commit"
    assert after not in (before, mine)
    Record.objects.update(number=8)
    assert revision.current() != after


@needs_postgres
@pytest.mark.django_db(transaction=True)
def test_one_transaction_moves_the_revision_once_whatever_its_row_count() -> None:
    number = int(revision.current().removeprefix("r"))
    with transaction.atomic():
        for n in range(5):
            CasualtyFactory(number=n)
    assert int(revision.current().removeprefix("r")) == number + 1


@needs_postgres
@pytest.mark.django_db(transaction=True)
def test_a_truncated_revision_table_never_brings_back_an_old_number() -> None:
    CasualtyFactory(number=1)
    old = revision.current()
    with connection.cursor() as cursor:
        cursor.execute("TRUNCATE casualties_recordsrevision")
    fresh = revision.current()
    assert fresh != old and int(fresh.removeprefix("r")) > int(old.removeprefix("r"))


@pytest.mark.django_db
def test_the_capped_count_stops_at_the_cap_and_says_more() -> None:
    for n in range(7):
        CasualtyFactory(number=n)
    capped = CappedPaginator(Record.objects.order_by("pk"), 2, cap=5)
    assert (capped.count, capped.more, capped.num_pages) == (5, True, 3)
    exact = CappedPaginator(Record.objects.order_by("pk"), 2, cap=50)
    assert (exact.count, exact.more) == (Record.objects.count(), False)


@pytest.mark.django_db
@pytest.mark.usefixtures("clean_slate")
def test_the_timeline_says_more_than_the_cap(journalist: Client, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr("tracker.pagination.COUNT_CAP", 3)
    for n in range(5):
        CasualtyFactory(number=100 + n)
    html = journalist.get(reverse("casualties-timeline")).content.decode()
    assert "More than 3 records" in html and "narrow the dates or filters" in html


@pytest.mark.django_db
@pytest.mark.usefixtures("clean_slate")
def test_a_cached_page_follows_changes_and_carries_each_readers_token_and_name(
    role_user,  # type: ignore[no-untyped-def]
) -> None:
    claim = CasualtyFactory(number=834)
    url = reverse("casualties-timeline")
    editors = [Client(enforce_csrf_checks=True), Client(enforce_csrf_checks=True)]
    tokens = []
    for n, client in enumerate(editors):
        user = role_user("editor") if n == 0 else _second_editor()
        client.force_login(user)
        html = client.get(url).content.decode()
        assert shown(claim) in html
        tokens.append(re.findall(r'name="csrfmiddlewaretoken" value="([^"]+)"', html))
        assert f"<span>{user.get_username()}</span>" in html, "the header names this reader"
    assert "editor-user" not in html, "the second editor's page, served from the cache"
    assert tokens[0] and tokens[1] and tokens[0][0] != tokens[1][0]
    assert "csrf-placeholder" not in html and "user-placeholder" not in html
    # A verdict posted from the cached page is accepted: the token is the user's own.
    token = tokens[1][0]
    response = editors[1].post(
        reverse("casualties-verdict", args=[claim.kind, claim.pk]),
        {"verdict": "verify", "lock_version": claim.lock_version, "csrfmiddlewaretoken": token},
    )
    assert response.status_code in (302, 303)
    # The message after the verdict is shown once: that page is not served from the cache.
    after = editors[1].get(url).content.decode()
    assert f"Record {claim.pk} verified." in after
    assert f"Record {claim.pk} verified." not in editors[1].get(url).content.decode()
    Record.objects.filter(pk=claim.pk).update(number=974)
    assert shown(claim) in editors[0].get(url).content.decode()


@pytest.mark.django_db
@pytest.mark.usefixtures("clean_slate")
def test_readers_with_fewer_rights_never_get_an_editors_cached_page(role_user) -> None:  # type: ignore[no-untyped-def]
    CasualtyFactory(number=834)
    editor, journalist = Client(), Client()
    editor.force_login(role_user("editor"))
    journalist.force_login(role_user("journalist"))
    for url in (reverse("casualties-timeline"), reverse("casualties-chart")):
        assert editor.get(url).status_code == 200
    editors_page = editor.get(reverse("casualties-timeline")).content.decode()
    readers_page = journalist.get(reverse("casualties-timeline")).content.decode()
    assert 'data-action="verify"' in editors_page and "Review queue" in editors_page
    assert 'data-action="verify"' not in readers_page and "Review queue" not in readers_page
    assert "<span>journalist-user</span>" in readers_page


@pytest.mark.django_db
@pytest.mark.usefixtures("clean_slate")
def test_a_cached_timeline_page_costs_a_few_primary_key_lookups(journalist: Client) -> None:
    from django.test.utils import CaptureQueriesContext

    claim = CasualtyFactory(number=834)
    url = reverse("casualties-timeline") + "?kind=casualty"
    journalist.get(url)
    with CaptureQueriesContext(connection) as captured:
        html = journalist.get(url).content.decode()
    assert shown(claim) in html
    # session, user, the revision (the reader's rights are cached)
    assert len(captured) <= 3, [q["sql"] for q in captured]


@needs_postgres
@pytest.mark.django_db(transaction=True)
def test_filter_choices_move_the_revision(journalist: Client) -> None:
    from articles.models import Outlet
    from casualties.models import Place

    stamps = [revision.current()]
    place = Place.objects.create(name="Choice-test place")
    stamps.append(revision.current())
    place.aliases.create(alias="Choice-test alias")
    stamps.append(revision.current())
    Outlet.objects.create(name="Choice-test outlet")
    stamps.append(revision.current())
    assert len(set(stamps)) == len(stamps)
    assert "Choice-test outlet" in journalist.get(reverse("casualties-timeline")).content.decode()


def shown(claim: Record) -> str:
    """How the timeline states the claim now ("834 people killed"; a bare number could be
    any option's id)."""
    return figure(Record.objects.get(pk=claim.pk))


def _second_editor():  # type: ignore[no-untyped-def]
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group

    user = get_user_model().objects.create_user("editor-two", password="pw")
    user.groups.add(Group.objects.get(name="editor"))
    return user


@pytest.mark.django_db
@pytest.mark.usefixtures("clean_slate")
def test_actor_choices_are_the_actors_some_record_points_to() -> None:
    claimant, speaker, broker = (ActorFactory(name=n) for n in ("Officials", "Envoy", "Broker"))
    side = ActorFactory(name="Side")
    ActorFactory(name="Nobody uses me")
    CasualtyFactory(claimant=claimant)
    StatementFactory(speaker=speaker)
    CeasefireFactory(broker=broker, parties=[side])
    names = set(actors_with_records().values_list("name", flat=True))
    assert {"Officials", "Envoy", "Broker", "Side"} <= names
    assert "Nobody uses me" not in names
    used = {
        pk
        for field in ("claimant_id", "speaker_id", "party_id", "broker_id")
        for pk in Record.objects.values_list(field, flat=True)
        if pk is not None
    } | set(Record.parties.through.objects.values_list("actor_id", flat=True))
    assert set(actors_with_records().values_list("pk", flat=True)) == used
    assert Actor.objects.filter(pk__in=used).count() == len(names)


def test_the_plain_select_renders_what_the_default_select_renders() -> None:
    choices = [("", "anyone"), ("1", 'Tom & "Jerry" <b>'), ("2", "Ann")]
    attrs = {"id": "id_actor", "aria-describedby": "x"}

    def options(html: str) -> list[tuple[str, str, bool]]:
        found = re.findall(r'<option value="([^"]*)"( selected)?>([^<]*)</option>', html)
        return [(value, label, bool(selected)) for value, selected, label in found]

    for value in ("", "1", None):
        plain = PlainSelect(choices=choices).render("actor", value, attrs)
        default = forms.Select(choices=choices).render("actor", value, attrs)
        assert options(plain) == options(default)
        opening = [dict(re.findall(r'(\S+)="([^"]*)"', h.split(">")[0])) for h in (plain, default)]
        assert opening[0] == opening[1]
    assert "<b>" not in PlainSelect(choices=choices).render("actor", "", attrs)


@needs_postgres
@pytest.mark.django_db(transaction=True)
def test_what_an_entry_shows_beside_its_record_moves_the_revision_too() -> None:
    from tests.factories import ArticleFactory, OutletFactory

    claim = CasualtyFactory(number=3, claimant=ActorFactory(name="Officials"))
    changes = [
        lambda: Actor.objects.filter(pk=claim.claimant_id).update(name="Health officials"),
        lambda: ArticleFactory(version=claim.version, outlet=OutletFactory(name="Second desk")),
        lambda: type(claim.version).objects.filter(pk=claim.version_id).update(is_latest=False),
    ]
    for change in changes:
        before = revision.current()
        change()
        assert revision.current() != before


@pytest.mark.django_db
@pytest.mark.usefixtures("clean_slate")
def test_a_renamed_claimant_shows_on_the_cached_timeline(journalist: Client) -> None:
    claim = CasualtyFactory(number=5, claimant=ActorFactory(name="Local officials"))
    url = reverse("casualties-timeline")
    assert '">Local officials</a>' in journalist.get(url).content.decode()
    Actor.objects.filter(pk=claim.claimant_id).update(name="Regional officials")
    html = journalist.get(url).content.decode()
    assert '">Regional officials</a>' in html and '">Local officials</a>' not in html


@pytest.mark.django_db
@pytest.mark.usefixtures("clean_slate")
def test_a_reader_whose_rights_change_gets_the_other_page_at_once(role_user) -> None:  # type: ignore[no-untyped-def]
    from django.contrib.auth.models import Group

    CasualtyFactory(number=834)
    user = role_user("journalist")
    client = Client()
    client.force_login(user)
    url = reverse("casualties-timeline")
    assert 'data-action="verify"' not in client.get(url).content.decode()
    user.groups.add(Group.objects.get(name="editor"))
    assert 'data-action="verify"' in client.get(url).content.decode()
    user.groups.clear()
    assert 'data-action="verify"' not in client.get(url).content.decode()
    editors = Group.objects.get(name="editor")
    user.groups.add(editors)
    assert 'data-action="verify"' in client.get(url).content.decode()
    editors.permissions.clear()
    assert 'data-action="verify"' not in client.get(url).content.decode()
    user.is_superuser = True
    user.save()
    assert 'data-action="verify"' in client.get(url).content.decode()


@pytest.mark.django_db(transaction=True)  # the snapshot is of committed revisions only
@pytest.mark.usefixtures("clean_slate")
def test_readers_who_cannot_edit_see_changes_within_the_lag_and_editors_at_once(
    role_user,  # type: ignore[no-untyped-def]
    settings,  # type: ignore[no-untyped-def]
) -> None:
    from django.core.cache import cache

    from casualties.page_cache import READER_SNAPSHOT_KEY

    settings.READER_PAGE_LAG_SECONDS = 30
    cache.delete(READER_SNAPSHOT_KEY)
    claim = CasualtyFactory(number=834)
    reader, editor = Client(), Client()
    reader.force_login(role_user("journalist"))
    editor.force_login(role_user("editor"))
    url = reverse("casualties-timeline")
    before = shown(claim)
    assert before in reader.get(url).content.decode()
    Record.objects.filter(pk=claim.pk).update(number=974)
    after = shown(claim)
    assert after in editor.get(url).content.decode(), "an editor sees the change at once"
    stale = reader.get(url).content.decode()
    assert before in stale and after not in stale, "a reader shares the page of the snapshot"
    cache.delete(READER_SNAPSHOT_KEY)  # the lag has passed
    assert after in reader.get(url).content.decode()
