"""Nothing typed is ever lost: a form loaded before someone else's save is refused, and keeps its input."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.test import Client
from django.utils.html import escape

from meetings.models import AgendaItem, Document, Resolution
from meetings.tracking import FollowUpAction, Outcome, Report, StatusUpdate
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


# --- The council's records and what became of decisions: the same guard ------------------------------

def council_record(name, demo):
    from council.models import Body, Delegate, Membership, MemberState, Person

    if name == "delegate":
        user = get_user_model().objects.create_user("omar@mtit.gov.jo", email="omar@mtit.gov.jo")
        return Delegate.objects.create(user=user, member_state=MemberState.objects.get(iso_code="JO"))
    if name == "report":
        Report.objects.filter(session=demo, language="ar").update(state=Report.State.DRAFT)  # open to changes
        return (Report.objects.filter(session=demo, language="ar").first()
                or Report.objects.create(session=demo, language="ar", opening="افتتح الاجتماع"))
    return {"memberstate": lambda: MemberState.objects.get(iso_code="EG"),
            "body": lambda: Body.objects.get(slug="executive-office"),
            "person": lambda: Person.objects.order_by("pk").first(),
            "membership": lambda: Membership.objects.filter(role="member").order_by("pk").first(),
            "followupaction": lambda: FollowUpAction.objects.order_by("pk").first()}[name]()


# (admin page, field, her value, my value, her value as the message shows it, my input as the form keeps it)
RECORDS = [
    ("council_memberstate", "official_name_ar", "جمهورية مصر العربية", "مصر (صيغتي)", "«جمهورية مصر العربية»",
     'value="مصر (صيغتي)"'),
    ("council_body", "full_name_ar", "المكتب التنفيذي للمجلس", "المكتب (صيغتي)", "«المكتب التنفيذي للمجلس»",
     'value="المكتب (صيغتي)"'),
    ("council_person", "name_ar", "اسمه كما صححته", "اسمه كما كتبته", "«اسمه كما صححته»", 'value="اسمه كما كتبته"'),
    ("council_membership", "role", "observer", "vice_chair", "«مراقب»", '<option value="vice_chair" selected>'),
    ("council_delegate", "language", "en", "ar", "«الإنجليزية»", '<option value="ar" selected>'),
    ("meetings_followupaction", "description_ar", "ما صاغته", "ما صغته", "«ما صاغته»", "ما صغته</textarea>"),
    ("meetings_report", "opening", "افتتاحها", "افتتاحي", "«افتتاحها»", "افتتاحي</textarea>"),
]


@pytest.mark.parametrize("page,field,hers_value,my_value,shown,kept", RECORDS, ids=[r[0] for r in RECORDS])
def test_it_refuses_a_stale_form_of_a_council_or_follow_up_record(secretary_client, colleague_client, demo,
                                                                   page, field, hers_value, my_value, shown, kept):
    obj = council_record(page.split("_", 1)[1], demo)
    url = admin_url("ar", f"{page}_change", obj.pk)
    # An empty multiple choice (an action's member states) is not sent at all.
    mine = {k: v for k, v in form_values(secretary_client.get(url)).items() if v != "" or k != "states"}
    hers = {k: v for k, v in form_values(colleague_client.get(url)).items() if v != "" or k != "states"}
    assert "loaded_version" in hers
    hers[field] = hers_value
    saved = colleague_client.post(url, hers)
    assert saved.status_code == 302, saved.context and saved.context["errors"]

    mine[field] = my_value
    response = secretary_client.post(url, mine)
    assert response.status_code == 200
    text = response.content.decode()
    assert "ليلى حسن" in text and "لم يُحفظ شيء" in text  # who, and that nothing was saved
    assert shown in text  # what she saved
    assert kept in text  # what I typed is still there
    obj.refresh_from_db()
    assert getattr(obj, field) == hers_value

    # Merged and saved again from the refused form: accepted.
    again = {k: v for k, v in form_values(response).items() if v != "" or k != "states"}
    assert secretary_client.post(url, again).status_code == 302
    obj.refresh_from_db()
    assert getattr(obj, field) == my_value


@pytest.mark.parametrize("prefix,model,field", [("outcomes", Outcome, "summary_ar"),
                                                ("follow_up_reports", StatusUpdate, "note_ar")])
def test_it_refuses_an_outcome_or_status_row_changed_on_the_session_page_since(
        secretary_client, colleague_client, demo, prefix, model, field):
    row_object = model.objects.filter(session=demo).order_by("pk").first()
    url = admin_url("ar", "meetings_session_change", demo.pk)
    mine = form_values(secretary_client.get(url))
    hers = form_values(colleague_client.get(url))
    row = row_prefix(hers, prefix, row_object.pk)
    hers[f"{row}-{field}"] = "ما كتبته ليلى"
    assert colleague_client.post(url, hers).status_code == 302

    mine[f"{row}-{field}"] = "ما كتبته أمينة"
    response = secretary_client.post(url, mine)
    assert response.status_code == 200
    text = response.content.decode()
    assert "«ما كتبته ليلى»" in text and "ما كتبته أمينة" in text
    row_object.refresh_from_db()
    # The row's own message names her: its history knows who saved it, on whichever page.
    assert escape(f"جرى تغيير «{row_object}» بعد فتح هذه الاستمارة، على يد ليلى حسن") in text
    assert getattr(row_object, field) == "ما كتبته ليلى"
