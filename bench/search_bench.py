"""Measure search latency (p50/p95) and the build time of the search vectors and GIN indexes.

Run on a PostgreSQL database filled by `manage.py generate_archive` (see bench/README.md):

    DEBUG=1 DATABASE_URL=postgres://postgres@127.0.0.1:5432/council_bench \
        .venv/bin/python bench/search_bench.py [--rounds 5] [--no-rebuild]

It rebuilds the search_vector columns and their indexes (so never point it at a
real database), then times every query of QUERIES `rounds` times through
meetings.search.search() — what the page calls — and through the whole page.
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

from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402

from meetings.search import Filters, search  # noqa: E402
from meetings.search.postgres import SEARCHABLE_TABLES, VECTOR_SQL  # noqa: E402

# What people type: topics in both languages and their spellings, phrases, OR, exclusions,
# very common words, rare ones, numbers, and filters.
QUERIES = [
    ("الأمن السيبراني", {}), ("الامن السيبرانى", {}), ("بالأمن السيبراني", {}), ("السيبراني", {}),
    ("cybersecurity", {}), ("حوكمة الإنترنت", {}), ("حوكمه الانترنت", {}), ("internet governance", {}),
    ("الذكاء الاصطناعي", {}), ("artificial intelligence", {}), ("الأقمار الصناعية", {}), ("satellites", {}),
    ("الكابلات البحرية", {}), ("submarine cables", {}), ("الرمز البريدي", {}), ("postcode", {}),
    ('"التجارة الإلكترونية"', {}), ('"electronic commerce"', {}), ("الحوسبة السحابية OR البيانات الضخمة", {}),
    ("cloud OR data", {}), ("الإنترنت -الأشياء", {}), ("internet -things", {}), ("الوزراء", {}),
    ("وزراء", {}), ("الأمين العام", {}), ("الامين", {}), ("مسقط", {}), ("Muscat", {}),
    ("العربية", {}), ("الدول العربية", {}), ("Arab", {}), ("التعاون", {}),
    ("48", {}), ("٤٨", {}), ("2020", {}), ("الدورة الثامنة والأربعون", {}),
    ("xyzzy", {}), ("GCI الأمن", {}),
    ("الأمن السيبراني", {"kind": "items"}), ("الأمن السيبراني", {"year_from": 2000, "year_to": 2010}),
    ("التحول الرقمي", {"body": "executive-office"}), ("المدن الذكية", {"member_state": "EG"}),
]


def percentile(values, p):
    values = sorted(values)
    return values[min(len(values) - 1, round(p / 100 * (len(values) - 1)))]


def rebuild():
    """Drop and recreate each search_vector column and its GIN index; return their times in seconds."""
    times = {}
    with connection.cursor() as cursor:
        for table in SEARCHABLE_TABLES:
            cursor.execute(f"ALTER TABLE {table} DROP COLUMN search_vector")
            started = time.perf_counter()
            # One statement, so that the table is rewritten once, with the vector inline (migration 0005).
            cursor.execute(f"ALTER TABLE {table} ADD COLUMN search_vector tsvector "
                           f"GENERATED ALWAYS AS ({VECTOR_SQL.replace('%', '%%')}) STORED, "
                           f"ALTER COLUMN search_vector SET STORAGE MAIN")
            vectors = time.perf_counter() - started
            started = time.perf_counter()
            cursor.execute(f"CREATE INDEX {table}_search_vector ON {table} USING gin (search_vector)")
            times[table] = (vectors, time.perf_counter() - started)
            cursor.execute(f"VACUUM ANALYZE {table}")
    return times


def filters_for(options):
    from council.models import Body, MemberState

    options = dict(options)
    if "body" in options:
        options["body"] = Body.objects.get(slug=options["body"])
    if "member_state" in options:
        options["member_state"] = MemberState.objects.get(iso_code=options["member_state"])
    return Filters(**options)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--no-rebuild", action="store_true")
    parser.add_argument("--per-query", action="store_true", help="also print each query's median time")
    args = parser.parse_args()
    connection.ensure_connection()
    assert connection.vendor == "postgresql", "The benchmark is for PostgreSQL."
    connection.set_autocommit(True)

    with connection.cursor() as cursor:
        for table in SEARCHABLE_TABLES:
            cursor.execute(f"SELECT count(*) FROM {table}")
            print(f"{table}: {cursor.fetchone()[0]:,} rows")
    if not args.no_rebuild:
        print("\n| table | vectors (column rewrite) | GIN index |\n|---|---|---|")
        for table, (vectors, index) in rebuild().items():
            print(f"| {table} | {vectors:.1f} s | {index:.1f} s |")
    # The statistics a production database keeps with autovacuum (off on some test servers):
    # the planner needs them for the filters, and search() for its estimates.
    started = time.perf_counter()
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    print(f"\nANALYZE: {time.perf_counter() - started:.1f} s")

    searches, pages, slowest, by_query = [], [], [], {}
    client = Client()
    for query, options in QUERIES:  # warm the caches once, as a running server would be
        search(query, filters_for(options), limit=5)
    for _ in range(args.rounds):
        for query, options in QUERIES:
            filters = filters_for(options)
            started = time.perf_counter()
            results = search(query, filters, limit=5)
            elapsed = (time.perf_counter() - started) * 1000
            searches.append(elapsed)
            slowest.append((elapsed, query, options, results.total))
            by_query.setdefault((query, str(options)), []).append(elapsed)
            params = {"q": query}
            started = time.perf_counter()
            response = client.get("/ar/search/", params, HTTP_HOST="127.0.0.1")
            pages.append((time.perf_counter() - started) * 1000)
            assert response.status_code == 200
    print(f"\n{len(QUERIES)} queries × {args.rounds} rounds")
    print("| measured | p50 | p95 | max |\n|---|---|---|---|")
    for name, values in (("search()", searches), ("whole page /ar/search/?q=…", pages)):
        print(f"| {name} | {statistics.median(values):.1f} ms | {percentile(values, 95):.1f} ms "
              f"| {max(values):.1f} ms |")
    print("\nSlowest searches:")
    for elapsed, query, options, total in sorted(slowest, reverse=True)[:8]:
        print(f"  {elapsed:7.1f} ms  {query!r} {options or ''} → {total:,} results")
    if args.per_query:
        print("\nMedian search() per query:")
        for (query, options), times in sorted(by_query.items(), key=lambda item: -statistics.median(item[1])):
            print(f"  {statistics.median(times):7.1f} ms  {query!r} {options if options != '{}' else ''}")


if __name__ == "__main__":
    main()
