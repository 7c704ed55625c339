"""Every change of the council's content is kept: who, when, and each field's value in both languages.

django-simple-history keeps one row per saved version of a record in a historical
table per model (`meetings_historicalsession`, …): every field, the Arabic and
English of each text included, with the date, the kind of change (added, changed,
deleted) and the user. `track()` makes those tables' models; it is called at the
end of each app's translation.py, after django-modeltranslation has added the
`_ar`/`_en` fields: a `HistoricalRecords()` class attribute would copy the model
when its class is created, before those fields exist.

A change made outside a request (load_demo, a migration, a management command)
has no user: it is the system's, shown as «النظام» / "System". Writes that send no
signal (`update()`, `bulk_create()`) leave no version; the synthetic archive
(generate_archive) is written that way on purpose.

Restoring a version (`restore()`) saves the record with that version's values: a
new version is added, nothing in the past is rewritten, and the record's `version`
counter moves on like any save, so a form loaded before the restore is refused.
"""

import datetime

import simple_history
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import Value
from django.utils import formats, timezone
from django.utils.functional import lazy
from django.utils.translation import get_language, gettext_lazy, pgettext_lazy
from django.utils.translation import gettext as _

# Kept on the row for lookups, recomputed on save (or, for a follow-up action's latest status, when a
# status update or its session changes: meetings.tracking.refresh_latest_statuses): not what a person wrote.
NOT_KEPT = ("search_ar", "search_en", "last_status", "last_reported_at", "last_reported_on",
            "public_status", "public_reported_at", "public_reported_on")
# Counters and stamps the system keeps: kept in history, never shown as a change nor restored.
NOT_SHOWN = {"id", "version", "updated_at", "calendar_uid", "calendar_sequence", "uploaded_at"}
# Publication goes through the checked pages only (meetings.admin_publication), never through a restore.
NOT_RESTORED = {"publication"}
RESTORE_REASON = "restore:"

SYSTEM = gettext_lazy("System")
ACTIONS = {
    "+": pgettext_lazy("history", "Added"),
    "~": pgettext_lazy("history", "Changed"),
    "-": pgettext_lazy("history", "Deleted"),
}


def track(*tracked):
    """Keep the history of these models (call it after their translation fields are registered)."""
    for model in tracked:
        names = {field.name for field in model._meta.concrete_fields}
        simple_history.register(
            model, app=model._meta.app_label, excluded_fields=[name for name in NOT_KEPT if name in names],
            verbose_name=history_name(model._meta, "verbose_name"),
            verbose_name_plural=history_name(model._meta, "verbose_name_plural"),
            history_id_field=models.BigAutoField(gettext_lazy("version number")),
        )
        # simple-history's own labels are English only (and read in the admin's lists of permissions).
        historical = model.history.model
        for name, label in (("history_date", gettext_lazy("saved on")), ("history_user", gettext_lazy("saved by")),
                            ("history_change_reason", gettext_lazy("reason for the change")),
                            ("history_type", gettext_lazy("kind of change"))):
            historical._meta.get_field(name).verbose_name = label
        historical._meta.get_field("history_type").choices = list(ACTIONS.items())


def history_name(opts, attribute):
    """«سجل تعديلات دورة أو اجتماع»: the history of a model, named in the interface's language."""
    return lazy(lambda: _("history of %(model)s") % {"model": getattr(opts, attribute)}, str)()


def is_tracked(model):
    return hasattr(model._meta, "simple_history_manager_attribute")


def translated_originals(model):
    """Names of the fields modeltranslation keeps beside their `_ar`/`_en` (title for title_ar, title_en)."""
    return {field.translated_field.name for field in model._meta.concrete_fields
            if getattr(field, "translated_field", None) is not None}


def shown_fields(model):
    """The fields a person sees change, in the model's order: what the admin's forms write, both languages."""
    originals = translated_originals(model)
    return [field for field in model._meta.concrete_fields
            if (field.editable or field.name in ("published_at", "outcomes_published_at"))
            and field.name not in NOT_SHOWN and field.name not in NOT_KEPT and field.name not in originals]


def restored_fields(model):
    """The fields a restore writes: what a person wrote, but no file (the old file may be gone) nor publication."""
    return [field for field in shown_fields(model) if field.editable and field.name not in NOT_RESTORED
            and not isinstance(field, models.FileField)]


def field_label(field):
    """The field's name in the interface's language; a translated one says its language («العنوان بالعربية»)."""
    from django.utils.text import capfirst

    from council.admin import LANGUAGE_LABELS

    language = getattr(field, "language", None)
    if language:
        return capfirst(LANGUAGE_LABELS[language] % {"field": field.translated_field.verbose_name})
    return capfirst(field.verbose_name)


def who(record):
    user = record.history_user
    if user is None:
        return SYSTEM
    return user.get_full_name() or user.get_username()


class Change:
    """One field's change within a version: its label, the value before and after, and their language."""

    def __init__(self, field, before, after):
        self.field, self.before, self.after = field, before, after
        self.label = field_label(field)
        self.language = getattr(field, "language", None)


class Entry:
    """One version of one record, as the history page shows it."""

    def __init__(self, record, previous, names):
        self.record, self.previous = record, previous
        self.model = record.instance_type
        self.kind = self.model._meta.verbose_name
        self.action = ACTIONS.get(record.history_type, record.history_type)
        self.who = who(record)
        self.when = record.history_date
        self.is_system = record.history_user_id is None
        self.deleted = record.history_type == "-"
        self.name = names.name(record)
        self.restored_from = restored_from(record)
        # Annotated by history_page(): the record's newest version, and whether it says the record is gone.
        self.is_current = getattr(record, "newest_id", None) == record.history_id
        self.object_deleted = getattr(record, "newest_type", None) == "-"
        self.changes = []
        self.restore_url = ""

    @property
    def object_id(self):
        return self.record.id


def restored_from(record):
    """The date of the version this one restored, or None."""
    reason = record.history_change_reason or ""
    if not reason.startswith(RESTORE_REASON):
        return None
    try:
        return datetime.datetime.fromisoformat(reason[len(RESTORE_REASON):])
    except ValueError:
        return None


class Names:
    """Shows the values of historical records: choices by label, related rows by name, read in one query per model.

    Collect every record first (`add`), then read names (`shown`, `name`).
    """

    # What a related model's __str__ reads beyond its own row.
    RELATED = {"meetings.Session": ("body",), "council.Membership": ("body", "member_state", "member_body"),
               "council.Delegate": ("user", "member_state"), "meetings.FollowUpAction": ()}

    def __init__(self):
        self.wanted = {}
        self.rows = {}

    def add(self, record):
        for field in record.instance_type._meta.concrete_fields:
            if isinstance(field, models.ForeignKey):
                value = getattr(record, field.attname, None)
                if value is not None:
                    self.wanted.setdefault(field.related_model, set()).add(value)

    def load(self):
        for model, pks in self.wanted.items():
            queryset = model._base_manager.select_related(*self.RELATED.get(model._meta.label, ()))
            self.rows[model] = queryset.in_bulk(pks)
        self.wanted = {}

    def shown(self, record, field):
        """A value as a person reads it, or «—» for nothing."""
        if record is None:
            return "—"
        value = getattr(record, field.attname, None)
        if value is None or value == "":
            return "—"
        if isinstance(field, models.ForeignKey):
            row = self.rows.get(field.related_model, {}).get(value)
            # A related row deleted since: say what it was, as far as we know.
            return str(row) if row is not None else _("%(model)s no. %(id)s (deleted)") % {
                "model": field.related_model._meta.verbose_name, "id": value}
        if field.choices:
            return str(dict(field.flatchoices).get(value, value))
        if isinstance(value, bool):
            return _("Yes") if value else _("No")
        if isinstance(value, datetime.datetime):
            return formats.date_format(timezone.localtime(value), "DATETIME_FORMAT")
        if isinstance(value, datetime.date):
            return formats.date_format(value, "DATE_FORMAT")
        return str(value)

    def name(self, record):
        """What the record was called at that version: its title or name in the interface's language."""
        model = record.instance_type
        language = (get_language() or "ar")[:2]
        if model._meta.label == "meetings.Session":
            body = self.rows.get(model._meta.get_field("body").related_model, {}).get(record.body_id)
            if body is not None:
                return model(body=body, kind=record.kind, number=record.number).display_name()
        for base in ("title", "name", "description", "text"):
            for code in (language, "ar" if language == "en" else "en"):
                value = getattr(record, f"{base}_{code}", None)
                if value:
                    return value
        for field in model._meta.concrete_fields:
            if isinstance(field, models.ForeignKey) and field.name not in ("session", "resolution"):
                value = self.shown(record, field)
                if value != "—":
                    return value
        return _("no. %(id)s") % {"id": record.id}


def changes_between(previous, record, names):
    """The shown fields whose value differs between two versions of a record (all filled ones for a new record)."""
    if record.history_type == "-":
        return []  # a deletion changes no field: the entry says the record went
    changes = []
    for field in shown_fields(record.instance_type):
        after = getattr(record, field.attname, None)
        before = getattr(previous, field.attname, None) if previous is not None else None
        if previous is None and after in (None, ""):
            continue
        if previous is not None and (before == after or (before in (None, "") and after in (None, ""))):
            continue  # modeltranslation stores an empty English as "" or None: no change a person made
        changes.append(Change(field, names.shown(previous, field), names.shown(record, field)))
    return changes


def history_page(sources, page_number, per_page=30):
    """One page of the versions of the records in `sources`, newest first, each with its changes.

    sources: historical querysets (e.g. a session's, and its agenda items' by
    session). Reads a fixed number of queries however many versions there are:
    one to order the page across all sources, two per source on the page, one
    per related model named in the values.
    Returns (entries, paginator page).
    """
    from django.core.paginator import Paginator

    sources = list(sources)
    parts = [queryset.order_by().annotate(source=Value(index)).values_list("source", "history_id", "history_date")
             for index, queryset in enumerate(sources)]
    combined = parts[0].union(*parts[1:], all=True) if len(parts) > 1 else parts[0]
    page = Paginator(combined.order_by("-history_date", "-history_id"), per_page).get_page(page_number)
    wanted = {}
    for source, history_id, _date in page.object_list:
        wanted.setdefault(source, []).append(history_id)
    records, previous = {}, {}
    names = Names()
    for source, ids in wanted.items():
        model = sources[source].model
        earlier_than = (models.Q(history_date__lt=models.OuterRef("history_date"))
                        | models.Q(history_date=models.OuterRef("history_date"),
                                   history_id__lt=models.OuterRef("history_id")))
        before = (model.objects.filter(earlier_than, id=models.OuterRef("id"))
                  .order_by("-history_date", "-history_id").values("history_id")[:1])
        newest = model.objects.filter(id=models.OuterRef("id")).order_by("-history_date", "-history_id")
        rows = list(model.objects.filter(history_id__in=ids).select_related("history_user").annotate(
            previous_id=models.Subquery(before), newest_id=models.Subquery(newest.values("history_id")[:1]),
            newest_type=models.Subquery(newest.values("history_type")[:1])))
        earlier = model.objects.in_bulk([row.previous_id for row in rows if row.previous_id])
        for row in rows:
            records[(source, row.history_id)] = row
            previous[(source, row.history_id)] = earlier.get(row.previous_id)
            names.add(row)
            if row.previous_id in earlier:
                names.add(earlier[row.previous_id])
    names.load()
    entries = []
    for source, history_id, _date in page.object_list:
        record = records[(source, history_id)]
        entry = Entry(record, previous[(source, history_id)], names)
        entry.changes = changes_between(entry.previous, record, names)
        entries.append(entry)
    return entries, page


def may_restore(user, model, recreate=False):
    """True if the user may change this model's records (and add them, to bring a deleted one back)."""
    opts = model._meta
    return (user.has_perm(f"{opts.app_label}.change_{opts.model_name}")
            and (not recreate or user.has_perm(f"{opts.app_label}.add_{opts.model_name}")))


class RestoreRefused(Exception):
    def __init__(self, message):
        super().__init__(message)
        self.message = message


@transaction.atomic
def restore(record, user=None):
    """Save the record with this version's values, as a new version by `user`; return the saved object.

    The current row is locked and saved (its version moves on); its file and its
    publication stay as they are. A deleted record comes back with its old id,
    unless it had a file, which went with it. Raises RestoreRefused with a message
    in the interface's language if the restored values are no longer valid (e.g.
    another item has taken its place in the agenda).
    """
    model = record.instance_type
    if record.history_type == "-":
        raise RestoreRefused(_("This version records a deletion; restore the version before it."))
    current = model._default_manager.select_for_update().filter(pk=record.id).first()
    if current is None:
        if any(isinstance(field, models.FileField) for field in model._meta.concrete_fields):
            raise RestoreRefused(_("A deleted document cannot come back: its file was deleted with it. "
                                   "Add it again with its file."))
        current = model(pk=record.id)
        originals = translated_originals(model)
        for field in model._meta.concrete_fields:
            if field.name not in NOT_KEPT and field.name not in originals and not field.primary_key:
                setattr(current, field.attname, getattr(record, field.attname))
        current._state.adding = True
    else:
        for field in restored_fields(model):
            setattr(current, field.attname, getattr(record, field.attname))
    try:
        current.full_clean(validate_unique=True, validate_constraints=True)
    except ValidationError as error:
        raise RestoreRefused(_("This version cannot be restored: %(errors)s") % {
            "errors": " ".join(error.messages)}) from error
    current._change_reason = RESTORE_REASON + record.history_date.isoformat()
    if user is not None:
        current._history_user = user  # else the request's user, or the system outside a request
    if current._state.adding:
        current.save(force_insert=True)
    else:
        current.save()
    return current


def record_existing(app_label):
    """A migration step: give every row of the app's tracked models a first version, the system's.

    Rows entered before history was kept then show their first change as old → new.
    One INSERT … SELECT per table, whatever its size.
    """
    def forward(apps, schema_editor):
        connection = schema_editor.connection
        quote = connection.ops.quote_name
        now = timezone.now()
        for historical in apps.get_app_config(app_label).get_models():
            if not historical.__name__.startswith("Historical"):
                continue
            model = apps.get_model(app_label, historical.__name__[len("Historical"):])
            columns = [field.column for field in historical._meta.concrete_fields
                       if not field.name.startswith("history_")]
            listed = ", ".join(quote(column) for column in columns)
            with connection.cursor() as cursor:
                cursor.execute(
                    f"INSERT INTO {quote(historical._meta.db_table)} ({listed}, history_date, history_type, "
                    f"history_change_reason, history_user_id) SELECT {listed}, %s, '+', NULL, NULL "
                    f"FROM {quote(model._meta.db_table)}", [now])

    return forward
