"""The secretariat's admin for sessions, agendas, resolutions, documents and dossiers."""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, render
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from council.admin import BilingualTabularInline, CouncilAdmin
from meetings import follow_up, reports
from meetings.models import AgendaItem, Document, Dossier, Participation, Reservation, Resolution, Session
from meetings.tracking import FollowUpAction, Outcome, Report, StatusUpdate


class AgendaItemInline(BilingualTabularInline):
    model = AgendaItem
    fk_name = "session"
    fields = ("order", "number", "parent", "title", "kind", "reviewed_session", "dossier")
    autocomplete_fields = ("reviewed_session", "dossier")
    cached_choice_fields = ("parent",)
    show_change_link = True
    extra = 0

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        # A sub-item's main item is chosen among this session's items only.
        if db_field.name == "parent":
            session_id = request.resolver_match.kwargs.get("object_id")
            kwargs["queryset"] = AgendaItem.objects.filter(session_id=session_id, parent=None)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


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


class ResolutionInline(BilingualTabularInline):
    model = Resolution
    fields = ("kind", "number", "number_display", "title", "status")
    show_change_link = True
    extra = 0


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


class DocumentInline(BilingualTabularInline):
    model = Document
    fields = ("title", "type", "language", "visibility", "file")
    extra = 0


@admin.register(Session)
class SessionAdmin(CouncilAdmin):
    list_display = ("__str__", "start_date", "mode", "status", "publication")  # the name says the body
    list_filter = ("body", "kind", "year", "mode", "status", "publication")
    list_select_related = ("body",)
    date_hierarchy = "start_date"
    autocomplete_fields = ("body", "host_state")
    inlines = [AgendaItemInline, ParticipationInline, OutcomeInline, ResolutionInline, StatusUpdateInline,
               DocumentInline]
    actions = ["publish", "withdraw"]
    fieldsets = [
        (None, {"fields": ("body", "kind", "number", "status", "publication")}),
        (_("Date and place"), {"fields": ("start_date", "end_date", "year", "date_note", "mode", "city",
                                          "host_state")}),
        (_("Agenda"), {"fields": ("agenda_note",)}),
    ]

    def has_publish_permission(self, request):
        return request.user.has_perm("meetings.publish_session")

    @admin.action(description=_("Publish the selected sessions"), permissions=["publish"])
    def publish(self, request, queryset):
        now = timezone.now()
        count = queryset.update(publication=Session.Publication.PUBLISHED, published_at=now,
                                outcomes_published_at=now, updated_at=now)
        self.message_user(request, ngettext(
            "%(count)d session published.", "%(count)d sessions published.", count) % {"count": count},
            messages.SUCCESS)

    @admin.action(description=_("Withdraw the selected sessions from publication"), permissions=["publish"])
    def withdraw(self, request, queryset):
        count = queryset.filter(publication=Session.Publication.PUBLISHED).update(
            publication=Session.Publication.WITHDRAWN, updated_at=timezone.now())
        self.message_user(request, ngettext(
            "%(count)d session withdrawn.", "%(count)d sessions withdrawn.", count) % {"count": count},
            messages.SUCCESS)


@admin.register(AgendaItem)
class AgendaItemAdmin(CouncilAdmin):
    list_display = ("title", "session", "order", "number", "kind")
    list_filter = ("session__body", "session__kind", "session__year", "session__mode", "session__status",
                   "session__publication", "kind")
    list_select_related = ("session__body",)
    date_hierarchy = "session__start_date"
    autocomplete_fields = ("session", "parent", "reviewed_session", "dossier", "carried_over_from")


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
class ResolutionAdmin(CouncilAdmin):
    list_display = ("printed_number", "title", "session", "kind", "status", "adopted_on")
    list_display_links = ("printed_number", "title")
    list_filter = ("session__body", "kind", "status", "session__year", "session__mode", "session__publication")
    list_select_related = ("session__body",)
    date_hierarchy = "adopted_on"
    autocomplete_fields = ("session", "agenda_item")
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
            "overdue_count": follow_up.overdue_count(request.user, on, resolutions),
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
class DocumentAdmin(CouncilAdmin):
    list_display = ("title", "session", "type", "language", "visibility", "size")
    list_filter = ("type", "language", "visibility", "session__body", "session__publication")
    list_select_related = ("session__body",)
    autocomplete_fields = ("session", "agenda_item", "resolution")
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
class ReportAdmin(admin.ModelAdmin):
    """The report's text is in its own language: each box's direction follows it, whatever the interface."""

    form = ReportForm
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
