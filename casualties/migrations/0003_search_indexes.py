"""GIN indexes for the timeline's full-text search (PostgreSQL only).

The expressions are exactly what ``casualties.filters.text_search`` asks for
(``SearchVector("evidence", "quote", config="english")`` and ``SearchVector("body", ...)``),
so the planner can use them. Raw SQL, not model ``Meta.indexes``: SQLite (the no-services
demo) has no GIN, and the model state stays unchanged. The article-body index lives here
because only the timeline searches article text.
"""

from django.db import migrations

INDEXES = [
    (
        "record_search_gin",
        "casualties_record",
        "to_tsvector('english'::regconfig, COALESCE(evidence, '') || ' ' || COALESCE(quote, ''))",
    ),
    (
        "article_body_search_gin",
        "articles_article",
        "to_tsvector('english'::regconfig, COALESCE(body, ''))",
    ),
]


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name, table, expression in INDEXES:
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {name} ON {table} USING gin (({expression}))"
        )


def drop(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name, _table, _expression in INDEXES:
        schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [
        ("casualties", "0002_seed_registry"),
        ("articles", "0002_roles"),
    ]

    operations = [migrations.RunPython(create, drop)]
