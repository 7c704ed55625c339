"""The sitemap lists every public page, in both languages, at its permanent address, and nothing unpublished."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from meetings.models import Dossier
from tests.helpers import address

pytestmark = pytest.mark.django_db


def sitemap(client):
    """Every <loc> of every section the index lists, and the sections' texts."""
    index = client.get("/sitemap.xml")
    assert index.status_code == 200 and index["Content-Type"].startswith("application/xml")
    texts = []
    for section in re.findall(r"<loc>([^<]+)</loc>", index.content.decode()):
        response = client.get(section.removeprefix("http://testserver"))
        assert response.status_code == 200, section
        texts.append(response.content.decode())
    text = "".join(texts)
    return set(re.findall(r"<loc>http://testserver([^<]+)</loc>", text)), text


def test_it_lists_the_public_pages_in_both_languages(client, demo):
    locations, text = sitemap(client)
    for language in ("ar", "en"):
        assert address(demo, language) in locations
        assert f"/{language}/bodies/executive-office/" in locations
        assert f"/{language}/member-states/eg/" in locations
        assert f"/{language}/" in locations and f"/{language}/follow-up/" in locations
    # Each page names its other-language twin, so a search engine offers the reader's own.
    assert ('<xhtml:link rel="alternate" hreflang="en" href="http://testserver/en/bodies/executive-office/'
            'sessions/48/"/>') in text
    assert len([loc for loc in locations if loc.startswith("/ar/member-states/")]) == 22


def test_it_lists_new_addresses_only(client, demo):
    locations, _ = sitemap(client)
    assert not [loc for loc in locations if re.search(r"/sessions/\d+/$", loc) and "/bodies/" not in loc]
    assert not [loc for loc in locations if "/admin/" in loc]


def test_drafts_withdrawn_sessions_and_their_dossiers_stay_out(client, make_session):
    published = make_session(number=1)
    draft = make_session(number=2, publication="draft")
    withdrawn = make_session(number=3, publication="withdrawn")
    hidden = Dossier.objects.create(slug="secret-dossier", title_ar="ملف لم يُنشر", title_en="Unpublished dossier")
    draft.agenda_items.create(order=1, title_ar="بند", title_en="Item", dossier=hidden)
    locations, _ = sitemap(client)
    assert address(published, "ar") in locations
    for session in (draft, withdrawn):
        assert address(session, "ar") not in locations and address(session, "en") not in locations
    assert not [loc for loc in locations if "secret-dossier" in loc]


def test_its_queries_do_not_grow_with_the_sessions(client, make_session):
    def queries():
        with CaptureQueriesContext(connection) as captured:
            sitemap(client)
        return len(captured.captured_queries)

    make_session(number=1)
    few = queries()
    for number in range(2, 12):
        make_session(number=number)
    assert queries() == few


def test_robots_txt_points_crawlers_to_the_sitemap_and_away_from_the_admin(client):
    text = client.get("/robots.txt").content.decode()
    assert "Sitemap: http://testserver/sitemap.xml" in text
    assert "Disallow: /ar/admin/" in text and "Disallow: /en/admin/" in text
