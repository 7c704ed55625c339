"""Search text copied from other rows is never stale: renames, kinds, numbers, bulk writes, on either database."""

import random

import pytest
from django.core.management import call_command
from django.db import IntegrityError, transaction

from council import search_text
from council.arabic import normalize
from council.models import Body, MemberState, Person
from meetings.models import AgendaItem, Resolution, Session
from meetings.search import search
from tests.helpers import admin_url, form_values

pytestmark = pytest.mark.django_db


def stale_rows():
    """Every searchable row whose stored search text differs from a fresh computation."""
    stale = []
    for model in search_text.searchable_models():
        for row in model._base_manager.all():
            computed = row.computed_search_text()
            if (row.search_ar, row.search_en) != (computed["search_ar"], computed["search_en"]):
                stale.append((model._meta.label, row.pk, row.search_en, computed["search_en"]))
    return stale


def session_titles(query):
    return [hit.record.display_name("en") for group in search(query, language="en").groups
            if group.kind.key == "sessions" for hit in group.hits]


def test_renaming_a_body_in_the_admin_is_found_at_once_by_public_search(secretary_client, demo):
    office = Body.objects.get(slug="executive-office")
    url = admin_url("en", "council_body_change", office.pk)
    data = form_values(secretary_client.get(url))
    data.update(name_en="Steering Bureau", name_ar="مكتب التوجيه")
    assert secretary_client.post(url, data).status_code == 302
    assert "48th ordinary session of the Steering Bureau" in session_titles("steering bureau")
    assert session_titles('"executive office"') == []
    assert normalize("مكتب التوجيه") in Session.objects.get(pk=demo.pk).search_ar
    assert stale_rows() == []


def test_a_bulk_rename_of_bodies_refreshes_their_sessions(demo):
    Body.objects.filter(slug="executive-office").update(name_en="Bureau")
    assert "48th ordinary session of the Bureau" in session_titles("bureau")
    assert stale_rows() == []


def test_a_change_of_kind_or_number_in_bulk_refreshes_the_session(demo):
    Session.objects.filter(pk=demo.pk).update(kind=Session.Kind.EXTRAORDINARY, number=12)
    assert session_titles("12th extraordinary") == ["12th extraordinary session of the Executive Office"]
    assert stale_rows() == []


def test_a_change_of_body_kind_refreshes_the_noun_of_its_sessions(demo):
    office = Body.objects.get(slug="executive-office")
    office.kind = Body.Kind.WORKING_GROUP
    office.save()
    assert "48th meeting of the Executive Office" in Session.objects.get(pk=demo.pk).display_name("en")
    assert "meeting" in Session.objects.get(pk=demo.pk).search_en
    assert stale_rows() == []


def test_bulk_create_and_bulk_update_write_search_text(demo):
    (item,) = AgendaItem.objects.bulk_create([AgendaItem(session=demo, order=90, title_ar="الطيف الترددي",
                                                         title_en="Radio spectrum")])
    assert "spectrum" in AgendaItem.objects.get(order=90, session=demo).search_en
    item.title_en = "Frequency bands"
    AgendaItem.objects.bulk_update([item], ["title_en"])
    assert "frequency bands" in AgendaItem.objects.get(pk=item.pk).search_en
    assert stale_rows() == []


def test_refresh_search_text_rebuilds_rows_written_behind_its_back_and_reports_progress(demo, capsys):
    Session._base_manager.filter(pk=demo.pk).update(search_en="", search_ar="")  # as an old normalize() left it
    assert stale_rows()
    call_command("refresh_search_text", batch_size=2)
    out = capsys.readouterr().out
    assert "meetings.Session: 2 / " in out and "1 of " in out
    assert stale_rows() == []
    call_command("refresh_search_text")
    assert "0 of " in capsys.readouterr().out


def test_random_edits_through_the_admin_and_the_models_leave_no_stale_search_text(secretary_client, demo):
    rng = random.Random(20261128)
    words = ["الاتصالات", "البريد", "المعلومات", "Digital", "Postal", "Spectrum", "الرقمي", "Council"]

    def name():
        return " ".join(rng.sample(words, 2))

    def admin_rename_body():
        body = rng.choice(list(Body.objects.all()))
        url = admin_url(rng.choice(["ar", "en"]), "council_body_change", body.pk)
        data = form_values(secretary_client.get(url))
        data.update(name_ar=name(), name_en=name(), kind=rng.choice(Body.Kind.values))
        assert secretary_client.post(url, data).status_code == 302

    def admin_renumber_session():
        session = rng.choice(list(Session.objects.all()))
        url = admin_url("en", "meetings_session_change", session.pk)
        data = form_values(secretary_client.get(url))
        data.update(number=str(rng.randint(100, 999)), kind=rng.choice(Session.Kind.values))
        secretary_client.post(url, data)  # a clash with another number is refused, and that is fine

    def save_body():
        body = rng.choice(list(Body.objects.all()))
        body.name_en = name()
        body.save()

    def update_bodies():
        Body.objects.filter(pk__in=rng.sample(list(Body.objects.values_list("pk", flat=True)), 2)).update(
            name_ar=name(), kind=rng.choice(Body.Kind.values))

    def update_sessions():
        pks = list(Session.objects.values_list("pk", flat=True))
        Session.objects.filter(pk=rng.choice(pks)).update(number=rng.randint(100, 999))

    def move_session():
        session = rng.choice(list(Session.objects.all()))
        session.body = rng.choice(list(Body.objects.all()))
        session.number = rng.randint(100, 999)
        session.save()

    def rename_state_and_person():
        MemberState.objects.filter(pk=rng.choice(list(MemberState.objects.values_list("pk", flat=True)))).update(
            name_en=name())
        person = Person.objects.create(name_ar="شخص", name_en="Someone")
        Person.objects.filter(pk=person.pk).update(name_en=name())

    def bulk_resolutions():
        resolutions = list(Resolution.objects.all()[:3]) or Resolution.objects.bulk_create(
            [Resolution(session=demo, title_ar=name(), title_en=name())])
        for resolution in resolutions:
            resolution.title_en = name()
        Resolution.objects.bulk_update(resolutions, ["title_en"])

    edits = [admin_rename_body, admin_renumber_session, save_body, update_bodies, update_sessions, move_session,
             rename_state_and_person, bulk_resolutions]
    for _ in range(30):
        try:
            with transaction.atomic():
                rng.choice(edits)()
        except IntegrityError:  # a random number may clash with another session's: refused, nothing written
            pass
    assert stale_rows() == []
