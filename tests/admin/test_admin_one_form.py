"""One session, one form: resolutions with reservations, documents under items, autocompletes in scope."""

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation

from council.models import MemberState
from meetings.models import Document, Reservation, Resolution, Session
from tests.helpers import form_values

pytestmark = pytest.mark.django_db


def admin_url(name, *args, language="ar"):
    with translation.override(language):
        return reverse(f"admin:{name}", args=args)


def test_a_resolution_and_its_reservation_are_entered_on_the_session_page(secretary_client, demo):
    url = admin_url("meetings_session_change", demo.pk)
    data = form_values(secretary_client.get(url))
    cyber = demo.agenda_items.get(order=8)
    jordan = MemberState.objects.get(iso_code="JO")
    total = int(data["resolutions-TOTAL_FORMS"])
    row = f"resolutions-{total}"
    data.update({
        "resolutions-TOTAL_FORMS": str(total + 1),
        f"{row}-kind": "resolution", f"{row}-status": "adopted", f"{row}-agenda_item": str(cyber.pk),
        f"{row}-title_ar": "اعتماد الإطار العربي للأمن السيبراني", f"{row}-title_en": "Arab cybersecurity framework",
        f"{row}-reservation_1_state": str(jordan.pk), f"{row}-reservation_1_text_ar": "تحفظ على الفقرة الثانية",
    })
    response = secretary_client.post(url, data)
    assert response.status_code == 302, response.context["errors"] if response.context else ""
    resolution = Resolution.objects.get(title_ar="اعتماد الإطار العربي للأمن السيبراني")
    assert resolution.session == demo and resolution.agenda_item == cyber
    assert [(r.member_state, r.text_ar) for r in resolution.reservations.all()] == [(jordan, "تحفظ على الفقرة الثانية")]

    # The saved reservation shows in its slot; clearing the slot deletes it, nothing else.
    data = form_values(secretary_client.get(url))
    index = next(i for i in range(int(data["resolutions-TOTAL_FORMS"]))
                 if data[f"resolutions-{i}-title_ar"] == resolution.title_ar)
    assert data[f"resolutions-{index}-reservation_1_state"] == str(jordan.pk)
    data[f"resolutions-{index}-reservation_1_state"] = ""
    data[f"resolutions-{index}-reservation_1_text_ar"] = ""
    assert secretary_client.post(url, data).status_code == 302
    assert not Reservation.objects.filter(resolution=resolution).exists()


def test_a_reservation_without_its_state_is_refused_and_kept_on_the_page(secretary_client, demo):
    url = admin_url("meetings_session_change", demo.pk)
    data = form_values(secretary_client.get(url))
    total = int(data["resolutions-TOTAL_FORMS"])
    row = f"resolutions-{total}"
    data.update({"resolutions-TOTAL_FORMS": str(total + 1), f"{row}-kind": "resolution", f"{row}-status": "adopted",
                 f"{row}-title_ar": "قرار لا يضيع", f"{row}-reservation_1_text_ar": "نص تحفظ لا يضيع"})
    response = secretary_client.post(url, data)
    page = response.content.decode()
    assert response.status_code == 200
    assert "اختر الدولة العضو صاحبة هذا التحفظ." in page
    assert "قرار لا يضيع" in page and "نص تحفظ لا يضيع" in page
    assert not Resolution.objects.filter(title_ar="قرار لا يضيع").exists()


def test_rows_offer_only_this_sessions_agenda_with_printed_numbers(secretary_client, demo, make_session):
    other = make_session(number=5, n=2)
    page = secretary_client.get(admin_url("meetings_session_change", demo.pk)).content.decode()
    assert "8 — الأمن السيبراني" in page
    assert "11.2 — " in page
    assert other.agenda_items.first().title_ar not in page


def test_a_document_is_attached_to_an_agenda_item_from_the_session_page(secretary_client, demo, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    url = admin_url("meetings_session_change", demo.pk)
    data = form_values(secretary_client.get(url))
    cyber = demo.agenda_items.get(order=8)
    total = int(data["documents-TOTAL_FORMS"])
    row = f"documents-{total}"
    data.update({"documents-TOTAL_FORMS": str(total + 1), f"{row}-title_ar": "ورقة عمل الأمن السيبراني",
                 f"{row}-agenda_item": str(cyber.pk), f"{row}-type": "working_paper", f"{row}-language": "ar",
                 f"{row}-visibility": "member_states",
                 f"{row}-file": SimpleUploadedFile("cyber.pdf", b"%PDF-1.4", content_type="application/pdf")})
    response = secretary_client.post(url, data)
    assert response.status_code == 302, response.context["errors"] if response.context else ""
    document = Document.objects.get(title_ar="ورقة عمل الأمن السيبراني")
    assert document.agenda_item == cyber and document.visibility == "member_states"


@pytest.mark.parametrize("name,obj", [("resolution", "resolution"), ("agendaitem", "item")])
def test_saving_a_resolution_or_item_on_its_own_page_returns_to_its_session(secretary_client, demo, name, obj):
    target = {"item": demo.agenda_items.get(order=8),
              "resolution": Resolution.objects.create(session=demo, title_ar="قرار")}[obj]
    url = admin_url(f"meetings_{name}_change", target.pk)
    data = form_values(secretary_client.get(url))
    response = secretary_client.post(url, {**data, "_save": "1"})
    assert response.status_code == 302
    assert response["Location"] == admin_url("meetings_session_change", demo.pk)


def autocomplete(client, model, field, term, session=None):
    query = {"app_label": "meetings", "model_name": model, "field_name": field, "term": term}
    if session:
        query["session"] = session.pk
    response = client.get(admin_url("meetings_session_autocomplete"), query)
    assert response.status_code == 200
    return [result["text"] for result in json.loads(response.content)["results"]]


def test_the_agenda_item_autocomplete_keeps_to_the_session_and_names_it(secretary_client, demo, make_session):
    other = make_session(number=5, n=0)
    other.agenda_items.create(order=1, title_ar="الأمن السيبراني في الاجتماع الخامس")
    results = autocomplete(secretary_client, "resolution", "agenda_item", "السيبراني", session=demo)
    assert "الأمن السيبراني — الدورة العادية الثامنة والأربعون للمكتب التنفيذي" in results
    assert all(result.endswith("— الدورة العادية الثامنة والأربعون للمكتب التنفيذي") for result in results)
    everywhere = autocomplete(secretary_client, "resolution", "agenda_item", "السيبراني")
    fifth = "الأمن السيبراني في الاجتماع الخامس — الاجتماع الخامس للجنة الاختبار"
    assert fifth in everywhere and fifth not in results


def test_a_resolutions_page_looks_up_agenda_items_in_its_own_session(secretary_client, demo):
    resolution = Resolution.objects.create(session=demo, title_ar="قرار", agenda_item=demo.agenda_items.get(order=8))
    page = secretary_client.get(admin_url("meetings_resolution_change", resolution.pk)).content.decode()
    assert f"session={demo.pk}" in page
    assert "الأمن السيبراني — الدورة العادية الثامنة والأربعون للمكتب التنفيذي" in page


@pytest.mark.parametrize("term", ["الثامنة والأربعين", "الثامنة والاربعون", "الدورة الثامنة والأربعين للمكتب"])
def test_the_session_autocomplete_finds_a_name_in_any_case(secretary_client, demo, term):
    query = {"app_label": "meetings", "model_name": "agendaitem", "field_name": "reviewed_session", "term": term}
    with translation.override("ar"):
        response = secretary_client.get(reverse("admin:autocomplete"), query)
    ids = [result["id"] for result in json.loads(response.content)["results"]]
    assert str(demo.pk) in ids
    assert Session.objects.count() > 1  # the demo has others; they are not all matched
    assert len(ids) < Session.objects.count()
