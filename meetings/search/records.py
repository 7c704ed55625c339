"""What is searched: the kinds of record, the filters, and which records a user may find.

Which records a user may find is each model's own `objects.visible_to(user)`, the
one definition the pages use too; the PostgreSQL backend compiles the same querysets.
"""

from dataclasses import dataclass

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from meetings.models import AgendaItem, Document, Participation, Resolution, Session


@dataclass(frozen=True)
class Kind:
    key: str
    model: type
    label: str
    select_related: tuple


KINDS = (
    Kind("sessions", Session, _("Sessions"), ("body",)),
    Kind("items", AgendaItem, _("Agenda items"), ("session__body",)),
    Kind("resolutions", Resolution, _("Resolutions"), ("session__body", "agenda_item")),
    Kind("documents", Document, _("Documents"), ("session__body",)),
)
KINDS_BY_KEY = {kind.key: kind for kind in KINDS}


@dataclass
class Filters:
    body: object = None
    member_state: object = None
    year_from: int = None
    year_to: int = None
    kind: str = ""


def visible_sessions(user, filters):
    """The sessions this user may see, narrowed by the filters (unordered: only their ids are used)."""
    sessions = Session.objects.visible_to(user).order_by()
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


def visible_records(kind, user):
    """The records of a kind this user may find (unordered)."""
    return kind.model.objects.visible_to(user).order_by()


def session_column(kind):
    """The column that holds a record's session: its own id for a session."""
    return "id" if kind.model is Session else "session_id"


def found_records(kind, user, session_ids=None):
    """The records of a kind this user may find; with filters, only on `session_ids` (see search())."""
    records = visible_records(kind, user)
    if session_ids is not None:
        records = records.filter(**{f"{session_column(kind)}__in": session_ids})
    return records


# Ranking reads every candidate's vector: a word found in half the archive would
# be ranked over 200,000 rows. Only the first this many matches of a kind (in
# the order the database stores them) are ranked; past it, the page says there
# are more and suggests narrowing the search.
CANDIDATES = 500
