"""The demo's 48th session shows its review of meetings 39 and 47 as outcomes and follow-up.

Only what the source says is stated plainly; everything invented to show the
tracking carries the demo-data mark, on the page itself.
"""

import pytest

from meetings.demo import DEMO_AR, DEMO_EN, load_demo
from meetings.models import Resolution, Session
from meetings.tracking import FollowUpAction, Outcome, Report, StatusUpdate
from tests.helpers import address

pytestmark = pytest.mark.django_db


def test_the_48th_session_shows_its_review_of_meetings_39_and_47(client, demo):
    page = client.get(address(demo, "ar")).content.decode()
    assert "ناقش المكتب التنفيذي نتائج الاجتماع التاسع والثلاثين للجنة العربية الدائمة للبريد" in page
    assert "ناقش المكتب التنفيذي نتائج الاجتماع السابع والأربعين للجنة العربية الدائمة للاتصالات والمعلومات" in page
    assert "متابعة تنفيذ القرارات السابقة كما عُرضت في هذه الدورة" in page
    assert "قيد التنفيذ" in page and "نُفِّذ" in page
    assert "مسقط العاصمة الرقمية العربية لعام 2022" in page
    english = client.get(address(demo, "en")).content.decode()
    assert "The Executive Office discussed the outcomes of the 39th meeting" in english
    assert DEMO_EN.strip() in english


def test_the_48th_sessions_outcomes_record_no_decision_the_source_does_not_state(demo):
    for outcome in Outcome.objects.filter(session=demo):
        assert outcome.decision == ""


def test_every_invented_record_carries_the_demo_mark(demo):
    invented = [*Resolution.objects.all(), *FollowUpAction.objects.all(),
                *Outcome.objects.exclude(session=demo)]
    assert invented
    for record in invented:
        text_ar = getattr(record, "title_ar", None) or getattr(record, "description_ar", None) or record.summary_ar
        assert text_ar.startswith(DEMO_AR), record
    # A status is either the source's words (said so) or marked.
    for update in StatusUpdate.objects.all():
        assert update.note_ar.startswith(DEMO_AR) or "(من المصدر)" in update.note_ar
    assert Report.objects.get(session=demo).opening.startswith(DEMO_AR)


def test_the_customs_agreement_is_carried_from_meeting_39_to_the_48th_session(client, demo):
    postal_39 = Session.objects.get(body__slug="postal-committee", number=39)
    page = client.get("/ar/dossiers/customs-data-exchange-agreement/").content.decode()
    assert page.index(postal_39.get_absolute_url()) < page.index(demo.get_absolute_url())
    assert "أُحيل إلى هيئة أخرى" in page and "مُرحَّل من:" in page


def test_the_48th_sessions_report_is_public_and_marked(client, demo):
    page = client.get(f"{address(demo, 'ar')}report/").content.decode()
    assert "تقرير الدورة العادية الثامنة والأربعين للمكتب التنفيذي" in page
    assert DEMO_AR.strip() in page and "عمرو طلعت" in page


def test_loading_the_demo_twice_changes_nothing(demo):
    counts = [model.objects.count() for model in (Outcome, Resolution, FollowUpAction, StatusUpdate, Report)]
    load_demo()
    assert [model.objects.count() for model in (Outcome, Resolution, FollowUpAction, StatusUpdate, Report)] == counts
    assert Report.objects.get().revisions.count() == 1
