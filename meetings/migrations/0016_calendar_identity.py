import uuid

from django.db import migrations, models


def give_each_session_its_uid(apps, schema_editor):
    """A default is computed once for an added column: give each existing session its own."""
    Session = apps.get_model("meetings", "Session")
    for pk in Session.objects.values_list("pk", flat=True):
        Session.objects.filter(pk=pk).update(calendar_uid=uuid.uuid4())


class Migration(migrations.Migration):

    dependencies = [
        ("meetings", "0015_agenda_standing_and_carried_over"),
    ]

    operations = [
        migrations.AddField(
            model_name="session",
            name="calendar_sequence",
            field=models.PositiveIntegerField(default=0, editable=False, verbose_name="calendar revision"),
        ),
        migrations.AddField(
            model_name="session",
            name="calendar_uid",
            field=models.UUIDField(editable=False, null=True, verbose_name="calendar identifier"),
        ),
        migrations.RunPython(give_each_session_its_uid, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="session",
            name="calendar_uid",
            field=models.UUIDField(default=uuid.uuid4, editable=False, unique=True,
                                   verbose_name="calendar identifier"),
        ),
    ]
