"""The secretariat enters and corrects sessions in the admin, in Arabic or in English."""

import pytest

from council.models import Body, Membership, MemberState
from meetings.models import AgendaItem, Session
from tests.helpers import admin_url, form_values

pytestmark = pytest.mark.django_db



def new_session_form(client, language, **fields):
    """The add-session form as the admin renders it, filled in with fields."""
    data = form_values(client.get(admin_url(language, "meetings_session_add")))
    data.update(body=str(Body.objects.get(slug="executive-office").pk), number="49", kind="ordinary",
                mode="remote", status="scheduled", publication="draft")
    data.update(fields)
    return data


@pytest.mark.parametrize("language,message", [
    ("ar", "تمت الإضافة بنجاح: دورة أو اجتماع"),
    ("en", "was added successfully"),
])
def test_it_adds_a_session_with_its_agenda(secretary_client, demo, language, message):
    data = new_session_form(secretary_client, language, **{
        "agenda_items-TOTAL_FORMS": "2",
        "agenda_items-0-order": "1", "agenda_items-0-title_ar": "إقرار جدول الأعمال",
        "agenda_items-0-title_en": "Adoption of the agenda", "agenda_items-0-kind": "decision",
        "agenda_items-1-order": "2", "agenda_items-1-title_ar": "الأمن السيبراني",
        "agenda_items-1-kind": "information",
    })
    response = secretary_client.post(admin_url(language, "meetings_session_add"), data, follow=True)
    assert message in response.content.decode()
    session = Session.objects.get(body__slug="executive-office", number=49)
    assert session.publication == Session.Publication.DRAFT
    assert [item.title_ar for item in session.agenda()] == ["إقرار جدول الأعمال", "الأمن السيبراني"]
    assert [item.label for item in session.agenda()] == ["1", "2"]


def test_it_refuses_a_duplicate_number_naming_the_session_in_arabic(secretary_client, demo):
    data = new_session_form(secretary_client, "ar", number="48")
    response = secretary_client.post(admin_url("ar", "meetings_session_add"), data)
    assert response.status_code == 200
    assert "سبق تسجيل الدورة العادية الثامنة والأربعين للمكتب التنفيذي." in response.content.decode()
    assert Session.objects.filter(number=48).count() == 1


def test_it_refuses_a_duplicate_number_naming_the_session_in_english(secretary_client, demo):
    data = new_session_form(secretary_client, "en", number="48")
    response = secretary_client.post(admin_url("en", "meetings_session_add"), data)
    assert "The 48th ordinary session of the Executive Office already exists." in response.content.decode()


def test_it_refuses_an_end_before_the_start_and_keeps_what_was_typed(secretary_client, demo):
    data = new_session_form(secretary_client, "ar", start_date="2022-05-02", end_date="2022-05-01",
                            city_ar="القاهرة", **{
                                "agenda_items-TOTAL_FORMS": "1", "agenda_items-0-order": "1",
                                "agenda_items-0-title_ar": "بند لا يضيع", "agenda_items-0-kind": "decision"})
    response = secretary_client.post(admin_url("ar", "meetings_session_add"), data)
    page = response.content.decode()
    assert "لا يجوز أن يسبق تاريخُ الانتهاء تاريخَ البدء." in page
    assert "بند لا يضيع" in page and "القاهرة" in page
    assert not Session.objects.filter(number=49).exists()
    assert not AgendaItem.objects.filter(title_ar="بند لا يضيع").exists()


def test_it_refuses_a_taken_agenda_order_and_saves_nothing(secretary_client, demo):
    url = admin_url("en", "meetings_session_change", demo.pk)
    data = form_values(secretary_client.get(url))
    items_before = list(demo.agenda_items.values_list("order", "title_ar"))
    total = int(data["agenda_items-TOTAL_FORMS"])
    data.update({
        "agenda_items-TOTAL_FORMS": str(total + 1),
        f"agenda_items-{total}-order": "3", f"agenda_items-{total}-title_ar": "بند في مكان محجوز",
        f"agenda_items-{total}-kind": "decision",
        "city_en": "This change must not be saved either",
    })
    response = secretary_client.post(url, data)
    page = response.content.decode()
    assert response.status_code == 200
    assert "Order 3 is already taken by “Updating the Arab ICT strategy” on this agenda." in page
    demo.refresh_from_db()
    assert not demo.city_en
    assert list(demo.agenda_items.values_list("order", "title_ar")) == items_before


def test_it_saves_an_unchanged_session_page(secretary_client, demo):
    """The demo session survives a round trip through its own change form."""
    url = admin_url("ar", "meetings_session_change", demo.pk)
    data = form_values(secretary_client.get(url))
    data["date_note_en"] = "Date to be confirmed."
    response = secretary_client.post(url, data)
    assert response.status_code == 302, response.context["errors"] if response.context else ""
    demo.refresh_from_db()
    assert demo.date_note_en == "Date to be confirmed."
    assert demo.agenda_items.count() == 26


def test_it_refuses_a_second_chair_naming_the_current_one(secretary_client, demo):
    url = admin_url("ar", "council_membership_add")
    data = form_values(secretary_client.get(url))
    data.update(body=str(demo.body.pk), member_state=str(MemberState.objects.get(iso_code="SA").pk), role="chair")
    response = secretary_client.post(url, data)
    assert "رئاسة المكتب التنفيذي مسندة إلى مصر" in response.content.decode()
    assert Membership.objects.filter(body=demo.body, role="chair").count() == 1


def test_the_session_page_shows_agenda_participants_and_resolutions(secretary_client, demo):
    page = secretary_client.get(admin_url("ar", "meetings_session_change", demo.pk)).content.decode()
    assert page.index("التنسيق بشأن موضوعات فرق العمل البريدية") < page.index("الأمن السيبراني")
    assert "عمرو طلعت" in page
    for group in ("agenda_items-group", "participants-group", "resolutions-group", "documents-group"):
        assert f'id="{group}"' in page


def test_it_strips_bidi_controls_typed_into_a_title(secretary_client, demo):
    url = admin_url("en", "meetings_agendaitem_change", demo.agenda_items.get(order=5).pk)
    data = form_values(secretary_client.get(url))
    data["title_en"] = "Artificial \u202eecnegilletni\u202c \u2066AI\u2069"
    assert secretary_client.post(url, data).status_code == 302
    assert demo.agenda_items.get(order=5).title_en == "Artificial ecnegilletni AI"


def test_staff_without_permissions_cannot_change_sessions(client, django_user_model, demo):
    clerk = django_user_model.objects.create_user("clerk", password="x", is_staff=True)
    client.force_login(clerk)
    assert client.get(admin_url("en", "meetings_session_change", demo.pk)).status_code == 403


def test_anonymous_visitors_are_sent_to_the_login_page(client, demo):
    response = client.get(admin_url("ar", "meetings_session_changelist"))
    assert response.status_code == 302
    assert response["Location"].startswith("/ar/admin/login/")


@pytest.mark.parametrize("number", ["0", "4800"])
def test_it_refuses_a_number_it_could_not_name(secretary_client, demo, number):
    data = new_session_form(secretary_client, "ar", number=number)
    response = secretary_client.post(admin_url("ar", "meetings_session_add"), data)
    assert response.status_code == 200
    assert "تحقق من أن تكون هذه القيمة" in response.content.decode()
    assert Session.objects.count() == 3
