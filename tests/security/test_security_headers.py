"""Strict headers: a Content-Security-Policy everywhere, HSTS over HTTPS, the proxy header only when trusted.

The browser half (the admin's scripts and language tabs still working under the
policy, with no violation reported) is in test_browser_csp.py.
"""

import secrets
import subprocess
import sys

import pytest

from tests.units.test_settings import CLEAN_ENV, ROOT

pytestmark = pytest.mark.django_db

# The test run's own defaults (plain HTTP, no second factor) are not production's.
BASE_ENV = {k: v for k, v in CLEAN_ENV.items() if k not in ("SECURE_COOKIES", "STAFF_SECOND_FACTOR")}
PRODUCTION = {"DEBUG": "false", "SECRET_KEY": secrets.token_urlsafe(50), "ALLOWED_HOSTS": "meetings.example.org"}


def policy(response):
    return dict(part.strip().split(" ", 1) for part in response["Content-Security-Policy"].split(";"))


@pytest.mark.parametrize("path", ["/ar/", "/en/search/?q=x", "/ar/login/", "/ar/admin/login/", "/en/no-such-page/"])
def test_every_page_forbids_inline_and_foreign_scripts(client, demo, path):
    directives = policy(client.get(path))
    assert directives["script-src"] == "'self'"
    assert directives["default-src"] == "'self'"
    assert directives["object-src"] == "'none'"
    assert directives["frame-ancestors"] == "'none'"


def test_the_admins_pages_carry_the_policy_too(secretary_client, demo):
    response = secretary_client.get(f"/ar/admin/meetings/session/{demo.pk}/change/")
    assert response.status_code == 200
    assert "'unsafe-inline'" not in policy(response)["script-src"]


def test_it_sends_hsts_over_https_only(client, demo, settings):
    settings.SECURE_HSTS_SECONDS = 31536000
    settings.SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    assert client.get("/ar/", secure=True)["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains"
    assert "Strict-Transport-Security" not in client.get("/ar/")


def test_a_client_cannot_claim_https_by_a_header_unless_a_proxy_is_trusted(client, demo, settings):
    settings.SECURE_SSL_REDIRECT = True
    settings.SECURE_PROXY_SSL_HEADER = None
    response = client.get("/ar/", HTTP_X_FORWARDED_PROTO="https")
    assert response.status_code == 301 and response["Location"] == "https://testserver/ar/"
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    assert client.get("/ar/", HTTP_X_FORWARDED_PROTO="https").status_code == 200


def settings_value(name, **env):
    code = f"import council.settings as s; print(repr(getattr(s, {name!r}, None)))"
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env={**BASE_ENV, **PRODUCTION, **env},
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def test_the_proxy_header_is_trusted_only_when_the_operator_says_so():
    assert settings_value("SECURE_PROXY_SSL_HEADER") == "None"
    assert settings_value("SECURE_PROXY_SSL_HEADER", TRUST_X_FORWARDED_PROTO="true") == \
        "('HTTP_X_FORWARDED_PROTO', 'https')"


def test_production_settings_turn_on_https_redirect_and_a_years_hsts():
    assert settings_value("SECURE_SSL_REDIRECT") == "True"
    assert settings_value("SECURE_HSTS_SECONDS") == "31536000"
    assert settings_value("SESSION_COOKIE_SECURE") == "True"
    assert settings_value("SECURE_HSTS_SECONDS", SECURE_COOKIES="false") == "0"


def test_check_deploy_is_clean_under_the_documented_production_settings(tmp_path):
    """The README's production variables, nothing more: `manage.py check --deploy` finds no issue."""
    env = {**BASE_ENV, **PRODUCTION, "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}"}
    result = subprocess.run([sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
                            cwd=ROOT, env=env, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout
