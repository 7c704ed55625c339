"""Search finds what the pages show to the same user: one definition of "visible", on either database."""

import pytest
from django.contrib.auth.models import AnonymousUser

from meetings.models import Resolution, Session
from meetings.search import Filters, search

pytestmark = pytest.mark.django_db


def found(query, user, **filters):
    return {(group.kind.key, hit.record.pk) for group in search(query, Filters(**filters), language="en",
                                                                user=user).groups for hit in group.hits}


@pytest.fixture
def sessions(make_session):
    published = make_session(number=1, n=1)
    outcomes_pending = make_session(number=2, n=1, outcomes_published_at=None)
    draft = make_session(number=3, n=1, publication="draft")
    return published, outcomes_pending, draft


@pytest.mark.parametrize("filters", [{}, {"year_from": 2000}])
def test_anyone_finds_published_agendas_and_only_published_outcomes(sessions, filters):
    published, outcomes_pending, draft = sessions
    hits = found("item", AnonymousUser(), **filters)
    assert {pk for kind, pk in hits if kind == "items"} == set(
        published.agenda_items.values_list("pk", flat=True)) | set(
        outcomes_pending.agenda_items.values_list("pk", flat=True))
    resolutions = {pk for kind, pk in found("resolution", AnonymousUser(), **filters) if kind == "resolutions"}
    assert resolutions == set(Resolution.objects.filter(session=published).values_list("pk", flat=True))
    assert not any(pk == draft.pk for kind, pk in found("1st OR 2nd OR 3rd", AnonymousUser()) if kind == "sessions")


@pytest.mark.parametrize("filters", [{}, {"year_from": 2000}])
def test_the_secretariat_finds_drafts_and_unpublished_outcomes_as_its_pages_show_them(sessions, secretary, filters):
    published, outcomes_pending, draft = sessions
    resolutions = {pk for kind, pk in found("resolution", secretary, **filters) if kind == "resolutions"}
    assert resolutions == set(Resolution.objects.values_list("pk", flat=True))
    assert ("sessions", draft.pk) in found("3rd meeting", secretary, **filters)
    assert Session.objects.visible_to(secretary).count() == 3


def test_staff_without_the_permission_find_only_what_anyone_finds(sessions, django_user_model):
    staff = django_user_model.objects.create_user("clerk", password="not-a-real-password", is_staff=True)
    assert found("resolution", staff) == found("resolution", AnonymousUser())
