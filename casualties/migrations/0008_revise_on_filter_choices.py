"""Move the records revision when the timeline's filter choices change: places and their
aliases (the place filter matches a record by them) and outlets added or removed (0007
watches renames). Whole timeline pages are cached on the revision (``page_cache``), filter
form included. Uses the trigger functions and helpers of migration 0007; PostgreSQL only.
"""

from importlib import import_module

from django.db import migrations

_0007 = import_module("casualties.migrations.0007_revise_on_shown_tables")

# (table, the changes that alter the filter form or its results)
WATCHED = [
    ("casualties_place", "INSERT OR UPDATE OF name OR DELETE"),
    ("casualties_placealias", "INSERT OR UPDATE OR DELETE"),
    ("articles_outlet", "INSERT OR DELETE"),
]
# A second pair of names: articles_outlet already has 0007's triggers (for renames).
REVISE, NOTE = "casualties_revise_choices", "casualties_note_pending_choices"


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    _0007.create_triggers(schema_editor, WATCHED, REVISE, NOTE)


def drop(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    _0007.drop_triggers(schema_editor, WATCHED, REVISE, NOTE)


class Migration(migrations.Migration):
    dependencies = [("casualties", "0007_revise_on_shown_tables")]

    operations = [migrations.RunPython(create, drop)]
