"""The admin works in both languages: RTL Arabic, inputs in their own direction, search that forgives spelling."""

import re

import pytest
from django.conf import settings
from django.contrib.staticfiles import finders

from meetings.models import AgendaItem, Session
from tests.helpers import admin_url

pytestmark = pytest.mark.django_db



def input_tag(page, name):
    match = re.search(rf'<(?:input|textarea)[^>]*name="{re.escape(name)}"[^>]*>', page)
    assert match, f"no input named {name}"
    return match.group(0)


@pytest.mark.parametrize("language,direction", [("ar", "rtl"), ("en", "ltr")])
def test_the_admin_page_direction_follows_the_interface_language(secretary_client, language, direction):
    page = secretary_client.get(admin_url(language, "index")).content.decode()
    assert f'<html lang="{language}" dir="{direction}">' in page


@pytest.mark.parametrize("language", ["ar", "en"])
def test_each_input_takes_the_direction_of_its_text_whatever_the_interface(secretary_client, demo, language):
    page = secretary_client.get(admin_url(language, "meetings_session_change", demo.pk)).content.decode()
    for name, direction in [("city_ar", "rtl"), ("city_en", "ltr"),
                            ("agenda_items-0-title_ar", "rtl"), ("agenda_items-0-title_en", "ltr"),
                            ("participants-0-position_ar", "rtl"), ("participants-0-position_en", "ltr")]:
        tag = input_tag(page, name)
        assert f'dir="{direction}"' in tag, tag
        assert f'lang="{name[-2:]}"' in tag, tag


def test_the_language_tabs_load_jquery_ui_from_our_own_static_files(secretary_client, demo):
    page = secretary_client.get(admin_url("en", "meetings_agendaitem_change", demo.agenda_items.first().pk))
    html = page.content.decode()
    assert "googleapis" not in html and "cdn" not in html.lower()
    assert f'src="/static/{settings.JQUERY_UI_URL}"' in html
    assert "modeltranslation/js/tabbed_translation_fields.js" in html
    assert finders.find(settings.JQUERY_UI_URL), "the jQuery UI copy is missing from static/"


def test_arabic_is_required_and_english_is_not(secretary_client, demo):
    url = admin_url("ar", "meetings_agendaitem_add")
    response = secretary_client.post(url, {"session": demo.pk, "order": 90, "kind": "decision",
                                           "title_ar": "", "title_en": "English only"})
    assert response.status_code == 200
    assert "هذا الحقل مطلوب." in response.content.decode()
    assert not demo.agenda_items.filter(order=90).exists()


def changelist_titles(client, language, model, query):
    response = client.get(admin_url(language, f"meetings_{model}_changelist", query=f"?q={query}"))
    assert response.status_code == 200
    return [obj.title_ar for obj in response.context["cl"].result_list]


@pytest.mark.parametrize("language", ["ar", "en"])
@pytest.mark.parametrize("query,expected", [
    ("الامن السيبرانى", "الأمن السيبراني"),                 # hamza and final ya dropped
    ("الأمْنُ السّيبرانيّ", "الأمن السيبراني"),                # diacritics typed
    ("حوكمة الانترنت", "حوكمة الإنترنت"),
    ("cybersecurity", "الأمن السيبراني"),                 # English text, whatever the interface
    ("CYBERSECURITY", "الأمن السيبراني"),
    ("الذكاء الاصطناعى", "الذكاء الاصطناعي"),
])
def test_agenda_search_forgives_spelling_in_either_interface(secretary_client, demo, language, query, expected):
    assert expected in changelist_titles(secretary_client, language, "agendaitem", query)


@pytest.mark.parametrize("language", ["ar", "en"])
def test_agenda_search_folds_persian_and_urdu_letters_and_invisible_marks(secretary_client, demo, language):
    # Typed on a Persian keyboard (ی ک) with a soft hyphen, as PDFs leave them …
    assert "الذكاء الاصطناعي" in changelist_titles(secretary_client, language, "agendaitem", "الذکاء الاصطناعی")
    # … and stored that way, found from the Arabic letters.
    item = AgendaItem.objects.get(session=demo, title_ar="الذكاء الاصطناعي")
    item.title_ar = "\ufeffالذکاء الاص\u00adطناعی\u061c"
    item.save()
    assert item.title_ar in changelist_titles(secretary_client, language, "agendaitem", "الذكاء الاصطناعي")


def test_agenda_search_needs_every_word(secretary_client, demo):
    assert changelist_titles(secretary_client, "ar", "agendaitem", "الامن الصين") == []


@pytest.mark.parametrize("query", ["٤٨", "48", "الثامنه والاربعون", "48th"])
def test_session_search_finds_a_session_by_its_generated_name_or_number(secretary_client, demo, query):
    response = secretary_client.get(admin_url("ar", "meetings_session_changelist", query=f"?q={query}"))
    assert demo in response.context["cl"].result_list
    assert Session.objects.get(number=39) not in response.context["cl"].result_list


def test_autocomplete_forgives_spelling_too(secretary_client, demo):
    url = admin_url("ar", "autocomplete", query="?term=الاردن&app_label=meetings&model_name=participation"
                                                "&field_name=member_state")
    results = secretary_client.get(url).json()["results"]
    assert [r["text"] for r in results] == ["الأردن"]


def test_the_changelists_filter_by_body_year_mode_status_and_publication(secretary_client, demo):
    response = secretary_client.get(admin_url("en", "meetings_session_changelist",
                                              query="?mode__exact=remote&publication__exact=published"))
    assert {s.number for s in response.context["cl"].result_list} == {47, 48}
    response = secretary_client.get(admin_url("en", "meetings_session_changelist", query="?year=2021"))
    assert {s.number for s in response.context["cl"].result_list} == {39, 47}
    response = secretary_client.get(admin_url("en", "meetings_agendaitem_changelist",
                                              query=f"?session__body__id__exact={demo.body_id}"))
    assert response.context["cl"].result_count == 26
