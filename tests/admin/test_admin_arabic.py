"""Django's own admin sentences, as they render around our labels, read correctly in Arabic.

Django's Arabic builds «أضف دورة أو اجتماع» (an accusative is missing), «اختر … لتغييره» (a
masculine pronoun for a feminine label) and «3 الدورات والاجتماعات»; our catalogue and
templates/admin/pagination.html override them (docs/glossary.md).
"""

import re

import pytest

from council.models import Person
from tests.helpers import admin_url, page

pytestmark = pytest.mark.django_db


def text_of(html):
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def test_the_session_list_reads_in_arabic(secretary_client, demo):
    text = text_of(page(secretary_client, admin_url("ar", "meetings_session_changelist")))
    assert "اختيار دورة أو اجتماع للتعديل" in text
    assert "إضافة دورة أو اجتماع" in text
    # Publishing goes through each session's checked pages (meetings.services), not a bulk action.
    assert "احذف المحدد من الدورات والاجتماعات" in text
    assert "الدورات والاجتماعات: 3 سجلات" in text   # the count, not «3 الدورات والاجتماعات»
    assert "12 يوليو 2021م" in text                # no comma inside the date
    assert "تم الانعقاد" in text and "انعقدت" not in text   # neutral beside «الاجتماع» and «الدورة»
    for wrong in ("لتغييره", "أضف دورة", "3 الدورات", "يوليو، 2021"):
        assert wrong not in text


def test_the_counts_follow_arabic_number_rules(secretary_client, demo):
    text = text_of(page(secretary_client, admin_url("ar", "meetings_agendaitem_changelist")))
    count = re.search(r"(\d+) سجل", text)
    # 30 agenda items in the demo: 11–99 take the singular accusative «سجلًا».
    assert count and f"{count.group(1)} سجلًا" in text


def test_the_add_form_and_its_message_read_in_arabic(secretary_client, demo):
    text = text_of(page(secretary_client, admin_url("ar", "council_person_add")))
    assert "إضافة شخص" in text and "أضف شخص" not in text
    response = secretary_client.post(admin_url("ar", "council_person_add"),
                                     {"name_ar": "ليلى حسن", "name_en": "", "honorific_ar": "", "honorific_en": ""})
    person = Person.objects.get(name_ar="ليلى حسن")
    shown = text_of(page(secretary_client, response["Location"]))
    assert f"تمت الإضافة بنجاح: شخص « {person} »." in shown     # the name is a link; «…», not “…”


def test_the_change_form_names_history_and_the_site_link_unambiguously(secretary_client, demo):
    text = text_of(page(secretary_client, admin_url("ar", "meetings_session_change", demo.pk)))
    assert "تعديل دورة أو اجتماع" in text
    assert "سجل التعديلات" in text and "عرض على الموقع" in text
