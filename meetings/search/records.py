"""What is searched: the kinds of record, the filters, and which records anyone may find."""

from dataclasses import dataclass

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from meetings.models import AgendaItem, Document, Participation, Resolution, Session


@dataclass(frozen=True)
class Kind:
    key: str
    model: type
    session_path: str  # how to reach the session from a record: "" for a session itself
    label: str
    select_related: tuple

    def session_lookup(self, lookup):
        return f"{self.session_path}__{lookup}" if self.session_path else lookup


KINDS = (
    Kind("sessions", Session, "", _("Sessions"), ("body",)),
    Kind("items", AgendaItem, "session", _("Agenda items"), ("session__body",)),
    Kind("resolutions", Resolution, "session", _("Resolutions"), ("session__body", "agenda_item")),
    Kind("documents", Document, "session", _("Documents"), ("session__body",)),
)
KINDS_BY_KEY = {kind.key: kind for kind in KINDS}


@dataclass
class Filters:
    body: object = None
    member_state: object = None
    year_from: int = None
    year_to: int = None
    kind: str = ""


def public_sessions(filters):
    """The published sessions, narrowed by the filters (unordered: only their ids are used)."""
    sessions = Session.objects.published().order_by()
    if filters.body:
        sessions = sessions.filter(body=filters.body)
    if filters.year_from:
        sessions = sessions.filter(year__gte=filters.year_from)
    if filters.year_to:
        sessions = sessions.filter(year__lte=filters.year_to)
    if filters.member_state:
        # A member state's sessions: those it hosted or took part in. A subquery, not a join,
        # so that PostgreSQL hashes the few thousand participations once.
        sessions = sessions.filter(Q(host_state=filters.member_state) | Q(pk__in=Participation.objects.filter(
            member_state=filters.member_state).values("session_id")))
    return sessions


def outcomes_condition(kind):
    """Resolutions and outcome documents are found only once their session's outcomes are published.

    The same rule as `Resolution.objects.visible_to` and `Document.objects.visible_to` for
    someone who may not see unpublished outcomes; `postgres.OUTCOMES_SQL` spells it in SQL.
    """
    published = Q(session__outcomes_published_at__isnull=False)
    if kind.model is Resolution:
        return published
    if kind.model is Document:
        return (Q(resolution__isnull=True) & ~Q(type__in=Document.OUTCOME_TYPES)) | published
    return Q()


def public_records(kind, session_ids=None):
    """The records of a kind that anyone may find: on published sessions only, outcomes once published.

    With filters, `session_ids` lists the published sessions that pass them (see search()).
    """
    session_id = "pk" if not kind.session_path else f"{kind.session_path}_id"
    if session_ids is not None:
        return kind.model.objects.filter(outcomes_condition(kind), **{f"{session_id}__in": session_ids})
    return kind.model.objects.filter(outcomes_condition(kind),
                                     **{kind.session_lookup("publication"): Session.Publication.PUBLISHED})


# Ranking reads every candidate's vector: a word found in half the archive would
# be ranked over 200,000 rows. Only the first this many matches of a kind (in
# the order the database stores them) are ranked; past it, the page says there
# are more and suggests narrowing the search.
CANDIDATES = 500
