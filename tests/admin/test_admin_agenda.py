"""The agenda on the session's page is one list: reorder, swap, indent and add sub-items in one save."""

import pytest
from django.urls import reverse
from django.utils import translation

from meetings.models import AgendaItem, Session
from tests.helpers import form_values

pytestmark = pytest.mark.django_db


def change_url(session, language="ar"):
    with translation.override(language):
        return reverse("admin:meetings_session_change", args=[session.pk])


@pytest.fixture
def small_session(make_session):
    """Items 1, 2 (with sub-items 2.1, 2.2), 3 — saved."""
    session = make_session(number=7, publication="draft")
    one = AgendaItem.objects.create(session=session, order=1, title_ar="الافتتاح")
    two = AgendaItem.objects.create(session=session, order=2, title_ar="الأمن السيبراني")
    AgendaItem.objects.create(session=session, order=3, parent=two, title_ar="الاستراتيجية")
    AgendaItem.objects.create(session=session, order=4, parent=two, title_ar="التدريب")
    AgendaItem.objects.create(session=session, order=5, title_ar="ما يستجد من أعمال", number="9")
    assert one
    return session


def rows(client, session, language="ar"):
    """The page's form, and {title_ar: row prefix} for its agenda rows."""
    data = form_values(client.get(change_url(session, language)))
    prefixes = {data[f"agenda_items-{i}-title_ar"]: f"agenda_items-{i}"
                for i in range(int(data["agenda_items-TOTAL_FORMS"]))}
    return data, prefixes


def agenda(session):
    return [(item.label, item.title_ar, [(sub.label, sub.title_ar) for sub in item.sub_items])
            for item in Session.objects.get(pk=session.pk).agenda()]


def test_it_swaps_two_items_in_one_save(secretary_client, small_session):
    """Orders 1 and 5 trade places: the database's unique (session, order) does not refuse it."""
    data, row = rows(secretary_client, small_session)
    data[row["الافتتاح"] + "-order"], data[row["ما يستجد من أعمال"] + "-order"] = "5", "1"
    response = secretary_client.post(change_url(small_session), data)
    assert response.status_code == 302, response.context["errors"] if response.context else ""
    assert agenda(small_session) == [
        ("9", "ما يستجد من أعمال", []),  # typed by hand: stays as typed
        ("2", "الأمن السيبراني", [("2.1", "الاستراتيجية"), ("2.2", "التدريب")]),
        ("3", "الافتتاح", []),  # numbered by position: follows
    ]


def test_it_moves_an_item_with_its_sub_items_to_the_end_in_one_save(secretary_client, small_session):
    data, row = rows(secretary_client, small_session)
    for title, order in [("الافتتاح", 1), ("ما يستجد من أعمال", 2), ("الأمن السيبراني", 3),
                         ("الاستراتيجية", 4), ("التدريب", 5)]:
        data[row[title] + "-order"] = str(order)
    assert secretary_client.post(change_url(small_session), data).status_code == 302
    assert agenda(small_session) == [
        ("1", "الافتتاح", []),
        ("9", "ما يستجد من أعمال", []),
        ("3", "الأمن السيبراني", [("3.1", "الاستراتيجية"), ("3.2", "التدريب")]),
    ]
    assert list(small_session.agenda_items.values_list("order", flat=True)) == [1, 2, 3, 4, 5]


def test_a_new_sub_item_attaches_to_a_main_item_added_in_the_same_save(secretary_client, small_session):
    data, row = rows(secretary_client, small_session)
    total = int(data["agenda_items-TOTAL_FORMS"])
    data[row["ما يستجد من أعمال"] + "-order"] = "8"
    data.update({
        "agenda_items-TOTAL_FORMS": str(total + 2),
        f"agenda_items-{total}-order": "6", f"agenda_items-{total}-title_ar": "الذكاء الاصطناعي",
        f"agenda_items-{total}-title_en": "Artificial intelligence",
        f"agenda_items-{total + 1}-order": "7", f"agenda_items-{total + 1}-title_ar": "أخلاقيات الذكاء الاصطناعي",
        f"agenda_items-{total + 1}-sub_item": "on",
    })
    response = secretary_client.post(change_url(small_session), data)
    assert response.status_code == 302, response.context["errors"] if response.context else ""
    assert agenda(small_session)[2:] == [
        ("3", "الذكاء الاصطناعي", [("3.1", "أخلاقيات الذكاء الاصطناعي")]),
        ("9", "ما يستجد من أعمال", []),
    ]


def test_ticking_sub_item_puts_an_item_under_the_main_item_above(secretary_client, small_session):
    data, row = rows(secretary_client, small_session)
    data[row["ما يستجد من أعمال"] + "-sub_item"] = "on"
    data[row["التدريب"] + "-sub_item"] = ""
    del data[row["التدريب"] + "-sub_item"]
    assert secretary_client.post(change_url(small_session), data).status_code == 302
    assert agenda(small_session) == [
        ("1", "الافتتاح", []),
        ("2", "الأمن السيبراني", [("2.1", "الاستراتيجية")]),
        ("3", "التدريب", [("9", "ما يستجد من أعمال")]),
    ]


def test_deleting_a_main_item_keeps_its_sub_items_under_the_item_above(secretary_client, small_session):
    data, row = rows(secretary_client, small_session)
    data[row["الأمن السيبراني"] + "-DELETE"] = "on"
    assert secretary_client.post(change_url(small_session), data).status_code == 302
    assert agenda(small_session) == [
        ("1", "الافتتاح", [("1.1", "الاستراتيجية"), ("1.2", "التدريب")]),
        ("9", "ما يستجد من أعمال", []),
    ]


def test_two_rows_with_one_order_are_refused_and_nothing_typed_is_lost(secretary_client, small_session):
    data, row = rows(secretary_client, small_session)
    total = int(data["agenda_items-TOTAL_FORMS"])
    data.update({
        "agenda_items-TOTAL_FORMS": str(total + 1),
        f"agenda_items-{total}-order": "2", f"agenda_items-{total}-title_ar": "بند لا يضيع",
        f"agenda_items-{total}-title_en": "An item not lost",
        "city_ar": "القاهرة",
    })
    response = secretary_client.post(change_url(small_session), data)
    page = response.content.decode()
    assert response.status_code == 200
    assert "الترتيب 2 مستخدم بالفعل للبند «الأمن السيبراني» في جدول الأعمال هذا." in page
    assert "الأمن السيبراني" in page and "بند لا يضيع" in page and "An item not lost" in page
    assert 'value="القاهرة"' in page
    assert not AgendaItem.objects.filter(title_ar="بند لا يضيع").exists()
    assert agenda(small_session)[0] == ("1", "الافتتاح", [])


def test_a_first_row_cannot_be_a_sub_item(secretary_client, small_session):
    data, row = rows(secretary_client, small_session)
    data[row["الافتتاح"] + "-sub_item"] = "on"
    response = secretary_client.post(change_url(small_session, "en"), data)
    assert response.status_code == 200
    assert "A sub-item needs a main item above it." in response.content.decode()


def test_a_new_row_without_an_order_goes_to_the_end(secretary_client, small_session):
    data, _row = rows(secretary_client, small_session)
    total = int(data["agenda_items-TOTAL_FORMS"])
    data.update({"agenda_items-TOTAL_FORMS": str(total + 1), f"agenda_items-{total}-title_ar": "بند أخير"})
    assert secretary_client.post(change_url(small_session), data).status_code == 302
    assert agenda(small_session)[-1] == ("4", "بند أخير", [])
