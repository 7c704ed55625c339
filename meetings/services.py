"""Workflows that span several models: preparing the next session; publishing a session in two checked steps.

The League circulates a session's agenda before it meets and its outcomes after,
so each is published on its own:

- the **agenda** step: date, venue, agenda, the items' documents (`Session.publication`,
  `published_at`);
- the **outcomes** step: resolutions, reservations, outcome documents
  (`Session.outcomes_published_at`), once the agenda is out.

`check()` lists what is missing, and changes nothing. `publish()` checks again under
a lock and refuses while anything blocks; missing English titles are only listed, and
pass once the publisher accepts them. Every publication and withdrawal is recorded
(`PublicationRecord`: who, when, which step, the reason for a withdrawal), written
to the admin's log as the admin's own changes are, and announced to listeners
(`meetings.signals`) once committed.
"""

from dataclasses import dataclass

from django.contrib.admin.models import CHANGE, LogEntry
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from modeltranslation.translator import translator

from meetings.models import AgendaItem, PublicationRecord, Session
from meetings.signals import session_published, session_withdrawn
from meetings.tracking import Outcome

Standing = AgendaItem.Standing

# The wording used when the session prepared from has no such item of its own: a council or
# executive office holds sessions (دورة, feminine), a committee meetings (اجتماع, masculine).
STANDING_TITLES = {
    Standing.OPENING: ("افتتاح الدورة", "Opening of the session"),
    Standing.ADOPTION: ("إقرار جدول الأعمال", "Adoption of the agenda"),
    Standing.FOLLOW_UP: ("متابعة تنفيذ قرارات الدورة السابقة",
                         "Follow-up of the implementation of the previous session's resolutions"),
    Standing.NEXT_SESSION: ("موعد الدورة القادمة ومكان انعقادها", "Date and venue of the next session"),
    Standing.OTHER_BUSINESS: ("ما يستجد من أعمال", "Any other business"),
}
STANDING_TITLES_MEETING = {
    **STANDING_TITLES,
    Standing.OPENING: ("افتتاح الاجتماع", "Opening of the meeting"),
    Standing.FOLLOW_UP: ("متابعة تنفيذ قرارات الاجتماع السابق",
                         "Follow-up of the implementation of the previous meeting's decisions"),
    Standing.NEXT_SESSION: ("موعد الاجتماع القادم ومكان انعقاده", "Date and venue of the next meeting"),
}
# Carried-over items go after the follow-up and before the closing standing items.
BEFORE_CARRIED = [Standing.OPENING, Standing.ADOPTION, Standing.FOLLOW_UP]
AFTER_CARRIED = [Standing.NEXT_SESSION, Standing.OTHER_BUSINESS]


class NextSessionExists(Exception):
    def __init__(self, session):
        super().__init__(str(session))
        self.session = session


@transaction.atomic
def prepare_next_session(previous):
    """Create the session numbered after `previous`, as a draft, with its agenda started.

    The agenda holds the standing items (worded as in `previous`, or by default),
    then the items of `previous` marked "carried over" (a main item with its sub-items)
    and those an outcome deferred or referred to the new session, each linked to
    the item it carries over; the follow-up item reviews `previous`. Raises NextSessionExists if that
    number is taken.
    """
    existing = Session.objects.filter(body=previous.body, kind=previous.kind, number=previous.number + 1).first()
    if existing:
        raise NextSessionExists(existing)
    session = Session.objects.create(
        body=previous.body, kind=previous.kind, number=previous.number + 1, mode=previous.mode,
        status=Session.Status.SCHEDULED, publication=Session.Publication.DRAFT,
    )
    items = list(previous.agenda_items.all())
    worded = {item.standing: item for item in items if item.standing}
    order = 0

    def add(**fields):
        nonlocal order
        order += 1
        return AgendaItem.objects.create(session=session, order=order, **fields)

    def add_standing(standing):
        source = worded.get(standing)
        defaults = STANDING_TITLES if previous.body.holds_sessions else STANDING_TITLES_MEETING
        title_ar, title_en = (source.title_ar, source.title_en) if source else defaults[standing]
        add(standing=standing, title_ar=title_ar, title_en=title_en, kind=source.kind if source else "",
            reviewed_session=previous if standing == Standing.FOLLOW_UP else None)

    for standing in BEFORE_CARRIED:
        add_standing(standing)
    copies = {}

    def carry(item, parent=None):
        copies[item.pk] = add(
            parent=parent, title_ar=item.title_ar, title_en=item.title_en,
            description_ar=item.description_ar, description_en=item.description_en,
            kind=item.kind, dossier_id=item.dossier_id, carried_over_from=item,
        )

    for item in items:  # in agenda order, so a main item is copied before its sub-items
        # A carried-over main item brings its sub-items; a sub-item carried alone becomes a main item.
        if (item.carried_over or item.parent_id in copies) and not item.standing:
            carry(item, copies.get(item.parent_id))
    # Items another session's outcome deferred or referred to this one (see meetings.tracking).
    for outcome in Outcome.objects.awaiting(session):
        if outcome.agenda_item_id not in copies:
            carry(outcome.agenda_item)
    for standing in AFTER_CARRIED:
        add_standing(standing)
    return session


# --- Publication -------------------------------------------------------------

AGENDA, OUTCOMES = PublicationRecord.Step.AGENDA, PublicationRecord.Step.OUTCOMES


@dataclass(frozen=True)
class Problem:
    """Something missing before a step can be published. A blocking one refuses the publication."""

    message: str
    blocking: bool = True


class PublicationRefused(Exception):
    def __init__(self, problems):
        super().__init__("; ".join(problem.message for problem in problems))
        self.problems = problems


def translated_fields(model):
    return translator.get_options_for_model(model).all_fields.keys()


def arabic_problems(obj, what):
    """Each translated field with English but no Arabic, and each required one with no Arabic at all."""
    problems = []
    for name in translated_fields(type(obj)):
        field = obj._meta.get_field(name)
        arabic, english = getattr(obj, f"{name}_ar"), getattr(obj, f"{name}_en")
        if not arabic and (english or not field.blank):
            problems.append(Problem(_("%(what)s: the Arabic of “%(field)s” is missing.") % {
                "what": what, "field": field.verbose_name}))
    return problems


def item_name(item):
    return _("agenda item %(label)s “%(title)s”") % {"label": item.label, "title": item.title_ar or item.title_en}


def document_problems(documents):
    problems = []
    for document in documents:
        what = _("document “%(title)s”") % {"title": document.title_ar or document.title_en}
        problems += arabic_problems(document, what)
        if not document.file or not document.file.storage.exists(document.file.name):
            problems.append(Problem(_("%(what)s: its file is missing.") % {"what": what}))
    return problems


def check(session, step):
    """What stands in the way of publishing this step, in the active language; changes nothing."""
    problems = arabic_problems(session, _("the session"))
    if step == AGENDA:
        items = [item for top in session.agenda() for item in (top, *top.sub_items)]
        if not items:
            problems.append(Problem(_("The agenda is empty.")))
        for item in items:
            problems += arabic_problems(item, item_name(item))
        for participant in session.participants.select_related("member_state", "organization", "person"):
            problems += arabic_problems(participant, _("participant “%(name)s”") % {"name": participant})
        problems += document_problems(d for d in session.documents.all() if not d.is_outcome)
        problems += [Problem(_("%(what)s has no English title.") % {"what": item_name(item)}, blocking=False)
                     for item in items if not item.title_en]
    else:
        if not session.is_public:
            problems.append(Problem(_("The agenda must be published before the outcomes.")))
        resolutions = list(session.resolutions.prefetch_related("reservations__member_state"))
        if not resolutions:
            problems.append(Problem(_("The outcomes have no resolution.")))
        for resolution in resolutions:
            what = _("resolution “%(title)s”") % {"title": resolution.title_ar or resolution.title_en}
            problems += arabic_problems(resolution, what)
            for reservation in resolution.reservations.all():
                problems += arabic_problems(reservation, _("the reservation of %(state)s on %(what)s") % {
                    "state": reservation.member_state, "what": what})
        problems += document_problems(d for d in session.documents.select_related("resolution") if d.is_outcome)
        problems += [Problem(_("resolution “%(title)s” has no English title.") % {"title": r.title_ar},
                             blocking=False) for r in resolutions if not r.title_en]
    return problems


def may_publish(user):
    return user.has_perm("meetings.publish_session")


def log(user, session, fields):
    """Write to the admin's log as ModelAdmin.log_change does: the changed fields' names, untranslated."""
    with translation_off():
        names = [str(Session._meta.get_field(name).verbose_name) for name in fields]
    LogEntry.objects.log_actions(user.pk, [session], CHANGE, change_message=[{"changed": {"fields": names}}],
                                 single_object=True)


def translation_off():
    from django.utils.translation import override

    return override(None)


def publish(session, step, user, accept_missing_english=False):
    """Publish a step of the session; raise PublicationRefused if anything blocks it."""
    if not may_publish(user):
        raise PermissionDenied
    with transaction.atomic():
        session = Session.objects.select_for_update().select_related("body").get(pk=session.pk)
        problems = check(session, step)
        if any(p.blocking for p in problems) or (problems and not accept_missing_english):
            raise PublicationRefused(problems)
        now = timezone.now()
        if step == AGENDA:
            session.publication, session.published_at = Session.Publication.PUBLISHED, now
            fields = ["publication", "published_at"]
        else:
            session.outcomes_published_at = now
            fields = ["outcomes_published_at"]
        session.save(update_fields=[*fields, "updated_at"])
        record = PublicationRecord.objects.create(session=session, step=step, action=PublicationRecord.Action.PUBLISHED,
                                                  user=user, at=now)
        log(user, session, fields)
        transaction.on_commit(lambda: session_published.send(sender=Session, session=session, step=step, user=user))
    return record


def withdraw(session, step, user, reason):
    """Withdraw the agenda (the whole session) or only the outcomes, for a reason the record keeps."""
    if not may_publish(user):
        raise PermissionDenied
    reason = (reason or "").strip()
    if not reason:
        raise PublicationRefused([Problem(_("Give the reason for the withdrawal."))])
    with transaction.atomic():
        session = Session.objects.select_for_update().get(pk=session.pk)
        if step == AGENDA:
            if session.publication != Session.Publication.PUBLISHED:
                raise PublicationRefused([Problem(_("The agenda is not published."))])
            # The whole session goes, outcomes included: publishing it again takes both steps again.
            session.publication, session.outcomes_published_at = Session.Publication.WITHDRAWN, None
            fields = ["publication", "outcomes_published_at"]
        else:
            if session.outcomes_published_at is None:
                raise PublicationRefused([Problem(_("The outcomes are not published."))])
            session.outcomes_published_at = None
            fields = ["outcomes_published_at"]
        session.save(update_fields=[*fields, "updated_at"])
        record = PublicationRecord.objects.create(session=session, step=step, action=PublicationRecord.Action.WITHDRAWN,
                                                  user=user, at=timezone.now(), reason=reason)
        log(user, session, fields)
        transaction.on_commit(lambda: session_withdrawn.send(sender=Session, session=session, step=step, user=user,
                                                             reason=reason))
    return record
