"""Publishing a session in two checked steps (agenda, outcomes), withdrawing it, and what readers then see."""

import pytest
from django.contrib.admin.models import LogEntry
from django.core.files.base import ContentFile
from django.urls import reverse
from django.utils import translation

from meetings import services
from meetings.models import AgendaItem, Document, PublicationRecord, Resolution, Session
from meetings.signals import session_published, session_withdrawn
from tests.helpers import admin_url, form_values

pytestmark = pytest.mark.django_db


@pytest.fixture
def draft(demo, settings, tmp_path):
    """The 49th session: a draft with a complete bilingual agenda of two items."""
    settings.MEDIA_ROOT = tmp_path
    session = Session.objects.create(body=demo.body, number=49, city_ar="القاهرة", city_en="Cairo")
    AgendaItem.objects.create(session=session, order=1, title_ar="إقرار جدول الأعمال", title_en="Adoption of the agenda")
    AgendaItem.objects.create(session=session, order=2, title_ar="الأمن السيبراني", title_en="Cybersecurity")
    return session


@pytest.fixture
def signals():
    received = []

    def listener(name):
        def receiver(sender, **kwargs):
            received.append((name, kwargs))
        return receiver

    receivers = [(session_published, listener("published")), (session_withdrawn, listener("withdrawn"))]
    for signal, receiver in receivers:
        signal.connect(receiver, weak=False)
    yield received
    for signal, receiver in receivers:
        signal.disconnect(receiver)


def messages(session, step):
    with translation.override("en"):
        return [(p.message, p.blocking) for p in services.check(session, step)]


def test_the_check_page_lists_what_is_missing_in_arabic_and_changes_nothing(secretary_client, draft):
    AgendaItem.objects.filter(session=draft, order=2).update(title_en="")
    AgendaItem.objects.create(session=draft, order=3, title_ar="", title_en="Internet governance")
    url = admin_url("ar", "meetings_session_publish", draft.pk, "agenda")
    page = secretary_client.get(url).content.decode()
    assert "حوكمة" not in page
    assert "العربية" in page and "Internet governance" in page  # Arabic missing: refused
    assert "لا عنوان إنجليزيًا" in page  # English missing: listed
    assert 'class="default"' not in page  # nothing to confirm while something blocks
    draft.refresh_from_db()
    assert draft.publication == Session.Publication.DRAFT
    assert not PublicationRecord.objects.exists()


def test_an_empty_agenda_is_refused(demo, secretary):
    empty = Session.objects.create(body=demo.body, number=50)
    assert ("The agenda is empty.", True) in messages(empty, "agenda")
    with pytest.raises(services.PublicationRefused):
        services.publish(empty, "agenda", secretary)
    empty.refresh_from_db()
    assert empty.publication == Session.Publication.DRAFT


def test_a_document_without_its_file_is_refused(draft, secretary):
    document = Document.objects.create(session=draft, title_ar="ورقة عمل", title_en="Working paper",
                                       file=ContentFile(b"%PDF", name="gone.pdf"))
    document.file.storage.delete(document.file.name)  # lost from the disk
    assert ("document “ورقة عمل”: its file is missing.", True) in messages(draft, "agenda")
    with pytest.raises(services.PublicationRefused):
        services.publish(draft, "agenda", secretary)


def test_missing_english_titles_are_listed_and_may_be_accepted(secretary_client, draft, signals):
    AgendaItem.objects.filter(session=draft, order=2).update(title_en="")
    url = admin_url("en", "meetings_session_publish", draft.pk, "agenda")
    page = secretary_client.get(url).content.decode()
    assert "has no English title" in page and 'name="accept_missing_english"' in page
    # Not accepted: refused, nothing changes.
    assert secretary_client.post(url, {}).status_code == 200
    draft.refresh_from_db()
    assert draft.publication == Session.Publication.DRAFT and signals == []
    # Accepted: published, recorded, logged, announced.
    with_commit = secretary_client.post(url, {"accept_missing_english": "1"})
    assert with_commit.status_code == 302
    draft.refresh_from_db()
    assert draft.publication == Session.Publication.PUBLISHED and draft.published_at
    assert draft.outcomes_published_at is None
    record = PublicationRecord.objects.get()
    assert (record.step, record.action, record.user.username) == ("agenda", "published", "amina")
    entry = LogEntry.objects.filter(object_id=str(draft.pk)).latest("action_time")
    assert entry.user.username == "amina" and entry.is_change()
    with translation.override("ar"):
        assert "النشر" in entry.get_change_message()


def test_signals_are_sent_after_the_commit_with_step_user_and_reason(draft, secretary, signals,
                                                                     django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        services.publish(draft, "agenda", secretary)
        assert signals == []  # not before the commit
    assert signals[0][0] == "published"
    assert (signals[0][1]["session"].pk, signals[0][1]["step"], signals[0][1]["user"]) == (draft.pk, "agenda", secretary)
    with django_capture_on_commit_callbacks(execute=True):
        services.withdraw(draft, "agenda", secretary, "Wrong date.")
    assert signals[1][0] == "withdrawn" and signals[1][1]["reason"] == "Wrong date."
    assert signals[1][1]["step"] == "agenda"


def test_outcomes_need_the_agenda_and_a_resolution(draft, secretary):
    assert ("The agenda must be published before the outcomes.", True) in messages(draft, "outcomes")
    assert ("The outcomes have no resolution.", True) in messages(draft, "outcomes")
    services.publish(draft, "agenda", secretary)
    draft.refresh_from_db()
    Resolution.objects.create(session=draft, number=1, title_ar="اعتماد جدول الأعمال", title_en="Agenda adopted")
    assert messages(draft, "outcomes") == []
    services.publish(draft, "outcomes", secretary)
    draft.refresh_from_db()
    assert draft.outcomes_published_at is not None


def test_a_resolution_without_arabic_blocks_the_outcomes(draft, secretary):
    services.publish(draft, "agenda", secretary)
    Resolution.objects.create(session=draft, number=1, title_ar="اعتماد", title_en="Adopted", text_en="Full text")
    assert any(blocking and "Arabic" in message for message, blocking in messages(draft, "outcomes"))


def test_a_withdrawal_needs_a_reason_and_is_recorded(secretary_client, draft, secretary):
    services.publish(draft, "agenda", secretary)
    url = admin_url("ar", "meetings_session_withdraw", draft.pk, "agenda")
    assert secretary_client.post(url, {"reason": "  "}).status_code == 200
    draft.refresh_from_db()
    assert draft.publication == Session.Publication.PUBLISHED
    assert secretary_client.post(url, {"reason": "نُشر التاريخ خطأً"}).status_code == 302
    draft.refresh_from_db()
    assert draft.publication == Session.Publication.WITHDRAWN
    record = PublicationRecord.objects.filter(action="withdrawn").get()
    assert (record.step, record.reason, record.user) == ("agenda", "نُشر التاريخ خطأً", secretary)
    page = secretary_client.get(admin_url("ar", "meetings_session_publish", draft.pk, "agenda")).content.decode()
    assert "نُشر التاريخ خطأً" in page  # the record is on the check page


def test_a_withdrawn_session_answers_410_and_leaks_nothing(client, draft, secretary):
    services.publish(draft, "agenda", secretary)
    Document.objects.create(session=draft, title_ar="ورقة عمل سرية", title_en="Working paper",
                            visibility="public", file=ContentFile(b"%PDF", name="paper.pdf"))
    services.withdraw(draft, "agenda", secretary, "نُشر خطأً")
    response = client.get(draft.get_absolute_url())
    assert response.status_code == 410
    page = response.content.decode()
    assert "سُحب" in page or "سحب" in page
    for secret in ("إقرار جدول الأعمال", "القاهرة", "نُشر خطأً", "التاسعة والأربعون", "ورقة عمل سرية"):
        assert secret not in page
    document = Document.objects.get(session=draft)
    assert client.get(reverse("meetings:document", args=[document.pk])).status_code == 404
    results = client.get(reverse("meetings:search"), {"q": "ورقة عمل سرية"}).content.decode()
    assert reverse("meetings:document", args=[document.pk]) not in results
    assert draft.display_name("ar") not in client.get(reverse("meetings:body", args=[draft.body.slug])).content.decode()


def test_a_draft_still_answers_404(client, draft):
    assert client.get(draft.get_absolute_url()).status_code == 404


def test_the_public_page_says_when_it_was_published_and_last_changed(client, draft, secretary):
    services.publish(draft, "agenda", secretary)
    with translation.override("en"):
        page = client.get(draft.get_absolute_url()).content.decode()
    assert "Published on" in page and "Last changed on" in page


def test_editors_cannot_open_the_publication_pages(client, django_user_model, draft):
    from django.contrib.auth.models import Group

    editor = django_user_model.objects.create_user("ed", password="x", is_staff=True)
    editor.groups.add(Group.objects.get(name="Editor"))
    client.force_login(editor)
    assert client.get(admin_url("en", "meetings_session_publish", draft.pk, "agenda")).status_code == 403
    assert client.post(admin_url("en", "meetings_session_withdraw", draft.pk, "agenda"),
                       {"reason": "x"}).status_code == 403


def test_the_session_form_cannot_publish_by_itself(secretary_client, draft):
    url = admin_url("en", "meetings_session_change", draft.pk)
    data = form_values(secretary_client.get(url))
    assert "publication" not in data
    data["publication"] = "published"
    secretary_client.post(url, data)
    draft.refresh_from_db()
    assert draft.publication == Session.Publication.DRAFT


@pytest.mark.parametrize("step", ["agenda", "outcomes"])
def test_the_check_page_costs_the_same_queries_however_long_the_session(secretary_client, draft, secretary, step):
    from council.models import MemberState
    from meetings.models import Participation, Reservation
    from tests.helpers import queries_for

    services.publish(draft, "agenda", secretary)
    first = Resolution.objects.create(session=draft, number=1, title_ar="قرار 1")
    Reservation.objects.create(resolution=first, member_state=MemberState.objects.first(), text_ar="تحفظ")
    url = admin_url("ar", "meetings_session_publish", draft.pk, step)
    queries_for(secretary_client, url)  # the first visit also fills per-process caches
    before = queries_for(secretary_client, url)
    states = list(MemberState.objects.all()[:10])
    for n in range(3, 43):
        item = AgendaItem.objects.create(session=draft, order=n, title_ar=f"بند {n}")
        resolution = Resolution.objects.create(session=draft, number=n, title_ar=f"قرار {n}", agenda_item=item)
        Reservation.objects.create(resolution=resolution, member_state=states[n % 10], text_en="Reserved")
        Document.objects.create(session=draft, agenda_item=item, title_ar=f"وثيقة {n}",
                                type="report" if n % 2 else "working_paper", file=ContentFile(b"%PDF", name="d.pdf"))
    for state in states:
        Participation.objects.create(session=draft, member_state=state, position_en="Minister")
    assert queries_for(secretary_client, url) == before


def test_an_unknown_step_answers_404(secretary_client, draft):
    assert secretary_client.get(admin_url("en", "meetings_session_publish", draft.pk, "minutes")).status_code == 404
    assert secretary_client.get(admin_url("en", "meetings_session_withdraw", draft.pk, "1")).status_code == 404
