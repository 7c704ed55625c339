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
