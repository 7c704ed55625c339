"""Arabic-aware search over sessions, agenda items, resolutions and document titles.

One module per responsibility:
- query.py    reading what a person typed into a Query (phrases, OR, exclusions);
- stems.py    words and stems: the lexemes both databases index, and the forms of an Arabic word;
- records.py  what is searched: the kinds of record, the filters, the records anyone may find;
- postgres.py the PostgreSQL backend: stored tsvector columns, GIN indexes, ts_rank;
- sqlite.py   the SQLite backend: the same matches and ranks computed in Python;
- hits.py     building hits and snippets in the page's language.
search() below is the only place that chooses the backend.
"""

from django.contrib.auth.models import AnonymousUser
from django.db import connection

from meetings.models import AgendaItem, Resolution, label_items
from meetings.search import postgres, sqlite
from meetings.search.hits import Group, Results, highlight, make_hit, snippet
from meetings.search.query import MAX_QUERY_LENGTH, Query, SearchError, Term, parse
from meetings.search.records import CANDIDATES, KINDS, KINDS_BY_KEY, Filters, visible_sessions
from meetings.search.stems import arabic_forms, query_lexemes

__all__ = ["CANDIDATES", "KINDS", "MAX_QUERY_LENGTH", "Filters", "Query", "Results", "SearchError", "Term",
           "arabic_forms", "backend", "highlight", "parse", "query_lexemes", "search", "snippet"]


def backend():
    """The module that finds and ranks records on this database."""
    return postgres if connection.vendor == "postgresql" else sqlite


def search(raw_query, filters=None, language="ar", limit=10, offset=0, user=None):
    """Search the records this user may see (anyone's: the published ones); return Results by kind, best first.

    Raises SearchError for a query that cannot be searched. The backend's
    ranked() says which queries it makes; with filters, one more reads the sessions.
    """
    filters = filters or Filters()
    user = user or AnonymousUser()
    query = parse(raw_query)
    kinds = [KINDS_BY_KEY[filters.kind]] if filters.kind else KINDS
    narrowed = filters.body or filters.member_state or filters.year_from or filters.year_to
    lexemes = query.lexemes()
    groups = []
    # The sessions first: on PostgreSQL their query is planned with the planner's usual settings.
    session_ids = list(visible_sessions(user, filters).values_list("pk", flat=True)) if narrowed else None
    for kind, page, total in backend().ranked(query, kinds, user, session_ids, offset, limit):
        groups.append(Group(kind, total, page))
    # Addresses of items (and of unnumbered resolutions) come from agenda numbers: one query for them all.
    label_items([record for group in groups for record in group.hits if isinstance(record, AgendaItem)]
                + [record.agenda_item for group in groups for record in group.hits
                   if isinstance(record, Resolution) and record.anchor is None and record.agenda_item_id])
    for group in groups:
        group.hits = [make_hit(group.kind, record, lexemes, language) for record in group.hits]
    return Results(query, groups)
