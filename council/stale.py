"""Nothing typed is ever lost: the admin refuses to save a form over a change made since it was loaded.

Every form of a versioned model (`council.models.VersionedModel`) carries, in a
hidden field, the version of the row it was loaded with. Saving checks it against
the row as it is now, locked until the save commits. A stale form is refused with
a message naming who changed the row, when, and which saved values differ from
what was typed; the typed input stays on the form, and the hidden field moves to
the current version, so that the person merges and saves again.

The main form of a change page is always checked, because the admin saves all its
fields. An inline row is checked only if the save would write it (it differs from
the saved row, or is marked for deletion): a row added elsewhere, or one whose
submitted values equal the saved ones, is left alone.
"""

from django import forms
from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.utils import formats, timezone
from django.utils.translation import gettext as _

VERSION_FIELD = "loaded_version"


def is_versioned(model):
    return any(field.name == "version" for field in model._meta.concrete_fields)


def last_change(obj):
    """(who, when) of the latest saved change of this row, or None if nobody is known to have made it.

    The row's history (django-simple-history, council.history) names who saved each
    version, a table row saved on another record's page included (an outcome on its
    session's page). A model without history falls back to the admin's log.
    """
    history = getattr(obj, "history", None)
    if history is not None:
        version = history.select_related("history_user").order_by("-history_date", "-history_id").first()
        if version is not None:
            return (version.history_user, version.history_date) if version.history_user else None
    entry = (LogEntry.objects.filter(content_type=ContentType.objects.get_for_model(obj), object_id=str(obj.pk),
                                     action_flag=CHANGE)
             .select_related("user").order_by("-action_time", "-pk").first())
    return (entry.user, entry.action_time) if entry else None


def shown_value(instance, name):
    """A saved value as a person reads it: a choice's label, a related row's name, «—» for nothing."""
    field = instance._meta.get_field(name)
    value = getattr(instance, name)
    if field.choices:
        value = getattr(instance, f"get_{name}_display")()
    if value in (None, ""):
        return "—"
    return str(value)


class VersionCheckedFormMixin:
    """For a ModelForm: carry the loaded version and refuse a stale save (see the module's docstring)."""

    always_check = True  # False for inline rows: only a changed row is checked

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk is not None:
            self.initial[VERSION_FIELD] = self.instance.version

    def clean(self):
        cleaned = super().clean()
        instance = self.instance
        if instance.pk is None or not (self.always_check or self.has_changed()):
            return cleaned
        loaded = cleaned.get(VERSION_FIELD)
        # Locked until the save commits (the admin saves in one transaction), so no save slips in between.
        current = (type(instance)._default_manager.select_for_update().filter(pk=instance.pk).order_by()
                   .values_list("version", flat=True).first())
        if loaded is None or current is None or loaded == current:
            return cleaned
        # The next submission is checked against the version the person has now seen.
        self.data = self.data.copy()
        self.data[self.add_prefix(VERSION_FIELD)] = str(current)
        raise ValidationError(self.stale_message(instance), code="stale")

    def stale_message(self, instance):
        differing = [
            f"{self.fields[name].label}: «{shown_value(instance, name)}»"
            for name in self.changed_data
            if name in self.fields and name not in (VERSION_FIELD, "DELETE") and hasattr(instance, name)
            and name in {f.name for f in instance._meta.concrete_fields}
        ]
        change = last_change(instance)
        if change:
            user, at = change
            who = user.get_full_name() or user.get_username()
            when = formats.date_format(timezone.localtime(at), "DATETIME_FORMAT")
            changed = _("“%(object)s” was changed by %(user)s on %(when)s, after this form was opened.") % {
                "user": who, "object": instance, "when": when}
        else:
            changed = _("“%(object)s” was changed after this form was opened.") % {"object": instance}
        parts = [changed, _("Nothing was saved; what you typed is kept below.")]
        if differing:
            parts.append(_("Saved now, where it differs from your input: %(values)s.") % {
                "values": _("; ").join(differing)})
        parts.append(_("Merge the two, then save again."))
        return " ".join(parts)


def version_checked(form_class, always_check=True):
    """Return form_class with the hidden version field and the stale-save check."""
    if issubclass(form_class, VersionCheckedFormMixin):
        return form_class
    attrs = {
        VERSION_FIELD: forms.IntegerField(widget=forms.HiddenInput, required=False),
        "always_check": always_check,
        "__module__": form_class.__module__,
    }
    return type(f"VersionChecked{form_class.__name__}", (VersionCheckedFormMixin, form_class), attrs)


class StaleSaveGuardMixin:
    """For a ModelAdmin or an inline of a versioned model: its forms refuse stale saves."""

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if not is_versioned(self.model) or not fieldsets:
            return fieldsets
        fieldsets = list(fieldsets)
        name, options = fieldsets[0]
        if VERSION_FIELD not in options.get("fields", ()):
            fieldsets[0] = (name, {**options, "fields": [*options.get("fields", ()), VERSION_FIELD]})
        return fieldsets

    def get_form(self, request, obj=None, **kwargs):
        if is_versioned(self.model):
            kwargs["form"] = version_checked(kwargs.get("form", self.form))
        return super().get_form(request, obj, **kwargs)

    def get_formset(self, request, obj=None, **kwargs):
        if is_versioned(self.model):
            kwargs["form"] = version_checked(kwargs.get("form", self.form), always_check=False)
        return super().get_formset(request, obj, **kwargs)


class NoTruncationMixin:
    """Never cut text in the browser: no maxlength attribute; the form refuses over-long text instead.

    Django's own message gives the limit and the length typed («… at most 1000
    characters (it has 5000)»).
    """

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        field = super().formfield_for_dbfield(db_field, request, **kwargs)
        if field is not None:
            field.widget.attrs.pop("maxlength", None)
        return field
