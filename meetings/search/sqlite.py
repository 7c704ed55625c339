"""The SQLite backend: the normalized text of the records a user may find, scanned in Python.

It reads the query as PostgreSQL does and computes the same stems with the
Snowball stemmers (see stems.py). That is fine for the demo and a small
archive; a real archive runs on PostgreSQL. score() is also the reference the
tests hold PostgreSQL's matches to.
"""

import math

from meetings.search import records
from meetings.search.stems import document_positions, query_lexemes


def _term_positions(term, positions):
    """Positions where a term starts in a record, empty if it does not occur."""
    found = None
    for word, offset in term.words:
        starts = {p - offset for lexeme in query_lexemes(word) for p in positions.get(lexeme, ())}
        found = starts if found is None else found & starts
        if not found:
            return set()
    return found


def score(query, search_ar, search_en):
    """0 if the record does not match; else a rank that favours many hits in a short text."""
    positions = document_positions(search_ar, search_en)
    if any(_term_positions(term, positions) for term in query.excluded):
        return 0
    hits = 0
    for group in query.groups:
        group_hits = sum(len(_term_positions(term, positions)) for term in group)
        if not group_hits:
            return 0
        hits += group_hits
    length = sum(len(p) for p in positions.values())
    return hits / (1 + math.log(1 + length))


def _ranked(kind, found, query, offset, limit):
    matches = []
    for pk, search_ar, search_en in found.order_by("pk").values_list("pk", "search_ar", "search_en").iterator():
        rank = score(query, search_ar, search_en)
        if rank:
            matches.append((-rank, -pk))
            if len(matches) > records.CANDIDATES:
                break
    matches.sort()
    page_pks = [-pk for _, pk in matches[offset:min(offset + limit, records.CANDIDATES)]]
    found = kind.model.objects.select_related(*kind.select_related).in_bulk(page_pks)
    return [found[pk] for pk in page_pks], len(matches)


def ranked(query, kinds, user, session_ids, offset, limit):
    """(kind, records of the page, total) for each kind with matches: a scan per kind, a fetch per kind found."""
    for kind in kinds:
        page, total = _ranked(kind, records.found_records(kind, user, session_ids), query, offset, limit)
        if total:
            yield kind, page, total
