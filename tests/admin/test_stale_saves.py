"""Nothing typed is ever lost: a form loaded before someone else's save is refused, and keeps its input."""

import pytest
from django.contrib.auth.models import Permission
from django.test import Client

from meetings.models import AgendaItem, Document, Resolution
from tests.helpers import admin_url, form_values

pytestmark = pytest.mark.django_db


@pytest.fixture
def colleague_client(django_user_model):
    """A second secretariat member, in a browser of her own."""
    user = django_user_model.objects.create_user("layla", password="not-a-real-password", is_staff=True,
                                                 first_name="ليلى", last_name="حسن")
    user.user_permissions.set(Permission.objects.filter(content_type__app_label__in=["council", "meetings"]))
    client = Client()
    client.force_login(user)
    return client


def row_prefix(data, prefix, pk):
    """The inline row's prefix ("agenda_items-3") holding the object with this pk."""
    return next(key[:-3] for key, value in data.items()
                if key.startswith(prefix + "-") and key.endswith("-id") and value == str(pk))


def test_it_refuses_an_older_session_form_naming_who_changed_what(secretary_client, colleague_client, demo):
    url = admin_url("ar", "meetings_session_change", demo.pk)
    mine = form_values(secretary_client.get(url))
    hers = form_values(colleague_client.get(url))

    hers["city_ar"] = "الرياض"
    assert colleague_client.post(url, hers).status_code == 302

    item = demo.agenda_items.get(order=3)
    title_before = item.title_ar
    row = row_prefix(mine, "agenda_items", item.pk)
    mine[f"{row}-title_ar"] = "تحديث الاستراتيجية العربية — صيغة جديدة"
    response = secretary_client.post(url, mine)
    page = response.content.decode()
    assert response.status_code == 200
    assert "ليلى حسن" in page  # who
    assert "مدينة الانعقاد" in page and "«الرياض»" in page  # what, and the value saved now
    assert "لم يُحفظ شيء" in page
    assert "تحديث الاستراتيجية العربية — صيغة جديدة" in page  # what was typed is still on the form
    demo.refresh_from_db()
    item.refresh_from_db()
    assert demo.city_ar == "الرياض"
    assert item.title_ar == title_before

    # The person merges (keeps her venue) and saves again from the refused form: accepted.
    merged = form_values(response)
    assert merged[f"{row}-title_ar"] == "تحديث الاستراتيجية العربية — صيغة جديدة"
    merged["city_ar"] = "الرياض"
    assert secretary_client.post(url, merged).status_code == 302
    demo.refresh_from_db()
    item.refresh_from_db()
    assert demo.city_ar == "الرياض"
    assert item.title_ar == "تحديث الاستراتيجية العربية — صيغة جديدة"


def test_it_refuses_an_inline_row_changed_on_its_own_page_since(secretary_client, colleague_client, demo):
    item = demo.agenda_items.get(order=5)
    session_url = admin_url("en", "meetings_session_change", demo.pk)
    mine = form_values(secretary_client.get(session_url))

    item_url = admin_url("en", "meetings_agendaitem_change", item.pk)
    hers = form_values(colleague_client.get(item_url))
    hers["title_en"] = "Artificial intelligence (AI)"
    assert colleague_client.post(item_url, hers).status_code == 302

    row = row_prefix(mine, "agenda_items", item.pk)
    mine[f"{row}-title_en"] = "AI"
    response = secretary_client.post(session_url, mine)
    page = response.content.decode()
    assert response.status_code == 200
    assert "layla" not in page and "ليلى حسن" in page
    assert "«Artificial intelligence (AI)»" in page
    item.refresh_from_db()
    assert item.title_en == "Artificial intelligence (AI)"


def test_an_item_added_elsewhere_neither_blocks_nor_is_lost(secretary_client, colleague_client, demo):
    session_url = admin_url("en", "meetings_session_change", demo.pk)
    mine = form_values(secretary_client.get(session_url))
    added = AgendaItem.objects.create(session=demo, order=99, title_ar="بند أضافته ليلى")

    mine["date_note_en"] = "Date to be confirmed."
    assert secretary_client.post(session_url, mine).status_code == 302
    demo.refresh_from_db()
    assert demo.date_note_en == "Date to be confirmed."
    assert AgendaItem.objects.filter(pk=added.pk, title_ar="بند أضافته ليلى").exists()


def one_of(model, demo, make_session):
    if model is AgendaItem:
        return demo.agenda_items.first()
    session = make_session(number=7, n=1)
    return model.objects.filter(session=session).first()


@pytest.mark.parametrize("model,field", [(AgendaItem, "title_ar"), (Resolution, "title_ar"), (Document, "title_ar")])
def test_it_refuses_a_stale_form_of_a_single_record(secretary_client, colleague_client, demo, make_session,
                                                     model, field):
    obj = one_of(model, demo, make_session)
    url = admin_url("ar", f"meetings_{model._meta.model_name}_change", obj.pk)
    mine = form_values(secretary_client.get(url))
    hers = form_values(colleague_client.get(url))
    hers[field] = "صيغتها"
    assert colleague_client.post(url, hers).status_code == 302

    mine[field] = "صيغتي"
    response = secretary_client.post(url, mine)
    assert response.status_code == 200
    page = response.content.decode()
    assert "ليلى حسن" in page and "«صيغتها»" in page and 'value="صيغتي"' in page
    obj.refresh_from_db()
    assert getattr(obj, field) == "صيغتها"


def test_an_agenda_title_of_5000_characters_is_refused_with_the_limit_and_its_length(secretary_client, demo):
    item = demo.agenda_items.get(order=5)
    title_before = item.title_ar
    url = admin_url("ar", "meetings_agendaitem_change", item.pk)
    page = secretary_client.get(url).content.decode()
    assert "maxlength" not in page  # the browser never cuts a paste

    data = form_values(secretary_client.get(url))
    data["title_ar"] = "أ" * 5000
    response = secretary_client.post(url, data)
    assert response.status_code == 200
    page = response.content.decode()
    assert "1000" in page and "5000" in page
    assert "أ" * 5000 in page  # all of it is still there to shorten
    item.refresh_from_db()
    assert item.title_ar == title_before


def test_it_saves_the_longest_title_of_the_reference_agenda(secretary_client, demo):
    """Item 9 of the 48th session (114 characters in English), pasted with more: far under the limit."""
    item = demo.agenda_items.get(order=5)
    url = admin_url("en", "meetings_agendaitem_change", item.pk)
    data = form_values(secretary_client.get(url))
    data["title_en"] = ("Arab cooperation with other regional groups and organizations, such as China and Russia, "
                        "and with all stakeholders — in full, with the names of every group, as delegates paste it "
                        "from the circulated agenda")
    assert secretary_client.post(url, data).status_code == 302


def test_the_session_form_has_no_maxlength_anywhere(secretary_client, demo):
    page = secretary_client.get(admin_url("ar", "meetings_session_change", demo.pk)).content.decode()
    assert "maxlength" not in page
