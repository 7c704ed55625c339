"""On PostgreSQL, refuse two chairs of one body whose periods overlap.

SQLite cannot express this (it has no exclusion constraints); there the
partial unique constraint of 0001 keeps one *current* chair per body and
Membership.clean() refuses overlapping past periods with a clear message.
"""

from django.db import migrations

CREATE = """
CREATE EXTENSION IF NOT EXISTS btree_gist;
ALTER TABLE council_membership ADD CONSTRAINT no_overlapping_chairs
    EXCLUDE USING gist (body_id WITH =, daterange(start_date, end_date, '[]') WITH &&)
    WHERE (role = 'chair');
"""
DROP = "ALTER TABLE council_membership DROP CONSTRAINT IF EXISTS no_overlapping_chairs;"


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE)


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP)


class Migration(migrations.Migration):
    dependencies = [("council", "0001_initial")]
    operations = [migrations.RunPython(create, drop)]
