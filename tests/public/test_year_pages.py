"""Body, member-state and dossier pages stay bounded however long the archive: the latest
years up to a budget of rows, every other year one link away at an address that names it."""

import datetime

import pytest

from council.models import MemberState
from meetings import years
from meetings.models import AgendaItem, Dossier, Participation

pytestmark = pytest.mark.django_db


@pytest.fixture
def four_years(make_session, monkeypatch):
    """Three sessions a year from 2019 to 2022, and a budget of four rows per page."""
    monkeypatch.setattr(years, "YEAR_PAGE_BUDGET", 4)
    egypt = MemberState.objects.create(iso_code="EG", protocol_order=19, name_ar="مصر", name_en="Egypt")
    dossier = Dossier.objects.create(slug="subject", title_ar="موضوع", title_en="Subject")
    sessions = []
    for number in range(1, 13):
        session = make_session(number=number, start_date=datetime.date(2019 + (number - 1) // 3, 1, number))
        Participation.objects.create(session=session, member_state=egypt, role="delegate")
        AgendaItem.objects.create(session=session, order=1, title_ar=f"بند {number}", dossier=dossier)
        sessions.append(session)
    return sessions


def names(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    html = response.content.decode()
    return [number for number in range(1, 13) if f">{number}th meeting" in html or f">{number}st meeting" in html
            or f">{number}nd meeting" in html or f">{number}rd meeting" in html], html


@pytest.mark.parametrize("url", ["/en/bodies/test-committee/", "/en/member-states/eg/"])
def test_it_shows_only_the_latest_whole_years_within_the_budget(client, four_years, url):
    shown, html = names(client, url)
    assert shown == [10, 11, 12]  # 2022 alone: adding 2021 would pass the budget
    for year in (2019, 2020, 2021):
        assert f'href="?year={year}"' in html


@pytest.mark.parametrize("url", ["/en/bodies/test-committee/", "/en/member-states/eg/"])
def test_it_shows_one_year_at_its_own_address(client, four_years, url):
    shown, html = names(client, url + "?year=2020")
    assert shown == [4, 5, 6]
    assert '<span aria-current="page">2020' in html
    assert 'href="/en/' in html and "Latest years" in html


@pytest.mark.parametrize("query", ["?year=1990", "?year=abc", "?year="])
def test_it_answers_404_for_a_year_with_nothing_to_show(client, four_years, query):
    assert client.get("/en/bodies/test-committee/" + query).status_code == 404


def test_it_follows_a_dossier_from_its_earliest_years(client, four_years):
    shown, html = names(client, "/en/dossiers/subject/")
    assert shown == [1, 2, 3]
    shown, html = names(client, "/en/dossiers/subject/?year=2022")
    assert shown == [10, 11, 12]


def test_it_puts_sessions_with_no_year_under_their_own_address(client, four_years, make_session):
    make_session(number=13, start_date=None)
    shown, html = names(client, "/en/bodies/test-committee/?year=undated")
    assert shown == [] and "13th meeting" in html and "10th meeting" not in html


def test_it_never_counts_a_draft_in_a_year(client, four_years, make_session):
    make_session(number=20, start_date=datetime.date(2015, 1, 1), publication="draft")
    shown, html = names(client, "/en/bodies/test-committee/")
    assert 'href="?year=2015"' not in html
    assert client.get("/en/bodies/test-committee/?year=2015").status_code == 404


def test_it_shows_no_year_links_when_everything_fits(client, make_session):
    make_session(number=1)
    html = client.get("/en/bodies/test-committee/").content.decode()
    assert "year-nav" not in html
