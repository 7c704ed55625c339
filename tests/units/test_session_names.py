"""A session's name is generated in both languages from its body, kind and number."""

import re

import pytest
from django.utils import translation

from council.models import Body
from meetings.models import Session

pytestmark = pytest.mark.django_db


def test_it_names_the_48th_session_of_the_executive_office(demo):
    assert demo.display_name("ar") == "الدورة العادية الثامنة والأربعون للمكتب التنفيذي"
    assert demo.display_name("en") == "48th ordinary session of the Executive Office"


def test_it_names_committee_meetings_in_the_masculine(demo):
    postal = Session.objects.get(body__slug="postal-committee", number=39)
    telecom = Session.objects.get(body__slug="telecom-committee", number=47)
    assert postal.display_name("ar") == "الاجتماع التاسع والثلاثون للجنة العربية الدائمة للبريد"
    assert postal.display_name("en") == "39th meeting of the Arab Permanent Committee for Post"
    assert telecom.display_name("ar") == "الاجتماع السابع والأربعون للجنة العربية الدائمة للاتصالات والمعلومات"


def test_it_names_an_extraordinary_session(demo):
    office = Body.objects.get(slug="executive-office")
    session = Session(body=office, kind=Session.Kind.EXTRAORDINARY, number=11)
    assert session.display_name("ar") == "الدورة غير العادية الحادية عشرة للمكتب التنفيذي"
    assert session.display_name("en") == "11th extraordinary session of the Executive Office"


def test_it_follows_the_active_language(demo):
    with translation.override("en"):
        assert str(demo) == "48th ordinary session of the Executive Office"
    with translation.override("ar"):
        assert str(demo) == "الدورة العادية الثامنة والأربعون للمكتب التنفيذي"


def test_a_new_session_starts_as_a_draft(demo):
    session = Session.objects.create(body=demo.body, number=49)
    assert session.publication == Session.Publication.DRAFT
    assert session not in Session.objects.published()


# Full names in every case, as they sit in a sentence. Bodies: a council and the
# Executive Office hold sessions (feminine), committees hold meetings (masculine).
PHRASES = [
    # body, kind, number, language, case, phrase
    ("executive-office", "ordinary", 48, "ar", "nominative", "الدورة العادية الثامنة والأربعون للمكتب التنفيذي"),
    ("executive-office", "ordinary", 48, "ar", "genitive", "الدورة العادية الثامنة والأربعين للمكتب التنفيذي"),
    ("executive-office", "ordinary", 48, "ar", "accusative", "الدورة العادية الثامنة والأربعين للمكتب التنفيذي"),
    ("postal-committee", "ordinary", 39, "ar", "nominative", "الاجتماع التاسع والثلاثون للجنة العربية الدائمة للبريد"),
    ("postal-committee", "ordinary", 39, "ar", "genitive", "الاجتماع التاسع والثلاثين للجنة العربية الدائمة للبريد"),
    ("telecom-committee", "ordinary", 47, "ar", "genitive",
     "الاجتماع السابع والأربعين للجنة العربية الدائمة للاتصالات والمعلومات"),
    ("executive-office", "extraordinary", 11, "ar", "genitive", "الدورة غير العادية الحادية عشرة للمكتب التنفيذي"),
    ("council", "ordinary", 100, "ar", "genitive", "الدورة العادية المائة لمجلس الوزراء العرب للاتصالات والمعلومات"),
    ("council", "ordinary", 101, "ar", "nominative",
     "الدورة العادية الحادية بعد المائة لمجلس الوزراء العرب للاتصالات والمعلومات"),
    ("council", "ordinary", 200, "ar", "nominative",
     "الدورة العادية المائتان لمجلس الوزراء العرب للاتصالات والمعلومات"),
    ("council", "ordinary", 200, "ar", "genitive",
     "الدورة العادية المائتين لمجلس الوزراء العرب للاتصالات والمعلومات"),
    ("council", "ordinary", 220, "ar", "nominative",
     "الدورة العادية العشرون بعد المائتين لمجلس الوزراء العرب للاتصالات والمعلومات"),
    ("council", "ordinary", 220, "ar", "accusative",
     "الدورة العادية العشرين بعد المائتين لمجلس الوزراء العرب للاتصالات والمعلومات"),
    ("postal-committee", "extraordinary", 250, "ar", "genitive",
     "الاجتماع غير العادي الخمسين بعد المائتين للجنة العربية الدائمة للبريد"),
    ("postal-committee", "ordinary", 312, "ar", "genitive", "الاجتماع الثاني عشر بعد الثلاثمائة للجنة العربية الدائمة للبريد"),
    ("executive-office", "ordinary", 999, "ar", "nominative",
     "الدورة العادية التاسعة والتسعون بعد التسعمائة للمكتب التنفيذي"),
    ("executive-office", "ordinary", 999, "ar", "genitive",
     "الدورة العادية التاسعة والتسعين بعد التسعمائة للمكتب التنفيذي"),
    ("executive-office", "ordinary", 48, "en", "nominative", "48th ordinary session of the Executive Office"),
    ("executive-office", "ordinary", 48, "en", "genitive", "the 48th ordinary session of the Executive Office"),
    ("postal-committee", "extraordinary", 212, "en", "accusative",
     "the 212th extraordinary meeting of the Arab Permanent Committee for Post"),
]


@pytest.mark.parametrize("body,kind,number,language,case,phrase", PHRASES)
def test_it_names_a_session_in_the_case_of_its_place(demo, body, kind, number, language, case, phrase):
    session = Session(body=Body.objects.get(slug=body), kind=kind, number=number)
    assert session.display_name(language, case=case) == phrase


def test_it_keeps_the_call_with_a_language_only(demo):
    assert demo.display_name("ar") == demo.display_name("ar", case="nominative")
    assert demo.display_name("en") == "48th ordinary session of the Executive Office"


def test_it_gives_an_english_subject_its_article(demo):
    assert demo.display_name("en", article=True) == "the 48th ordinary session of the Executive Office"


def test_it_refuses_an_unknown_case_in_both_languages(demo):
    for language in ("ar", "en"):
        with pytest.raises(ValueError):
            demo.display_name(language, case="vocative")


def page_text(client, url):
    html = client.get(url).content.decode()
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", html))


def test_an_agenda_item_reviews_a_meeting_in_the_genitive(client, demo):
    with translation.override("ar"):
        arabic = page_text(client, demo.get_absolute_url())
    with translation.override("en"):
        english = page_text(client, demo.get_absolute_url())
    assert "يستعرض نتائج الاجتماع التاسع والثلاثين للجنة العربية الدائمة للبريد" in arabic
    assert "يستعرض نتائج الاجتماع السابع والأربعين للجنة العربية الدائمة للاتصالات والمعلومات" in arabic
    assert "Reviews the outcomes of the 39th meeting of the Arab Permanent Committee for Post" in english
