"""The secretariat's admin for sessions, agendas, resolutions, documents and dossiers."""

from django.contrib import admin, messages
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from council.admin import BilingualTabularInline, CouncilAdmin
from meetings.models import AgendaItem, Document, Dossier, Participation, Reservation, Resolution, Session
from meetings.tracking import Outcome


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
    inlines = [AgendaItemInline, ParticipationInline, OutcomeInline, ResolutionInline, DocumentInline]
    actions = ["publish", "withdraw"]
    fieldsets = [
        (None, {"fields": ("body", "kind", "number", "status", "publication")}),
        (_("Date and place"), {"fields": ("start_date", "end_date", "year", "date_note", "mode", "city",
                                          "host_state")}),
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


@admin.register(Resolution)
class ResolutionAdmin(CouncilAdmin):
    list_display = ("printed_number", "title", "session", "kind", "status", "adopted_on")
    list_display_links = ("printed_number", "title")
    list_filter = ("session__body", "kind", "status", "session__year", "session__mode", "session__publication")
    list_select_related = ("session__body",)
    date_hierarchy = "adopted_on"
    autocomplete_fields = ("session", "agenda_item")
    inlines = [ReservationInline]

    @admin.display(description=_("number"), ordering="number")
    def printed_number(self, resolution):
        return resolution.printed_number


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
