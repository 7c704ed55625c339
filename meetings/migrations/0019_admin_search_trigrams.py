"""On PostgreSQL, trigram indexes behind the admin's search boxes and autocompletes.

The admin looks each typed word up with `search_ar LIKE '%word%' OR search_en LIKE
'%word%'` (council.admin.NormalizedSearchMixin): a substring, so that part of a word
finds it, which no full-text index answers. Over 300,000 agenda items that was a
sequential scan of six seconds; a GIN index of trigrams (pg_trgm, shipped with
PostgreSQL) answers it from the index. SQLite has no such index: nothing to do there.
The council's own tables (member states, bodies, people) are small and left alone.
"""

from django.db import migrations

TABLES = ["meetings_session", "meetings_agendaitem", "meetings_resolution", "meetings_document", "meetings_dossier"]


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    for table in TABLES:
        for column in ("search_ar", "search_en"):
            schema_editor.execute(
                f"CREATE INDEX IF NOT EXISTS {table}_{column}_trgm ON {table} USING gin ({column} gin_trgm_ops)")


def drop(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for table in TABLES:
        for column in ("search_ar", "search_en"):
            schema_editor.execute(f"DROP INDEX IF EXISTS {table}_{column}_trgm")


class Migration(migrations.Migration):
    dependencies = [("meetings", "0018_session_undated_first")]
    operations = [migrations.RunPython(create, drop)]
