"""Time the follow-up board on PostgreSQL at archive scale (see bench/README.md).

Run on a database filled by `manage.py generate_archive`:

    DEBUG=1 DATABASE_URL=postgres://postgres@127.0.0.1:5432/council_h13 \
        .venv/bin/python bench/follow_up_bench.py [--rounds 5]

It runs ANALYZE, warms up once, then times each case `rounds` times through the
whole public page (`/ar/follow-up/?…`, template included) as an anonymous reader,
and once as a secretariat user through the admin board, printing the median and
the number of queries of each.
"""

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "council.settings")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.contrib.auth.models import Permission, User  # noqa: E402
from django.db import connection, reset_queries  # noqa: E402
from django.test import Client  # noqa: E402

from meetings.models import Resolution, Session  # noqa: E402
from meetings.tracking import FollowUpAction, StatusUpdate  # noqa: E402

CASES = [
    "", "?on=2005-06-01", "?overdue=on", "?state=EG", "?body=executive-office", "?year=2010",
    "?state=MA&year=2015&overdue=on", "?page=40",
]


def timed(client, url, rounds):
    times = []
    for _ in range(rounds):
        reset_queries()
        started = time.perf_counter()
        response = client.get(url)
        times.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200, (url, response.status_code)
    return statistics.median(times), len(connection.queries), len(response.content)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=5)
    options = parser.parse_args()
    settings.ALLOWED_HOSTS = ["testserver", *settings.ALLOWED_HOSTS]
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    print(f"{Session.objects.count()} sessions, {Resolution.objects.count()} resolutions, "
          f"{FollowUpAction.objects.count()} follow-up actions, {StatusUpdate.objects.count()} status updates")
    anonymous = Client()
    anonymous.get("/ar/follow-up/")  # warm up
    print(f"{'page':45} {'median ms':>10} {'queries':>8} {'KB':>6}")
    for case in CASES:
        median, queries, size = timed(anonymous, f"/ar/follow-up/{case}", options.rounds)
        print(f"{'/ar/follow-up/' + case:45} {median:10.0f} {queries:8} {size / 1024:6.0f}")
    median, queries, size = timed(anonymous, "/ar/member-states/eg/", options.rounds)
    print(f"{'/ar/member-states/eg/':45} {median:10.0f} {queries:8} {size / 1024:6.0f}")
    staff, _ = User.objects.get_or_create(username="bench-secretary", defaults={"is_staff": True})
    staff.user_permissions.set(Permission.objects.filter(content_type__app_label="meetings"))
    secretariat = Client()
    secretariat.force_login(staff)
    median, queries, size = timed(secretariat, "/ar/admin/meetings/resolution/follow-up/", options.rounds)
    print(f"{'/ar/admin/meetings/resolution/follow-up/':45} {median:10.0f} {queries:8} {size / 1024:6.0f}")


if __name__ == "__main__":
    main()
