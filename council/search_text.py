"""Denormalized search text kept true: every row's search_ar / search_en says what its sources say now.

A row's search text comes from its own fields and, for some models, from fields
of rows it points to: a session's generated name copies its body's name and kind
(SearchableModel.search_copies). Nothing depends on a caller remembering to
refresh it (STYLE.md: Wagtail's index):
- save() recomputes the row it writes;
- SearchableQuerySet's update(), bulk_create() and bulk_update() recompute the rows they write;
- a change to a copied field, by save() or in bulk, refreshes every row that copies it (below).
`manage.py refresh_search_text` rebuilds everything, e.g. after normalize() changes.
On PostgreSQL the generated tsvector columns follow by themselves.
"""

from django.apps import apps
from django.db.models.signals import post_save, pre_save

BATCH_SIZE = 500


def searchable_models():
    from council.models import SearchableModel

    return [model for model in apps.get_models() if issubclass(model, SearchableModel)]


def copiers(model):
    """(model, foreign key, copied fields) for every searchable model whose text copies fields of `model`."""
    return [(copier, key, set(fields)) for copier in searchable_models() for key, fields in copier.search_copies
            if copier._meta.get_field(key).related_model is model]


def refresh(queryset, batch_size=BATCH_SIZE, progress=None):
    """Recompute the search text of the rows of `queryset` in batches; write those that changed.

    Returns how many rows were rewritten. `progress(done, total)` is called after each batch.
    """
    model = queryset.model
    related = [key for key, _ in model.search_copies]
    pks = list(queryset.order_by("pk").values_list("pk", flat=True))
    rewritten = 0
    for start in range(0, len(pks), batch_size):
        # The base manager's plain QuerySet: this write must not start another refresh.
        rows = model._base_manager.filter(pk__in=pks[start:start + batch_size]).select_related(*related)
        changed = [row for row in rows if row.refresh_search_text()]
        if changed:
            model._base_manager.bulk_update(changed, ["search_ar", "search_en"])
        rewritten += len(changed)
        if progress:
            progress(min(start + batch_size, len(pks)), len(pks))
    return rewritten


def rows_changed(model, pks, fields, own=True):
    """Rows of `model` were written in bulk: refresh them (unless done already) and the rows that copy them."""
    if own:
        refresh(model._base_manager.filter(pk__in=pks))
    for copier, key, copied in copiers(model):
        if fields & copied:
            refresh(copier._base_manager.filter(**{f"{key}__in": pks}))


def _remember_copied_fields(sender, instance, raw=False, **kwargs):
    """Before a save: note whether a field that other rows copy is changing."""
    instance._search_copies_changed = False
    if raw or instance.pk is None:
        return
    copied = set().union(*(fields for _, _, fields in copiers(sender)))
    concrete = [field.attname for field in sender._meta.concrete_fields if field.name in copied]
    saved = sender._base_manager.filter(pk=instance.pk).values(*concrete).first()
    instance._search_copies_changed = saved is not None and any(
        saved[name] != getattr(instance, name) for name in concrete)


def _refresh_copies(sender, instance, created=False, raw=False, **kwargs):
    if created or raw or not getattr(instance, "_search_copies_changed", False):
        return
    for copier, key, _ in copiers(sender):
        refresh(copier._base_manager.filter(**{key: instance.pk}))


def connect():
    """Watch every model whose fields another model's search text copies (called from CouncilConfig.ready)."""
    for model in {model for copier in searchable_models() for model in
                  (copier._meta.get_field(key).related_model for key, _ in copier.search_copies)}:
        pre_save.connect(_remember_copied_fields, sender=model, dispatch_uid=f"search-copies-{model._meta.label}")
        post_save.connect(_refresh_copies, sender=model, dispatch_uid=f"search-copies-{model._meta.label}")
