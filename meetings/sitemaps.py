"""The sitemap: every public page, in Arabic and English, at its permanent address.

Only what an anonymous reader may see is listed (the one definition of "visible": the
querysets' `visible_to`). Each page is given in both languages with its other-language
twin as an alternate, so a search engine offers the reader's own.
"""

from django.contrib.auth.models import AnonymousUser
from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from council.models import Body, MemberState
from meetings.models import Dossier, Session


class PublicSitemap(Sitemap):
    i18n = True
    alternates = True
    x_default = True  # the Arabic page (LANGUAGE_CODE) for readers of neither language


class PagesSitemap(PublicSitemap):
    def items(self):
        return ["meetings:home", "meetings:follow_up"]

    def location(self, name):
        return reverse(name)


class SessionsSitemap(PublicSitemap):
    def items(self):
        return (Session.objects.visible_to(AnonymousUser()).select_related("body")
                .only("kind", "number", "updated_at", "body__slug").order_by("pk"))

    def lastmod(self, session):
        return session.updated_at


class BodiesSitemap(PublicSitemap):
    def items(self):
        return Body.objects.only("slug").order_by("pk")


class MemberStatesSitemap(PublicSitemap):
    def items(self):
        return MemberState.objects.only("iso_code").order_by("protocol_order")


class DossiersSitemap(PublicSitemap):
    def items(self):
        return Dossier.objects.visible_to(AnonymousUser()).only("slug").order_by("slug")


SITEMAPS = {
    "pages": PagesSitemap,
    "sessions": SessionsSitemap,
    "bodies": BodiesSitemap,
    "member-states": MemberStatesSitemap,
    "dossiers": DossiersSitemap,
}
