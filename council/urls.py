from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path
from django.utils.translation import gettext_lazy as _

from council.views import healthz

admin.site.site_header = _("Arab Telecommunication and Information Council of Ministers")
admin.site.site_title = _("Council secretariat")
admin.site.index_title = _("Sessions, agendas and resolutions")

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("i18n/", include("django.conf.urls.i18n")),
    *i18n_patterns(
        path("admin/", admin.site.urls),
        path("", include("meetings.urls")),
    ),
]
# Uploaded documents are never served straight from MEDIA_ROOT: a view checks who may see them.
