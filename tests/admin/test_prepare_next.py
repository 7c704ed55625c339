"""«تحضير الدورة التالية»: the next session as a draft, its standing and carried-over items in place."""

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse
from django.utils import translation

from meetings.models import AgendaItem, Session

pytestmark = pytest.mark.django_db


def prepare_url(session, language="ar"):
    with translation.override(language):
        return reverse("admin:meetings_session_prepare_next", args=[session.pk])


def test_it_creates_the_next_number_as_a_draft_with_the_standing_items(secretary_client, demo):
    from meetings.tracking import Outcome

    # The demo's postal committee referred the customs agreement to the Executive Office.
    referred = Outcome.objects.get(decision=Outcome.Decision.REFERRED, referred_to=demo.body)
    response = secretary_client.post(prepare_url(demo))
    session = Session.objects.get(body=demo.body, kind=demo.kind, number=49)
    assert response.status_code == 302
    assert response["Location"] == reverse("admin:meetings_session_change", args=[session.pk])
    assert session.publication == Session.Publication.DRAFT
    assert [(item.label, item.standing, item.title_ar) for item in session.agenda()] == [
        ("1", "opening", "افتتاح الدورة"),
        ("2", "adoption", "إقرار جدول الأعمال"),
        ("3", "follow_up", "متابعة تنفيذ قرارات الدورة السابقة"),
        ("4", "", referred.agenda_item.title_ar),  # the 48th's outcome referred it on
        ("5", "next_session", "موعد الدورة القادمة ومكان انعقادها"),
        ("6", "other_business", "ما يستجد من أعمال"),
    ]
    assert session.agenda()[3].carried_over_from == referred.agenda_item
    follow_up = session.agenda_items.get(standing="follow_up")
    assert follow_up.reviewed_session == demo
    assert all(item.title_en for item in session.agenda_items.all())
    page = secretary_client.get(response["Location"]).content.decode()
    assert "أُنشئت مسودة: الدورة العادية التاسعة والأربعون للمكتب التنفيذي" in page


def test_it_carries_over_marked_items_with_their_sub_items_before_the_closing_items(secretary_client, demo):
    main = demo.agenda_items.get(order=11)  # the 39th meeting's outcomes, with sub-items
    AgendaItem.objects.filter(pk=main.pk).update(carried_over=True)
    cyber = demo.agenda_items.get(order=8)
    AgendaItem.objects.filter(pk=cyber.pk).update(carried_over=True)
    AgendaItem.objects.filter(session=demo, order=1).update(standing="opening", title_ar="افتتاح أعمال الدورة")
    secretary_client.post(prepare_url(demo))
    session = Session.objects.get(body=demo.body, number=49)
    agenda = session.agenda()
    assert agenda[0].title_ar == "افتتاح أعمال الدورة"  # the previous session's wording
    assert [item.title_ar for item in agenda[3:5]] == [cyber.title_ar, main.title_ar]
    assert [sub.title_ar for sub in agenda[4].sub_items] == [sub.title_ar for sub in main.children.order_by("order")]
    assert agenda[-2].standing == "next_session" and agenda[-1].standing == "other_business"
    assert not session.agenda_items.filter(carried_over=True).exists()


def test_it_opens_the_next_session_when_it_is_already_entered(secretary_client, demo):
    secretary_client.post(prepare_url(demo))
    response = secretary_client.post(prepare_url(demo), follow=True)
    assert Session.objects.filter(body=demo.body, number=49).count() == 1
    assert "مُدخَل من قبل: الدورة العادية التاسعة والأربعون للمكتب التنفيذي." in response.content.decode()


def test_the_session_page_offers_it_as_a_button(secretary_client, demo):
    with translation.override("ar"):
        page = secretary_client.get(reverse("admin:meetings_session_change", args=[demo.pk])).content.decode()
    assert f'<form method="post" action="{prepare_url(demo)}"' in page
    assert "تحضير الدورة التالية" in page


def test_it_refuses_a_get(secretary_client, demo):
    assert secretary_client.get(prepare_url(demo)).status_code == 405
    assert not Session.objects.filter(number=49).exists()


def test_it_needs_the_permission_to_add_sessions(client, secretary, demo):
    secretary.user_permissions.remove(Permission.objects.get(codename="add_session", content_type__app_label="meetings"))
    client.force_login(secretary)
    assert client.post(prepare_url(demo)).status_code == 403
    assert not Session.objects.filter(number=49).exists()
    with translation.override("ar"):
        page = client.get(reverse("admin:meetings_session_change", args=[demo.pk])).content.decode()
    assert "prepare-next" not in page


@pytest.mark.parametrize("object_id", ["999999", "abc"])
def test_an_unknown_session_answers_404(secretary_client, demo, object_id):
    with translation.override("ar"):
        url = reverse("admin:meetings_session_prepare_next", args=[object_id])
    assert secretary_client.post(url).status_code == 404
