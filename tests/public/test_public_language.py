"""Arabic and English done right: direction, the language switch, pending English text, dates.

An English page whose record has no English text yet shows the Arabic, marked
lang="ar" dir="rtl", and says that the English is pending: never an empty heading.
"""

import datetime
import re

import pytest

from meetings.models import AgendaItem, Dossier, Session
from tests.helpers import address, page

pytestmark = pytest.mark.django_db



def public_urls(session):
    return [
        "/{lang}/",
        "/{lang}/bodies/executive-office/",
        address(session, "en").replace("/en/", "/{lang}/", 1),
        "/{lang}/member-states/eg/",
        "/{lang}/dossiers/customs-data-exchange-agreement/",
        "/{lang}/login/",
    ]


@pytest.mark.parametrize("lang, direction", [("ar", "rtl"), ("en", "ltr")])
def test_it_sets_the_language_and_direction_of_every_page(client, demo, lang, direction):
    for url in public_urls(demo):
        html = page(client, url.format(lang=lang))
        assert f'<html lang="{lang}" dir="{direction}">' in html, url


@pytest.mark.parametrize("lang, other", [("ar", "en"), ("en", "ar")])
def test_it_links_every_page_to_the_same_page_in_the_other_language(client, demo, lang, other):
    for url in public_urls(demo):
        html = page(client, url.format(lang=lang))
        switch = re.search(r'<a class="language-switch" href="([^"]+)" hreflang="(\w+)"', html)
        assert switch.groups() == (url.format(lang=other), other), url


def test_it_keeps_the_query_string_when_switching_language(client, demo):
    html = page(client, "/ar/login/?next=/ar/")
    assert 'class="language-switch" href="/en/login/?next=/ar/"' in html


def test_it_names_the_session_in_the_page_language(client, demo):
    assert "<h1>الدورة العادية الثامنة والأربعون للمكتب التنفيذي</h1>" in page(client, address(demo, "ar"))
    assert "<h1>48th ordinary session of the Executive Office</h1>" in page(client, address(demo, "en"))


def test_it_shows_arabic_marked_as_such_when_the_english_is_missing(client, demo):
    item = AgendaItem.objects.filter(session=demo).first()
    AgendaItem.objects.filter(pk=item.pk).update(title_en="")
    html = page(client, address(demo, "en"))
    assert f'<span class="fallback" lang="ar" dir="rtl">{item.title_ar}</span>' in html
    assert "(English text pending)" in html


def test_it_does_not_mark_english_text_as_arabic(client, demo):
    html = page(client, address(demo, "en"))
    assert "Coordination on the topics of the postal working groups" in html
    assert 'class="fallback"' not in html
    assert "English text pending" not in html


def test_it_never_shows_an_empty_heading_for_a_dossier_without_english(client, demo):
    Dossier.objects.update(title_en="", description_en="")
    html = page(client, "/en/dossiers/customs-data-exchange-agreement/")
    assert re.search(r'<h1><span class="fallback" lang="ar" dir="rtl">اتفاقية تبادل البيانات الجمركية', html)
    assert '<div class="fallback" lang="ar" dir="rtl">' in html
    assert "The English text is pending" in html


def test_it_shows_arabic_pages_without_pending_notes(client, demo):
    AgendaItem.objects.filter(session=demo).update(title_en="")
    html = page(client, address(demo, "ar"))
    assert 'class="fallback"' not in html
    assert 'class="pending"' not in html


def test_it_marks_a_member_state_name_without_english(client, demo):
    from council.models import MemberState

    MemberState.objects.filter(iso_code="EG").update(name_en="")
    html = page(client, "/en/member-states/eg/")
    assert '<h1><span class="fallback" lang="ar" dir="rtl">مصر</span>' in html


def test_it_shows_the_hijri_date_beside_the_gregorian_one(client, demo):
    session = Session.objects.get(body__slug="postal-committee", number=39)
    assert session.start_date == datetime.date(2021, 6, 3)
    english = page(client, address(session, "en"))
    assert '<time datetime="2021-06-03">3 June 2021</time> <span class="hijri">(22 Shawwal 1442 AH)</span>' in english
    arabic = page(client, address(session, "ar"))
    assert '<time datetime="2021-06-03">3 يونيو 2021م</time> <span class="hijri">(22 شوال 1442هـ)</span>' in arabic


@pytest.mark.parametrize("day,hijri", [
    (datetime.date(2021, 7, 12), "2 ذي الحجة 1442هـ"),       # «ذو» after a day number is «ذي»
    (datetime.date(2021, 6, 12), "2 ذي القعدة 1442هـ"),
    (datetime.date(2021, 11, 20), "15 ربيع الآخر 1443هـ"),   # Umm al-Qura names, as the League prints them
    (datetime.date(2022, 1, 20), "17 جمادى الآخرة 1443هـ"),
])
def test_it_writes_dates_as_the_league_does(client, demo, day, hijri):
    Session.objects.filter(body__slug="postal-committee", number=39).update(start_date=day)
    session = Session.objects.get(body__slug="postal-committee", number=39)
    arabic = page(client, address(session, "ar"))
    gregorian = f"{day.day} {['يونيو', 'يوليو', 'نوفمبر', 'يناير'][[6, 7, 11, 1].index(day.month)]} {day.year}م"
    assert f'<time datetime="{day.isoformat()}">{gregorian}</time> <span class="hijri">({hijri})</span>' in arabic


def test_it_says_when_a_held_session_has_no_date_recorded(client, demo):
    html = page(client, address(demo, "en"))
    assert "Date not recorded" in html
    assert "The source does not give the date" in html


def test_it_translates_the_page_furniture_into_arabic(client, demo):
    html = page(client, address(demo, "ar"))
    for arabic in ["جدول الأعمال", "المشاركون", "القرارات", "الوثائق", "الانتقال إلى المحتوى الرئيسي"]:
        assert arabic in html
    for english in [">Agenda<", ">Participants<", ">Documents<", "Skip to main content"]:
        assert english not in html


def test_it_answers_404_in_both_languages(client, db):
    response = client.get("/en/no-such-page/")
    assert response.status_code == 404
    html = response.content.decode()
    assert '<html lang="en" dir="ltr">' in html
    assert "<h1>Page not found</h1>" in html
    assert "<h2>الصفحة غير موجودة</h2>" in html
    arabic = client.get("/ar/bodies/executive-office/sessions/999/").content.decode()
    assert "<h1>الصفحة غير موجودة</h1>" in arabic
    assert "<h2>Page not found</h2>" in arabic


def test_it_answers_500_in_both_languages(client, db, monkeypatch):
    def fail(*args, **kwargs):
        raise RuntimeError("the database went away")

    monkeypatch.setattr("meetings.views.render", fail)
    client.raise_request_exception = False
    response = client.get("/en/")
    assert response.status_code == 500
    html = response.content.decode()
    assert "Server error" in html
    assert "حدث خطأ في الخادم" in html


def test_it_shows_english_marked_as_such_when_the_arabic_is_missing(client, demo):
    item = AgendaItem.objects.filter(session=demo).first()
    AgendaItem.objects.filter(pk=item.pk).update(description_ar="", description_en="Background note.")
    html = page(client, address(demo, "ar"))
    assert '<div class="fallback" lang="en" dir="ltr"><p>Background note.</p></div>' in html
    assert "النص العربي قيد الإعداد" in html


def test_it_switches_a_404_page_to_the_other_language_s_home(client, db):
    html = client.get("/ar/no-such-page/").content.decode()
    assert 'class="language-switch" href="/en/" hreflang="en"' in html


def test_it_isolates_an_arabic_printed_number_on_an_english_page(client, demo):
    from meetings.models import Resolution
    Resolution.objects.create(session=demo, number=1, number_display="ق 1 – د.ع 49", title_ar="قرار", title_en="A resolution")
    html = page(client, address(demo, "en"))
    # Without isolation the bidi algorithm shows "Resolution 49 ق 1 – د.ع".
    assert '<span class="resolution__number">Resolution <bdi>ق 1 – د.ع 49</bdi></span>' in html


def test_it_joins_the_venue_with_an_arabic_comma_on_arabic_pages(client, demo):
    session = Session.objects.get(body__slug="postal-committee", number=39)
    arabic = re.sub(r"<[^>]+>", "", page(client, address(session, "ar")))
    english = re.sub(r"<[^>]+>", "", page(client, address(session, "en")))
    assert "شرم الشيخ، مصر" in arabic
    assert "Sharm El-Sheikh, Egypt" in english
