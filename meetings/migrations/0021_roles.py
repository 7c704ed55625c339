"""The secretariat's roles (Editor, Publisher, Administrator) replace the single "Secretariat" group."""

from django.contrib.auth.management import create_permissions
from django.db import migrations


def create_roles(apps, schema_editor):
    from meetings.roles import PUBLISHER, refresh_roles

    using = schema_editor.connection.alias
    # On a fresh database the permissions are created only after the last migration: create them now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0, using=using)
        app_config.models_module = None
    Group, Permission = apps.get_model("auth", "Group"), apps.get_model("auth", "Permission")
    refresh_roles(Group, Permission, using=using)
    # The old group could edit and publish everything: its members keep that as Publishers.
    old = Group.objects.using(using).filter(name="Secretariat").first()
    if old is not None:
        Group.objects.using(using).get(name=PUBLISHER).user_set.add(*old.user_set.all())
        old.delete()


def remove_roles(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Group.objects.using(schema_editor.connection.alias).filter(
        name__in=["Editor", "Publisher", "Administrator"]).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("council", "0003_delegate"),
        ("meetings", "0020_versions_and_long_titles"),
    ]

    operations = [migrations.RunPython(create_roles, remove_roles)]
