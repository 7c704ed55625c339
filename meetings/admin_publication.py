"""The admin's pages for publishing a session's agenda or outcomes, and for withdrawing them.

Each step first shows what is missing (`meetings.services.check`) and changes
nothing until the publisher confirms. Only `meetings.publish_session` opens them.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext as _

from meetings import services
from meetings.models import PublicationRecord, Session

STEP_NAMES = dict(PublicationRecord.Step.choices)


class PublicationAdminMixin:
    """For SessionAdmin: /<id>/publish/<step>/ and /<id>/withdraw/<step>/, linked from the change form."""

    def get_urls(self):
        wrap = self.admin_site.admin_view
        return [
            path("<path:object_id>/publish/<str:step>/", wrap(self.publish_view), name="meetings_session_publish"),
            path("<path:object_id>/withdraw/<str:step>/", wrap(self.withdraw_view), name="meetings_session_withdraw"),
            *super().get_urls(),
        ]

    def has_publish_permission(self, request):
        return services.may_publish(request.user)

    def get_readonly_fields(self, request, obj=None):
        # Publication goes through the checked pages only, never through the form.
        return [*super().get_readonly_fields(request, obj), "publication", "published_at", "outcomes_published_at"]

    def change_view(self, request, object_id, form_url="", extra_context=None):
        extra_context = {**(extra_context or {}), "may_publish": self.has_publish_permission(request)}
        return super().change_view(request, object_id, form_url, extra_context)

    def publication_context(self, request, session, step, **context):
        return {
            **self.admin_site.each_context(request),
            "opts": self.model._meta, "original": session, "session": session, "step": step,
            "step_name": STEP_NAMES[step],
            "records": session.publication_records.select_related("user")[:20],
            "change_url": reverse("admin:meetings_session_change", args=[session.pk]),
            **context,
        }

    def session_or_404(self, request, object_id, step):
        if not self.has_publish_permission(request):
            raise PermissionDenied
        if step not in STEP_NAMES:
            raise Http404
        return get_object_or_404(Session.objects.select_related("body"), pk=object_id)

    def publish_view(self, request, object_id, step):
        session = self.session_or_404(request, object_id, step)
        if request.method == "POST":
            try:
                services.publish(session, step, request.user,
                                 accept_missing_english=request.POST.get("accept_missing_english") == "1")
            except services.PublicationRefused as refused:
                problems, refused_now = refused.problems, True
            else:
                self.message_user(request, _("Published: %(step)s of %(session)s.") % {
                    "step": STEP_NAMES[step], "session": session}, messages.SUCCESS)
                return HttpResponseRedirect(reverse("admin:meetings_session_change", args=[session.pk]))
        else:
            problems, refused_now = services.check(session, step), False
        return TemplateResponse(request, "admin/meetings/session/publish.html", self.publication_context(
            request, session, step, refused=refused_now,
            blocking=[p for p in problems if p.blocking], listed=[p for p in problems if not p.blocking],
            title=_("Publish the %(step)s") % {"step": STEP_NAMES[step]}))

    def withdraw_view(self, request, object_id, step):
        session = self.session_or_404(request, object_id, step)
        problems, reason = [], ""
        if request.method == "POST":
            reason = request.POST.get("reason", "")
            try:
                services.withdraw(session, step, request.user, reason)
            except services.PublicationRefused as refused:
                problems = refused.problems
            else:
                self.message_user(request, _("Withdrawn: %(step)s of %(session)s.") % {
                    "step": STEP_NAMES[step], "session": session}, messages.SUCCESS)
                return HttpResponseRedirect(reverse("admin:meetings_session_change", args=[session.pk]))
        return TemplateResponse(request, "admin/meetings/session/withdraw.html", self.publication_context(
            request, session, step, problems=problems, reason=reason,
            title=_("Withdraw the %(step)s") % {"step": STEP_NAMES[step]}))
