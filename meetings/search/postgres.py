"""The PostgreSQL backend: a stored tsvector per searchable table, GIN-indexed, ranked with ts_rank.

The column `search_vector` (migration 0003, kept inline by 0005) is generated
by PostgreSQL from the normalized `search_ar` / `search_en` columns: the
`arabic` configuration over the one and the `english` one over the other.
Query words are stemmed by PostgreSQL itself with the same configurations.
VECTOR_SQL below is that expression; the migration keeps its own frozen copy.
"""

import json
import math
from contextlib import contextmanager

from django.core.exceptions import EmptyResultSet, FullResultSet
from django.db import connection
from django.utils.translation import gettext_lazy as _

from meetings.search import records
from meetings.search.query import SearchError
from meetings.search.stems import arabic_forms, arabic_lexeme, is_arabic, is_literal

SEARCHABLE_TABLES = ["meetings_session", "meetings_agendaitem", "meetings_resolution", "meetings_document"]
# ASCII punctuation is blanked before PostgreSQL's parser reads the text, so that it reads
# «3/6/2021» or «El-Sheikh» as separate words, as stems.words() does.
PUNCTUATION = "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~"


def _blanked(column):
    quoted = PUNCTUATION.replace("'", "''")
    return f"translate({column}, '{quoted}', '{' ' * len(PUNCTUATION)}')"


VECTOR_SQL = (f"to_tsvector('arabic'::regconfig, {_blanked('search_ar')}) || "
              f"to_tsvector('english'::regconfig, {_blanked('search_en')})")


def _tsquery_operand(text):
    return f"'{text}'"  # words are letters and digits only: nothing to escape


def _pg_word(word):
    if is_literal(word):
        return "to_tsquery('simple', %s)", [_tsquery_operand(word)]
    if is_arabic(word):
        # One form per stem keeps the tsquery short; Python's Snowball gives PostgreSQL's stems.
        forms = {arabic_lexeme(form): form for form in arabic_forms(word)}
        return "to_tsquery('arabic', %s)", [" | ".join(_tsquery_operand(f) for f in sorted(forms.values()))]
    return "(to_tsquery('english', %s) || to_tsquery('arabic', %s))", [_tsquery_operand(word)] * 2


def _pg_term(term):
    (first, _), *rest = term.words
    sql, params = _pg_word(first)
    previous = 0
    for word, offset in rest:
        word_sql, word_params = _pg_word(word)
        sql = f"tsquery_phrase({sql}, {word_sql}, {offset - previous})"
        params = params + word_params
        previous = offset
    return sql, params


def _pg_tsquery_sql(query):
    parts, params = [], []
    for group in query.groups:
        compiled = [_pg_term(term) for term in group]
        parts.append("(" + " || ".join(sql for sql, _ in compiled) + ")")
        params += [p for _, term_params in compiled for p in term_params]
    for term in query.excluded:
        sql, term_params = _pg_term(term)
        parts.append(f"!!({sql})")
        params += term_params
    return " && ".join(parts), params


# A word found in a large share of a big table is cheaper to find by reading the
# table in storage order than through the GIN index: the index builds a bitmap of
# every match (≈ 90 ms for 180,000 agenda items) while reading the first pages
# finds the first 500 matches in a few milliseconds. The share comes from the
# planner's estimate (EXPLAIN), so only tables this big are estimated at all.
PROBE_MIN_ROWS = 50_000
# Read this many times the rows the estimate says hold the candidates, so that an
# estimate somewhat too high still finds them all in the pages read.
PROBE_MARGIN = 2
# Checking a row read in order costs about this many times what the index spends
# per match (measured on the benchmark archive: ≈ 0.8–1.5 µs against ≈ 0.4–0.8 µs).
PROBE_ROW_COST = 3


def _pg_sources(kind, user, session_ids):
    """FROM and WHERE (with params) of the records of a kind this user may find; the record is `t`.

    The WHERE is the one the ORM writes for the model's visible_to(user), so that the
    search and the pages share one definition of what a user may see.
    """
    table = connection.ops.quote_name(kind.model._meta.db_table)
    where, params = _where_of(records.visible_records(kind, user), table)
    if session_ids is not None:  # the visible sessions that pass the filters
        where, params = f"{where} AND t.{records.session_column(kind)} = ANY(%s::bigint[])", [*params, session_ids]
    return f"{table} t", where, params


def _where_of(queryset, table):
    """The WHERE clause of a queryset over one table (no joins), written for that table as `t`."""
    query = queryset.query
    try:
        sql, params = query.get_compiler(connection=connection).compile(query.where)
    except FullResultSet:
        return "TRUE", []
    except EmptyResultSet:
        return "FALSE", []
    # Subqueries have aliases of their own (U0…); only the outer table is named in full.
    joined = {alias for alias, count in query.alias_refcount.items() if count} - {query.model._meta.db_table}
    assert not joined, f"visible_to() must not join ({joined})"
    return f"({sql.replace(f'{table}.', 't.')})", list(params)


def _pg_estimate(cursor, sources, where, params, tsquery):
    """The planner's estimate of how many public records of a kind match."""
    cursor.execute(f"EXPLAIN (FORMAT JSON) SELECT t.id FROM {sources} WHERE {where} "
                   f"AND t.search_vector @@ %s::tsquery", params + [tsquery])
    plan = cursor.fetchone()[0]
    if isinstance(plan, str):
        plan = json.loads(plan)
    return plan[0]["Plan"]["Plan Rows"]


def _probe_pages(estimate, pages, rows):
    """How many of a table's first pages to read in order before asking the GIN index (0: none)."""
    if rows < PROBE_MIN_ROWS or pages <= 0 or estimate <= 0:
        return 0
    to_read = PROBE_MARGIN * (records.CANDIDATES + 1) * rows / estimate
    if to_read * PROBE_ROW_COST >= estimate:
        return 0
    return math.ceil(to_read * pages / rows)


def _ranked_pg(cursor, kind, user, session_ids, tsquery, table_size, offset, limit):
    """One query: the ids of the page, best first, and how many candidates (at most records.CANDIDATES + 1).

    The candidates are the first matches in storage order. For a word the
    planner expects in a large share of the table they are looked for first in
    the table's first pages, read in order; the GIN index is asked only if those
    pages do not hold enough of them (UNION ALL under a LIMIT stops at the first
    branch when it suffices), and then only for the pages after them, so the
    candidates are the same either way. search() allows only bitmap scans of the
    indexes (see _planner_settings): the planner misjudges how many rows a
    tsquery of many alternatives matches and might otherwise scan a whole table.
    """
    sources, where, params = _pg_sources(kind, user, session_ids)
    match = f"SELECT t.id, t.search_vector FROM {sources} WHERE {where} AND t.search_vector @@ %s::tsquery"
    pages, rows = table_size
    probe = 0
    if rows >= PROBE_MIN_ROWS:
        probe = _probe_pages(_pg_estimate(cursor, sources, where, params, tsquery), pages, rows)
    if probe:
        # The second branch's page test is written so that it cannot become a TID range scan.
        candidates = (f"({match} AND t.ctid < %s::tid) UNION ALL "
                      f"({match} AND (t.ctid::text::point)[0] >= %s)")
        candidate_params = params + [tsquery, f"({probe},0)"] + params + [tsquery, probe]
    else:
        candidates, candidate_params = match, params + [tsquery]
    shown = max(0, min(offset + limit, records.CANDIDATES) - offset)
    cursor.execute(
        f"WITH c AS MATERIALIZED ({candidates} LIMIT %s) "
        f"SELECT n.total, p.id FROM (SELECT count(*) AS total FROM c) n LEFT JOIN LATERAL ("
        f"SELECT c.id FROM c ORDER BY ts_rank(c.search_vector, %s::tsquery, 1) DESC, c.id DESC "
        f"OFFSET %s LIMIT %s) p ON true",
        candidate_params + [records.CANDIDATES + 1, tsquery, offset, shown])
    found = cursor.fetchall()
    return [pk for _, pk in found if pk is not None], found[0][0]


def _records(kind, ids):
    """The records of these ids, in this order (one query; none for no ids)."""
    if not ids:
        return []
    by_pk = kind.model.objects.select_related(*kind.select_related).in_bulk(ids)
    return [by_pk[pk] for pk in ids]


@contextmanager
def _planner_settings(query, tables):
    """Stem the query, read the tables' sizes and set the planner, in one query.

    The planner may use bitmap scans of the indexes only, and no parallel
    workers: a parallel scan returns rows in no fixed order, so the first
    matches under a LIMIT would change from one search to the next (and on
    two cores the workers cost more than they save). JIT compilation is off: a
    query that the disabled scans leave no cheap plan for is costed so high that
    PostgreSQL would spend ≈ 300 ms compiling it. Yields the tsquery as text
    ('' if nothing indexable is left) and each table's (pages, rows) as of its
    last ANALYZE; gives the planner its settings back at the end.
    """
    sql, params = _pg_tsquery_sql(query)
    with connection.cursor() as cursor:  # one statement: it sets all or nothing
        cursor.execute(
            f"SELECT ({sql})::text, set_config('enable_seqscan', 'off', false), "
            f"set_config('enable_indexscan', 'off', false), "
            f"set_config('max_parallel_workers_per_gather', '0', false), set_config('jit', 'off', false), "
            f"(SELECT json_object_agg(relname, json_build_array(relpages, reltuples)) "
            f"FROM pg_class WHERE oid = ANY(%s::regclass[]))", params + [tables])
        tsquery, *_settings, sizes = cursor.fetchone()
    try:
        if isinstance(sizes, str):
            sizes = json.loads(sizes)
        yield tsquery, {table: tuple(size) for table, size in (sizes or {}).items()}
    finally:
        with connection.cursor() as cursor:
            cursor.execute("RESET enable_seqscan; RESET enable_indexscan; "
                           "RESET max_parallel_workers_per_gather; RESET jit")


def ranked(query, kinds, user, session_ids, offset, limit):
    """(kind, records of the page, total) for each kind with matches.

    One query stems the words (and sets the plan), one resets the plan, and per
    kind one finds and ranks the candidates and, if the page shows some, one
    fetches them; a kind with a table of PROBE_MIN_ROWS or more first has the
    planner estimate its matches.
    """
    found = []
    tables = [kind.model._meta.db_table for kind in kinds]
    with _planner_settings(query, tables) as (tsquery, sizes):
        if not tsquery:
            raise SearchError(_("The search has only very common words; add a more specific one."))
        if session_ids != []:
            with connection.cursor() as cursor:
                for kind in kinds:
                    size = sizes.get(kind.model._meta.db_table, (0, 0))
                    ids, total = _ranked_pg(cursor, kind, user, session_ids, tsquery, size, offset, limit)
                    if total:
                        found.append((kind, ids, total))
    # Fetched once the planner has its settings back: with only bitmap scans allowed, joining
    # a page's five records to their sessions and bodies took 100 ms instead of one.
    return [(kind, _records(kind, ids), total) for kind, ids, total in found]
