"""Workflows that span several models."""

from django.db import transaction

from meetings.models import AgendaItem, Session
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
