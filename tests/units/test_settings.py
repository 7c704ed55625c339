"""Settings come from the environment; a bad value stops start-up and names the variable."""

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
CLEAN_ENV = {k: v for k, v in os.environ.items()
             if k not in ("DEBUG", "SECRET_KEY", "ALLOWED_HOSTS", "DATABASE_URL", "DJANGO_SETTINGS_MODULE")}


def load_settings(**env):
    """Import council.settings in a fresh interpreter with env; return (ok, output)."""
    code = ("import json, council.settings as s; "
            "print(json.dumps({'DEBUG': s.DEBUG, 'ENGINE': s.DATABASES['default']['ENGINE'], "
            "'NAME': str(s.DATABASES['default']['NAME']), 'HOSTS': s.ALLOWED_HOSTS}))")
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env={**CLEAN_ENV, **env},
                            capture_output=True, text=True)
    return result.returncode == 0, result.stdout + result.stderr


def test_it_runs_on_sqlite_in_the_project_with_debug_on():
    ok, output = load_settings(DEBUG="1")
    assert ok, output
    assert '"ENGINE": "django.db.backends.sqlite3"' in output
    assert str(ROOT / "db.sqlite3") in output


def test_it_refuses_the_development_secret_key_when_debug_is_off():
    ok, output = load_settings(ALLOWED_HOSTS="example.org")
    assert not ok
    assert "SECRET_KEY must be set" in output


def test_it_starts_with_debug_off_given_a_key_and_hosts():
    ok, output = load_settings(SECRET_KEY="x" * 50, ALLOWED_HOSTS="meetings.example.org, www.example.org")
    assert ok, output
    assert '"DEBUG": false' in output
    assert '"HOSTS": ["meetings.example.org", "www.example.org"]' in output


def test_it_refuses_debug_off_without_hosts():
    ok, output = load_settings(SECRET_KEY="x" * 50)
    assert not ok
    assert "ALLOWED_HOSTS must name" in output


@pytest.mark.parametrize("value", ["maybe", "2", "tru"])
def test_it_names_a_malformed_debug(value):
    ok, output = load_settings(DEBUG=value)
    assert not ok
    assert "DEBUG must be true or false" in output


@pytest.mark.parametrize("url", ["mysql://root@localhost/council", "not a url", "postgres://"])
def test_it_names_a_malformed_database_url(url):
    ok, output = load_settings(DEBUG="1", DATABASE_URL=url)
    assert not ok
    assert "DATABASE_URL" in output


def test_it_uses_postgresql_through_psycopg_3():
    ok, output = load_settings(DEBUG="1", DATABASE_URL="postgres://postgres@127.0.0.1:5432/council")
    assert ok, output
    assert '"ENGINE": "django.db.backends.postgresql"' in output and '"NAME": "council"' in output


def variables_read_by_settings():
    source = (ROOT / "council" / "settings.py").read_text()
    return set(re.findall(r'(?:env_\w+|os\.environ\.get)\("([A-Z_]+)"', source))


def test_docker_compose_matches_the_settings():
    compose = yaml.safe_load((ROOT / "docker-compose.yml").read_text())
    app, db = compose["services"]["app"], compose["services"]["db"]
    assert set(app["environment"]) <= variables_read_by_settings()
    assert {"DATABASE_URL", "SECRET_KEY", "DEBUG", "ALLOWED_HOSTS"} <= set(app["environment"])
    assert app["environment"]["DEBUG"] == "false"
    database_url = app["environment"]["DATABASE_URL"]
    assert re.fullmatch(r"postgres://council:\$\{POSTGRES_PASSWORD:-council\}@db:5432/council", database_url)
    assert db["environment"]["POSTGRES_DB"] == "council" and db["environment"]["POSTGRES_USER"] == "council"
    assert "migrate" in app["command"] and "gunicorn council.wsgi:application" in app["command"]
    assert (ROOT / app["build"] / "Dockerfile").exists()


def test_docker_compose_settings_would_start():
    compose = yaml.safe_load((ROOT / "docker-compose.yml").read_text())
    given = {"SECRET_KEY": "k" * 50}  # what the operator must supply; the rest have defaults

    def interpolate(value):
        return re.sub(r"\$\{(\w+)(?::-([^}]*)|:\?[^}]*)\}", lambda m: given.get(m.group(1), m.group(2)), value)

    env = {name: interpolate(value) for name, value in compose["services"]["app"]["environment"].items()}
    ok, output = load_settings(**env)
    assert ok, output
    assert '"ENGINE": "django.db.backends.postgresql"' in output
