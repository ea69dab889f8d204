"""Seed the actor and place registry: world countries and bodies, and the sample wars."""

from django.db import migrations


def seed(apps, schema_editor):
    from casualties.registry import load_seed

    load_seed(apps)


def roles(apps, schema_editor):
    # The record models exist now: give editors their permissions on them.
    from tracker.roles import sync_roles

    sync_roles(apps)


class Migration(migrations.Migration):
    dependencies = [
        ("casualties", "0001_initial"),
        ("articles", "0002_roles"),
    ]

    operations = [
        migrations.RunPython(seed, migrations.RunPython.noop),
        migrations.RunPython(roles, migrations.RunPython.noop),
    ]
