"""The follow-up board: resolutions still open and actions overdue, as they stood on a date.

One function builds the board for the public page and for the secretariat's
admin page; who sees what follows `Resolution.objects.visible_to()` and the
sessions whose outcomes the reader may read (status updates included).
"""

from django import forms
from django.db.models import F, Prefetch, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from council.models import Body, MemberState
from meetings.models import Resolution
from meetings.tracking import FollowUpAction

PAGE_SIZE = 25
MEMBER_STATE_LIST_LENGTH = 10


class BoardFilters(forms.Form):
    body = forms.ModelChoiceField(Body.objects.all(), to_field_name="slug", required=False, label=_("Body"),
                                  empty_label=_("All bodies"))
    state = forms.ModelChoiceField(MemberState.objects.all(), to_field_name="iso_code", required=False,
                                   label=_("Member state"), empty_label=_("All member states"))
    year = forms.IntegerField(required=False, min_value=1900, max_value=2200, label=_("Year adopted"))
    on = forms.DateField(required=False, label=_("As it stood on"), help_text=_("Empty: today."),
                         widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
                         input_formats=["%Y-%m-%d"])
    overdue = forms.BooleanField(required=False, label=_("Only resolutions with overdue actions"))

    def __init__(self, data=None, **kwargs):
        # Addresses carry the code in lower case, as on the member-state pages.
        if data is not None and data.get("state"):
            data = data.copy()
            data["state"] = data["state"].upper()
        super().__init__(data, **kwargs)


def board(user, on=None, body=None, state=None, year=None, overdue=False):
    """Resolutions with at least one open action on `on`, newest session first, each with its actions.

    Each resolution's `board_actions` lists all its actions annotated as in
    `FollowUpActionQuerySet.with_status`. A fixed number of queries, whatever
    the number of resolutions.
    """
    on = on or timezone.localdate()
    actions = FollowUpAction.objects.with_status(user, on)
    wanted = FollowUpAction.objects.overdue_on(user, on) if overdue else FollowUpAction.objects.open_on(user, on)
    if state:
        wanted = wanted.filter(FollowUpAction.concerning_q(state))
    # The body and year narrow the actions too, so that the database starts from their sessions (indexed).
    if body:
        wanted = wanted.filter(resolution__session__body=body)
    if year:
        wanted = wanted.filter(resolution__session__year=year)
    resolutions = adopted_by(user, on, body, year).filter(pk__in=wanted.values("resolution_id"))
    return resolutions.select_related("session__body").order_by(
        F("session__start_date").desc(nulls_first=True), "session__body__order", "session__number", "kind",
        "number", "pk",
    ).prefetch_related(Prefetch(
        "follow_up_actions",
        actions.select_related("responsible_body", "due_by_next_session_of").prefetch_related("states"),
        to_attr="board_actions",
    ))


def adopted_by(user, on, body=None, year=None):
    """The resolutions the user may read that were adopted by `on`, by this body and in this year if given."""
    resolutions = Resolution.objects.visible_to(user).filter(
        Q(session__start_date__lte=on) | Q(session__start_date__isnull=True, session__year__lte=on.year))
    if body:
        resolutions = resolutions.filter(session__body=body)
    if year:
        resolutions = resolutions.filter(session__year=year)
    return resolutions


def overdue_count(user, resolutions, on, state=None, body=None, year=None, overdue=False):
    """How many actions of the board's resolutions (board() with these filters) were overdue on `on` (one query).

    An overdue action is open, so its resolution is on the board unless a member state is chosen (the
    board then holds the resolutions with an open action concerning that state): only then is the
    board itself read again.
    """
    overdue = FollowUpAction.objects.overdue_on(user, on)
    if state:
        return overdue.filter(resolution__in=resolutions.values("pk")).count()
    return overdue.filter(resolution__in=adopted_by(user, on, body, year)).count()


def query_without_page(params):
    """The board's filters as a query string ending in "&" (or empty), for the page links."""
    params = params.copy()
    params.pop("page", None)
    encoded = params.urlencode()
    return f"{encoded}&" if encoded else ""
