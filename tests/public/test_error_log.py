"""With DEBUG off, a failing page is logged to stderr with its path and user id, and nothing secret."""

import io
import logging

import pytest
from django.test import Client

from meetings import views

pytestmark = pytest.mark.django_db


@pytest.fixture
def failing_home(monkeypatch):
    def home(request):
        raise RuntimeError("the archive disk is gone")

    monkeypatch.setattr(views, "home", home)
    # The URL patterns hold the view they were built with: rebuild them around the failing one.
    from django.urls import clear_url_caches

    import meetings.urls
    monkeypatch.setattr(meetings.urls.urlpatterns[0], "callback", home)
    clear_url_caches()


@pytest.fixture
def log(settings):
    """What the stderr handler writes (its stream, bound when logging was configured, is swapped here)."""
    assert settings.LOGGING["handlers"]["stderr"]["stream"] == "ext://sys.stderr"
    handlers = [handler for handler in logging.getLogger("django").handlers
                if isinstance(handler, logging.StreamHandler)]
    assert handlers
    written = io.StringIO()
    previous = [handler.setStream(written) for handler in handlers]
    yield written
    for handler, stream in zip(handlers, previous, strict=True):
        handler.setStream(stream)


def test_it_logs_a_server_error_with_the_path_and_the_user_id(failing_home, secretary, settings, log):
    assert settings.DEBUG is False
    client = Client(raise_request_exception=False)
    client.force_login(secretary)
    session_key = client.cookies["sessionid"].value
    response = client.post("/en/", {"username": "amina", "password": "a-typed-secret"})
    assert response.status_code == 500
    log = log.getvalue()
    assert f"ERROR django.request path=/en/ user={secretary.pk} Internal Server Error: /en/" in log
    assert "RuntimeError: the archive disk is gone" in log
    assert session_key not in log
    assert "a-typed-secret" not in log


def test_it_logs_an_anonymous_visitor_s_error_without_a_user(failing_home, log):
    response = Client(raise_request_exception=False).get("/ar/")
    assert response.status_code == 500
    assert "path=/ar/ user=- Internal Server Error: /ar/" in log.getvalue()


def test_the_500_page_claims_what_is_true(failing_home, log):
    page = Client(raise_request_exception=False).get("/en/").content.decode()
    # It says the error was logged: the tests above show that it is.
    assert "which has been logged" in page and "وقد سُجّل الخطأ" in page
    assert "the archive disk is gone" not in page, "the cause is for the log, not for the reader"
    assert "the archive disk is gone" in log.getvalue()
