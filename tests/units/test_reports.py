"""The session report: its states, its lock, its revisions, and who may read it.

Draft → under review → final → published with the outcomes. A final report is
locked: changing it means reopening it with a recorded reason. Every save is a
revision with its author and date; the differences between revisions are shown.
"""

import datetime

import pytest
from django.core.exceptions import ValidationError

from meetings import reports
from meetings.models import Session
from meetings.tracking import Outcome, Report
from tests.helpers import address

pytestmark = pytest.mark.django_db

State = Report.State
TEXT = {"opening": "افتتح الرئيس الاجتماع.", "speeches": "ألقى الأمين العام المساعد كلمة.", "closing": "اختُتم الاجتماع."}


@pytest.fixture
def session(make_session):
    return make_session(number=1, n=2, start_date=datetime.date(2022, 3, 1))


@pytest.fixture
def report(session, secretary):
    return reports.save_report(Report(session=session, language="ar"), secretary, state=State.DRAFT, **TEXT)


def advance(report, user, *states, reason="", **texts):
    for state in states:
        report = reports.save_report(report, user, state=state, reason=reason,
                                     **{**{n: getattr(report, n) for n in Report.TEXT_FIELDS}, **texts})
    return report


# --- States and lock -------------------------------------------------------------

def test_it_goes_from_draft_through_review_to_final_and_published(report, secretary):
    report = advance(report, secretary, State.UNDER_REVIEW, State.FINAL, State.PUBLISHED)
    assert report.state == State.PUBLISHED
    assert list(report.revisions.values_list("state", flat=True)) == ["draft", "review", "final", "published"]


def test_it_refuses_to_skip_the_review(report, secretary):
    with pytest.raises(ValidationError) as error:
        advance(report, secretary, State.FINAL)
    assert "state" in error.value.message_dict
    assert Report.objects.get().state == State.DRAFT


def test_a_new_report_starts_as_a_draft(session, secretary):
    with pytest.raises(ValidationError):
        reports.save_report(Report(session=session, language="en"), secretary, state=State.FINAL, **TEXT)
    assert not Report.objects.exists()


def test_it_publishes_a_report_only_with_the_sessions_outcomes(report, secretary, session):
    Session.objects.filter(pk=session.pk).update(outcomes_published_at=None)
    report = advance(report, secretary, State.UNDER_REVIEW, State.FINAL)
    with pytest.raises(ValidationError) as error:
        advance(report, secretary, State.PUBLISHED)
    assert "state" in error.value.message_dict


def test_a_final_report_is_locked(report, secretary):
    report = advance(report, secretary, State.UNDER_REVIEW, State.FINAL)
    with pytest.raises(ValidationError):
        advance(report, secretary, State.FINAL, closing="نص جديد")
    assert Report.objects.get().closing == TEXT["closing"]
    assert report.revisions.count() == 3


def test_reopening_a_final_report_needs_a_reason_and_records_it(report, secretary):
    report = advance(report, secretary, State.UNDER_REVIEW, State.FINAL)
    with pytest.raises(ValidationError) as error:
        advance(report, secretary, State.UNDER_REVIEW, closing="نص جديد")
    assert "reason" in error.value.message_dict
    report = advance(Report.objects.get(), secretary, State.UNDER_REVIEW, reason="تصحيح اسم الوفد",
                     closing="نص جديد")
    last = report.revisions.last()
    assert (last.state, last.reason, last.closing) == (State.UNDER_REVIEW, "تصحيح اسم الوفد", "نص جديد")


# --- Revisions ------------------------------------------------------------------

def test_every_save_is_a_revision_with_its_author_and_date(report, secretary, django_user_model):
    editor = django_user_model.objects.create_user("karim", password="x")
    advance(report, editor, State.DRAFT, opening="افتتح الرئيس الدورة.\nورحّب بالوفود.")
    first, second = report.revisions.all()
    assert (first.number, first.author, second.number, second.author) == (1, secretary, 2, editor)
    assert first.saved_at <= second.saved_at
    assert first.opening == TEXT["opening"]  # the earlier text is kept as it was


def test_saving_without_a_change_adds_no_revision(report, secretary):
    advance(report, secretary, State.DRAFT)
    assert report.revisions.count() == 1


def test_it_shows_what_changed_between_revisions(report, secretary):
    advance(report, secretary, State.DRAFT, opening="افتتح الرئيس الدورة.\nورحّب بالوفود.")
    newest, oldest = reports.history(report)
    changes = {change["name"]: change["lines"] for change in newest.changes}
    assert list(changes) == ["opening"]
    assert {"change": "removed", "text": "افتتح الرئيس الاجتماع."} in changes["opening"]
    assert {"change": "added", "text": "ورحّب بالوفود."} in changes["opening"]


def test_the_admin_shows_the_revisions_with_their_differences(report, secretary_client, secretary):
    advance(report, secretary, State.DRAFT, closing="اختُتم الاجتماع بالشكر.")
    page = secretary_client.get(f"/ar/admin/meetings/report/{report.pk}/revisions/").content.decode()
    assert "<del>اختُتم الاجتماع.</del>" in page and "<ins>اختُتم الاجتماع بالشكر.</ins>" in page
    assert "amina" in page


def test_the_admin_refuses_to_change_a_final_report_and_keeps_what_was_typed(report, secretary_client, secretary):
    report = advance(report, secretary, State.UNDER_REVIEW, State.FINAL)
    data = {"session": report.session_id, "language": "ar", "state": "final", "reason": "",
            **TEXT, "closing": "نص لم يُحفظ"}
    response = secretary_client.post(f"/en/admin/meetings/report/{report.pk}/change/", data)
    assert response.status_code == 200
    page = response.content.decode()
    assert "final and locked" in page and "نص لم يُحفظ" in page
    assert Report.objects.get().closing == TEXT["closing"]
    data.update(state="review", reason="Correction requested by a delegation")
    assert secretary_client.post(f"/en/admin/meetings/report/{report.pk}/change/", data).status_code == 302
    assert Report.objects.get().revisions.last().reason == "Correction requested by a delegation"


def test_the_admin_creates_a_report_as_its_first_revision(session, secretary_client, secretary):
    data = {"session": session.pk, "language": "en", "state": "draft", "reason": "",
            "opening": "The chair opened the meeting.", "speeches": "", "closing": ""}
    assert secretary_client.post("/en/admin/meetings/report/add/", data).status_code == 302
    revision = Report.objects.get(language="en").revisions.get()
    assert (revision.number, revision.author, revision.opening) == (1, secretary, "The chair opened the meeting.")


# --- The public page ------------------------------------------------------------------

def test_the_report_page_answers_404_until_it_is_published(client, report, secretary, session):
    assert client.get(f"{address(session, 'ar')}report/").status_code == 404
    advance(report, secretary, State.UNDER_REVIEW, State.FINAL)
    assert client.get(f"{address(session, 'ar')}report/").status_code == 404
    assert "/report/" not in client.get(address(session, "ar")).content.decode()
    advance(Report.objects.get(), secretary, State.PUBLISHED)
    assert client.get(f"{address(session, 'ar')}report/").status_code == 200
    assert f"{address(session, 'ar')}report/" in client.get(address(session, "ar")).content.decode()
    # Withdrawing the outcomes takes the report with them.
    Session.objects.filter(pk=session.pk).update(outcomes_published_at=None)
    assert client.get(f"{address(session, 'ar')}report/").status_code == 404
    # No English report was written: the English address does not exist.
    assert client.get(f"{address(session, 'en')}report/").status_code == 404


def test_the_secretariat_reads_a_draft_report_under_a_banner(client, report, secretary, session):
    client.force_login(secretary)
    page = client.get(f"{address(session, 'ar')}report/").content.decode()
    assert "draft-banner" in page and TEXT["opening"] in page


def test_the_report_is_assembled_from_the_sessions_data(client, report, secretary, session):
    item = session.agenda_items.get(order=1)
    Outcome.objects.create(agenda_item=item, decision=Outcome.Decision.NOTED, summary_ar="ناقش الاجتماع البند.")
    advance(report, secretary, State.UNDER_REVIEW, State.FINAL, State.PUBLISHED)
    page = client.get(f"{address(session, 'ar')}report/").content.decode()
    assert "تقرير الاجتماع الأول للجنة الاختبار" in page
    for text in [*TEXT.values(), "بند 1", "أُحيط علمًا به", "ناقش الاجتماع البند.", "قرار 1", "تحفظ", "شخص 1"]:
        assert text in page, text
    # The secretariat's text frames the data: opening first, closing last.
    assert page.index(TEXT["opening"]) < page.index("بند 1") < page.index("قرار 1") < page.index(TEXT["closing"])
