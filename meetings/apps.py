from pathlib import Path

from django.apps import AppConfig
from django.conf import settings
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _

SECRETARIAT_GROUP = "Secretariat"


def create_secretariat_group(using="default", **kwargs):
    """Keep a "Secretariat" group holding every permission on the council's and the meetings' records.

    Runs after each migrate, once the permissions of both apps exist, so a new
    staff member needs only to be put in the group.
    """
    from django.contrib.auth.models import Group, Permission

    group, _ = Group.objects.using(using).get_or_create(name=SECRETARIAT_GROUP)
    group.permissions.set(
        Permission.objects.using(using).filter(content_type__app_label__in=["council", "meetings"]))


class MeetingsConfig(AppConfig):
    name = "meetings"
    verbose_name = _("Sessions and their outcomes")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # meetings migrates after council, so both apps' permissions exist when this runs.
        post_migrate.connect(create_secretariat_group, sender=self)
        from meetings import signals_files  # noqa: F401  (connects the file clean-up)
        from meetings.uploads import clean_stale_upload_files

        # Uploads over 2.5 MB are spooled here; a worker killed mid-upload leaves its file behind,
        # so each process clears the old ones as it starts.
        Path(settings.FILE_UPLOAD_TEMP_DIR).mkdir(parents=True, exist_ok=True)
        clean_stale_upload_files()
        from meetings import notifications  # noqa: F401  (connects the publication signals to the outbox)
