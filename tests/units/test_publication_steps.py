"""A session publishes its agenda, then its outcomes; only a permission shows what is not yet public.

Being staff is not enough to see a draft: the `meetings.view_unpublished`
permission is (the secretariat's roles grant it).
"""

import pytest
from django.contrib.auth.models import Permission
from django.core.files.base import ContentFile

from meetings.models import Document, Resolution, Session
from tests.helpers import address

pytestmark = pytest.mark.django_db


@pytest.fixture
def bare_staff_client(client, django_user_model):
    """Staff with no permission at all."""
    client.force_login(django_user_model.objects.create_user("idle", password="not-a-real-password", is_staff=True))
    return client


@pytest.fixture
def agenda_only(make_session):
    """A session whose agenda is published and whose outcomes are not, with one outcome document."""
    session = make_session(number=7, n=2, outcomes_published_at=None)
    Session.objects.filter(pk=session.pk).update(outcomes_published_at=None)
    session.refresh_from_db()
    Document.objects.create(session=session, type=Document.Type.REPORT, visibility="public",
                            title_ar="تقرير الاجتماع", title_en="Report of the meeting",
                            file=ContentFile(b"%PDF", name="report.pdf"))
    return session


def test_it_hides_a_draft_from_staff_without_the_permission(bare_staff_client, make_session):
    draft = make_session(number=3, publication="draft")
    assert bare_staff_client.get(draft.get_absolute_url()).status_code == 404
    assert not Session.objects.visible_to(_user(bare_staff_client)).filter(pk=draft.pk).exists()


def test_it_shows_a_draft_to_a_user_with_the_permission(client, django_user_model, make_session):
    draft = make_session(number=3, publication="draft")
    user = django_user_model.objects.create_user("reader", password="not-a-real-password")
    user.user_permissions.add(Permission.objects.get(codename="view_unpublished"))
    client.force_login(user)
    assert client.get(draft.get_absolute_url()).status_code == 200


def test_it_shows_the_agenda_but_not_the_resolutions_before_the_outcomes_are_published(client, agenda_only):
    page = client.get(agenda_only.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="en")
    html = page.content.decode()
    assert page.status_code == 200
    assert "بند 1" in html or "Item 1" in html
    assert "Resolution 1" not in html and "قرار 1" not in html
    assert "تقرير الاجتماع" not in html and "Report of the meeting" not in html
    assert not Resolution.objects.visible_to(_anonymous()).filter(session=agenda_only).exists()


def test_it_refuses_an_outcome_document_before_the_outcomes_are_published(client, agenda_only):
    report = agenda_only.documents.get(type=Document.Type.REPORT)
    assert client.get(address(report, "en")).status_code == 404


def test_it_shows_the_resolutions_once_the_outcomes_are_published(client, make_session):
    session = make_session(number=8, n=2)
    html = client.get(session.get_absolute_url()).content.decode()
    assert "قرار 1" in html or "Resolution 1" in html


def test_a_bare_staff_flag_does_not_open_restricted_documents(bare_staff_client, make_session):
    session = make_session(number=9, n=2)
    restricted = session.documents.get(visibility="member_states")
    assert bare_staff_client.get(address(restricted, "en")).status_code == 403


def _anonymous():
    from django.contrib.auth.models import AnonymousUser

    return AnonymousUser()


def _user(client):
    from django.contrib.auth import get_user_model

    return get_user_model().objects.get(pk=client.session["_auth_user_id"])
