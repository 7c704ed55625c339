from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.contrib.sitemaps import views as sitemap_views
from django.urls import include, path
from django.utils.translation import gettext_lazy as _

from council.views import healthz, robots_txt
from meetings.sitemaps import SITEMAPS

admin.site.site_header = _("Arab Telecommunication and Information Council of Ministers")
admin.site.site_title = _("Council secretariat")
admin.site.index_title = _("Sessions, agendas and resolutions")

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("i18n/", include("django.conf.urls.i18n")),
    # One address for both languages: each entry lists its Arabic and English pages.
    path("robots.txt", robots_txt),
    path("sitemap.xml", sitemap_views.index, {"sitemaps": SITEMAPS, "sitemap_url_name": "sitemap"}),
    path("sitemap-<section>.xml", sitemap_views.sitemap, {"sitemaps": SITEMAPS}, name="sitemap"),
    *i18n_patterns(
        path("admin/", admin.site.urls),
        path("", include("meetings.urls")),
    ),
]
# Uploaded documents are never served straight from MEDIA_ROOT: a view checks who may see them.
