"""The admin's lists stay fast over an archive: they never count a whole table, and a search
counts its matches only up to a limit."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from council.admin import EstimatedCountPaginator
from meetings.admin import AgendaItemAdmin

pytestmark = pytest.mark.django_db


@pytest.fixture
def many_items(make_session, monkeypatch):
    monkeypatch.setattr(EstimatedCountPaginator, "COUNT_LIMIT", 4)
    monkeypatch.setattr(AgendaItemAdmin, "list_per_page", 2)
    return make_session(number=1, n=9)


def count_queries(context):
    return [query["sql"] for query in context.captured_queries if "COUNT(" in query["sql"].upper()]


@pytest.mark.parametrize("query", ["", "?q=%D8%A8%D9%86%D8%AF"])  # everything, and a search for «بند»
def test_it_counts_a_list_only_up_to_the_limit(secretary_client, many_items, query):
    with CaptureQueriesContext(connection) as context:
        response = secretary_client.get("/ar/admin/meetings/agendaitem/" + query)
    assert response.status_code == 200
    counts = count_queries(context)
    assert counts and all(re.search(r"LIMIT 4\b", sql) for sql in counts), counts
    html = response.content.decode()
    # 9 items, counted up to 4, two to a page: two pages, where a full count would give five.
    assert re.search(r"[?&]p=2\b", html) and not re.search(r"[?&]p=3\b", html)


def test_it_shows_no_second_full_count_beside_a_search(secretary_client, many_items):
    html = secretary_client.get("/en/admin/meetings/agendaitem/?q=Item").content.decode()
    assert "total" not in html  # Django's "5 results (9 total)" needs a count of the whole table


@pytest.mark.parametrize("query", ["", "?q=Item"])
def test_the_resolution_list_reads_no_range_or_years_of_every_resolution(secretary_client, make_session, query):
    """A list of 100,000 resolutions: no MIN/MAX or DISTINCT over all of them (or all of a search's matches)."""
    make_session(number=1, n=3)
    with CaptureQueriesContext(connection) as context:
        response = secretary_client.get("/en/admin/meetings/resolution/" + query)
    assert response.status_code == 200
    scans = [q["sql"] for q in context.captured_queries
             if re.search(r"\b(MIN|MAX)\(|SELECT DISTINCT", q["sql"]) and '"meetings_resolution"' in q["sql"]]
    assert not scans, scans
