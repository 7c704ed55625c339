"""The admin works in both languages: RTL Arabic, inputs in their own direction, search that forgives spelling."""

import re

import pytest

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


def test_no_language_tabs_hide_either_language(secretary_client, demo):
    html = secretary_client.get(admin_url("en", "meetings_agendaitem_change", demo.agenda_items.first().pk)).content.decode()
    assert "tabbed_translation_fields.js" not in html and "jquery-ui" not in html
    assert 'name="title_ar"' in html and 'name="title_en"' in html


def label_of(page, name):
    match = re.search(rf'<label[^>]*for="id_{re.escape(name)}"[^>]*>(.*?)</label>', page, re.S)
    assert match, f"no label for {name}"
    return match.group(0)


@pytest.mark.parametrize("language,first,second,labels", [
    ("ar", "title_ar", "title_en", ("العنوان بالعربية", "العنوان بالإنجليزية (اختياري)")),
    ("en", "title_en", "title_ar", ("Title in English (optional)", "Title in Arabic")),
])
def test_both_languages_share_one_line_the_interfaces_first(secretary_client, demo, language, first, second, labels):
    page = secretary_client.get(admin_url(language, "meetings_agendaitem_change", demo.agenda_items.first().pk))
    html = page.content.decode()
    assert html.index(f'name="{first}"') < html.index(f'name="{second}"')
    # One form row holds both inputs.
    row = re.search(r'<div class="form-row[^"]*field-title_(?:ar|en) field-title_(?:ar|en)"', html)
    assert row, "the two titles are not on one line"
    label_ar = label_of(html, "title_ar")
    assert ("العنوان بالعربية" if language == "ar" else "Title in Arabic") in label_ar
    assert "required" in re.search(r'class="([^"]*)"', label_ar).group(1)
    assert "required" not in label_of(html, "title_en")
    for label in labels:
        assert label in html


@pytest.mark.parametrize("language,first", [("ar", "title_ar"), ("en", "title_en")])
def test_agenda_rows_show_both_titles_as_columns_the_interfaces_first(secretary_client, demo, language, first):
    html = secretary_client.get(admin_url(language, "meetings_session_change", demo.pk)).content.decode()
    other = "title_en" if first == "title_ar" else "title_ar"
    assert html.index(f'name="agenda_items-0-{first}"') < html.index(f'name="agenda_items-0-{other}"')
    header = "العنوان بالعربية" if language == "ar" else "Title in Arabic"
    assert header in html


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


def test_the_council_keeps_cairo_time(settings):
    assert settings.TIME_ZONE == "Africa/Cairo"


@pytest.mark.parametrize("hours,expected", [
    (1, "بفارق ساعة واحدة"), (2, "بفارق ساعتين"), (3, "بفارق %s ساعات"), (11, "بفارق %s ساعة"),
])
def test_the_time_zone_note_counts_hours_in_correct_arabic(secretary_client, hours, expected):
    """Django's own «أنت متأخر بـ 3 ساعة» is overridden by our djangojs catalogue, every plural form."""
    from django.utils.translation import override, trans_real

    trans_real._translations.clear()  # the catalogue may have been compiled after start-up
    script = secretary_client.get(admin_url("ar", "jsi18n")).content.decode()
    catalogue = re.sub(r"\\u([0-9a-fA-F]{4})", lambda match: chr(int(match.group(1), 16)), script)
    assert "أنت متأخر بـ" not in catalogue
    assert "توقيتك متأخر عن توقيت الخادم" in catalogue
    # The rest of Django's admin scripts, reviewed: imperative buttons, hamzat al-wasl, no Latin quotes.
    assert "اختر وقتًا" in catalogue and "أزل الكل" in catalogue and "سهم «اختر»" in catalogue
    for wrong in ("إختر", "لا شي محدد", "الـ\"اختيار\"", "الزر أذهب"):
        assert wrong not in catalogue
    with override("ar"):
        text = trans_real.DjangoTranslation("ar", domain="djangojs").ngettext(
            "Note: You are %s hour behind server time.", "Note: You are %s hours behind server time.", hours)
    assert expected in text
