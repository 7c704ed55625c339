"""The demo claims only what the source says (../shared/reference/source-article-48th-session.ar.txt)."""

import re
from pathlib import Path

import pytest

from council.arabic import normalize
from council.models import Body, Membership
from meetings.models import AgendaItem, Participation, Session
from tests.helpers import page

pytestmark = pytest.mark.django_db

# A copy of ../shared/reference/source-article-48th-session.ar.txt, so that a clone can run this test.
SOURCE = Path(__file__).resolve().parents[1] / "data" / "source-article-48th-session.ar.txt"


def source_words():
    return set(re.findall(r"\w+", normalize(SOURCE.read_text(encoding="utf-8"))))


def untraced_words(text):
    """Words of an Arabic text found nowhere in the source, even without a joined «و»."""
    known = source_words()
    return [w for w in re.findall(r"\w+", normalize(text))
            if w not in known and not (w.startswith("و") and w[1:] in known)]


def test_every_arabic_agenda_title_is_worded_as_in_the_source(demo):
    for item in AgendaItem.objects.all():
        assert untraced_words(item.title_ar) == [], item.title_ar


def test_participants_carry_only_what_the_source_says(demo):
    participants = Participation.objects.filter(session=demo)
    chair = participants.get(role=Participation.Role.CHAIR)
    assert chair.member_state.iso_code == "EG" and str(chair.person.name_ar) == "عمرو طلعت"
    secretariat = participants.get(role=Participation.Role.SECRETARIAT)
    assert secretariat.person.name_ar == "كمال حسن علي"
    # The Executive Office's members took part; who spoke for them, in what role and how, is not said.
    members = participants.filter(member_state__isnull=False).exclude(role=Participation.Role.CHAIR)
    assert members.count() == 7
    assert set(members.values_list("role", "attendance", "person")) == {("", "", None)}
    assert set(participants.values_list("attendance", flat=True)) == {""}


def test_nothing_is_recorded_for_the_council_that_the_source_does_not_give(demo):
    assert not Membership.objects.filter(body=Body.objects.get(slug="council")).exists()


def test_the_dossier_does_not_say_where_it_is_heading(demo):
    dossier = AgendaItem.objects.filter(dossier__isnull=False).first().dossier
    for claim in ("تمهيد", "المجلس", "on its way", "Council"):
        assert claim not in dossier.description_ar + dossier.description_en


@pytest.mark.parametrize("language,label", [("ar", "ليس جدول الأعمال الرسمي:"), ("en", "Not the official agenda:")])
def test_the_speech_topics_are_labelled_as_not_the_official_agenda(client, demo, language, label):
    from django.utils import translation
    with translation.override(language):
        html = page(client, demo.get_absolute_url())
    agenda = html.split('id="agenda-heading"', 1)[1]
    assert agenda.index(label) < agenda.index('class="agenda')
    assert ("الكلمة الافتتاحية" if language == "ar" else "opening address") in agenda.split('class="agenda')[0]


def test_the_session_page_shows_no_role_or_attendance_it_does_not_know(client, demo):
    html = page(client, demo.get_absolute_url())
    participants = html.split('id="participants-heading"', 1)[1].split("</section>", 1)[0]
    for word in ("عن بعد", "حضوري", "عضو الوفد"):
        assert word not in participants
    assert Session.objects.get(pk=demo.pk).mode == Session.Mode.REMOTE   # the session itself: «عن بعد»
