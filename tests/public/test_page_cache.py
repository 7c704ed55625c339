"""Anonymous readers get whole pages from the cache; any content change retires them, so no
reader ever sees a withdrawn session or an outdated agenda; signed-in readers always get fresh
pages. Every test runs with local memory (the default) and with Redis (as REDIS_URL sets it)."""

import os

import pytest
from django.core.cache import cache
from django.test import Client
from django.utils import translation

from council.cache import current_generation
from council.models import PageGeneration
from meetings.models import AgendaItem, Session
from meetings.signals import session_published

REDIS_TEST_URL = os.environ.get("REDIS_TEST_URL", "redis://127.0.0.1:6379/11")


def redis_reachable():
    import redis

    try:
        return redis.Redis.from_url(REDIS_TEST_URL, socket_connect_timeout=1).ping()
    except redis.RedisError:
        return False


@pytest.fixture(params=["locmem", "redis"])
def backend(request, settings):
    if request.param == "redis":
        if not redis_reachable():
            if os.environ.get("CI"):
                pytest.fail(f"Redis at {REDIS_TEST_URL} is required in CI and unreachable.")
            pytest.skip(f"no Redis at {REDIS_TEST_URL}")
        settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache",
                                       "LOCATION": REDIS_TEST_URL}}
        settings.PAGE_CACHE_GENERATION = "cache"
    cache.clear()
    yield request.param
    cache.clear()


@pytest.fixture
def published(backend, transactional_db, make_session):
    """A published session with three agenda items; changes in these tests really commit."""
    return make_session(number=7, n=3)


@pytest.fixture
def staff(secretary):
    client = Client()
    client.force_login(secretary)
    return client


def english_url(session):
    with translation.override("en"):
        return session.get_absolute_url()


def read(client, url):
    response = client.get(url)
    return response.status_code, response.content.decode(), response.get("X-Page-Cache")


PAGES = ["/en/", "/ar/", "/en/bodies/test-committee/", "/en/member-states/eg/", "/en/search/?q=Item",
         "/en/follow-up/"]


def test_it_serves_the_second_anonymous_reader_from_the_cache(published):
    url = english_url(published)
    first = read(Client(), url)
    second = read(Client(), url)
    assert first[0] == 200 and first[2] == "miss"
    assert second[2] == "hit" and second[1] == first[1]


def test_it_never_shows_a_withdrawn_session(published, staff):
    url = english_url(published)
    for page in [url, *PAGES]:
        read(Client(), page)
        assert read(Client(), page)[2] == "hit"
    response = staff.post(f"/en/admin/meetings/session/{published.pk}/withdraw/agenda/",
                          {"reason": "Published by mistake"})
    assert response.status_code == 302
    assert read(Client(), url)[0] == 410
    for page in PAGES:
        status, html, _ = read(Client(), page)
        assert status == 200 and url not in html, page


def test_it_shows_an_edited_agenda_at_once(published):
    url = english_url(published)
    assert "Item 1<" in read(Client(), url)[1]
    item = published.agenda_items.get(order=1)
    item.title_en = "Roaming charges"
    item.save()
    status, html, state = read(Client(), url)
    assert state == "miss" and "Roaming charges" in html and "Item 1<" not in html


def test_it_forgets_a_deleted_agenda_item(published):
    url = english_url(published)
    assert "Item 3<" in read(Client(), url)[1]
    AgendaItem.objects.filter(session=published, order=3).delete()
    assert "Item 3<" not in read(Client(), url)[1]


def test_it_listens_to_the_publication_signal_when_no_row_is_saved(published, make_session):
    draft = make_session(number=8, publication="draft")
    assert "8th meeting" not in read(Client(), "/en/bodies/test-committee/")[1]
    Session.objects.filter(pk=draft.pk).update(publication="published")  # sends no post_save
    session_published.send(sender=Session, session=draft, step="agenda", user=None)
    assert "8th meeting" in read(Client(), "/en/bodies/test-committee/")[1]


def test_it_gives_signed_in_readers_fresh_pages_and_keeps_theirs_out_of_the_cache(published, staff, make_session):
    draft = make_session(number=9, publication="draft")
    status, html, state = read(staff, english_url(draft))
    assert status == 200 and state is None
    assert read(Client(), english_url(draft))[0] == 404
    read(Client(), "/en/bodies/test-committee/")
    status, html, state = read(staff, "/en/bodies/test-committee/")
    assert state is None and "9th meeting" in html
    assert "9th meeting" not in read(Client(), "/en/bodies/test-committee/")[1]


def test_a_page_cached_yesterday_is_not_served_today(published, make_session, monkeypatch):
    """What is upcoming, recent or overdue changes at midnight, with no content change to retire the pages."""
    import datetime

    from django.utils import timezone

    today = timezone.localdate()
    make_session(number=12, start_date=today + datetime.timedelta(days=1))
    home = read(Client(), "/en/")[1]
    upcoming, recent = home.split('id="recent-heading"')
    assert "12th meeting" in upcoming and "12th meeting" not in recent
    assert read(Client(), "/en/")[2] == "hit"
    monkeypatch.setattr(timezone, "localdate", lambda *args, **kwargs: today + datetime.timedelta(days=2))
    status, home, state = read(Client(), "/en/")
    upcoming, recent = home.split('id="recent-heading"')
    assert state == "miss" and "12th meeting" in recent and "12th meeting" not in upcoming


def test_it_never_caches_a_not_found_page(published):
    for _ in range(2):
        status, html, state = read(Client(), "/en/bodies/no-such-body/")
        assert status == 404 and state != "hit"


def test_it_keeps_each_language_and_address_apart(published):
    read(Client(), "/en/")
    status, html, state = read(Client(), "/ar/")
    assert state == "miss" and 'lang="ar"' in html


def test_it_retires_pages_when_another_server_changes_content(published, backend):
    """Another app server's change reaches this one through the shared generation alone."""
    url = english_url(published)
    read(Client(), url)
    assert read(Client(), url)[2] == "hit"
    if backend == "redis":
        cache.incr("pages:generation")
    else:
        PageGeneration.objects.filter(pk=1).update(value=current_generation() + 1)
    assert read(Client(), url)[2] == "miss"


def test_it_retires_pages_after_a_staff_write_that_sends_no_signal(published, staff, monkeypatch):
    """An admin action written with QuerySet.update() and no signal still reaches readers."""
    from meetings import services

    def quiet_withdraw(session, step, user, reason):
        Session.objects.filter(pk=session.pk).update(publication=Session.Publication.WITHDRAWN)

    monkeypatch.setattr(services, "withdraw", quiet_withdraw)
    url = english_url(published)
    read(Client(), url)
    staff.post(f"/en/admin/meetings/session/{published.pk}/withdraw/agenda/", {"reason": "Published by mistake"})
    assert read(Client(), url)[0] == 410


def test_a_cached_page_costs_no_query_with_redis_and_one_with_local_memory(published, backend):
    """A cached page is answered before the session, the user and the view: with Redis nothing but
    the cache is read; with local memory, only the shared generation, in one query."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    url = english_url(published)
    for page in [url, *PAGES]:
        read(Client(), page)
        with CaptureQueriesContext(connection) as queries:
            assert read(Client(), page)[2] == "hit"
        assert len(queries) == (0 if backend == "redis" else 1), [q["sql"] for q in queries]


def test_a_cached_page_carries_the_headers_of_a_fresh_one(published):
    """Served early in the middleware, a cached page still has its security policy, its language and its length."""
    for url in (english_url(published), "/ar/"):
        fresh, cached = Client().get(url), Client().get(url)
        assert (fresh["X-Page-Cache"], cached["X-Page-Cache"]) == ("miss", "hit")
        headers = {name for name in fresh.headers if name != "X-Page-Cache"}
        assert headers == {name for name in cached.headers if name != "X-Page-Cache"}
        for name in ("Content-Security-Policy", "X-Frame-Options", "Content-Language", "Vary", "Content-Type",
                     "Referrer-Policy", "X-Content-Type-Options"):
            assert cached[name] == fresh[name], name
        assert cached["Content-Language"] == url[1:3]
        assert int(cached["Content-Length"]) == len(cached.content)


def test_a_signed_out_reader_who_still_sends_a_session_cookie_gets_the_cached_page(published, secretary):
    url = english_url(published)
    read(Client(), url)
    client = Client()
    client.force_login(secretary)
    client.logout()
    client.cookies["sessionid"] = "no-such-session"
    status, html, state = read(client, url)
    assert status == 200 and state == "hit"


def test_a_cached_search_shows_an_edited_title_at_once(published):
    url = "/en/search/?q=Roaming"
    assert "charges" not in read(Client(), url)[1]
    assert read(Client(), url)[2] == "hit"
    item = published.agenda_items.get(order=1)
    item.title_en = "Roaming charges"
    item.save()
    status, html, state = read(Client(), url)
    assert state == "miss" and "<mark>Roaming</mark> charges" in html
