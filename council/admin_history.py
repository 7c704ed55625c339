"""The admin's history page: each version's changes as old → new, who and when, and restoring a version.

Django's own history page lists the admin's log (field names, no values); this one
reads the history that django-simple-history keeps (council.history), so it also
shows changes made elsewhere: by the system (load_demo, migrations, commands), by
publication, by a restore. A session's page includes its agenda items',
resolutions', reservations', participants', documents', outcomes' and reported
statuses' versions (SessionAdmin.history_sources).
"""

from django.contrib import messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponseNotAllowed, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from council import history


class HistoryAdminMixin:
    """For a ModelAdmin of a tracked model: its "History" page shows the changes and restores a version."""

    history_per_page = 30
    # False where a record changes only through a workflow of its own (a report: its lock and revisions).
    restorable = True

    def history_sources(self, obj):
        """The historical querysets whose versions this object's history page shows."""
        return [self.model.history.filter(id=obj.pk)]

    def get_urls(self):
        name = f"{self.opts.app_label}_{self.opts.model_name}_restore"
        restore = path("<path:object_id>/history/<int:source>/<int:history_id>/restore/",
                       self.admin_site.admin_view(self.restore_view), name=name)
        return [restore, *super().get_urls()]

    def history_object(self, request, object_id):
        obj = self.get_object(request, unquote(object_id))
        if obj is None:
            raise Http404
        if not self.has_view_or_change_permission(request, obj):
            raise PermissionDenied
        return obj

    def history_view(self, request, object_id, extra_context=None):
        obj = self.history_object(request, object_id)
        entries, page = history.history_page(self.history_sources(obj), request.GET.get("page"),
                                             per_page=self.history_per_page)
        restore_name = f"admin:{self.opts.app_label}_{self.opts.model_name}_restore"
        sources = [source.model for source in self.history_sources(obj)]
        for entry in entries:
            if (self.restorable and not entry.is_current and not entry.deleted
                    and history.may_restore(request.user, entry.model, recreate=entry.object_deleted)):
                entry.restore_url = reverse(restore_name, args=[obj.pk, sources.index(type(entry.record)),
                                                                entry.record.history_id])
        context = {
            **self.admin_site.each_context(request),
            # «سجل تعديلات الدورة العادية الثامنة والأربعين …»: the name is governed, so genitive.
            "title": _("History of %(object)s") % {
                "object": obj.display_name(case="genitive") if hasattr(obj, "display_name") else obj},
            "subtitle": None,
            "object": obj,
            "opts": self.opts,
            "entries": entries,
            "page": page,
            "preserved_filters": self.get_preserved_filters(request),
            **(extra_context or {}),
        }
        request.current_app = self.admin_site.name
        return TemplateResponse(request, "admin/council/history.html", context)

    def restore_view(self, request, object_id, source, history_id):
        """Restore one version (POST): saved as a new version, by this user, then back to the history page."""
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        obj = self.history_object(request, object_id)
        sources = self.history_sources(obj)
        if source >= len(sources):
            raise Http404
        record = sources[source].filter(history_id=history_id).first()
        if record is None:
            raise Http404
        model = record.instance_type
        exists = model._default_manager.filter(pk=record.id).exists()
        if not self.restorable or not history.may_restore(request.user, model, recreate=not exists):
            raise PermissionDenied
        when = formats.date_format(timezone.localtime(record.history_date), "DATETIME_FORMAT")
        try:
            restored = history.restore(record, request.user)
        except history.RestoreRefused as refused:
            self.message_user(request, refused.message, messages.ERROR)
        else:
            message = _("Restored the version of %(date)s.") % {"date": when}
            if exists:
                self.log_change(request, restored, message)
            else:
                self.log_addition(request, restored, message)
            self.message_user(request, _("“%(object)s” is back as it was on %(date)s; the restore was added to "
                                         "its history as a new version.") % {"object": restored, "date": when},
                              messages.SUCCESS)
        url = reverse(f"admin:{self.opts.app_label}_{self.opts.model_name}_history", args=[obj.pk])
        return HttpResponseRedirect(url)
