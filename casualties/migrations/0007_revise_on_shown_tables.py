"""Move the records revision when what a cached timeline shows beside the records changes:
a story's copies and their outlets (the sources), actors' names, cease-fire parties, and
which version of a story is the latest (PostgreSQL only, like the trigger on records).

Same two triggers as on ``casualties_record`` (migration 0005): a deferred one that bumps the
shared number once per committing transaction, and a statement one that notes the change
for the writing transaction's own reads.
"""

from django.db import migrations

FUNCTIONS = """
CREATE OR REPLACE FUNCTION casualties_revise_records() RETURNS trigger AS $$
BEGIN
    IF current_setting('tracker.records_revised', true) IS DISTINCT FROM 'yes' THEN
        PERFORM set_config('tracker.records_revised', 'yes', true);
        INSERT INTO casualties_recordsrevision (id, number)
        VALUES (1, (extract(epoch FROM clock_timestamp()) * 1000000)::bigint)
        ON CONFLICT (id) DO UPDATE SET number = casualties_recordsrevision.number + 1;
    END IF;
    RETURN NULL;
END $$ LANGUAGE plpgsql;

CREATE OR REPLACE FUNCTION casualties_note_pending() RETURNS trigger AS $$
BEGIN
    PERFORM set_config(
        'tracker.records_pending',
        (COALESCE(NULLIF(current_setting('tracker.records_pending', true), ''), '0')::bigint
         + 1)::text,
        true
    );
    RETURN NULL;
END $$ LANGUAGE plpgsql;
"""

# (table, the changes that alter what a timeline entry shows)
WATCHED = [
    (
        "articles_article",
        "INSERT OR UPDATE OF version_id, outlet_id, agency, name, published, timezone_name, "
        "url OR DELETE",
    ),
    ("articles_storyversion", "UPDATE OF is_latest"),
    ("articles_outlet", "UPDATE OF name"),
    ("casualties_actor", "UPDATE OF name"),
    ("casualties_record_parties", "INSERT OR UPDATE OR DELETE"),
]


def create_triggers(schema_editor, watched, revise, note):
    """On each (table, events) of ``watched``: the deferred trigger named ``revise`` that
    bumps the revision and the statement trigger named ``note`` (also used by 0008)."""
    for table, events in watched:
        schema_editor.execute(
            f"CREATE CONSTRAINT TRIGGER {revise} AFTER {events} ON {table} "
            "DEFERRABLE INITIALLY DEFERRED FOR EACH ROW "
            "EXECUTE FUNCTION casualties_revise_records()"
        )
        schema_editor.execute(
            f"CREATE TRIGGER {note} AFTER {events} ON {table} "
            "FOR EACH STATEMENT EXECUTE FUNCTION casualties_note_pending()"
        )


def drop_triggers(schema_editor, watched, revise, note):
    for table, _events in watched:
        schema_editor.execute(f"DROP TRIGGER IF EXISTS {revise} ON {table}")
        schema_editor.execute(f"DROP TRIGGER IF EXISTS {note} ON {table}")


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(FUNCTIONS)
    create_triggers(schema_editor, WATCHED, "casualties_revise", "casualties_note_pending")


def drop(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    drop_triggers(schema_editor, WATCHED, "casualties_revise", "casualties_note_pending")
    schema_editor.execute("DROP FUNCTION IF EXISTS casualties_revise_records()")
    schema_editor.execute("DROP FUNCTION IF EXISTS casualties_note_pending()")


class Migration(migrations.Migration):
    dependencies = [
        ("casualties", "0006_actor_day_indexes"),
        ("articles", "0003_article_search_vector"),
    ]

    operations = [migrations.RunPython(create, drop)]
