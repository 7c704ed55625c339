from django.db import migrations

from council.history import record_existing


class Migration(migrations.Migration):
    """Every session, agenda item, resolution and other record already entered gets a first version."""

    dependencies = [("meetings", "0023_history")]

    operations = [migrations.RunPython(record_existing("meetings"), migrations.RunPython.noop)]
