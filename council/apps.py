from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps
from django.utils.translation import gettext_lazy as _


class CouncilConfig(AppConfig):
    name = "council"
    verbose_name = _("Council structure")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from council import search_text

        search_text.connect()
        from council.cache import connect_signals
        connect_signals()


class CouncilAdminConfig(admin_apps.AdminConfig):
    """Django's admin, with our site: the second factor is checked on every admin page."""

    default = False  # CouncilConfig stays this module's default
    default_site = "council.signin.CouncilAdminSite"
