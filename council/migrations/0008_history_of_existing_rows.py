from django.db import migrations

from council.history import record_existing


class Migration(migrations.Migration):
    """Every member state, body, membership, person and delegate already entered gets a first version."""

    dependencies = [("council", "0007_history")]

    operations = [migrations.RunPython(record_existing("council"), migrations.RunPython.noop)]
