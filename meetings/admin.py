"""The secretariat's admin for sessions, agendas, resolutions, documents and dossiers."""

from urllib.parse import urlencode

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.views.autocomplete import AutocompleteJsonView
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationStackedInline

from council.admin import (
    BilingualFieldsMixin,
    BilingualTabularInline,
    CachedChoicesMixin,
    CompactRelatedMixin,
    CouncilAdmin,
    SafeAutocompleteMixin,
    SafeAutocompleteSelect,
    SharedOptionsSelect,
    sends_an_empty_row,
)
from council.admin_history import HistoryAdminMixin
from council.models import MemberState
from council.stale import NoTruncationMixin, StaleSaveGuardMixin
from meetings import follow_up, reports
from meetings.admin_publication import PublicationAdminMixin
from meetings.forms import AgendaFormSet, AgendaItemRowForm, ResolutionWithReservationsForm
from meetings.models import AgendaItem, Document, Dossier, Participation, Reservation, Resolution, Session
from meetings.services import NextSessionExists, prepare_next_session
from meetings.tracking import FollowUpAction, Outcome, Report, StatusUpdate


class AgendaItemInline(BilingualTabularInline):
    """The agenda as one list: drag a row or use its buttons to move it (its sub-items follow),
    tick "sub-item" to put it under the main item above; everything is saved at once."""

    model = AgendaItem
    fk_name = "session"
    form = AgendaItemRowForm
    formset = AgendaFormSet
    fields = ("order", "sub_item", "number", "title", "kind", "reviewed_session", "dossier", "carried_over")
    autocomplete_fields = ("reviewed_session", "dossier")
    show_change_link = True
    extra = 0

    class Media:
        js = ["js/agenda.js"]


class ParticipationInline(BilingualTabularInline):
    model = Participation
    fields = ("member_state", "organization", "person", "role", "position", "attendance")
    # 22 states and a few organizations: a plain list, fetched once for all rows.
    cached_choice_fields = ("member_state", "organization")
    autocomplete_fields = ("person",)
    extra = 0

    def get_queryset(self, request):
        # Each row's heading names the participant and whom they represent.
        return super().get_queryset(request).select_related("member_state", "organization", "person")


def session_on_page(request):
    """The id of the session whose change page this request is for, or None on the add page."""
    match = request.resolver_match
    return match.kwargs.get("object_id") if match and match.url_name == "meetings_session_change" else None


def agenda_choices(session_id):
    """The agenda of one session as choices, each item with its printed number: «3.1 — …»."""
    if not session_id:
        return [("", "---------")]
    session = Session.objects.filter(pk=session_id).first()
    choices = [("", "---------")]

    def walk(items):
        for item in items:
            choices.append((item.pk, f"{item.label} — {item}"))
            walk(item.sub_items)
    if session:
        walk(session.agenda())
    return choices


class SessionAgendaChoicesMixin:
    """A row's agenda item is chosen among the agenda of the session on the page, read once per page
    and sent once per inline (SharedOptionsSelect)."""

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name in ("agenda_item", "resolution") and sends_an_empty_row(self, request):
            kwargs.setdefault("widget", SharedOptionsSelect)
        field = super().formfield_for_foreignkey(db_field, request, **kwargs)
        if db_field.name == "agenda_item":
            cache = request.__dict__.setdefault("_agenda_choices", {})
            session_id = session_on_page(request)
            if session_id not in cache:
                cache[session_id] = agenda_choices(session_id)
            field.queryset = AgendaItem.objects.filter(session_id=session_id)
            field.choices = cache[session_id]
        if db_field.name == "resolution":
            field.queryset = Resolution.objects.filter(session_id=session_on_page(request))
            field.choices = list(iter(field.choices))  # iter(): no COUNT query first
        return field


class BilingualStackedInline(NoTruncationMixin, SafeAutocompleteMixin, CachedChoicesMixin, CompactRelatedMixin,
                             BilingualFieldsMixin, TranslationStackedInline):
    pass


class ResolutionInline(SessionAgendaChoicesMixin, BilingualStackedInline):
    """Resolutions with the member states' reservations on them, entered on the session's page."""

    model = Resolution
    form = ResolutionWithReservationsForm
    fieldsets = [
        (None, {"fields": [("kind", "number", "number_display", "status", "adopted_on"), "agenda_item",
                           "title", "text"]}),
        (_("Reservations"), {"fields": [
            (f"reservation_{slot}_state", f"reservation_{slot}_text_ar", f"reservation_{slot}_text_en")
            for slot in range(1, ResolutionWithReservationsForm.SLOTS + 1)]}),
    ]
    show_change_link = True
    extra = 0

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("reservations")

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        # The member states, once for every slot of every row.
        states = [(state.pk, str(state)) for state in MemberState.objects.order_by("protocol_order")]
        widget = SharedOptionsSelect if sends_an_empty_row(self, request) else None
        formset.form = type(formset.form.__name__, (formset.form,), {"state_choices": states, "state_widget": widget})
        return formset


class OutcomeInline(BilingualTabularInline):
    """Each agenda item's outcome, entered on the session once the agenda is saved."""

    model = Outcome
    fk_name = "session"
    fields = ("agenda_item", "decision", "deferred_to", "referred_to", "summary")
    autocomplete_fields = ("deferred_to",)
    cached_choice_fields = ("agenda_item", "referred_to")
    extra = 0

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        # The item is chosen among this session's items only.
        if db_field.name == "agenda_item":
            session_id = request.resolver_match.kwargs.get("object_id")
            kwargs["queryset"] = AgendaItem.objects.filter(session_id=session_id)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


class StatusUpdateInline(BilingualTabularInline):
    """Statuses of earlier resolutions' follow-up, as reported at this session."""

    model = StatusUpdate
    fk_name = "session"
    fields = ("action", "status", "note")
    autocomplete_fields = ("action",)
    verbose_name = _("follow-up status reported at this session")
    verbose_name_plural = _("follow-up statuses reported at this session")
    extra = 0

    def get_queryset(self, request):
        # Each row's heading names the status and its session («تم — الدورة …»).
        return super().get_queryset(request).select_related("session__body")


class DocumentInline(SessionAgendaChoicesMixin, BilingualTabularInline):
    model = Document
    fields = ("title", "agenda_item", "type", "language", "visibility", "file")
    extra = 0


def with_session(obj):
    """A choice that says which session it belongs to: «الأمن السيبراني — الدورة العادية …»."""
    return f"{obj} — {obj.session}"


class SessionScopedAutocompleteView(AutocompleteJsonView):
    """The admin's autocomplete for agenda items and resolutions: only the session asked for
    (?session=), each choice naming its session."""

    def get_queryset(self):
        queryset = super().get_queryset()
        if self.model_admin.model in (AgendaItem, Resolution):
            queryset = queryset.select_related("session__body")
            session = self.request.GET.get("session", "")
            if session.isdigit():
                queryset = queryset.filter(session_id=session)
        return queryset

    def serialize_result(self, obj, to_field_name):
        result = super().serialize_result(obj, to_field_name)
        if isinstance(obj, (AgendaItem, Resolution)):
            result["text"] = with_session(obj)
        return result


class SessionScopedAutocomplete(SafeAutocompleteSelect):
    def __init__(self, field, admin_site, session_id=None, **kwargs):
        super().__init__(field, admin_site, **kwargs)
        self.session_id = session_id

    def get_url(self):
        url = reverse("admin:meetings_session_autocomplete")
        return f"{url}?{urlencode({'session': self.session_id})}" if self.session_id else url


class SessionScopedChoicesMixin:
    """On an agenda item's, resolution's or document's own page, its agenda item, main item or
    resolution is looked up within the same session, and every choice names its session."""

    scoped_fields = ()

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name in self.scoped_fields:
            session_id = self.session_of(request)
            kwargs["widget"] = SessionScopedAutocomplete(db_field, self.admin_site, session_id=session_id)
            kwargs["queryset"] = db_field.related_model.objects.select_related("session__body")
            field = super().formfield_for_foreignkey(db_field, request, **kwargs)
            field.label_from_instance = with_session
            return field
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def session_of(self, request):
        object_id = request.resolver_match.kwargs.get("object_id") if request.resolver_match else None
        if object_id:
            return self.model.objects.filter(pk=object_id).values_list("session_id", flat=True).first()
        session = request.GET.get("session", "")
        return int(session) if session.isdigit() else None


class ReturnToSessionMixin:
    """Saving an agenda item, resolution or document on its own page returns to its session's page."""

    def response_add(self, request, obj, post_url_continue=None):
        return self._to_session(request, obj) or super().response_add(request, obj, post_url_continue)

    def response_change(self, request, obj):
        return self._to_session(request, obj) or super().response_change(request, obj)

    def _to_session(self, request, obj):
        if "_continue" in request.POST or "_addanother" in request.POST or "_saveasnew" in request.POST:
            return None
        if not obj.session_id:
            return None
        self.message_user(request, _("“%(object)s” was saved.") % {"object": obj}, messages.SUCCESS)
        return redirect("admin:meetings_session_change", obj.session_id)


@admin.register(Session)
class SessionAdmin(PublicationAdminMixin, CouncilAdmin):
    list_display = ("__str__", "start_date", "mode", "status", "publication")  # the name says the body
    list_filter = ("body", "kind", "year", "mode", "status", "publication")
    list_select_related = ("body",)
    date_hierarchy = "start_date"
    autocomplete_fields = ("body", "host_state")
    inlines = [AgendaItemInline, ParticipationInline, OutcomeInline, ResolutionInline, StatusUpdateInline,
               DocumentInline]
    fieldsets = [
        (None, {"fields": ("body", "kind", "number", "status", "publication", "published_at",
                           "outcomes_published_at")}),
        (_("Date and place"), {"fields": ("start_date", "end_date", "year", "date_note", "mode", "city",
                                          "host_state")}),
        (_("Agenda"), {"fields": ("agenda_note",)}),
    ]

    def history_sources(self, session):
        """The session's versions, and those of its agenda, resolutions and their reservations, participants,
        documents, outcomes and the follow-up statuses reported at it (deleted ones included)."""
        of_session = {"session_id": session.pk}
        return [Session.history.filter(id=session.pk), AgendaItem.history.filter(**of_session),
                Resolution.history.filter(**of_session),
                Reservation.history.filter(resolution_id__in=Resolution.history.filter(**of_session).values("id")),
                Participation.history.filter(**of_session), Document.history.filter(**of_session),
                Outcome.history.filter(**of_session), StatusUpdate.history.filter(**of_session)]

    def get_urls(self):
        prepare = self.admin_site.admin_view(self.prepare_next_view)
        autocomplete = self.admin_site.admin_view(SessionScopedAutocompleteView.as_view(admin_site=self.admin_site))
        return [path("autocomplete/", autocomplete, name="meetings_session_autocomplete"),
                path("<path:object_id>/prepare-next/", prepare, name="meetings_session_prepare_next"),
                *super().get_urls()]

    def change_view(self, request, object_id, form_url="", extra_context=None):
        extra_context = extra_context or {}
        session = self.get_object(request, object_id)
        if session and self.has_add_permission(request):
            extra_context["prepare_next_url"] = reverse("admin:meetings_session_prepare_next", args=[session.pk])
            extra_context["prepare_next_label"] = (
                _("Prepare the next session") if session.body.holds_sessions else _("Prepare the next meeting"))
        return super().change_view(request, object_id, form_url, extra_context)

    def prepare_next_view(self, request, object_id):
        """Create the next session as a draft with its agenda started, and open it."""
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        previous = self.get_object(request, object_id)  # None for an unknown or malformed id
        if previous is None:
            raise Http404
        if not self.has_add_permission(request):
            raise PermissionDenied
        try:
            session = prepare_next_session(previous)
        except NextSessionExists as exists:
            self.message_user(request, _("Already entered: %(session)s.") % {"session": exists.session},
                              messages.WARNING)
            return redirect("admin:meetings_session_change", exists.session.pk)
        self.log_addition(request, session, [{"added": {}}])
        self.message_user(request, _("A draft was created: %(session)s, with the standing and carried-over items. "
                                     "Check the agenda, then save.") % {"session": session}, messages.SUCCESS)
        return redirect("admin:meetings_session_change", session.pk)


class SessionYearFilter(admin.SimpleListFilter):
    """The years of the sessions, read from the sessions table, not from every agenda item or resolution."""

    title = _("year")
    parameter_name = "session__year"  # the address the field filter it replaces used

    def lookups(self, request, model_admin):
        years = Session.objects.exclude(year=None).order_by("-year").values_list("year", flat=True).distinct()
        return [(str(year), str(year)) for year in years]

    def queryset(self, request, queryset):
        return queryset.filter(session__year=self.value()) if self.value() else queryset


@admin.register(AgendaItem)
class AgendaItemAdmin(ReturnToSessionMixin, SessionScopedChoicesMixin, CouncilAdmin):
    list_display = ("title", "session", "order", "number", "kind")
    list_filter = ("session__body", "session__kind", SessionYearFilter, "session__mode", "session__status",
                   "session__publication", "kind")
    list_select_related = ("session__body",)
    # The latest sessions first, by the (session, order) index: the model's ordering by
    # session would sort all 300,000 rows by the session's date.
    ordering = ("-session_id", "order")
    autocomplete_fields = ("session", "parent", "reviewed_session", "dossier", "carried_over_from")
    scoped_fields = ("parent",)


class ReservationInline(BilingualTabularInline):
    model = Reservation
    fields = ("member_state", "text")
    cached_choice_fields = ("member_state",)
    extra = 0


class FollowUpActionInline(BilingualTabularInline):
    model = FollowUpAction
    fields = ("description", "responsible", "states", "responsible_body", "due_date", "due_by_next_session_of")
    cached_choice_fields = ("responsible_body", "due_by_next_session_of")
    show_change_link = True
    extra = 0


@admin.register(Resolution)
class ResolutionAdmin(ReturnToSessionMixin, SessionScopedChoicesMixin, CouncilAdmin):
    list_display = ("printed_number", "title", "session", "kind", "status", "adopted_on")
    list_display_links = ("printed_number", "title")
    list_filter = ("session__body", "kind", "status", SessionYearFilter, "session__mode", "session__publication")
    list_select_related = ("session__body",)
    # No date hierarchy: its years and range were read from every resolution (or every match of a
    # search) on each visit, a third of the list's time on the archive; the year filter is beside it.
    ordering = ("-session_id", "kind", "number", "id")
    autocomplete_fields = ("session", "agenda_item")
    scoped_fields = ("agenda_item",)
    inlines = [ReservationInline, FollowUpActionInline]

    @admin.display(description=_("number"), ordering="number")
    def printed_number(self, resolution):
        return resolution.printed_number

    def get_urls(self):
        board = path("follow-up/", self.admin_site.admin_view(self.follow_up_board),
                     name="meetings_resolution_follow_up")
        return [board, *super().get_urls()]

    def follow_up_board(self, request):
        """The secretariat's follow-up board: the public one, with whatever this user may see unpublished."""
        if not self.has_view_permission(request):
            raise PermissionDenied
        filters = follow_up.BoardFilters(request.GET or None)
        chosen = filters.cleaned_data if filters.is_valid() else {}
        on = chosen.get("on") or timezone.localdate()
        resolutions = follow_up.board(request.user, **{**chosen, "on": on})
        return render(request, "admin/meetings/follow_up_board.html", {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": _("Follow-up board"),
            "filters": filters,
            "on": on,
            "page": Paginator(resolutions, follow_up.PAGE_SIZE).get_page(request.GET.get("page")),
            "overdue_count": follow_up.overdue_count(request.user, resolutions, **{**chosen, "on": on}),
            "query": follow_up.query_without_page(request.GET),
        })


class StatusUpdateHistoryInline(BilingualTabularInline):
    model = StatusUpdate
    fk_name = "action"
    fields = ("session", "status", "note")
    autocomplete_fields = ("session",)
    extra = 0


@admin.register(FollowUpAction)
class FollowUpActionAdmin(CouncilAdmin):
    """An action's page keeps its status history; statuses are usually entered on the session that reports them."""

    list_display = ("__str__", "resolution", "responsible", "due_date", "due_by_next_session_of")
    list_filter = ("responsible", "resolution__session__body", "resolution__session__year")
    list_select_related = ("resolution__session__body", "due_by_next_session_of")
    autocomplete_fields = ("resolution",)
    inlines = [StatusUpdateHistoryInline]


@admin.register(Dossier)
class DossierAdmin(CouncilAdmin):
    list_display = ("title", "slug")
    prepopulated_fields = {"slug": ("title_en",)}


@admin.register(Document)
class DocumentAdmin(ReturnToSessionMixin, SessionScopedChoicesMixin, CouncilAdmin):
    list_display = ("title", "session", "type", "language", "visibility", "size")
    list_filter = ("type", "language", "visibility", "session__body", "session__publication")
    list_select_related = ("session__body",)
    autocomplete_fields = ("session", "agenda_item", "resolution")
    scoped_fields = ("agenda_item", "resolution")
    readonly_fields = ("sha256", "size")


class ReportForm(forms.ModelForm):
    reason = forms.CharField(
        label=_("reason for reopening"), required=False, widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Required to set a final or published report back to review or draft."),
    )

    class Meta:
        model = Report
        fields = ("session", "language", "state", "opening", "speeches", "closing")

    def clean(self):
        data = super().clean()
        if self.errors:
            return data
        saved = Report.objects.select_related("session").get(pk=self.instance.pk) if self.instance.pk else None
        reports.check_change(saved, data["state"], {name: data.get(name, "") for name in Report.TEXT_FIELDS},
                             data.get("reason", ""), session=data["session"])
        return data


@admin.register(Report)
class ReportAdmin(HistoryAdminMixin, StaleSaveGuardMixin, admin.ModelAdmin):
    """The report's text is in its own language: each box's direction follows it, whatever the interface."""

    form = ReportForm
    # A report changes only through reports.save_report(), which keeps its lock and its revisions:
    # its History page shows the versions, and "revisions" is where its text is compared.
    restorable = False
    list_display = ("__str__", "language", "state", "updated_at")
    list_filter = ("state", "language", "session__body")
    list_select_related = ("session__body",)
    autocomplete_fields = ("session",)
    fields = ("session", "language", "state", "reason", "opening", "speeches", "closing", "revisions_link")
    readonly_fields = ("revisions_link",)

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        direction = obj.direction if obj else "rtl"
        language = obj.language if obj else "ar"
        for name in Report.TEXT_FIELDS:
            form.base_fields[name].widget.attrs.update({"dir": direction, "lang": language})
        return form

    def save_model(self, request, obj, form, change):
        data = form.cleaned_data
        reports.save_report(obj, request.user, state=data["state"], reason=data.get("reason", ""),
                            **{name: data[name] for name in Report.TEXT_FIELDS})

    @admin.display(description=_("revisions"))
    def revisions_link(self, report):
        if not report.pk:
            return "—"
        return format_html('<a href="{}">{}</a>', reverse("admin:meetings_report_revisions", args=[report.pk]),
                           _("Every revision, with what changed"))

    def get_urls(self):
        revisions = path("<int:pk>/revisions/", self.admin_site.admin_view(self.revisions_view),
                         name="meetings_report_revisions")
        return [revisions, *super().get_urls()]

    def revisions_view(self, request, pk):
        report = get_object_or_404(Report.objects.select_related("session__body"), pk=pk)
        if not self.has_view_permission(request, report):
            raise PermissionDenied
        return render(request, "admin/meetings/report_revisions.html", {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": _("Revisions of %(report)s") % {"report": report},
            "report": report,
            "revisions": reports.history(report),
        })
