"""The admin's session page costs the same number of queries however long its agenda is."""

import pytest

from council.models import MemberState
from meetings.models import AgendaItem, Participation, Reservation, Resolution
from tests.helpers import queries_for

pytestmark = pytest.mark.django_db



def test_the_session_page_does_not_query_per_agenda_item_or_resolution(secretary_client, demo):
    url = f"/ar/admin/meetings/session/{demo.pk}/change/"
    # One resolution with a reservation to start from: with none, Django skips reading reservations at all.
    first = Resolution.objects.create(session=demo, number=100, title_ar="قرار أول")
    Reservation.objects.create(resolution=first, member_state=MemberState.objects.first(), text_ar="تحفظ")
    queries_for(secretary_client, url)  # the first visit also fills per-process caches
    before = queries_for(secretary_client, url)
    main = demo.agenda_items.get(order=1)
    for order in range(100, 160):
        AgendaItem.objects.create(session=demo, order=order, title_ar=f"بند {order}", parent=main)
    for number in range(1, 41):
        resolution = Resolution.objects.create(session=demo, number=number, title_ar=f"قرار {number}")
        Reservation.objects.create(resolution=resolution, member_state=MemberState.objects.last(), text_ar="تحفظ")
    for state in MemberState.objects.exclude(participations__session=demo)[:10]:
        Participation.objects.create(session=demo, member_state=state, role=Participation.Role.DELEGATE)
    assert queries_for(secretary_client, url) == before


def make_a_round_of_changes(session, round_number):
    """Change the session and one of each of its records: one version each."""
    session.city_en = f"City {round_number}"
    session.save()
    for record, field in ((session.agenda_items.first(), "title_en"), (session.resolutions.first(), "title_en"),
                          (Reservation.objects.filter(resolution__session=session).first(), "text_en"),
                          (session.participants.first(), "position_en"), (session.documents.first(), "title_en")):
        setattr(record, field, f"Version {round_number}")
        record.save()


def test_the_history_page_does_not_query_per_version_or_item(secretary_client, make_session):
    """A page of 12 versions and a page of 30 (of 250) cost the same: nothing is read version by version."""
    session = make_session(number=7, n=1)
    url = f"/ar/admin/meetings/session/{session.pk}/history/"
    make_a_round_of_changes(session, 0)
    queries_for(secretary_client, url)
    before = queries_for(secretary_client, url)
    for order in range(100, 160):
        AgendaItem.objects.create(session=session, order=order, title_ar=f"بند {order}")
    for round_number in range(1, 30):
        make_a_round_of_changes(session, round_number)
    assert queries_for(secretary_client, url) == before
    assert queries_for(secretary_client, url + "?page=3") == before


def test_the_publish_pages_do_not_query_per_agenda_item_or_resolution(secretary_client, make_session):
    session = make_session(number=7, n=4, publication="draft")
    urls = [f"/ar/admin/meetings/session/{session.pk}/publish/{step}/" for step in ("agenda", "outcomes")]
    for url in urls:
        queries_for(secretary_client, url)
    before = [queries_for(secretary_client, url) for url in urls]
    main = session.agenda_items.order_by("order").first()
    for order in range(100, 160):
        AgendaItem.objects.create(session=session, order=order, title_ar=f"بند {order}", parent=main)
    for number in range(100, 140):
        resolution = Resolution.objects.create(session=session, number=number, title_ar=f"قرار {number}")
        Reservation.objects.create(resolution=resolution, member_state=MemberState.objects.first(), text_ar="تحفظ")
    assert [queries_for(secretary_client, url) for url in urls] == before
