"""Shared fixtures: the demo data and the people who can and cannot see things."""

import datetime

import pytest
from django.contrib.auth.models import Permission

from meetings.demo import load_demo


@pytest.fixture
def demo(db):
    """The reference case: returns the Executive Office's 48th session."""
    return load_demo()


@pytest.fixture
def secretary(django_user_model):
    """A secretariat member: staff with every council and meetings permission, not a superuser."""
    user = django_user_model.objects.create_user("amina", password="not-a-real-password", is_staff=True)
    user.user_permissions.set(Permission.objects.filter(content_type__app_label__in=["council", "meetings"]))
    return user


@pytest.fixture
def secretary_client(client, secretary):
    client.force_login(secretary)
    return client


# --- Public site: delegates, sessions made to measure ----------------------


@pytest.fixture
def delegate(demo, django_user_model):
    """Egypt's delegate: signed in, may read documents restricted to member states; not staff."""
    from council.models import Delegate, MemberState

    user = django_user_model.objects.create_user("hoda", password="not-a-real-password")
    Delegate.objects.create(user=user, member_state=MemberState.objects.get(iso_code="EG"))
    return user


@pytest.fixture
def delegate_client(client, delegate):
    client.force_login(delegate)
    return client


@pytest.fixture
def stranger_client(client, django_user_model):
    """Signed in, but neither staff nor a delegate."""
    client.force_login(django_user_model.objects.create_user("visitor", password="not-a-real-password"))
    return client


@pytest.fixture
def make_session(db, settings, tmp_path):
    """Build a session of a body with n agenda items (half of them sub-items), resolutions with a
    reservation each, participants and documents; published unless told otherwise."""
    from django.core.files.base import ContentFile
    from django.utils import timezone

    from council.models import Body, MemberState, Person
    from meetings.models import (
        AgendaItem,
        Document,
        Participation,
        Reservation,
        Resolution,
        Session,
    )

    settings.MEDIA_ROOT = tmp_path

    def make(number=1, n=0, publication="published", body=None, **fields):
        body = body or Body.objects.get_or_create(slug="test-committee", defaults={
            "name_ar": "لجنة الاختبار", "name_en": "Test committee", "kind": "permanent_committee"})[0]
        if publication == "published":
            # Agenda and outcomes both published, unless the test says otherwise.
            fields.setdefault("published_at", timezone.now())
            fields.setdefault("outcomes_published_at", fields["published_at"])
        session = Session.objects.create(body=body, number=number, publication=publication, status="held",
                                         start_date=fields.pop("start_date", datetime.date(2022, 3, 1)), **fields)
        states = list(MemberState.objects.all()) or [
            MemberState.objects.create(iso_code="EG", protocol_order=19, name_ar="مصر", name_en="Egypt")]
        main = None
        for i in range(1, n + 1):
            item = AgendaItem.objects.create(session=session, order=i, parent=main if i % 2 == 0 else None,
                                             title_ar=f"بند {i}", title_en=f"Item {i}")
            main = item if i % 2 else main
            resolution = Resolution.objects.create(session=session, agenda_item=item, number=i,
                                                   title_ar=f"قرار {i}", title_en=f"Resolution {i}")
            Reservation.objects.create(resolution=resolution, member_state=states[i % len(states)],
                                       text_ar="تحفظ", text_en="Reservation")
            person = Person.objects.create(name_ar=f"شخص {i}", name_en=f"Person {i}")
            Participation.objects.create(session=session, member_state=states[i % len(states)], person=person,
                                         role="delegate", position_ar="مندوب", position_en="Delegate")
            Document.objects.create(session=session, agenda_item=item, title_ar=f"وثيقة {i}",
                                    title_en=f"Document {i}", file=ContentFile(b"%PDF", name=f"doc-{i}.pdf"),
                                    visibility="public" if i % 2 else "member_states")
        return session

    return make


@pytest.fixture(autouse=True)
def default_language(settings):
    """Start every test in the default language: a request leaves its language active in the thread."""
    from django.utils import translation

    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture(autouse=True)
def empty_page_cache():
    """Start every test with no cached page: the local-memory cache outlives each test's rollback."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()
