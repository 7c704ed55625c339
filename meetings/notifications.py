"""Emails to subscribers when a body publishes an agenda, outcomes or a document.

Publishing only writes rows in the outbox (Notification); `manage.py
send_notifications` sends them later. So a slow or broken mail server never
holds up or undoes a publication, and nothing is lost while it is down: a
failed send is tried again with growing pauses, for about two days.

Exactly once: a (recipient, event) pair is unique in the outbox, a row is
claimed before it is sent (so two senders never send the same row), and it is
marked sent as soon as the server accepted it.
"""

import datetime
import logging

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.core import signing
from django.core.mail import EmailMultiAlternatives, get_connection
from django.db import transaction
from django.db.models import F
from django.db.models.signals import post_save
from django.dispatch import receiver
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from meetings.models import Document, Notification, Subscription
from meetings.signals import session_published

log = logging.getLogger(__name__)

UNSUBSCRIBE_SALT = "meetings.unsubscribe"
# A claimed row is left alone this long; if its sender died, another takes it up after that.
LEASE = datetime.timedelta(minutes=10)
MAX_ATTEMPTS = 200  # with pauses of at most 15 minutes: about two days of trying


def backoff(attempts):
    """The pause after a failed attempt: 1, 2, 4, 8 minutes, then every 15 minutes."""
    return datetime.timedelta(minutes=min(2 ** (attempts - 1), 15))


# --- Queueing: called when something is published --------------------------------


def event_key(kind, session, document=None):
    return f"document:{document.pk}" if document else f"session:{session.calendar_uid}:{kind}"


def queue(kind, session, document=None):
    """Put one email per subscriber of the session's body in the outbox. Returns how many were new."""
    subscriptions = Subscription.objects.filter(body_id=session.body_id, user__is_active=True).exclude(
        user__email="").select_related("user")
    now = timezone.now()
    rows = [Notification(recipient=subscription.user, event=event_key(kind, session, document), kind=kind,
                         session=session, document=document, language=subscription.language, next_attempt_at=now)
            for subscription in subscriptions]
    before = Notification.objects.filter(event=event_key(kind, session, document)).count()
    # A repeated publication finds the rows already there: nobody is told twice.
    Notification.objects.bulk_create(rows, ignore_conflicts=True)
    return Notification.objects.filter(event=event_key(kind, session, document)).count() - before


@receiver(session_published, dispatch_uid="meetings.notifications.on_session_published")
def on_session_published(sender, session, step, **kwargs):
    """Queue emails for a published agenda or outcomes; a failure here never reaches the publisher."""
    try:
        queue(step, session)
    except Exception:
        log.exception("Could not queue the notifications of %s (%s)", session.pk, step)


@receiver(post_save, sender=Document, dispatch_uid="meetings.notifications.on_document_saved")
def on_document_saved(sender, instance, created, raw=False, **kwargs):
    if created and not raw:
        pk = instance.pk
        transaction.on_commit(lambda: queue_document(pk))


def queue_document(pk):
    """Queue emails for a new document, if anyone may already see it listed (its session is published)."""
    try:
        document = Document.objects.visible_to(AnonymousUser()).select_related("session").filter(pk=pk).first()
        if document is not None:
            queue(Notification.Kind.DOCUMENT, document.session, document)
    except Exception:
        log.exception("Could not queue the notifications of document %s", pk)


# --- Sending: the management command's work ----------------------------------------


def still_public(notification):
    """True if what the email tells is still published: a withdrawn session is never announced."""
    anonymous = AnonymousUser()
    if notification.kind == Notification.Kind.OUTCOMES:
        return notification.session.outcomes_visible_to(anonymous)
    if notification.kind == Notification.Kind.DOCUMENT:
        return Document.objects.visible_to(anonymous).filter(pk=notification.document_id).exists()
    return notification.session.is_visible_to(anonymous)


def claim(pk, now):
    """Take a due row for this sender (one UPDATE, so two senders cannot both take it)."""
    return Notification.objects.filter(pk=pk, status=Notification.Status.PENDING, next_attempt_at__lte=now).update(
        next_attempt_at=now + LEASE, attempts=F("attempts") + 1) == 1


def send_due(batch=100):
    """Send the due emails, oldest first; stop at the first failure (the server is likely down).

    Returns (sent, failed).
    """
    now = timezone.now()
    due = list(Notification.objects.filter(status=Notification.Status.PENDING, next_attempt_at__lte=now)
               .order_by("next_attempt_at", "id").values_list("pk", flat=True)[:batch])
    sent = failed = 0
    connection = get_connection()
    try:
        for pk in due:
            if not claim(pk, now):
                continue
            notification = Notification.objects.select_related("recipient", "session__body", "document").get(pk=pk)
            if not still_public(notification):
                notification.status = Notification.Status.CANCELLED
                notification.save(update_fields=["status"])
                continue
            try:
                build_message(notification, connection).send()
            except Exception as error:  # whatever the mail server or the network did
                record_failure(notification, error)
                failed += 1
                break
            notification.status = Notification.Status.SENT
            notification.sent_at = timezone.now()
            notification.last_error = ""
            notification.save(update_fields=["status", "sent_at", "last_error"])
            sent += 1
    finally:
        try:
            connection.close()
        except Exception:  # closing a connection to a server that went away
            pass
    return sent, failed


def record_failure(notification, error):
    notification.last_error = f"{type(error).__name__}: {error}"[:2000]
    notification.next_attempt_at = timezone.now() + backoff(notification.attempts)
    if notification.attempts >= MAX_ATTEMPTS:
        notification.status = Notification.Status.FAILED
    notification.save(update_fields=["last_error", "next_attempt_at", "status"])
    log.warning("Notification %s not sent (attempt %s): %s", notification.pk, notification.attempts, error)


# --- The email itself ------------------------------------------------------------


def absolute(path):
    return settings.SITE_URL.rstrip("/") + path


def unsubscribe_token(user_id, body_id):
    return signing.dumps([user_id, body_id], salt=UNSUBSCRIBE_SALT)


def read_unsubscribe_token(token):
    """(user_id, body_id), or None if the token was not made by us."""
    try:
        user_id, body_id = signing.loads(token, salt=UNSUBSCRIBE_SALT)
    except (signing.BadSignature, ValueError, TypeError):
        return None
    return user_id, body_id


def name_in_sentence(session, language):
    """The session's name where a word before it governs it («جدول أعمال الدورة … الثامنة والأربعين»)."""
    try:
        return session.display_name(language, case="genitive")
    except TypeError:  # names without cases (before issue 7): the plain name
        return session.display_name(language)


def build_message(notification, connection=None):
    session, language = notification.session, notification.language
    with translation.override(language):
        unsubscribe = absolute(reverse("meetings:unsubscribe",
                                       args=[unsubscribe_token(notification.recipient_id, session.body_id)]))
        pdf_kind = "outcomes" if notification.kind == Notification.Kind.OUTCOMES else "agenda"
        document = notification.document
        document_title = (getattr(document, f"title_{language}") or document.title_ar) if document else ""
        context = {
            "notification": notification,
            "language": language,
            "rtl": language == "ar",
            "name": session.display_name(language),
            "name_in_sentence": name_in_sentence(session, language),
            "session_url": absolute(session.get_absolute_url()),
            "pdf_url": absolute(session.pdf_url(pdf_kind, language)),
            "document_title": document_title,
            "document_url": absolute(reverse("meetings:document", args=[document.pk])) if document else "",
            "unsubscribe_url": unsubscribe,
            "body_name": getattr(session.body, f"name_{language}") or session.body.name_ar,
            "council": _("Arab Telecommunication and Information Council of Ministers"),
        }
        subject = {
            Notification.Kind.AGENDA: _("Agenda: %(session)s"),
            Notification.Kind.OUTCOMES: _("Outcomes: %(session)s"),
            Notification.Kind.DOCUMENT: _("%(document)s — %(session)s"),
        }[notification.kind] % {"session": context["name"], "document": document_title}
        text = render_to_string("meetings/email/notification.txt", context)
        html = render_to_string("meetings/email/notification.html", context)
    message = EmailMultiAlternatives(subject, text, to=[notification.recipient.email], connection=connection,
                                     headers={
                                         "List-Unsubscribe": f"<{unsubscribe}>",
                                         "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
                                         "Content-Language": language,
                                     })
    message.attach_alternative(html, "text/html")
    return message
