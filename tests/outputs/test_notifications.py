"""Notifications: subscribe per body, one email per publication, through an outbox that survives a dead mail server."""

import email
import email.policy

import pytest
from django.core import mail
from django.core.files.base import ContentFile
from django.core.mail.backends.smtp import EmailBackend
from django.utils import timezone

from council.models import Body
from meetings import notifications
from meetings.models import Document, Notification, Session, Subscription
from meetings.signals import session_published, session_withdrawn
from tests.helpers import site_url
from tests.outputs.helpers import DRAFT_WORDS_EN

pytestmark = pytest.mark.django_db

SMTP_PORT = 8125  # this helper's range (PROTOCOL.md)



def subscriber(django_user_model, name, body, language, email_address=None):
    user = django_user_model.objects.create_user(name, email=email_address or f"{name}@example.org",
                                                 password="not-a-real-password", is_staff=True)
    Subscription.objects.create(user=user, body=body, language=language)
    return user


def make_due():
    """What an hour's wait does to the outbox: every retry is due now."""
    Notification.objects.filter(status=Notification.Status.PENDING).update(next_attempt_at=timezone.now())


@pytest.fixture
def body(db):
    return Body.objects.create(slug="test-committee", name_ar="لجنة الاختبار", name_en="Test committee",
                               kind="permanent_committee")


# --- The "my notifications" page ---------------------------------------------------


def test_it_lets_a_delegate_choose_bodies_and_a_language(delegate_client, delegate):
    office = Body.objects.get(slug="executive-office")
    page = delegate_client.get(site_url("ar", "notifications"))
    assert page.status_code == 200 and "المكتب التنفيذي" in page.content.decode()
    response = delegate_client.post(site_url("ar", "notifications"), {"bodies": [office.pk], "language": "en"})
    assert response.status_code == 302
    assert list(Subscription.objects.filter(user=delegate).values_list("body__slug", "language")) == [
        ("executive-office", "en")]
    delegate_client.post(site_url("en", "notifications"), {"language": "ar"})
    assert not Subscription.objects.filter(user=delegate).exists()


def test_it_is_for_delegates_and_staff_only(django_user_model, secretary):
    from django.test import Client

    assert Client().get(site_url("en", "notifications")).status_code == 302  # to sign-in
    stranger, staff = Client(), Client()
    stranger.force_login(django_user_model.objects.create_user("visitor", password="not-a-real-password"))
    staff.force_login(secretary)
    assert stranger.get(site_url("en", "notifications")).status_code == 403
    assert staff.get(site_url("en", "notifications")).status_code == 200


def test_it_is_linked_from_the_header_for_those_who_may_use_it(delegate, django_user_model):
    from django.test import Client

    link = f'href="{site_url("ar", "notifications")}"'
    member, stranger = Client(), Client()
    member.force_login(delegate)
    stranger.force_login(django_user_model.objects.create_user("visitor", password="not-a-real-password"))
    assert link in member.get(site_url("ar", "home")).content.decode()
    assert link not in stranger.get(site_url("ar", "home")).content.decode()


# --- One email per subscriber per publication ------------------------------------------


def test_it_emails_each_subscriber_once_in_their_language(django_user_model, make_session, body):
    arabic = subscriber(django_user_model, "amal", body, "ar")
    english = subscriber(django_user_model, "john", body, "en")
    session = make_session(number=48, body=body)
    session_published.send(Session, session=session, step="agenda", user=None)
    assert notifications.send_due() == (2, 0)
    by_recipient = {message.to[0]: message for message in mail.outbox}
    ar, en = by_recipient[arabic.email], by_recipient[english.email]
    assert ar.subject == f"جدول الأعمال: {session.display_name('ar')}"
    assert en.subject == f"Agenda: {session.display_name('en')}"
    html, mimetype = ar.alternatives[0]
    assert mimetype == "text/html" and 'dir="rtl"' in html and 'lang="ar"' in html
    assert "نُشر جدول أعمال" in ar.body and "نُشر جدول أعمال" in html
    for message, language in ((ar, "ar"), (en, "en")):
        assert f"http://127.0.0.1:8000{site_url(language, 'session', *session.address_args())}" in message.body
        assert f"http://127.0.0.1:8000{session.pdf_url('agenda', language)}" in message.body
        assert message.extra_headers["List-Unsubscribe"].startswith("<http://127.0.0.1:8000/")
    # Published again (withdrawn and republished, or a repeated signal): nobody is told twice.
    session_published.send(Session, session=session, step="agenda", user=None)
    make_due()
    assert notifications.send_due() == (0, 0)
    assert len(mail.outbox) == 2
    session_published.send(Session, session=session, step="outcomes", user=None)
    assert notifications.send_due() == (2, 0)
    outcomes = [m for m in mail.outbox if m.to == [english.email]][-1]
    assert outcomes.subject.startswith("Outcomes: ") and session.pdf_url("outcomes", "en") in outcomes.body


def test_it_emails_about_a_document_added_to_a_published_session_only(
        django_user_model, make_session, body, django_capture_on_commit_callbacks):
    subscriber(django_user_model, "amal", body, "en")
    published = make_session(number=1, body=body)
    draft = make_session(number=2, body=body, publication="draft")
    with django_capture_on_commit_callbacks(execute=True):
        Document.objects.create(session=published, title_ar="ورقة", title_en="New working paper",
                                visibility="member_states", file=ContentFile(b"%PDF", name="a.pdf"))
        Document.objects.create(session=draft, title_ar="ورقة", title_en=f"Paper {DRAFT_WORDS_EN}",
                                file=ContentFile(b"%PDF", name="b.pdf"))
    assert notifications.send_due() == (1, 0)
    assert "New working paper" in mail.outbox[0].body and DRAFT_WORDS_EN not in mail.outbox[0].body


def test_it_never_announces_what_was_withdrawn_before_sending(django_user_model, make_session, body, draft_session):
    subscriber(django_user_model, "amal", body, "en")
    session = make_session(number=5, body=body)
    session_published.send(Session, session=session, step="agenda", user=None)
    session.publication = Session.Publication.WITHDRAWN
    session.save()
    session_withdrawn.send(Session, session=session, user=None, reason="")
    # A signal for a draft (sent by mistake) queues nothing anyone can read either.
    session_published.send(Session, session=draft_session, step="agenda", user=None)
    assert notifications.send_due() == (0, 0)
    assert mail.outbox == []
    assert set(Notification.objects.values_list("status", flat=True)) == {"cancelled"}


def test_it_never_breaks_a_publication(django_user_model, make_session, body, monkeypatch):
    subscriber(django_user_model, "amal", body, "en")
    session = make_session(number=5, body=body)

    def broken(*args, **kwargs):
        raise RuntimeError("database hiccup")

    monkeypatch.setattr(notifications, "queue", broken)
    session_published.send(Session, session=session, step="agenda", user=None)  # does not raise


class RefusingBackend(EmailBackend):
    """A mail server that is down."""

    def send_messages(self, messages):
        raise ConnectionRefusedError("the mail server is down")


def test_it_retries_with_growing_pauses_and_loses_nothing(django_user_model, make_session, body, settings):
    users = [subscriber(django_user_model, f"user{i}", body, "ar") for i in range(3)]
    session = make_session(number=5, body=body)
    session_published.send(Session, session=session, step="agenda", user=None)
    settings.EMAIL_BACKEND = "tests.outputs.test_notifications.RefusingBackend"
    pauses = []
    for _ in range(6):  # an hour of a dead server, a sender run at each retry
        make_due()
        before = timezone.now()
        assert notifications.send_due() == (0, 1), "stops at the first failure: the rest wait untouched"
        failed = Notification.objects.exclude(attempts=0).order_by("-attempts").first()
        pauses.append(round((failed.next_attempt_at - before).total_seconds() / 60))
        assert "ConnectionRefusedError" in failed.last_error
    assert pauses[:5] == [1, 2, 4, 8, 15] and pauses[5] == 15
    assert Notification.objects.filter(status="pending").count() == 3
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    make_due()
    assert notifications.send_due() == (3, 0)
    assert sorted(m.to[0] for m in mail.outbox) == sorted(u.email for u in users)


def test_it_unsubscribes_from_the_email_link_without_signing_in(client, django_user_model, make_session, body):
    user = subscriber(django_user_model, "amal", body, "ar")
    session = make_session(number=5, body=body)
    session_published.send(Session, session=session, step="agenda", user=None)
    notifications.send_due()
    link = mail.outbox[0].extra_headers["List-Unsubscribe"].strip("<>").removeprefix("http://127.0.0.1:8000")
    page = client.get(link)
    assert page.status_code == 200 and "لجنة الاختبار" in page.content.decode()
    assert Subscription.objects.filter(user=user).exists(), "opening the link (a link checker) changes nothing"
    assert client.post(link).status_code == 200
    assert not Subscription.objects.filter(user=user).exists()
    assert client.post(link[:-3] + "xyz/").status_code == 404


def test_it_names_the_demo_and_an_archive_session(django_user_model, demo, archive_session):
    for record in (demo, archive_session):
        subscriber(django_user_model, f"ar{record.pk}", record.body, "ar")
        subscriber(django_user_model, f"en{record.pk}", record.body, "en")
        session_published.send(Session, session=record, step="outcomes", user=None)
    assert notifications.send_due() == (4, 0)
    subjects = {m.subject for m in mail.outbox}
    for record in (demo, archive_session):
        assert f"النتائج: {record.display_name('ar')}" in subjects
        assert f"Outcomes: {record.display_name('en')}" in subjects


# --- A real SMTP server that stops in the middle of a batch ----------------------------------


class StoppingBackend(EmailBackend):
    """Django's SMTP backend; the test stops the server just before a chosen message."""

    sent = 0
    stop_before = None
    on_stop = None

    def send_messages(self, messages):
        if StoppingBackend.sent == StoppingBackend.stop_before:
            StoppingBackend.on_stop()
        result = super().send_messages(messages)
        StoppingBackend.sent += result
        return result


def test_it_delivers_every_message_exactly_once_across_a_mail_server_outage(
        django_user_model, make_session, body, settings):
    from aiosmtpd.controller import Controller

    class Inbox:
        def __init__(self):
            self.received = []

        async def handle_DATA(self, server, session, envelope):
            self.received.append(email.message_from_bytes(envelope.content, policy=email.policy.default))
            return "250 Message accepted for delivery"

    inbox = Inbox()
    server = Controller(inbox, hostname="127.0.0.1", port=SMTP_PORT)
    server.start()
    users = [subscriber(django_user_model, f"user{i}", body, "ar" if i % 2 else "en") for i in range(6)]
    session = make_session(number=5, body=body)
    session_published.send(Session, session=session, step="agenda", user=None)
    settings.EMAIL_BACKEND = "tests.outputs.test_notifications.StoppingBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", SMTP_PORT, 5
    StoppingBackend.sent, StoppingBackend.stop_before, StoppingBackend.on_stop = 0, 3, server.stop
    try:
        assert notifications.send_due() == (3, 1)
        assert len(inbox.received) == 3
        for _ in range(3):  # the server is still down: later rounds fail, nothing is lost
            make_due()
            assert notifications.send_due() == (0, 1)
        server = Controller(inbox, hostname="127.0.0.1", port=SMTP_PORT)
        server.start()
        StoppingBackend.stop_before = None
        make_due()
        assert notifications.send_due() == (3, 0)
    finally:
        server.stop()
    recipients = [str(message["To"]) for message in inbox.received]
    assert sorted(recipients) == sorted(user.email for user in users), "each exactly once"
    assert Notification.objects.filter(status="sent").count() == 6
    arabic = next(m for m in inbox.received if str(m["To"]) == users[1].email)
    assert arabic.get_body(("html",)).get_content().count('dir="rtl"') >= 1
    assert "نُشر جدول أعمال" in arabic.get_body(("plain",)).get_content()
