"""The documented backup and restore round trip, on PostgreSQL: dump, drop the database and
the documents, restore, and every row (sessions, history, everything) and every document's
checksum comes back. Skipped on SQLite, whose backup is a copy of its file; CI runs it."""

import hashlib
import shutil
import subprocess
from pathlib import Path

import pytest
from django.db import connection, connections

from meetings.models import Document, Session

ROOT = Path(__file__).resolve().parents[2]

pytestmark = pytest.mark.skipif(connection.vendor != "postgresql", reason="bin/backup handles PostgreSQL only")


def database_url(name=None):
    config = connection.settings_dict
    password = f":{config['PASSWORD']}" if config.get("PASSWORD") else ""
    return (f"postgres://{config['USER']}{password}@{config['HOST'] or '127.0.0.1'}:{config['PORT'] or 5432}/"
            f"{name or config['NAME']}")


def fingerprints():
    """Each table's rows, read in a fixed order and hashed: equal only if every row is."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename")
        tables = [row[0] for row in cursor.fetchall()]
        result = {}
        for table in tables:
            cursor.execute(f'SELECT count(*), md5(coalesce(string_agg(t::text, \'|\' ORDER BY t::text), \'\')) '
                           f'FROM "{table}" t')
            result[table] = cursor.fetchone()
    return result


def file_checksums():
    """Each document's recorded checksum, and that of the file as it is now read back."""
    checksums = {}
    for document in Document.objects.all():
        with document.file.open("rb") as handle:
            checksums[document.pk] = (document.sha256, hashlib.sha256(handle.read()).hexdigest())
    return checksums


def run(command, env):
    completed = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True)
    assert completed.returncode == 0, completed.stderr
    return completed.stdout


@pytest.fixture
def backup(tmp_path_factory):
    """A folder for the backup, apart from the documents (make_session keeps them in tmp_path)."""
    return tmp_path_factory.mktemp("backup") / "2026-11-28"


def test_it_restores_every_row_and_document_after_the_database_is_dropped(transactional_db, make_session,
                                                                         settings, backup):
    for number in (1, 2):
        make_session(number=number, n=6)
    session = Session.objects.get(number=1)
    session.city_ar = "القاهرة"
    session.save()  # a second version in the history
    before, checksums = fingerprints(), file_checksums()
    assert before["meetings_session"][0] == 2 and before["meetings_agendaitem"][0] == 12
    # Every version of every record is in the backup too, both languages and who saved it.
    assert before["meetings_historicalsession"][0] == 3 and before["meetings_historicalagendaitem"][0] == 12
    assert len(checksums) == 12 and all(recorded == actual for recorded, actual in checksums.values())
    media = Path(settings.MEDIA_ROOT)
    env = {"PATH": "/usr/bin:/bin:/usr/local/bin", "DATABASE_URL": database_url(), "MEDIA_ROOT": str(media)}
    run(["bin/backup", str(backup)], env)

    name = connection.settings_dict["NAME"]
    connections.close_all()
    maintenance = database_url("postgres")
    run(["psql", "--dbname", maintenance, "--quiet", "--command", f'DROP DATABASE "{name}" WITH (FORCE)'], env)  # a live server's thread may still hold a connection
    run(["psql", "--dbname", maintenance, "--quiet", "--command", f'CREATE DATABASE "{name}"'], env)
    shutil.rmtree(media)
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM pg_tables WHERE schemaname = 'public'")
        assert cursor.fetchone()[0] == 0  # really gone
    connections.close_all()

    run(["bin/restore", str(backup)], env)
    assert fingerprints() == before
    assert [version.city_ar for version in Session.objects.get(number=1).history.all()] == ["القاهرة", ""]
    assert file_checksums() == checksums


def test_it_refuses_to_restore_over_a_database_that_has_tables(transactional_db, make_session, settings, backup):
    make_session(number=1, n=1)
    env = {"PATH": "/usr/bin:/bin:/usr/local/bin", "DATABASE_URL": database_url(), "MEDIA_ROOT": settings.MEDIA_ROOT}
    run(["bin/backup", str(backup)], env)
    completed = subprocess.run(["bin/restore", str(backup)], cwd=ROOT, env=env,
                               capture_output=True, text=True)
    assert completed.returncode == 1 and "restore into an empty one" in completed.stderr
    assert fingerprints()["meetings_session"][0] == 1


def test_it_refuses_a_backup_whose_checksum_does_not_match(transactional_db, make_session, settings, backup):
    make_session(number=1, n=1)
    env = {"PATH": "/usr/bin:/bin:/usr/local/bin", "DATABASE_URL": database_url(), "MEDIA_ROOT": settings.MEDIA_ROOT}
    run(["bin/backup", str(backup)], env)
    with open(backup / "media.tar.gz", "ab") as handle:
        handle.write(b"damaged")
    completed = subprocess.run(["bin/restore", str(backup)], cwd=ROOT, env=env,
                               capture_output=True, text=True)
    assert completed.returncode != 0 and "FAILED" in completed.stdout + completed.stderr
