"""What the history keeps, without the admin: both languages, and nothing for the synthetic archive's bulk rows."""

import io

import pytest
from django.core.management import call_command

from council.models import Body, MemberState
from meetings.models import AgendaItem, Resolution, Session

pytestmark = pytest.mark.django_db


def test_the_history_tables_have_a_column_for_each_language():
    for model, field in ((AgendaItem, "title"), (Resolution, "text"), (Session, "city"), (Body, "full_name"),
                         (MemberState, "official_name")):
        columns = {f.name for f in model.history.model._meta.get_fields()}
        assert {f"{field}_ar", f"{field}_en"} <= columns, model
        assert "search_ar" not in columns, "the search copies are recomputed, not kept"


def test_an_old_arabic_and_english_value_is_read_back_after_two_changes(demo):
    item = demo.agenda_items.get(order=5)
    loaded = (item.title_ar, item.title_en)
    for title_ar, title_en in (("عنوان ثان", "Second title"), ("عنوان ثالث", "Third title")):
        item.title_ar, item.title_en = title_ar, title_en
        item.save()
    assert [(v.title_ar, v.title_en) for v in item.history.order_by("history_date", "history_id")] == [
        loaded, ("عنوان ثان", "Second title"), ("عنوان ثالث", "Third title")]


def test_the_synthetic_archive_writes_no_history_of_its_bulk_rows():
    call_command("generate_archive", sessions=12, items=60, resolutions=20, documents=6, working_groups=1,
                 stdout=io.StringIO())
    assert AgendaItem.objects.count() == 60 and Session.objects.count() == 12
    assert not AgendaItem.history.exists() and not Session.history.exists() and not Resolution.history.exists()


def test_the_migration_gives_each_row_entered_before_history_a_first_version_by_the_system(demo):
    from types import SimpleNamespace

    from django.apps import apps
    from django.db import connection

    from council.history import record_existing

    for model in (*apps.get_app_config("meetings").get_models(), *apps.get_app_config("council").get_models()):
        if model.__name__.startswith("Historical"):
            model.objects.all().delete()  # as before history was kept
    item = demo.agenda_items.get(order=5)
    for app_label in ("council", "meetings"):
        record_existing(app_label)(apps, SimpleNamespace(connection=connection))
    assert AgendaItem.history.count() == AgendaItem.objects.count()
    first = item.history.get()
    assert (first.history_type, first.history_user, first.title_ar, first.title_en) == (
        "+", None, item.title_ar, item.title_en)
    assert MemberState.history.filter(history_user=None).count() == 22
