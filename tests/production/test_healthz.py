"""/healthz tells a load balancer whether this app server can reach its database and its cache."""

import pytest
from django.db import OperationalError

pytestmark = pytest.mark.django_db


def test_it_answers_ok_when_database_and_cache_answer(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok", "cache": "ok"}
    assert "no-cache" in response["Cache-Control"]


def test_it_answers_503_naming_the_cache_when_the_cache_is_down(client, monkeypatch):
    from django.core.cache.backends.redis import RedisCache

    import council.views

    # A Redis cache where nothing listens (port 1), as when the Redis server is down.
    monkeypatch.setattr(council.views, "cache", RedisCache("redis://127.0.0.1:1/0", {}))
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["database"] == "ok" and response.json()["cache"].startswith("error")


def test_it_answers_503_naming_the_database_when_the_database_is_down(client, monkeypatch):
    from django.db import connection

    def refuse(*args, **kwargs):
        raise OperationalError("connection refused")

    monkeypatch.setattr(connection, "cursor", refuse)
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["database"] == "error: OperationalError" and response.json()["cache"] == "ok"


def test_it_answers_over_plain_http_where_everything_else_is_redirected(client, settings):
    settings.SECURE_SSL_REDIRECT = True  # as in production behind HTTPS
    assert client.get("/healthz").status_code == 200
    assert client.get("/en/").status_code == 301


def test_it_answers_503_with_the_page_cache_on_and_the_database_down(client, monkeypatch, settings):
    """The page cache reads its generation from the database: it must not stand between /healthz and the answer."""
    from django.db import connection

    settings.PAGE_CACHE_SECONDS = 60

    def refuse(*args, **kwargs):
        raise OperationalError("connection refused")

    monkeypatch.setattr(connection, "cursor", refuse)
    assert client.get("/healthz").status_code == 503
