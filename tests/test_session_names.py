"""A session's name is generated in both languages from its body, kind and number."""

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
