"""Two app servers (gunicorn, as in production) on two ports over the same PostgreSQL and Redis:
a sign-in on one is valid on the other, and a publication on one retires the other's cached
pages. This is what lets a council add servers behind a load balancer. Needs PostgreSQL and
Redis; skipped without them outside CI, where both are required."""

import http.cookiejar
import os
import re
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest
from django.db import connection

from tests.public.test_page_cache import REDIS_TEST_URL, redis_reachable

ROOT = Path(__file__).resolve().parents[2]

pytestmark = pytest.mark.skipif(connection.vendor != "postgresql", reason="app servers share PostgreSQL")


class Server:
    def __init__(self, port, env):
        self.base = f"http://127.0.0.1:{port}"
        self.process = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "council.wsgi:application", "--bind", f"127.0.0.1:{port}",
             "--workers", "1", "--access-logfile", "/dev/null"],
            cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                urllib.request.urlopen(self.base + "/healthz", timeout=5)
                return
            except OSError as exc:  # refused while starting, or slow on a busy machine
                if self.process.poll() is not None:
                    raise RuntimeError(self.process.stderr.read().decode()) from exc
                time.sleep(0.2)
        self.stop()
        raise RuntimeError(f"gunicorn on port {port} did not answer within a minute")

    def stop(self):
        self.process.terminate()
        self.process.wait(timeout=10)


@pytest.fixture
def servers(transactional_db):
    if not redis_reachable():
        if os.environ.get("CI"):
            pytest.fail(f"Redis at {REDIS_TEST_URL} is required in CI and unreachable.")
        pytest.skip(f"no Redis at {REDIS_TEST_URL}")
    import redis

    redis.Redis.from_url(REDIS_TEST_URL).flushdb()
    config = connection.settings_dict
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"), "DEBUG": "false", "SECRET_KEY": "two-servers-" + "k" * 40,
        "ALLOWED_HOSTS": "127.0.0.1", "SECURE_COOKIES": "false", "REDIS_URL": REDIS_TEST_URL,
        "STAFF_SECOND_FACTOR": "false",  # the second factor has its own tests; here, the shared sign-in
        "DATABASE_URL": f"postgres://{config['USER']}@{config['HOST'] or '127.0.0.1'}:{config['PORT'] or 5432}/"
                        f"{config['NAME']}",
    }
    if config.get("PASSWORD"):
        env["DATABASE_URL"] = env["DATABASE_URL"].replace(f"{config['USER']}@", f"{config['USER']}:{config['PASSWORD']}@")
    pair = []
    try:
        pair.append(Server(8112, env))  # this worktree's ports (8110–8119)
        pair.append(Server(8113, env))
        yield pair
    finally:
        for server in pair:
            server.stop()


class Browser:
    """A reader with cookies, like a browser. Cookies are not kept per port, so both servers on
    127.0.0.1 receive the same ones, as two servers behind one load balancer would."""

    def __init__(self):
        self.cookies = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.cookies))

    def get(self, url):
        with self.opener.open(url, timeout=10) as response:
            return response.status, response.read().decode(), response.geturl(), response.headers

    def post(self, url, data):
        data = {**data, "csrfmiddlewaretoken": self.csrf_token()}
        request = urllib.request.Request(url, urllib.parse.urlencode(data, doseq=True).encode(), method="POST")
        with self.opener.open(request, timeout=10) as response:
            return response.status, response.read().decode(), response.geturl()

    def csrf_token(self):
        return next(cookie.value for cookie in self.cookies if cookie.name == "csrftoken")


PASSWORD = "a-long-test-password-2026"


def give_password(user):
    """Hash as the servers do (production's hasher): the tests' own fast hasher is not theirs."""
    from django.contrib.auth.hashers import PBKDF2PasswordHasher

    hasher = PBKDF2PasswordHasher()
    user.password = hasher.encode(PASSWORD, hasher.salt())
    user.save()


def sign_in(browser, server):
    browser.get(server.base + "/en/admin/login/")
    status, html, url = browser.post(server.base + "/en/admin/login/?next=/en/admin/",
                                     {"username": "amina", "password": PASSWORD, "next": "/en/admin/"})
    assert url == server.base + "/en/admin/", html[:500]  # signed in: not sent back to the login page


def test_a_sign_in_on_one_server_is_valid_on_the_other(servers, secretary, make_session):
    one, two = servers
    give_password(secretary)
    browser = Browser()
    sign_in(browser, one)
    status, html, url, _ = browser.get(two.base + "/en/admin/")
    assert url == two.base + "/en/admin/"  # not sent to the login page
    assert "amina" in html and 'action="/en/admin/logout/"' in html


def test_a_publication_on_one_server_retires_the_other_s_cached_pages(servers, secretary, make_session):
    one, two = servers
    make_session(number=1)
    draft = make_session(number=2, n=1, publication="draft")
    # A publishable agenda; its document's file lives in this process's media folder, not the servers'.
    draft.documents.all().delete()
    reader = Browser()
    for _ in range(2):
        status, html, _, headers = reader.get(two.base + "/en/bodies/test-committee/")
    assert headers["X-Page-Cache"] == "hit" and "2nd meeting" not in html

    give_password(secretary)
    staff = Browser()
    sign_in(staff, one)
    status, html, url = staff.post(one.base + f"/en/admin/meetings/session/{draft.pk}/publish/agenda/", {})
    assert re.search(r"Published: ", html), html[:500]

    status, html, _, headers = reader.get(two.base + "/en/bodies/test-committee/")
    assert headers["X-Page-Cache"] == "miss" and "2nd meeting" in html
