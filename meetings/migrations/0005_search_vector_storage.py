"""On PostgreSQL, keep each search vector inside its table row and move the long texts out.

A search reads the vector of every candidate row; with titles, descriptions and
their normalized copies inline, a row is a kilobyte or more and a search touches
thousands of pages. toast_tuple_target = 128 moves the long texts to the TOAST
table, and STORAGE MAIN keeps the vector inline, so a page holds a dozen rows'
vectors (bench/README.md has the figures). SQLite: nothing to do.
"""

from django.db import migrations

TABLES = ["meetings_session", "meetings_agendaitem", "meetings_resolution", "meetings_document"]


def narrow_rows(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for table in TABLES:
        schema_editor.execute(f"ALTER TABLE {table} SET (toast_tuple_target = 128)")
        schema_editor.execute(f"ALTER TABLE {table} ALTER COLUMN search_vector SET STORAGE MAIN")


def default_rows(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for table in TABLES:
        schema_editor.execute(f"ALTER TABLE {table} RESET (toast_tuple_target)")
        schema_editor.execute(f"ALTER TABLE {table} ALTER COLUMN search_vector SET STORAGE EXTENDED")


class Migration(migrations.Migration):
    dependencies = [("meetings", "0004_session_number_1_to_999")]
    operations = [migrations.RunPython(narrow_rows, default_rows)]
