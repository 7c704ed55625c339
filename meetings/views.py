"""The delegates' public pages. Drafts answer 404, withdrawn sessions 410, to all who may not see them.

Every page reads a fixed number of queries, whatever the length of its agenda,
its list of resolutions or of participants: lists are fetched with their
related rows (select_related / prefetch_related), never one row at a time.
"""

from django.contrib.auth import views as auth_views
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import F, Prefetch, Q
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language

from council.cache import cached_page
from council.models import Body, Delegate, MemberState
from council.signin import SignInForm, landing_url
from meetings import follow_up
from meetings.models import (
    AgendaItem,
    Document,
    Dossier,
    Participation,
    PublicationRecord,
    Reservation,
    Resolution,
    Session,
    label_items,
    session_order,
)
from meetings.tracking import FollowUpAction, Report, StatusUpdate
from meetings.years import YearPage

HOME_LIST_LENGTH = 10
# What an agenda item shows of its path: its outcome, the item it carries over, the items that take it up.
ITEM_PATH_RELATED = ("outcome__deferred_to__body", "outcome__referred_to", "carried_over_from__session__body")
# An item's resolutions are of its own session: label_paths() gives them the item's session, and their
# order within it is the model's (session, kind, number) without joining every session to sort by it.
# Their paths show their numbers and titles, never their texts (often pages long) nor search text.
ITEM_PATH_PREFETCH = (Prefetch("resolutions", Resolution.objects.order_by("kind", "number", "id").defer(
                          "text", "text_ar", "text_en", "search_ar", "search_en")),
                      Prefetch("carried_over_to", AgendaItem.objects.select_related("session__body")))


def label_paths(items):
    """Number the agenda items and the items their paths link to, whose addresses use the numbers (one query).

    The items' resolutions get their item's session (read with its body), which their addresses need.
    """
    label_items([*items, *(item.carried_over_from for item in items if item.carried_over_from_id),
                 *(later for item in items for later in item.carried_over_to.all())])
    for item in items:
        for resolution in item.resolutions.all():
            if resolution.session_id == item.session_id:  # always, unless the data breaks Resolution.clean()
                resolution.session = item.session


@cached_page
def home(request):
    today = timezone.localdate()
    sessions = Session.objects.visible_to(request.user).select_related("body")
    return render(request, "meetings/home.html", {
        "upcoming": sessions.upcoming(today)[:HOME_LIST_LENGTH],
        "recent": sessions.past(today)[:HOME_LIST_LENGTH],
        "bodies": Body.objects.select_related("parent"),
        "dossiers": Dossier.objects.visible_to(request.user),
    })


@cached_page
def body_detail(request, slug):
    body = get_object_or_404(Body.objects.select_related("parent"), slug=slug)
    years = YearPage(request, body.sessions.visible_to(request.user))
    sessions = years.rows.select_related("body").newest_first()
    return render(request, "meetings/body.html", {
        "body": body,
        "memberships": current_memberships(body),
        "sub_bodies": body.children.all(),
        "sessions": sessions,
        "years": years,
    })


def file_under_items(agenda, documents):
    """Give each agenda item its documents (item.item_documents); return the documents so filed."""
    by_item = {}
    for document in documents:
        if document.agenda_item_id:
            by_item.setdefault(document.agenda_item_id, []).append(document)
    filed = []

    def walk(items):
        for item in items:
            item.item_documents = by_item.get(item.pk, [])
            filed.extend(item.item_documents)
            walk(item.sub_items)
    walk(agenda)
    return filed


def detailed_sessions(user):
    """Sessions visible to the user with everything their page or report shows, in a fixed number of queries."""
    return Session.objects.visible_to(user).select_related("body", "host_state").prefetch_related(
        Prefetch("agenda_items", AgendaItem.objects.select_related(
            "reviewed_session__body", "dossier", *ITEM_PATH_RELATED).prefetch_related(*ITEM_PATH_PREFETCH)),
        Prefetch("participants", Participation.objects.select_related("member_state", "organization", "person")),
        Prefetch("resolutions", Resolution.objects.select_related("agenda_item").prefetch_related(
            Prefetch("reservations", Reservation.objects.select_related("member_state")),
            Prefetch("follow_up_actions", FollowUpAction.objects.select_related(
                "responsible_body", "due_by_next_session_of").prefetch_related("states")),
        )),
        "documents",
    )


def session_at(request, slug, number):
    """The session at its address (body, kind and number) with all its page shows; 404 unless visible.

    Its agenda is numbered, and every item it links to, so that their addresses can be built.
    """
    kind, number = number
    return detailed_session(request.user, body__slug=slug, kind=kind, number=number)


def detailed_session(user, **lookup):
    """The session found by `lookup` among those visible to the user, as session_at() gives it; 404 if none."""
    session = get_object_or_404(detailed_sessions(user), **lookup)
    session.numbered_agenda = session.agenda()
    items = {item.pk: item for item in session.agenda_items.all()}
    label_paths(list(items.values()))
    for resolution in session.resolutions.all():  # each links to its item, numbered above
        resolution.agenda_item = items.get(resolution.agenda_item_id)
    return session


@cached_page
def session_detail(request, slug, number):
    try:
        session = session_at(request, slug, number)
    except Http404:
        kind, number = number
        return withdrawn_or_404(request, Session.objects.filter(body__slug=slug, kind=kind, number=number))
    participants = list(session.participants.all())
    outcomes_visible = session.outcomes_visible_to(request.user)
    documents = session.documents.all()
    if not outcomes_visible:
        documents = [document for document in documents if not document.is_outcome]
    resolutions = list(session.resolutions.all()) if outcomes_visible else []
    attach_status_history(resolutions, request.user)
    item_documents = file_under_items(session.numbered_agenda, documents)
    return render(request, "meetings/session.html", {
        "session": session,
        "agenda": session.numbered_agenda,
        "item_documents": item_documents,
        "chair": next((p for p in participants if p.role == Participation.Role.CHAIR), None),
        "participants": participants,
        "outcomes_visible": outcomes_visible,
        "resolutions": resolutions,
        "documents": [document for document in documents if document not in item_documents],
        "may_read_restricted": Delegate.may_read_restricted(request.user),
        "reports": Report.objects.visible_to(request.user).filter(session=session).select_related("session__body"),
        "follow_up_reported": follow_up_reported_at(session, request.user) if outcomes_visible else [],
    })


def follow_up_reported_at(session, user):
    """The statuses of earlier resolutions' follow-up reported at this session, that the user may read (one query)."""
    return StatusUpdate.objects.filter(
        session=session, action__resolution__in=Resolution.objects.visible_to(user),
    ).select_related("action__resolution__session__body").order_by(
        "action__resolution__session__start_date", "action__resolution__number", "action_id")


def session_report(request, slug, number):
    """The session's report in the page's language, once it may be read: 404 until then."""
    session = session_at(request, slug, number)
    language = "en" if (get_language() or "ar").startswith("en") else "ar"
    report = get_object_or_404(Report.objects.visible_to(request.user), session=session, language=language)
    return render(request, "meetings/report.html", report_context(session, report))


def report_context(session, report):
    """What meetings/_report_body.html shows, for the page and the PDF alike; `session` as session_at() gives it."""
    participants = list(session.participants.all())
    report.session = session  # already read, with its body: the PDF link needs both
    return {
        "session": session,
        "report": report,
        "agenda": session.numbered_agenda,
        "chair": next((p for p in participants if p.role == Participation.Role.CHAIR), None),
        "participants": participants,
        "resolutions": list(session.resolutions.all()),
        "outcomes_visible": True,  # a report is readable only with its session's outcomes
        "pdf_url": report.pdf_url() if report.is_public else None,
    }


def session_by_id(request, pk, page="session"):
    """An old address, /sessions/<id>/ (or …/report/): a permanent redirect to the new one, in the same language."""
    try:
        session = get_object_or_404(Session.objects.visible_to(request.user).select_related("body"), pk=pk)
    except Http404:
        return withdrawn_or_404(request, Session.objects.filter(pk=pk))
    return redirect(f"meetings:{page}", *session.address_args(), permanent=True)


def withdrawn_or_404(request, sessions):
    """A withdrawn session tells whoever had its link that it was withdrawn (410), and nothing more of it."""
    session = sessions.filter(publication=Session.Publication.WITHDRAWN).first()
    if session is None:
        raise Http404
    withdrawal = session.publication_records.filter(action=PublicationRecord.Action.WITHDRAWN,
                                                    step=PublicationRecord.Step.AGENDA).first()
    return render(request, "meetings/withdrawn.html", {"withdrawn_on": withdrawal and withdrawal.at}, status=410)


@cached_page
def dossier_detail(request, slug):
    dossier = get_object_or_404(Dossier.objects.visible_to(request.user), slug=slug)
    # The path runs in date order, an undated session last (see session_order()).
    items = dossier.agenda_items.filter(session__in=Session.objects.visible_to(request.user))
    years = YearPage(request, items, year_field="session__year", newest_first=False)
    steps = years.rows.select_related("session__body", "parent", *ITEM_PATH_RELATED).prefetch_related(
        *ITEM_PATH_PREFETCH).order_by(*session_order(newest=False, through="session"), "order")
    steps = list(steps)
    label_paths(steps)
    return render(request, "meetings/dossier.html", {"dossier": dossier, "steps": steps, "years": years})


def attach_status_history(resolutions, user):
    """Give each follow-up action of these resolutions `.status_history`: the status updates the user may read.

    One query for all of them; an update reported at a session whose outcomes
    are not published is left out, like the rest of that session's outcomes.
    """
    actions = [action for resolution in resolutions for action in resolution.follow_up_actions.all()]
    history = {}
    updates = StatusUpdate.objects.filter(
        action__in=actions, session__in=Session.objects.outcomes_visible_to(user)).select_related("session__body")
    for update in updates:
        history.setdefault(update.action_id, []).append(update)
    today = timezone.localdate()
    closed = (StatusUpdate.Status.DONE, StatusUpdate.Status.NO_LONGER_RELEVANT)
    for action in actions:
        action.status_history = history.get(action.pk, [])
        action.status = action.status_history[-1].status if action.status_history else ""
        action.is_overdue = action.status == StatusUpdate.Status.OVERDUE or bool(
            action.due_date and action.due_date < today and action.status not in closed)


@cached_page
def follow_up_board(request):
    """The published follow-up board: open resolutions and overdue actions, filterable, on a date."""
    filters = follow_up.BoardFilters(request.GET or None)
    chosen = filters.cleaned_data if filters.is_valid() else {}
    on = chosen.get("on") or timezone.localdate()
    resolutions = follow_up.board(request.user, **{**chosen, "on": on})
    page = Paginator(resolutions, follow_up.PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "meetings/follow_up.html", {
        "filters": filters,
        "on": on,
        "page": page,
        "overdue_count": follow_up.overdue_count(request.user, resolutions, **{**chosen, "on": on}),
        "query": follow_up.query_without_page(request.GET),
    })


@cached_page
def member_state_detail(request, iso_code):
    state = get_object_or_404(MemberState, iso_code__iexact=iso_code)
    memberships = state.memberships.select_related("body").order_by("body__order", "start_date")
    # A subquery rather than a join: no DISTINCT over thousands of sessions.
    attended = Session.objects.visible_to(request.user).filter(
        pk__in=Participation.objects.filter(member_state=state).values("session_id"))
    years = YearPage(request, attended)
    sessions = years.rows.select_related("body").newest_first()
    concerns = follow_up.board(request.user, state=state)
    return render(request, "council/member_state.html", {
        "state": state,
        "follow_up": concerns[:follow_up.MEMBER_STATE_LIST_LENGTH],
        "follow_up_count": concerns.count(),
        "memberships": memberships,
        "sessions": sessions,
        "years": years,
    })


def document_download(request, pk):
    """Stream a document's file to whoever may read it; the file store itself is never public."""
    document = get_object_or_404(Document.objects.visible_to(request.user), pk=pk)
    if document.visibility == Document.Visibility.MEMBER_STATES and not Delegate.may_read_restricted(request.user):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path(), reverse("meetings:login"))
        # The document's existence is public on the session page; only its content is refused.
        raise PermissionDenied
    try:
        handle = document.file.open("rb")
    except (FileNotFoundError, ValueError) as error:
        raise Http404("The file of this document is missing.") from error
    response = FileResponse(handle, as_attachment=True, filename=document.file.name.rsplit("/", 1)[-1])
    if document.visibility != Document.Visibility.PUBLIC:
        response["Cache-Control"] = "private, no-store"
    return response


class LoginView(auth_views.LoginView):
    template_name = "meetings/login.html"
    authentication_form = SignInForm
    redirect_authenticated_user = True

    def get_default_redirect_url(self):
        # With no `next`, a real page: the admin for staff, the home page for delegates.
        return landing_url(self.request.user)


class LogoutView(auth_views.LogoutView):
    next_page = "meetings:home"


def current_memberships(body):
    """The body's seats held today: member states in protocol order, then organizations."""
    today = timezone.localdate()
    started = Q(start_date__isnull=True) | Q(start_date__lte=today)
    current = started & (Q(end_date__isnull=True) | Q(end_date__gte=today))
    return body.memberships.filter(current).select_related("member_state", "member_body").order_by(
        F("member_state__protocol_order").asc(nulls_last=True), "member_body__order")
