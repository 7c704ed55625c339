"""Atom feeds: new agendas, outcomes and public documents, in all and per body, in each language."""

import datetime
import xml.etree.ElementTree as ET

import pytest
from django.core.files.base import ContentFile
from django.utils import timezone

from meetings.models import Document, Session
from tests.helpers import site_url
from tests.outputs.helpers import DRAFT_WORDS_AR, DRAFT_WORDS_EN, publish

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"



def fetch(client, path):
    response = client.get(path)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    text = response.content.decode()
    return text, ET.fromstring(response.content)


def assert_valid_atom(root):
    """What RFC 4287 requires: a feed id, title and updated, and the same on each entry, plus a link."""
    assert root.tag == f"{ATOM}feed"
    for required in ("id", "title", "updated"):
        assert root.find(f"{ATOM}{required}") is not None, required
    ids = []
    for entry in root.findall(f"{ATOM}entry"):
        for required in ("id", "title", "updated", "link"):
            assert entry.find(f"{ATOM}{required}") is not None, required
        datetime.datetime.fromisoformat(entry.find(f"{ATOM}updated").text)
        ids.append(entry.find(f"{ATOM}id").text)
    assert len(ids) == len(set(ids)), "entry ids are unique"
    return ids


def titles(root):
    return [entry.find(f"{ATOM}title").text for entry in root.findall(f"{ATOM}entry")]


def test_it_announces_agendas_outcomes_and_public_documents_newest_first(client, make_session):
    earlier = timezone.now() - datetime.timedelta(days=3)
    session = make_session(number=48, n=2, published_at=earlier, outcomes_published_at=timezone.now())
    for language in ("en", "ar"):
        _, root = fetch(client, site_url(language, "feed"))
        assert_valid_atom(root)
        assert root.get("{http://www.w3.org/XML/1998/namespace}lang") == language
        name = session.display_name(language)
        found = titles(root)
        outcomes = f"Outcomes: {name}" if language == "en" else f"النتائج: {name}"
        agenda = f"Agenda: {name}" if language == "en" else f"جدول الأعمال: {name}"
        assert found[-1] == agenda, "the agenda, published three days ago, is the oldest news"
        assert outcomes in found
        # make_session gives item 1 a public document and item 2 a restricted one.
        public = Document.objects.get(session=session, visibility="public")
        assert sum(getattr(public, f"title_{language}") in title for title in found) == 1
        assert not any(Document.objects.get(session=session, visibility="member_states").title_en in t for t in found)


def test_it_keeps_entry_ids_when_titles_and_addresses_change(client, make_session):
    session = make_session(number=3, n=1)
    _, root = fetch(client, site_url("en", "feed"))
    before = assert_valid_atom(root)
    session.number = 4
    session.city_en = "Rabat"
    session.save()
    Document.objects.filter(session=session).update(title_en="Renamed paper")
    _, root = fetch(client, site_url("en", "feed"))
    assert assert_valid_atom(root) == before
    assert all(entry_id.startswith("tag:") for entry_id in before)
    # The Arabic feed tells the same news under the same ids.
    _, arabic = fetch(client, site_url("ar", "feed"))
    assert sorted(assert_valid_atom(arabic)) == sorted(before)


def test_it_shows_nothing_unpublished(client, secretary_client, make_session, draft_session):
    agenda_only = make_session(number=5, n=1, outcomes_published_at=None)
    Document.objects.create(session=agenda_only, type=Document.Type.REPORT, visibility="public",
                            title_ar=f"تقرير {DRAFT_WORDS_AR}", title_en=f"Report {DRAFT_WORDS_EN}",
                            file=ContentFile(b"%PDF", name="report.pdf"))
    Document.objects.create(session=draft_session, visibility="public", title_ar=f"ورقة {DRAFT_WORDS_AR}",
                            title_en=f"Paper {DRAFT_WORDS_EN}", file=ContentFile(b"%PDF", name="p.pdf"))
    make_session(number=6, n=1, publication="withdrawn")
    for who in (client, secretary_client):
        for language in ("ar", "en"):
            text, root = fetch(who, site_url(language, "feed"))
            assert DRAFT_WORDS_AR not in text and DRAFT_WORDS_EN not in text
            assert draft_session.display_name(language) not in text
            found = titles(root)
            assert not any(title.startswith(("Outcomes", "النتائج")) for title in found), \
                "outcomes not yet published are not news"
            assert len(found) == 2  # the agenda and its public paper


def test_it_has_a_feed_per_body(client, make_session):
    from council.models import Body

    other = Body.objects.create(slug="other-body", name_ar="لجنة أخرى", name_en="Other committee",
                                kind="permanent_committee")
    mine = make_session(number=1)
    make_session(number=1, body=other)
    _, root = fetch(client, site_url("en", "body_feed", "test-committee"))
    assert_valid_atom(root)
    assert set(titles(root)) == {f"Agenda: {mine.display_name('en')}", f"Outcomes: {mine.display_name('en')}"}
    assert client.get(site_url("en", "body_feed", "no-such-body")).status_code == 404


def test_it_dates_an_early_document_from_the_publication(client, make_session, draft_session):
    document = Document.objects.create(session=draft_session, visibility="public", title_ar="ورقة مبكرة",
                                       title_en="Early paper", file=ContentFile(b"%PDF", name="early.pdf"))
    publish(draft_session)
    _, root = fetch(client, site_url("en", "feed"))
    entry = next(e for e in root.findall(f"{ATOM}entry") if "Early paper" in e.find(f"{ATOM}title").text)
    updated = datetime.datetime.fromisoformat(entry.find(f"{ATOM}updated").text)
    assert updated >= Session.objects.get(pk=draft_session.pk).published_at.replace(microsecond=0)
    assert updated > document.uploaded_at


def test_it_covers_the_demo_and_an_archive_session(client, demo, archive_session):
    for language in ("ar", "en"):
        _, root = fetch(client, site_url(language, "feed"))
        assert_valid_atom(root)
        text = " ".join(titles(root))
        assert archive_session.display_name(language) in text
        _, body_root = fetch(client, site_url(language, "body_feed", "executive-office"))
        assert demo.display_name(language) in " ".join(titles(body_root))


def test_it_is_linked_from_the_home_and_body_pages(client, make_session):
    make_session(number=1)
    home = client.get(site_url("ar", "home")).content.decode()
    assert f'href="{site_url("ar", "feed")}"' in home and f'href="{site_url("ar", "calendar")}"' in home
    body = client.get(site_url("en", "body", "test-committee")).content.decode()
    assert f'href="{site_url("en", "body_feed", "test-committee")}"' in body
    assert f'href="{site_url("en", "body_calendar", "test-committee")}"' in body
