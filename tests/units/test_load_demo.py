"""`manage.py load_demo` loads the reference case, and loading it twice changes nothing."""

import io

import pytest
from django.apps import apps
from django.core.management import CommandError, call_command

from council.models import Body, MemberState
from meetings.models import Dossier, Session

pytestmark = pytest.mark.django_db

# The page-cache generation is a counter, not part of the record: loading retires
# cached pages (harmless), and the test is about the council's data.
NOT_RECORD = {"council.PageGeneration"}


def snapshot():
    """Every row of every model of the council and meetings apps, timestamps included."""
    models = [*apps.get_app_config("council").get_models(), *apps.get_app_config("meetings").get_models()]
    models = [model for model in models if model._meta.label not in NOT_RECORD]
    return {model._meta.label: list(model._base_manager.order_by("pk").values()) for model in models}


def test_it_loads_the_reference_case():
    call_command("load_demo", stdout=io.StringIO())
    assert MemberState.objects.count() == 22
    assert list(MemberState.objects.values_list("iso_code", flat=True)[:3]) == ["JO", "AE", "BH"]
    office = Body.objects.get(slug="executive-office")
    assert office.memberships.get(role="chair").member_state.iso_code == "EG"
    assert office.memberships.filter(role="member").count() == 7
    assert office.memberships.get(role="secretariat").member_body.slug == "general-secretariat"
    session = Session.objects.get(body=office, number=48)
    assert session.start_date is None, "the source gives no date: none may be invented"
    assert session.mode == Session.Mode.REMOTE
    chair = session.participants.get(role="chair")
    assert (chair.person.name_ar, chair.member_state.iso_code) == ("عمرو طلعت", "EG")
    assert session.participants.get(role="secretariat").person.name_en == "Kamal Hassan Ali"
    reviewed = {item.reviewed_session.number for item in session.agenda_items.exclude(reviewed_session=None)}
    assert reviewed == {39, 47}
    postal = Session.objects.get(body__slug="postal-committee", number=39)
    assert (str(postal.start_date), postal.city_ar, postal.city_en) == ("2021-06-03", "شرم الشيخ", "Sharm El-Sheikh")
    telecom = Session.objects.get(body__slug="telecom-committee", number=47)
    assert (str(telecom.start_date), telecom.mode) == ("2021-07-12", Session.Mode.REMOTE)
    dossier = Dossier.objects.get(slug="customs-data-exchange-agreement")
    assert {item.session.number for item in dossier.agenda_items.all()} == {39, 48}


def test_loading_twice_changes_nothing_not_even_a_timestamp():
    call_command("load_demo", stdout=io.StringIO())
    first = snapshot()
    assert first["meetings.Session"] and all(row["updated_at"] for row in first["meetings.Session"])
    # The history is part of the record: a second load adds no version, and the first's are the system's.
    assert first["meetings.HistoricalSession"] and first["council.HistoricalMemberState"]
    assert all(row["history_user_id"] is None for row in first["meetings.HistoricalAgendaItem"])
    call_command("load_demo", stdout=io.StringIO())
    assert snapshot() == first


def test_it_refuses_a_demo_login_with_production_settings(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="DEBUG is off"):
        call_command("load_demo", "--with-login", stdout=io.StringIO())
    assert not Session.objects.exists(), "nothing is loaded when the command is refused"


def test_it_prints_a_working_demo_login_per_role_in_demo_mode(settings, client):
    settings.DEBUG = True
    out = io.StringIO()
    call_command("load_demo", "--with-login", stdout=out)
    printed = {line.split("username: ")[1].split()[0]: line.split("password: ")[1].split()[0]
               for line in out.getvalue().splitlines() if "username: " in line}
    assert set(printed) == {"editor", "publisher", "administrator"}
    for username, password in printed.items():
        # Through the sign-in page, as a person would (the lockout needs the request).
        response = client.post("/ar/admin/login/", {"username": username, "password": password})
        assert response.status_code == 302
        assert client.get("/ar/admin/meetings/session/").status_code == 200
        # Only the administrator manages accounts.
        assert client.get("/ar/admin/auth/user/").status_code == (200 if username == "administrator" else 403)
        client.logout()


def test_migrate_leaves_the_three_roles_and_no_secretariat_group():
    from django.contrib.auth.models import Group

    assert set(Group.objects.values_list("name", flat=True)) >= {"Editor", "Publisher", "Administrator"}
    assert not Group.objects.filter(name="Secretariat").exists()
    editor = set(Group.objects.get(name="Editor").permissions.values_list("codename", flat=True))
    assert {"add_session", "change_agendaitem", "delete_resolution", "view_memberstate"} <= editor
    assert "publish_session" not in editor and "change_memberstate" not in editor
    assert not any(name.endswith("_user") for name in editor), "no power over user accounts"
