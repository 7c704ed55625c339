"""The follow-up of resolutions: actions, statuses reported at later sessions, the board.

A status belongs to the session that reported it: nobody without the permission
to see unpublished content reads it before that session's outcomes are published.
"""

import datetime

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from council.models import Body, MemberState
from meetings.models import Resolution, Session
from meetings.tracking import FollowUpAction, StatusUpdate
from tests.helpers import address

pytestmark = pytest.mark.django_db

S = StatusUpdate.Status
TODAY = datetime.date(2024, 6, 1)


@pytest.fixture
def history(make_session):
    """Meeting 1 (2022) adopts a resolution asking Egypt to act within 180 days; meetings 2 (2023)
    and 3 (2024) report on it: in progress, then done."""
    first = make_session(number=1, n=1, start_date=datetime.date(2022, 3, 1))
    second = make_session(number=2, start_date=datetime.date(2023, 3, 1))
    third = make_session(number=3, start_date=datetime.date(2024, 3, 1))
    resolution = first.resolutions.get()
    action = FollowUpAction.objects.create(
        resolution=resolution, description_ar="إعداد دراسة عن التجوال", description_en="Prepare a study on roaming",
        responsible=FollowUpAction.Responsible.NAMED_STATES, due_date=datetime.date(2022, 8, 28))
    action.states.set([MemberState.objects.get(iso_code="EG")])
    StatusUpdate.objects.create(action=action, session=second, status=S.IN_PROGRESS,
                                note_ar="بدأ الإعداد", note_en="Work has begun")
    StatusUpdate.objects.create(action=action, session=third, status=S.DONE,
                                note_ar="قُدمت الدراسة", note_en="The study was submitted")
    return first, second, third, resolution, action


def statuses(user, on):
    return {a.pk: (a.status, a.is_overdue, a.is_open) for a in FollowUpAction.objects.with_status(user, on)}


def test_it_gives_the_status_as_it_stood_on_each_date(history, secretary):
    *_, action = history
    assert statuses(secretary, datetime.date(2022, 5, 1))[action.pk] == (None, False, True)
    # Past the due date with nothing reported: overdue.
    assert statuses(secretary, datetime.date(2022, 12, 1))[action.pk] == (None, True, True)
    assert statuses(secretary, datetime.date(2023, 6, 1))[action.pk] == (S.IN_PROGRESS, True, True)
    assert statuses(secretary, datetime.date(2024, 6, 1))[action.pk] == (S.DONE, False, False)


def test_it_ignores_a_status_reported_at_a_session_whose_outcomes_are_unpublished(history, secretary):
    _, _, third, _, action = history
    Session.objects.filter(pk=third.pk).update(outcomes_published_at=None)
    assert statuses(AnonymousUser(), TODAY)[action.pk][0] == S.IN_PROGRESS
    assert statuses(secretary, TODAY)[action.pk][0] == S.DONE


def test_it_takes_the_next_session_of_a_body_as_the_deadline(history, make_session):
    first, _, _, resolution, _ = history
    office = Body.objects.create(slug="office", name_ar="المكتب التنفيذي", name_en="Executive Office",
                                 kind="executive_office")
    make_session(number=7, body=office, start_date=datetime.date(2021, 1, 1))  # before: not the deadline
    make_session(number=8, body=office, start_date=datetime.date(2022, 10, 1))
    action = FollowUpAction.objects.create(resolution=resolution, description_ar="عرض النتائج",
                                           due_by_next_session_of=office)
    annotated = FollowUpAction.objects.with_status(AnonymousUser(), TODAY).get(pk=action.pk)
    assert annotated.deadline == datetime.date(2022, 10, 1)
    assert annotated.is_overdue


def test_it_refuses_a_status_reported_before_or_at_the_adopting_session(history, make_session):
    first, *_, action = history
    earlier = make_session(number=9, start_date=datetime.date(2021, 1, 1))
    for session in (first, earlier):
        with pytest.raises(ValidationError) as error:
            StatusUpdate(action=action, session=session, status=S.DONE).full_clean()
        assert "session" in error.value.message_dict


def test_it_refuses_two_deadlines_and_a_missing_body(history):
    *_, resolution, _ = history
    body = Body.objects.get(slug="test-committee")
    with pytest.raises(ValidationError):
        FollowUpAction(resolution=resolution, description_ar="x", due_date=TODAY,
                       due_by_next_session_of=body).full_clean()
    with pytest.raises(ValidationError) as error:
        FollowUpAction(resolution=resolution, description_ar="x",
                       responsible=FollowUpAction.Responsible.BODY).full_clean()
    assert "responsible_body" in error.value.message_dict


def test_it_shows_the_history_of_a_status_on_the_session_page(client, history):
    first, second, third, *_ = history
    page = client.get(address(first, "en")).content.decode()
    assert "Prepare a study on roaming" in page
    assert page.index("Work has begun") < page.index("The study was submitted")
    assert second.get_absolute_url() in page and third.get_absolute_url() in page
    arabic = client.get(address(first, "ar")).content.decode()
    assert "بدأ الإعداد" in arabic and "قيد التنفيذ" in arabic


def test_it_keeps_the_follow_up_off_the_page_while_outcomes_are_unpublished(client, history):
    first, _, third, *_ = history
    Session.objects.filter(pk=third.pk).update(outcomes_published_at=None)
    page = client.get(address(first, "en")).content.decode()
    assert "Work has begun" in page and "The study was submitted" not in page
    Session.objects.filter(pk=first.pk).update(outcomes_published_at=None)
    page = client.get(address(first, "en")).content.decode()
    assert "Prepare a study on roaming" not in page


# --- The board -----------------------------------------------------------------

def test_the_board_shows_an_open_resolution_until_its_actions_are_done(client, history):
    *_, resolution, _ = history
    open_then = client.get("/en/follow-up/?on=2023-06-01").content.decode()
    assert "Prepare a study on roaming" in open_then and "In progress" in open_then
    assert "1 overdue action" in open_then
    done_now = client.get("/en/follow-up/?on=2024-06-01").content.decode()
    assert "Prepare a study on roaming" not in done_now
    assert "0 resolutions with open follow-up" in done_now


def test_the_board_filters_by_body_member_state_and_year(client, history, make_session):
    *_, resolution, _ = history
    MemberState.objects.create(iso_code="MA", protocol_order=20, name_ar="المغرب", name_en="Morocco")
    on = "on=2023-06-01"
    assert "Prepare a study" in client.get(f"/en/follow-up/?{on}&state=eg").content.decode()
    assert "Prepare a study" not in client.get(f"/en/follow-up/?{on}&state=MA").content.decode()
    assert "Prepare a study" in client.get(f"/en/follow-up/?{on}&year=2022").content.decode()
    assert "Prepare a study" not in client.get(f"/en/follow-up/?{on}&year=2023").content.decode()
    Body.objects.create(slug="other", name_ar="أخرى", name_en="Other", kind="working_group")
    assert "Prepare a study" in client.get(f"/en/follow-up/?{on}&body=test-committee").content.decode()
    assert "Prepare a study" not in client.get(f"/en/follow-up/?{on}&body=other").content.decode()


def test_the_board_says_what_is_wrong_with_a_bad_filter(client, history):
    response = client.get("/ar/follow-up/?on=yesterday&year=abc")
    assert response.status_code == 200
    assert "form__errors" in response.content.decode()


def test_the_public_board_leaves_out_unpublished_outcomes_but_the_secretariats_shows_them(
        client, secretary, history):
    first, *_ = history
    Session.objects.filter(pk=first.pk).update(outcomes_published_at=None)
    for language in ("ar", "en"):
        assert "التجوال" not in client.get(f"/{language}/follow-up/?on=2023-06-01").content.decode()
    client.force_login(secretary)
    admin_page = client.get("/en/admin/meetings/resolution/follow-up/?on=2023-06-01").content.decode()
    assert "Prepare a study on roaming" in admin_page


def test_the_admin_board_needs_the_permission_to_view_resolutions(client, django_user_model, history):
    client.force_login(django_user_model.objects.create_user("clerk", password="x", is_staff=True))
    assert client.get("/en/admin/meetings/resolution/follow-up/").status_code == 403


def test_the_board_reads_a_constant_number_of_queries(client, make_session, secretary):
    def add_resolutions(session, count):
        for _ in range(count):
            n = Resolution.objects.count() + 100
            resolution = Resolution.objects.create(session=session, number=n, title_ar=f"قرار {n}")
            action = FollowUpAction.objects.create(
                resolution=resolution, description_ar=f"إجراء {n}",
                responsible=FollowUpAction.Responsible.NAMED_STATES)
            action.states.set(MemberState.objects.all())
            StatusUpdate.objects.create(action=action, session=later, status=S.IN_PROGRESS)

    first = make_session(number=1, start_date=datetime.date(2022, 3, 1))
    later = make_session(number=2, start_date=datetime.date(2023, 3, 1))
    add_resolutions(first, 2)

    def count(url):
        with CaptureQueriesContext(connection) as context:
            assert client.get(url).status_code == 200
        return len(context)

    urls = ["/ar/follow-up/", "/en/follow-up/?state=eg&on=2023-06-01", "/en/follow-up/?body=test-committee&year=2022",
            "/en/follow-up/?overdue=on&on=2022-06-01", "/en/member-states/eg/"]
    few = [count(url) for url in urls]
    add_resolutions(first, 20)
    assert [count(url) for url in urls] == few
    client.force_login(secretary)
    few = count("/en/admin/meetings/resolution/follow-up/")
    add_resolutions(first, 5)
    assert count("/en/admin/meetings/resolution/follow-up/") == few


def test_a_member_states_page_shows_what_concerns_it(client, history):
    page = client.get("/en/member-states/eg/").content.decode()
    # Done by now: nothing open concerns Egypt.
    assert "Prepare a study on roaming" not in page
    StatusUpdate.objects.filter(status=S.DONE).delete()
    page = client.get("/en/member-states/eg/").content.decode()
    assert "Prepare a study on roaming" in page


def test_the_standing_follow_up_item_links_to_the_board_at_the_sessions_date(client, history):
    _, second, *_ = history
    page = client.get(address(second, "en")).content.decode()
    assert "/en/follow-up/?body=test-committee" not in page
    second.agenda_items.create(order=1, title_ar="متابعة تنفيذ القرارات السابقة", follows_up_resolutions=True)
    page = client.get(address(second, "en")).content.decode()
    assert "/en/follow-up/?body=test-committee&amp;on=2023-03-01" in page


def test_the_archive_wide_filters_agree_with_each_actions_status(history, secretary, make_session):
    first, *_, resolution, _ = history
    office = Body.objects.create(slug="office", name_ar="المكتب التنفيذي", name_en="Executive Office",
                                 kind="executive_office")
    make_session(number=8, body=office, start_date=datetime.date(2022, 10, 1))
    FollowUpAction.objects.create(resolution=resolution, description_ar="عرض النتائج", due_by_next_session_of=office)
    FollowUpAction.objects.create(resolution=resolution, description_ar="بلا موعد")
    for reader in (AnonymousUser(), secretary):
        for day in ("2022-05-01", "2022-09-01", "2022-12-01", "2023-06-01", "2024-06-01"):
            on = datetime.date.fromisoformat(day)
            annotated = statuses(reader, on)
            opened = set(FollowUpAction.objects.open_on(reader, on).values_list("pk", flat=True))
            overdue = set(FollowUpAction.objects.overdue_on(reader, on).values_list("pk", flat=True))
            assert opened == {pk for pk, (_, _, is_open) in annotated.items() if is_open}, day
            assert overdue == {pk for pk, (_, is_overdue, _) in annotated.items() if is_overdue}, day


# --- The latest status stored on each action --------------------------------------------------

def stored(action):
    action.refresh_from_db()
    return (action.last_status, action.last_reported_at_id, action.last_reported_on,
            action.public_status, action.public_reported_at_id, action.public_reported_on)


def test_each_action_stores_its_latest_status_as_updates_are_recorded_and_deleted(history):
    _, second, third, _, action = history
    assert stored(action) == (S.DONE, third.pk, third.start_date, S.DONE, third.pk, third.start_date)
    done = StatusUpdate.objects.get(session=third)
    done.status = S.OVERDUE
    done.save()
    assert stored(action)[0] == S.OVERDUE
    done.delete()
    assert stored(action) == (S.IN_PROGRESS, second.pk, second.start_date, S.IN_PROGRESS, second.pk,
                              second.start_date)
    StatusUpdate.objects.get(session=second).delete()
    assert stored(action) == ("", None, None, "", None, None)


def test_a_status_moved_to_another_action_leaves_the_first_one_its_earlier_status(history):
    first, second, third, resolution, action = history
    other = FollowUpAction.objects.create(resolution=resolution, description_ar="إجراء آخر")
    done = StatusUpdate.objects.get(session=third)
    done.action = other
    done.save()
    assert stored(action)[0] == S.IN_PROGRESS and stored(other)[0] == S.DONE


def test_the_public_status_waits_for_the_outcomes_of_the_session_that_reported_it(history):
    _, second, third, _, action = history
    third.outcomes_published_at = None
    third.save()
    assert stored(action) == (S.DONE, third.pk, third.start_date, S.IN_PROGRESS, second.pk, second.start_date)
    third.publication = Session.Publication.WITHDRAWN
    third.save(update_fields=["publication"])
    assert stored(action)[3] == S.IN_PROGRESS
    second.start_date = datetime.date(2025, 1, 10)  # now reported after the third
    second.save()
    assert stored(action)[:3] == (S.IN_PROGRESS, second.pk, datetime.date(2025, 1, 10))


def test_a_status_reported_at_an_undated_session_holds_from_the_start_of_its_year(history, make_session):
    *_, resolution, _ = history
    undated = make_session(number=5, start_date=None, year=2025)
    action = FollowUpAction.objects.create(resolution=resolution, description_ar="إجراء")
    StatusUpdate.objects.create(action=action, session=undated, status=S.DONE)
    assert stored(action)[:3] == (S.DONE, undated.pk, datetime.date(2025, 1, 1))


def test_the_board_reads_the_stored_status_and_agrees_with_each_actions_history(history, secretary, make_session):
    """For every reader and date, the archive-wide filters (stored status, and the status updates only for
    actions whose stored status was reported later) give what each action's full history gives."""
    first, second, third, resolution, _ = history
    fourth = make_session(number=4, start_date=datetime.date(2025, 3, 1), outcomes_published_at=None)
    office = Body.objects.create(slug="office", name_ar="المكتب التنفيذي", name_en="Executive Office",
                                 kind="executive_office")
    make_session(number=8, body=office, start_date=datetime.date(2022, 10, 1))
    late = FollowUpAction.objects.create(resolution=resolution, description_ar="عرض النتائج",
                                         due_by_next_session_of=office)
    StatusUpdate.objects.create(action=late, session=second, status=S.OVERDUE)
    StatusUpdate.objects.create(action=late, session=fourth, status=S.DONE)  # unpublished: the secretariat's only
    moot = FollowUpAction.objects.create(resolution=resolution, description_ar="بلا موعد")
    StatusUpdate.objects.create(action=moot, session=third, status=S.NO_LONGER_RELEVANT)
    for reader in (AnonymousUser(), secretary):
        for day in ("2022-05-01", "2022-12-01", "2023-06-01", "2024-06-01", "2025-06-01"):
            on = datetime.date.fromisoformat(day)
            annotated = statuses(reader, on)
            opened = set(FollowUpAction.objects.open_on(reader, on).values_list("pk", flat=True))
            overdue = set(FollowUpAction.objects.overdue_on(reader, on).values_list("pk", flat=True))
            assert opened == {pk for pk, (_, _, is_open) in annotated.items() if is_open}, (reader, day)
            assert overdue == {pk for pk, (_, is_overdue, _) in annotated.items() if is_overdue}, (reader, day)
    assert late.pk not in FollowUpAction.objects.open_on(secretary, datetime.date(2025, 6, 1)).values_list("pk", flat=True)
    assert late.pk in FollowUpAction.objects.open_on(AnonymousUser(), datetime.date(2025, 6, 1)).values_list("pk", flat=True)


def test_the_migration_fills_the_latest_status_of_existing_actions(history):
    import importlib

    from django.apps import apps

    *_, third, _, action = history
    FollowUpAction.objects.update(last_status="", last_reported_at=None, last_reported_on=None,
                                  public_status="", public_reported_at=None, public_reported_on=None)
    migration = importlib.import_module("meetings.migrations.0026_follow_up_latest_status")
    migration.fill_latest_statuses(apps, None)
    assert stored(action) == (S.DONE, third.pk, third.start_date, S.DONE, third.pk, third.start_date)


def test_the_synthetic_archive_stores_each_actions_latest_status(db):
    from django.core.management import call_command

    from meetings.tracking import refresh_latest_statuses

    call_command("generate_archive", sessions=12, items=24, resolutions=40, documents=0, working_groups=1,
                 seed=3, stdout=open("/dev/null", "w"))
    assert StatusUpdate.objects.exists()
    assert FollowUpAction.objects.exclude(last_status="").exists()
    assert refresh_latest_statuses() == 0, "every action already stored its latest status"


def test_the_overdue_count_follows_the_boards_filters(client, history):
    MemberState.objects.create(iso_code="MA", protocol_order=20, name_ar="المغرب", name_en="Morocco")
    on = "on=2023-06-01"
    for filters in ("", "&state=eg", "&body=test-committee", "&year=2022", "&overdue=on"):
        assert "1 overdue action" in client.get(f"/en/follow-up/?{on}{filters}").content.decode(), filters
    for filters in ("&state=MA", "&year=2023"):
        assert "0 overdue actions" in client.get(f"/en/follow-up/?{on}{filters}").content.decode(), filters
