from pathlib import Path

from django.apps import AppConfig
from django.conf import settings
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


def refresh_roles_after_migrate(using="default", **kwargs):
    """Keep the Editor, Publisher and Administrator groups' permissions what their roles grant.

    Runs after each migrate, once every app's permissions exist, so a model added
    later (and its history) joins the roles without anyone editing a group by hand.
    """
    from django.contrib.auth.models import Group, Permission

    from meetings.roles import refresh_roles

    refresh_roles(Group, Permission, using=using)


class MeetingsConfig(AppConfig):
    name = "meetings"
    verbose_name = _("Sessions and their outcomes")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # meetings migrates after council and auth, so their permissions exist when this runs.
        post_migrate.connect(refresh_roles_after_migrate, sender=self)
        from meetings import signals_files  # noqa: F401  (connects the file clean-up)
        from meetings.uploads import clean_stale_upload_files

        # Uploads over 2.5 MB are spooled here; a worker killed mid-upload leaves its file behind,
        # so each process clears the old ones as it starts.
        Path(settings.FILE_UPLOAD_TEMP_DIR).mkdir(parents=True, exist_ok=True)
        clean_stale_upload_files()
        from meetings import notifications  # noqa: F401  (connects the publication signals to the outbox)
