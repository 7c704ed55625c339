"""Years and dates of sessions and resolutions stay between 1945 and 2100, refused with a message."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from meetings.models import Resolution, Session
from tests.helpers import form_values

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("field, value", [
    ("year", 0), ("year", 1944), ("year", 2101),
    ("start_date", datetime.date(1, 1, 1)), ("start_date", datetime.date(9999, 12, 31)),
    ("end_date", datetime.date(2101, 1, 1)),
])
def test_it_refuses_an_implausible_session_year_or_date(demo, field, value):
    setattr(demo, field, value)
    with pytest.raises(ValidationError) as refused:
        demo.full_clean()
    assert field in refused.value.message_dict


@pytest.mark.parametrize("field, value", [("year", 1945), ("year", 2100),
                                          ("start_date", datetime.date(1945, 3, 22))])
def test_it_accepts_the_first_and_last_plausible_years(demo, field, value):
    setattr(demo, field, value)
    demo.full_clean()


def test_it_refuses_an_implausible_adoption_date(demo):
    resolution = Resolution(session=demo, title_ar="قرار", adopted_on=datetime.date(9999, 1, 1))
    with pytest.raises(ValidationError) as refused:
        resolution.full_clean()
    assert "adopted_on" in refused.value.message_dict


def test_the_database_refuses_an_implausible_year_written_past_the_forms(demo):
    with transaction.atomic(), pytest.raises(IntegrityError):
        Session.objects.filter(pk=demo.pk).update(year=0)


def test_it_explains_the_range_in_the_admin_in_arabic(secretary_client, demo):
    url = f"/ar/admin/meetings/session/{demo.pk}/change/"
    values = form_values(secretary_client.get(url))
    values.update(start_date="0001-01-01")
    response = secretary_client.post(url, values)
    assert response.status_code == 200
    assert "أدخل تاريخًا بين عامَي 1945 و2100." in response.content.decode()
    demo.refresh_from_db()
    assert demo.start_date is None  # nothing saved


def test_it_explains_the_range_in_the_admin_in_english(secretary_client, demo):
    url = f"/en/admin/meetings/session/{demo.pk}/change/"
    values = form_values(secretary_client.get(url))
    values.update(year="0")
    response = secretary_client.post(url, values)
    assert "Enter a year between 1945 and 2100." in response.content.decode()
