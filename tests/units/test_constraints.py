"""Invariants hold in the database itself, and validation names the conflicting record."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction
from django.utils import translation

from council.models import Body, Membership, MemberState
from meetings.models import AgendaItem, Participation, Resolution, Session

pytestmark = pytest.mark.django_db


def refused_by_database(create):
    """Run create() in a savepoint and report whether the database refused it."""
    try:
        with transaction.atomic():
            create()
    except IntegrityError:
        return True
    return False


def test_the_database_refuses_a_second_session_with_the_same_number(demo):
    assert refused_by_database(lambda: Session.objects.create(body=demo.body, kind=demo.kind, number=48))


def test_the_same_number_is_fine_for_another_kind_or_body(demo):
    Session.objects.create(body=demo.body, kind=Session.Kind.EXTRAORDINARY, number=48)
    Session.objects.create(body=Body.objects.get(slug="council"), number=48)
    assert Session.objects.filter(number=48).count() == 3


def test_the_database_refuses_an_end_before_the_start(demo):
    assert refused_by_database(lambda: Session.objects.create(
        body=demo.body, number=50, start_date=datetime.date(2022, 5, 2), end_date=datetime.date(2022, 5, 1)))


def test_the_database_refuses_two_agenda_items_with_the_same_order(demo):
    assert refused_by_database(lambda: AgendaItem.objects.create(session=demo, order=1, title_ar="بند مكرر"))


def test_the_database_refuses_a_second_current_chair(demo):
    office = demo.body
    saudi = MemberState.objects.get(iso_code="SA")
    assert refused_by_database(lambda: Membership.objects.create(
        body=office, member_state=saudi, role=Membership.Role.CHAIR))


def test_the_database_refuses_a_membership_of_nobody(demo):
    assert refused_by_database(lambda: Membership.objects.create(body=demo.body, role=Membership.Role.MEMBER))


def test_the_database_refuses_two_session_chairs(demo):
    assert refused_by_database(lambda: Participation.objects.create(
        session=demo, member_state=MemberState.objects.get(iso_code="SA"), role=Participation.Role.CHAIR))


def test_the_database_refuses_a_duplicate_resolution_number(demo):
    Resolution.objects.create(session=demo, number=1, title_ar="قرار أول")
    assert refused_by_database(lambda: Resolution.objects.create(session=demo, number=1, title_ar="قرار آخر"))


def test_resolutions_without_a_number_yet_do_not_clash(demo):
    Resolution.objects.create(session=demo, title_ar="قرار أول")
    Resolution.objects.create(session=demo, title_ar="قرار ثانٍ")
    assert demo.resolutions.filter(number=None).count() == 2


@pytest.mark.skipif(connection.vendor != "postgresql", reason="exclusion constraints exist on PostgreSQL only")
def test_postgresql_refuses_overlapping_chair_periods(demo):
    office = demo.body
    Membership.objects.filter(body=office, role=Membership.Role.CHAIR).update(
        start_date=datetime.date(2021, 1, 1), end_date=datetime.date(2021, 12, 31))
    saudi = MemberState.objects.get(iso_code="SA")
    assert refused_by_database(lambda: Membership.objects.create(
        body=office, member_state=saudi, role=Membership.Role.CHAIR,
        start_date=datetime.date(2021, 6, 1), end_date=datetime.date(2022, 5, 31)))
    # The next period, starting the day after, is fine.
    Membership.objects.create(body=office, member_state=saudi, role=Membership.Role.CHAIR,
                              start_date=datetime.date(2022, 1, 1), end_date=datetime.date(2022, 12, 31))


def messages_of(error):
    return [message for messages in error.message_dict.values() for message in messages]


def test_validation_names_the_existing_session_in_arabic(demo):
    with translation.override("ar"), pytest.raises(ValidationError) as error:
        Session(body=demo.body, kind=demo.kind, number=48).full_clean()
    assert messages_of(error.value) == ["سبق تسجيل الدورة العادية الثامنة والأربعين للمكتب التنفيذي."]


def test_validation_names_the_existing_session_in_english(demo):
    with translation.override("en"), pytest.raises(ValidationError) as error:
        Session(body=demo.body, kind=demo.kind, number=48).full_clean()
    assert messages_of(error.value) == ["The 48th ordinary session of the Executive Office already exists."]


def test_validation_names_the_current_chair(demo):
    membership = Membership(body=demo.body, member_state=MemberState.objects.get(iso_code="SA"),
                            role=Membership.Role.CHAIR)
    with translation.override("en"), pytest.raises(ValidationError) as error:
        membership.full_clean()
    assert "Egypt already chairs Executive Office" in error.value.message_dict["role"][0]


def test_validation_refuses_overlapping_chair_periods_on_every_database(demo):
    office = demo.body
    Membership.objects.filter(body=office, role=Membership.Role.CHAIR).update(
        start_date=datetime.date(2021, 1, 1), end_date=datetime.date(2021, 12, 31))
    overlapping = Membership(body=office, member_state=MemberState.objects.get(iso_code="MA"),
                             role=Membership.Role.CHAIR, start_date=datetime.date(2021, 12, 31))
    with translation.override("ar"), pytest.raises(ValidationError) as error:
        overlapping.full_clean()
    assert "رئاسة المكتب التنفيذي مسندة إلى مصر" in error.value.message_dict["role"][0]
    overlapping.start_date = datetime.date(2022, 1, 1)
    overlapping.full_clean()


def test_validation_refuses_an_end_before_the_start(demo):
    session = Session(body=demo.body, number=60, start_date=datetime.date(2022, 5, 2),
                      end_date=datetime.date(2022, 5, 1))
    with translation.override("ar"), pytest.raises(ValidationError) as error:
        session.full_clean()
    assert error.value.message_dict["end_date"] == ["لا يجوز أن يسبق تاريخُ الانتهاء تاريخَ البدء."]


def test_validation_names_the_item_holding_an_order(demo):
    item = AgendaItem(session=demo, order=5, title_ar="بند جديد")
    with translation.override("en"), pytest.raises(ValidationError) as error:
        item.full_clean()
    assert error.value.message_dict["order"] == [
        "Order 5 is already taken by “Artificial intelligence” on this agenda."]


def test_validation_refuses_a_main_item_from_another_session(demo):
    other = Session.objects.get(number=39)
    item = AgendaItem(session=demo, order=99, title_ar="بند", parent=other.agenda_items.first())
    with pytest.raises(ValidationError) as error:
        item.full_clean()
    assert "parent" in error.value.message_dict


def test_the_year_follows_the_start_date(demo):
    demo.start_date = datetime.date(2021, 9, 1)
    demo.save()
    demo.refresh_from_db()
    assert demo.year == 2021
