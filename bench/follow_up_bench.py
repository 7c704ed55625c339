"""Time the follow-up board on PostgreSQL at archive scale, as a ratio to a bare view (see bench/README.md).

Run on a database filled by `manage.py generate_archive`:

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/council_h3_bench \
        .venv/bin/python bench/follow_up_bench.py [--rounds 5] [--code /tmp/before] [--explain]

It runs VACUUM ANALYZE, warms up once, then times each case `rounds` times through the
whole public page (`/ar/follow-up/?…`, template included) as an anonymous reader,
and through the admin board as a secretariat user, with the page cache off. In the
same loop it times /bare/ (bench/urls.py: "ok" through the same middleware), and
prints each page's median, its ratio to the bare view's median, and its number of
queries. --code runs another checkout's code (e.g. a `git archive` of an older
commit) against the same database; --explain prints PostgreSQL's plan of the
board's filtered queries.
"""

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

parser = argparse.ArgumentParser()
parser.add_argument("--rounds", type=int, default=5)
parser.add_argument("--code", default=str(Path(__file__).resolve().parent.parent))
parser.add_argument("--explain", action="store_true")
options = parser.parse_args()
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # bench.settings and bench.urls
sys.path.insert(0, options.code)
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")
os.environ.setdefault("DEBUG", "1")
os.environ["PAGE_CACHE_SECONDS"] = "0"  # every request renders the board afresh

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.contrib.auth.models import Permission, User  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from meetings.models import Resolution, Session  # noqa: E402
from meetings.tracking import FollowUpAction, StatusUpdate  # noqa: E402

CASES = [
    "", "?on=2005-06-01", "?overdue=on", "?state=EG", "?body=executive-office", "?year=2010",
    "?state=MA&year=2015&overdue=on", "?page=40",
]


def timed(client, url, rounds):
    """Median time (ms) of `rounds` requests, with the bare view's median over requests interleaved with them."""
    times, bare = [], []
    for _ in range(rounds):
        started = time.perf_counter()
        assert client.get("/bare/").status_code == 200
        bare.append((time.perf_counter() - started) * 1000)
        with CaptureQueriesContext(connection) as queries:
            started = time.perf_counter()
            response = client.get(url)
            times.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200, (url, response.status_code)
    return statistics.median(times), statistics.median(bare), len(queries), len(response.content)


def explain():
    """PostgreSQL's plan of the board's queries filtered by body, member state and year (anonymous, today)."""
    from django.contrib.auth.models import AnonymousUser

    from council.models import Body, MemberState
    from meetings import follow_up

    anonymous = AnonymousUser()
    for label, filters in (("body", {"body": Body.objects.get(slug="executive-office")}),
                           ("member state", {"state": MemberState.objects.get(iso_code="EG")}),
                           ("year", {"year": 2010})):
        board = follow_up.board(anonymous, **filters)
        print(f"--- {label}: count")
        print(board.order_by().explain(analyze=True))


def main():
    settings.ALLOWED_HOSTS = ["testserver", *settings.ALLOWED_HOSTS]
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")  # this test server runs without autovacuum; production has it
    print(f"code: {options.code}")
    print(f"{Session.objects.count()} sessions, {Resolution.objects.count()} resolutions, "
          f"{FollowUpAction.objects.count()} follow-up actions, {StatusUpdate.objects.count()} status updates")
    if options.explain:
        explain()
    anonymous = Client()
    anonymous.get("/ar/follow-up/")  # warm up
    print(f"{'page':45} {'median ms':>10} {'bare ms':>8} {'queries':>8} {'KB':>6}")
    rows, bares = [], []

    def row(label, client, url):
        median, bare, queries, size = timed(client, url, options.rounds)
        rows.append((label, median))
        bares.append(bare)
        print(f"{label:45} {median:10.0f} {bare:8.1f} {queries:8} {size / 1024:6.0f}", flush=True)

    for case in CASES:
        row("/ar/follow-up/" + case, anonymous, f"/ar/follow-up/{case}")
    row("/ar/member-states/eg/", anonymous, "/ar/member-states/eg/")
    staff, _ = User.objects.get_or_create(username="bench-secretary", defaults={"is_staff": True})
    staff.user_permissions.set(Permission.objects.filter(content_type__app_label="meetings"))
    secretariat = Client()
    secretariat.force_login(staff)
    for case in ("", "?overdue=on", "?state=EG"):
        row("admin board" + case, secretariat, f"/ar/admin/meetings/resolution/follow-up/{case}")
    # One bare figure for the run: the median of the bare requests interleaved with every page's.
    bare = statistics.median(bares)
    print(f"\nbare view, median over the run: {bare:.1f} ms")
    for label, median in rows:
        print(f"{label:45} {median / bare:8.0f} × bare")


if __name__ == "__main__":
    main()
