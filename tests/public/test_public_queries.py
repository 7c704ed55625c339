"""Every public page costs the same number of queries for 5 agenda items, resolutions and
participants as for 100: lists are read with their related rows, never one row at a time."""

import pytest

from meetings.models import AgendaItem, Dossier
from tests.helpers import address, queries_for, site_url

pytestmark = pytest.mark.django_db



@pytest.fixture
def small_and_large(make_session):
    return make_session(number=1, n=5), make_session(number=2, n=100)


@pytest.fixture(params=["anonymous", "delegate", "staff"])
def reader(request, client):
    """The same page read by each kind of reader: each pays its own constant."""
    if request.param != "anonymous":
        request.getfixturevalue({"delegate": "delegate_client", "staff": "secretary_client"}[request.param])
    return client


def test_it_reads_a_session_page_in_constant_queries(reader, small_and_large):
    small, large = small_and_large
    assert large.agenda_items.count() == 100 and large.resolutions.count() == 100
    assert large.participants.count() == 100 and large.documents.count() == 100
    assert queries_for(reader, address(small, "en")) == queries_for(reader, address(large, "en"))


def test_it_reads_a_session_page_in_a_dozen_queries_at_most(client, small_and_large, django_assert_max_num_queries):
    with django_assert_max_num_queries(12):
        client.get(address(small_and_large[1], "ar"))


@pytest.mark.parametrize("name, args", [("member_state", ["eg"]), ("body", ["test-committee"]), ("home", [])])
def test_it_reads_a_list_of_sessions_in_constant_queries(reader, make_session, name, args):
    url = site_url("en", name, *args)
    for number in range(1, 6):
        make_session(number=number, n=1)
    five = queries_for(reader, url)
    for number in range(6, 101):
        make_session(number=number, n=1)
    assert queries_for(reader, url) == five


def test_it_reads_a_dossier_page_in_constant_queries(reader, make_session):
    dossier = Dossier.objects.create(slug="subject", title_ar="موضوع", title_en="Subject")
    small = make_session(number=1, n=5)
    AgendaItem.objects.filter(session=small).update(dossier=dossier)
    five = queries_for(reader, "/en/dossiers/subject/")
    for number in range(2, 21):
        session = make_session(number=number, n=5)
        AgendaItem.objects.filter(session=session).update(dossier=dossier)
    assert AgendaItem.objects.filter(dossier=dossier).count() == 100
    assert queries_for(reader, "/en/dossiers/subject/") == five

