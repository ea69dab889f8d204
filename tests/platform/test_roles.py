"""Roles are created by a data migration and carry what each newsroom job needs."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command

pytestmark = pytest.mark.django_db


def codenames(role: str) -> set[str]:
    group = Group.objects.get(name=role)
    return {f"{p.content_type.app_label}.{p.codename}" for p in group.permissions.all()}


def test_the_three_roles_exist_after_migrating() -> None:
    assert set(Group.objects.values_list("name", flat=True)) >= {
        "journalist",
        "editor",
        "importer",
    }


def test_a_journalist_reads_everything_and_changes_nothing() -> None:
    perms = codenames("journalist")
    assert "articles.view_article" in perms
    assert all(".view_" in p for p in perms)


def test_an_importer_can_import_batches_and_manage_sources() -> None:
    perms = codenames("importer")
    assert {"articles.add_importbatch", "articles.change_outlet", "articles.view_article"} <= perms


def test_an_editor_cannot_import() -> None:
    assert "articles.add_importbatch" not in codenames("editor")


def test_demo_users_get_one_account_per_role(capsys: pytest.CaptureFixture[str]) -> None:
    call_command("create_demo_users")
    call_command("create_demo_users")  # idempotent: resets, never duplicates
    out = capsys.readouterr().out
    from django.contrib.auth import get_user_model

    users = get_user_model().objects.filter(username__startswith="demo-")
    assert users.count() == 3
    for role in ("journalist", "editor", "importer"):
        user = users.get(username=f"demo-{role}")
        assert list(user.groups.values_list("name", flat=True)) == [role]
        assert f"demo-{role}" in out
        assert user.is_staff == (role == "importer")


def test_an_importer_edits_actors_in_the_admin(client, role_user) -> None:  # type: ignore[no-untyped-def]
    importer = role_user("importer")
    importer.is_staff = True
    importer.save()
    client.force_login(importer)
    assert client.get("/admin/casualties/actor/").status_code == 200
    assert client.get("/admin/casualties/actor/add/").status_code == 200
    journalist = role_user("journalist")
    journalist.is_staff = True
    journalist.save()
    client.force_login(journalist)
    assert client.get("/admin/casualties/actor/add/").status_code == 403
