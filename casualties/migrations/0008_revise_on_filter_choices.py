"""Move the records revision when the timeline's filter choices change: places and their
aliases (the place filter matches a record by them) and outlets added or removed (0007
watches renames). Whole timeline pages are cached on the revision (``page_cache``), filter
form included. Uses the trigger functions of migration 0007; PostgreSQL only.
"""

from django.db import migrations

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
    for table, events in WATCHED:
        schema_editor.execute(
            f"CREATE CONSTRAINT TRIGGER {REVISE} AFTER {events} ON {table} "
            "DEFERRABLE INITIALLY DEFERRED FOR EACH ROW "
            "EXECUTE FUNCTION casualties_revise_records()"
        )
        schema_editor.execute(
            f"CREATE TRIGGER {NOTE} AFTER {events} ON {table} "
            "FOR EACH STATEMENT EXECUTE FUNCTION casualties_note_pending()"
        )


def drop(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for table, _events in WATCHED:
        schema_editor.execute(f"DROP TRIGGER IF EXISTS {REVISE} ON {table}")
        schema_editor.execute(f"DROP TRIGGER IF EXISTS {NOTE} ON {table}")


class Migration(migrations.Migration):
    dependencies = [("casualties", "0007_revise_on_shown_tables")]

    operations = [migrations.RunPython(create, drop)]
