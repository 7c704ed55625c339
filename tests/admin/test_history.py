"""The history of every change: who, when, each value before and after in both languages, and restore.

A restore saves an earlier version again as a new version: the past is never rewritten.
"""

import io

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command

from council.models import MemberState
from meetings.models import AgendaItem, Resolution, Session
from meetings.roles import EDITOR
from tests.helpers import admin_url, between, form_values, page

pytestmark = pytest.mark.django_db


def save_form(client, name, obj, language="en", **values):
    """Save an object through its admin page, as a person would; return the response."""
    url = admin_url(language, name, obj.pk)
    data = form_values(client.get(url))
    data.update(values)
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[-3000:]
    return response


def history_of(client, session, language="ar", query=""):
    html = page(client, admin_url(language, "meetings_session_history", session.pk, query=query))
    return between(html, 'id="content-main"', 'id="footer"')


def restore_buttons(html):
    return html.count('class="history-entry__restore"')


@pytest.fixture
def item(demo):
    return demo.agenda_items.get(order=5)


def test_every_version_keeps_both_languages_and_who_saved_it(secretary_client, secretary, item):
    old_ar, old_en = item.title_ar, item.title_en
    save_form(secretary_client, "meetings_agendaitem_change", item, title_ar="الذكاء الاصطناعي التوليدي",
              title_en="Generative AI")
    newest, before = item.history.all()[:2]
    assert (newest.title_ar, newest.title_en, newest.history_user, newest.history_type) == (
        "الذكاء الاصطناعي التوليدي", "Generative AI", secretary, "~")
    assert (before.title_ar, before.title_en, before.history_user) == (old_ar, old_en, None)
    assert before.history_date < newest.history_date


def test_the_arabic_history_shows_arabic_labels_old_and_new_values_who_and_when(secretary_client, item):
    save_form(secretary_client, "meetings_agendaitem_change", item, "ar", title_ar="الذكاء الاصطناعي التوليدي")
    html = history_of(secretary_client, item.session)
    change = between(html, "<section", "</section>")
    assert "تعديل: بند جدول الأعمال «الذكاء الاصطناعي التوليدي»" in change
    assert "العنوان بالعربية" in change and "amina" in change
    assert '<del>الذكاء الاصطناعي</del>' in change and "<ins>الذكاء الاصطناعي التوليدي</ins>" in change
    assert 'lang="ar" dir="rtl"' in change and "←" in change
    assert "Title" not in change and "العنوان بالإنجليزية" not in change, "only what changed is listed"


def test_the_english_history_reads_in_english(secretary_client, item):
    save_form(secretary_client, "meetings_agendaitem_change", item, title_en="Generative AI")
    html = history_of(secretary_client, item.session, "en")
    change = between(html, "<section", "</section>")
    assert "Changed: agenda item “Generative AI”" in change
    assert "Title in English" in change and "<del>Artificial intelligence</del>" in change
    assert 'lang="en" dir="ltr"' in change and "→" in change


def test_a_sessions_history_includes_its_agenda_and_resolutions_even_deleted_ones(secretary_client, demo, item):
    save_form(secretary_client, "meetings_session_change", demo, "ar", city_ar="القاهرة")
    resolution = Resolution.objects.create(session=demo, agenda_item=item, title_ar="قرار بشأن الذكاء الاصطناعي")
    resolution.delete()
    html = history_of(secretary_client, demo)
    assert "حذف: قرار «قرار بشأن الذكاء الاصطناعي»" in html
    assert "إضافة: قرار «قرار بشأن الذكاء الاصطناعي»" in html
    assert "تعديل: دورة أو اجتماع «الدورة العادية الثامنة والأربعون للمكتب التنفيذي»" in html
    assert "<ins>القاهرة</ins>" in html


def test_what_load_demo_did_is_the_systems_and_loading_again_adds_no_version(secretary_client, demo):
    counts = {model: model.history.count() for model in (Session, AgendaItem, MemberState)}
    assert all(counts.values())
    assert not Session.history.exclude(history_user=None).exists()
    call_command("load_demo", stdout=io.StringIO())
    assert {model: model.history.count() for model in counts} == counts
    html = history_of(secretary_client, demo)
    assert "النظام" in between(html, "history-entry__who", "</bdi>")
    assert "System" in between(history_of(secretary_client, demo, "en"), "history-entry__who", "</bdi>")


def test_restoring_adds_a_version_and_moves_the_counter_on(secretary_client, secretary, item):
    original = item.title_ar
    save_form(secretary_client, "meetings_agendaitem_change", item, title_ar="عنوان خاطئ")
    item.refresh_from_db()
    version_before_restore = item.version
    html = page(secretary_client, admin_url("ar", "meetings_agendaitem_history", item.pk))
    first_version = item.history.earliest()
    url = admin_url("ar", "meetings_agendaitem_restore", item.pk, 0, first_version.history_id)
    assert f'action="{url}"' in html and restore_buttons(html) == 1, "the current version is not offered"
    response = secretary_client.post(url)
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.title_ar == original
    assert item.version == version_before_restore + 1
    assert item.history.count() == 3, "added, changed, restored: nothing rewritten"
    assert item.history.filter(title_ar="عنوان خاطئ").exists()
    newest = item.history.first()
    assert newest.history_user == secretary and newest.title_ar == original
    shown = history_of(secretary_client, item.session)
    assert "استعادة نسخة" in between(shown, "<section", "</section>")


def test_a_form_opened_before_a_restore_is_refused_as_stale(secretary_client, item):
    save_form(secretary_client, "meetings_agendaitem_change", item, title_ar="عنوان خاطئ")
    url = admin_url("en", "meetings_agendaitem_change", item.pk)
    stale = form_values(secretary_client.get(url))
    first_version = item.history.earliest()
    secretary_client.post(admin_url("en", "meetings_agendaitem_restore", item.pk, 0, first_version.history_id))
    stale["title_en"] = "Typed on the old form"
    response = secretary_client.post(url, stale)
    assert response.status_code == 200 and "after this form was opened" in response.content.decode()
    item.refresh_from_db()
    assert item.title_en != "Typed on the old form"


def test_a_restore_never_changes_the_publication(secretary_client, demo):
    save_form(secretary_client, "meetings_session_change", demo, city_en="Cairo")
    Session.objects.filter(pk=demo.pk).update(publication=Session.Publication.WITHDRAWN)
    demo.refresh_from_db()
    demo.save()  # the withdrawal, as a version
    first = demo.history.earliest()
    secretary_client.post(admin_url("en", "meetings_session_restore", demo.pk, 0, first.history_id))
    demo.refresh_from_db()
    assert demo.city_en == "" and demo.publication == Session.Publication.WITHDRAWN


def test_a_deleted_agenda_item_comes_back_with_its_id(secretary_client, demo):
    item = AgendaItem.objects.create(session=demo, order=99, title_ar="بند محذوف", title_en="Deleted item")
    pk = item.pk
    item.delete()
    html = history_of(secretary_client, demo)
    added = AgendaItem.history.get(id=pk, history_type="+")
    assert restore_buttons(between(html, "إضافة: بند جدول الأعمال «بند محذوف»", "</section>")) == 1
    assert restore_buttons(between(html, "حذف: بند جدول الأعمال «بند محذوف»", "</section>")) == 0
    secretary_client.post(admin_url("ar", "meetings_session_restore", demo.pk, 1, added.history_id))
    assert AgendaItem.objects.get(pk=pk).title_en == "Deleted item"


def test_a_restore_that_breaks_a_rule_is_refused_with_a_message(secretary_client, demo):
    item = AgendaItem.objects.create(session=demo, order=99, title_ar="بند")
    added, pk = item.history.get(), item.pk
    item.delete()
    AgendaItem.objects.create(session=demo, order=99, title_ar="بند آخر في المكان نفسه")
    response = secretary_client.post(admin_url("ar", "meetings_session_restore", demo.pk, 1, added.history_id),
                                     follow=True)
    assert "لا يمكن استعادة هذه النسخة" in response.content.decode()
    assert not AgendaItem.objects.filter(pk=pk).exists()


def test_only_a_role_that_may_change_a_record_may_restore_it(client, django_user_model, demo):
    editor = django_user_model.objects.create_user("editor", password="x", is_staff=True)
    editor.groups.add(Group.objects.get(name=EDITOR))
    client.force_login(editor)
    egypt = MemberState.objects.get(iso_code="EG")
    egypt.official_name_en = "Changed"
    egypt.save()
    first = egypt.history.earliest()
    html = page(client, admin_url("en", "council_memberstate_history", egypt.pk))
    assert "<del>Arab Republic of Egypt</del>" in html and restore_buttons(html) == 0
    response = client.post(admin_url("en", "council_memberstate_restore", egypt.pk, 0, first.history_id))
    assert response.status_code == 403
    egypt.refresh_from_db()
    assert egypt.official_name_en == "Changed" and egypt.history.count() == 2


def test_restoring_answers_405_to_a_get_and_404_to_a_version_of_another_record(secretary_client, demo, item):
    version = item.history.get()
    url = admin_url("en", "meetings_session_restore", demo.pk, 1, version.history_id)
    assert secretary_client.get(url).status_code == 405
    other = Session.objects.exclude(pk=demo.pk).first()
    assert secretary_client.post(admin_url("en", "meetings_session_restore", other.pk, 1,
                                           version.history_id)).status_code == 404


def test_publishing_is_a_version_by_the_publisher(secretary_client, secretary, make_session):
    session = make_session(number=7, n=2, publication="draft")
    secretary_client.post(admin_url("en", "meetings_session_publish", session.pk, "agenda"),
                          {"accept_missing_english": "1"})
    newest = session.history.first()
    assert (newest.publication, newest.history_user) == (Session.Publication.PUBLISHED, secretary)
    html = history_of(secretary_client, session, "en")
    assert "<del>Draft</del>" in html and "<ins>Published</ins>" in html


def test_a_report_is_not_restored_around_its_lock(secretary_client, demo):
    from meetings.tracking import Report

    report = Report.objects.get(session=demo)
    report.closing = "Changed outside its workflow"
    report.save()
    first = report.history.earliest()
    html = page(secretary_client, admin_url("en", "meetings_report_history", report.pk))
    assert "Changed outside its workflow" in html and restore_buttons(html) == 0
    response = secretary_client.post(admin_url("en", "meetings_report_restore", report.pk, 0, first.history_id))
    assert response.status_code == 403


def test_a_stale_form_names_who_restored_the_record(secretary_client, client, django_user_model, item):
    url = admin_url("ar", "meetings_agendaitem_change", item.pk)
    stale = form_values(secretary_client.get(url))
    item.title_ar = "عنوان خاطئ"
    item.save()  # by the system
    colleague = django_user_model.objects.create_user("layla", password="x", is_staff=True, first_name="ليلى",
                                                      last_name="حسن")
    colleague.groups.add(Group.objects.get(name=EDITOR))
    client.force_login(colleague)
    client.post(admin_url("ar", "meetings_agendaitem_restore", item.pk, 0, item.history.earliest().history_id))
    stale["title_en"] = "Typed on the old form"
    response = secretary_client.post(url, stale)
    assert response.status_code == 200 and "على يد ليلى حسن" in response.content.decode()


@pytest.mark.parametrize("name, lookup", [
    ("council_memberstate", lambda demo: MemberState.objects.get(iso_code="EG")),
    ("council_body", lambda demo: demo.body),
    ("council_membership", lambda demo: demo.body.memberships.first()),
    ("council_person", lambda demo: demo.participants.exclude(person=None).first().person),
    ("meetings_agendaitem", lambda demo: demo.agenda_items.first()),
    ("meetings_resolution", lambda demo: Resolution.objects.first()),
    ("meetings_dossier", lambda demo: demo.agenda_items.exclude(dossier=None).first().dossier),
    ("meetings_followupaction", lambda demo: Resolution.objects.exclude(follow_up_actions=None).first()
     .follow_up_actions.first()),
])
def test_every_record_has_a_history_page_with_its_first_version(secretary_client, demo, name, lookup):
    html = page(secretary_client, admin_url("ar", f"{name}_history", lookup(demo).pk))
    assert "إضافة:" in html and "النظام" in html
