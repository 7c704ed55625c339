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
    # One row past the limit tells "more than 4" from "exactly 4".
    assert counts and all(re.search(r"LIMIT 5\b", sql) for sql in counts), counts
    html = response.content.decode()
    # 9 items, counted up to 4, two to a page: two pages, where a full count would give five.
    assert re.search(r"[?&]p=2\b", html) and not re.search(r"[?&]p=3\b", html)


SEARCH = "?q=%D8%A8%D9%86%D8%AF"  # «بند»: every item of make_session


@pytest.mark.parametrize("language,pager,search_bar", [
    ("ar", "بنود جدول الأعمال: أكثر من 4 سجلات، لا يُعرض منها إلا أول 4؛ ضيّق البحث أو اختر مرشّحًا.",
     "أكثر من 4 نتائج: ضيّق البحث."),
    ("en", "More than 4 agenda items; only the first 4 are listed. Refine the search or choose a filter.",
     "More than 4 results: refine the search."),
])
def test_a_search_past_the_limit_says_there_are_more_and_to_refine_it(secretary_client, many_items, language,
                                                                      pager, search_bar):
    html = secretary_client.get(f"/{language}/admin/meetings/agendaitem/{SEARCH}").content.decode()
    assert pager in html and search_bar in html
    # Never a bare count that pretends to be the total.
    for count, more in [("4 results", "More than 4 results"), ("4 agenda items", "More than 4 agenda items"),
                        ("4 نتائج", "أكثر من 4 نتائج"), ("4 سجلات", "أكثر من 4 سجلات")]:
        assert html.count(count) == html.count(more), count


@pytest.mark.parametrize("items", [3, 4])
def test_a_search_within_the_limit_gives_its_count(secretary_client, make_session, monkeypatch, items):
    monkeypatch.setattr(EstimatedCountPaginator, "COUNT_LIMIT", 4)
    make_session(number=1, n=items)
    for language in ("ar", "en"):
        html = secretary_client.get(f"/{language}/admin/meetings/agendaitem/{SEARCH}").content.decode()
        assert "more-than-counted" not in html and "أكثر من" not in html and "More than" not in html
    assert f"{items} results" in html and f"{items} agenda items" in html


def test_the_pages_past_the_limit_keep_the_search_and_their_address(secretary_client, many_items):
    """Counted up to 4, two to a page: page 2 is linked from page 1, with the search, and opens."""
    first = secretary_client.get(f"/en/admin/meetings/agendaitem/{SEARCH}").content.decode()
    assert re.search(r'href="\?p=2&amp;q=%D8%A8%D9%86%D8%AF"|href="\?q=%D8%A8%D9%86%D8%AF&amp;p=2"', first)
    response = secretary_client.get(f"/en/admin/meetings/agendaitem/{SEARCH}&p=2")
    assert response.status_code == 200
    html = response.content.decode()
    assert "More than 4 agenda items" in html and html.count('href="/en/admin/meetings/agendaitem/') >= 2


def test_an_action_is_never_offered_for_all_of_an_uncounted_list(secretary_client, make_session, monkeypatch):
    """"Select all 4 agenda items" would run the action on all 9 matches."""
    monkeypatch.setattr(EstimatedCountPaginator, "COUNT_LIMIT", 4)
    monkeypatch.setattr(AgendaItemAdmin, "list_per_page", 2)
    make_session(number=1, n=3)
    assert "Select all 3 agenda items" in secretary_client.get(f"/en/admin/meetings/agendaitem/{SEARCH}").content.decode()
    make_session(number=2, n=6)
    html = secretary_client.get(f"/en/admin/meetings/agendaitem/{SEARCH}").content.decode()
    assert "More than 4 agenda items" in html and "Select all 4" not in html and 'class="action-counter"' in html


def test_counting_a_search_takes_as_many_queries_below_and_above_the_limit(secretary_client, make_session,
                                                                           monkeypatch):
    monkeypatch.setattr(EstimatedCountPaginator, "COUNT_LIMIT", 4)
    monkeypatch.setattr(AgendaItemAdmin, "list_per_page", 2)
    queries = []
    for number, n in [(1, 3), (2, 6)]:  # 3 matches, then 9
        make_session(number=number, n=n)
        with CaptureQueriesContext(connection) as context:
            assert secretary_client.get(f"/en/admin/meetings/agendaitem/{SEARCH}").status_code == 200
        queries.append(len(context.captured_queries))
    assert queries[0] == queries[1]


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
