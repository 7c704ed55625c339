"""Arabic-aware search over sessions, agenda items, resolutions and document titles.

How a query is read, on either database:
- every word is normalized with council.arabic.normalize, as the stored
  `search_ar` / `search_en` columns are;
- "quoted words" are a phrase; -word or -"a phrase" excludes; OR (or «أو»)
  between two terms accepts either; all other terms must match, each in the
  Arabic or the English text of a record.

PostgreSQL keeps a stored tsvector column `search_vector` on each searchable
table (migration 0003): the `arabic` configuration over search_ar and the
`english` one over search_en, GIN-indexed, ranked with ts_rank. Query words are
stemmed by PostgreSQL itself with the same configurations.

The Snowball Arabic stemmer has traps: it strips a leading و only when no ال
follows («وزراء» → زراء but «الوزراء» → وزراء), keeps «وال…» whole, and reads a
final ه (our normalized ة) as a pronoun only on a word without the article
(«استراتيجيه» → استراتيج but «الاستراتيجيه» → استراتيجيه). Rather than fight it
on the index, each Arabic query word is expanded into the forms it can take in a
text — with and without و ف, ب ك ل and ال — and every form is stemmed: a word of
a text matches if its stem is one of those.

SQLite reads the query the same way and computes the same stems in Python with
the Snowball stemmers (the algorithms PostgreSQL compiles in), scanning the
normalized text of published rows. That is fine for the demo and a small
archive; a real archive runs on PostgreSQL.
"""

import json
import math
import re
import threading
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import lru_cache

import snowballstemmer
from django.db import connection
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from council.arabic import normalize
from meetings.models import AgendaItem, Document, Participation, Resolution, Session

MAX_QUERY_LENGTH = 200
MAX_WORDS = 12

# A word of normalized text: letters and digits, as PostgreSQL's parser reads it
# once ASCII punctuation is blanked out (see migration 0003).
WORD = re.compile(r"[^\W_]+")
# A word of displayed (not normalized) text: diacritics and tatweel belong to it.
DISPLAY_WORD = re.compile(r"[\w\u0640\u064b-\u065f\u0670]+")
ARABIC_LETTER = re.compile(r"[\u0621-\u064a\u0671-\u06d3]")
QUOTES = "\"“”«»„"
PIECE = re.compile(rf"(-?)(?:[{QUOTES}]([^{QUOTES}]*)[{QUOTES}]?|([^\s{QUOTES}]+))")

# The same 127 words as PostgreSQL's english.stop: the english configuration
# does not index them, so neither database may require them.
ENGLISH_STOP_WORDS = frozenset("""
a about above after again against all am an and any are as at be because been before being below between
both but by can did do does doing don down during each few for from further had has have having he her
here hers herself him himself his how i if in into is it its itself just me more most my myself no nor not
now of off on once only or other our ours ourselves out over own s same she should so some such t than that
the their theirs them themselves then there these they this those through to too under until up very was we
were what when where which while who whom why will with you your yours yourself yourselves
""".split())

# Proclitics written joined to an Arabic word: a conjunction, then a preposition,
# then the article. ل + ال is written لل.
_CONJUNCTIONS = ("", "و", "ف")
_PREPOSITIONS = ("", "ب", "ك", "ل")
_ARTICLES = ("", "ال")
PROCLITICS = tuple(sorted({
    conj + ("لل" if prep == "ل" and art else prep + art)
    for conj in _CONJUNCTIONS for prep in _PREPOSITIONS for art in _ARTICLES
}, key=lambda p: (len(p), p)))
MIN_STEM_LETTERS = 2


class SearchError(Exception):
    """A query that cannot be searched; the message is for the person who typed it."""


# --- Words and stems ------------------------------------------------------

def words(normalized_text):
    return WORD.findall(normalized_text)


def is_arabic(word):
    return bool(ARABIC_LETTER.search(word))


def is_literal(word):
    """Words with digits are indexed as they are (PostgreSQL's `simple` dictionary)."""
    return any(ch.isdigit() for ch in word)


_stemmers = threading.local()  # Snowball stemmer objects keep state between calls


def _stemmer(language):
    if not hasattr(_stemmers, language):
        setattr(_stemmers, language, snowballstemmer.stemmer(language))
    return getattr(_stemmers, language)


@lru_cache(maxsize=200_000)
def arabic_lexeme(word):
    """The lexeme the `arabic` configuration indexes for a normalized word."""
    return word if is_literal(word) else _stemmer("arabic").stemWord(word)


@lru_cache(maxsize=200_000)
def english_lexeme(word):
    """The lexeme the `english` configuration indexes for a normalized word, None for a stop word."""
    if word in ENGLISH_STOP_WORDS:
        return None
    return word if is_literal(word) else _stemmer("english").stemWord(word)


def arabic_forms(word):
    """Every form an Arabic word can take with proclitics: «وزراء» → وزراء, الوزراء, والوزراء, لل…

    The word is first stripped of what may be proclitics (keeping at least two
    letters), since «وزير» may be وزير or و + زير; each candidate is then given
    every proclitic back.
    """
    bases = {word[len(p):] for p in PROCLITICS if word.startswith(p) and len(word) - len(p) >= MIN_STEM_LETTERS}
    return sorted({p + base for base in bases if _may_take_proclitics(base) for p in PROCLITICS} | {word})


def _may_take_proclitics(base):
    """False for a base that still has the article on a short word («الامن»).

    A second article makes nonsense such as «الالامن», which the stemmer cuts to
    «الام» — the stem of «الامين»: «الأمن» would find «الأمين». Words whose own
    first letters are ال (الكتروني، التزام) are longer than that.
    """
    return not base.startswith("ال") or len(base) - 2 >= 4


def query_lexemes(word):
    """The lexemes a query word matches, as PostgreSQL computes them (see _pg_word)."""
    if is_literal(word):
        return frozenset([word])
    if is_arabic(word):
        return frozenset(arabic_lexeme(form) for form in arabic_forms(word))
    return frozenset(filter(None, [english_lexeme(word), arabic_lexeme(word)]))


def document_positions(search_ar, search_en):
    """Map each lexeme of a record to its positions, as to_tsvector(ar) || to_tsvector(en) would."""
    positions = {}
    arabic_words = words(search_ar)
    for position, word in enumerate(arabic_words, start=1):
        positions.setdefault(arabic_lexeme(word), []).append(position)
    # PostgreSQL shifts the right-hand vector's positions past the left-hand one's.
    offset = len(arabic_words)
    for position, word in enumerate(words(search_en), start=offset + 1):
        lexeme = english_lexeme(word)
        if lexeme:
            positions.setdefault(lexeme, []).append(position)
    return positions


# --- Reading a query --------------------------------------------------------

@dataclass(frozen=True)
class Term:
    """A word, or a phrase: words at fixed distances (a dropped stop word leaves a gap)."""

    words: tuple  # ((word, offset from the first word), …)

    @property
    def is_phrase(self):
        return len(self.words) > 1


@dataclass
class Query:
    groups: list = field(default_factory=list)  # every group must match; a group is terms joined by OR
    excluded: list = field(default_factory=list)

    def positive_words(self):
        return [word for group in self.groups for term in group for word, _ in term.words]

    def lexemes(self):
        """Every lexeme a match can show, for highlighting."""
        return frozenset().union(*(query_lexemes(word) for word in self.positive_words()))


def _make_term(text):
    """Build a term from a piece of text; None if nothing searchable is left in it."""
    kept, offset = [], 0
    for word in words(normalize(text)):
        # A lone Arabic letter is a proclitic typed apart (« و »): as common as a stop word.
        if word in ENGLISH_STOP_WORDS or (is_arabic(word) and len(word) < MIN_STEM_LETTERS):
            offset += bool(kept)  # a stop word inside a phrase keeps its place
            continue
        kept.append((word, offset))
        offset += 1
    return Term(tuple(kept)) if kept else None


def _is_or(piece):
    return piece == "OR" or normalize(piece) == "او"


def parse(raw):
    """Read a query typed by a person; raise SearchError with a message if nothing can be searched."""
    raw = (raw or "").strip()
    if not raw:
        raise SearchError(_("Type a word or a number to search for."))
    if len(raw) > MAX_QUERY_LENGTH:
        raise SearchError(_("The search is too long: use at most %(limit)d characters.") % {"limit": MAX_QUERY_LENGTH})
    query, pending_or, dropped_common = Query(), False, False
    for minus, quoted, bare in PIECE.findall(raw):
        if quoted == "" and not bare:
            continue
        if not minus and bare and _is_or(bare):
            pending_or = bool(query.groups)
            continue
        term = _make_term(quoted or bare)
        if term is None:
            dropped_common = dropped_common or bool(words(normalize(quoted or bare)))
            continue
        if minus:
            query.excluded.append(term)
        elif pending_or:
            query.groups[-1].append(term)
        else:
            query.groups.append([term])
        pending_or = False
    if sum(len(term.words) for group in query.groups for term in group) + sum(
            len(term.words) for term in query.excluded) > MAX_WORDS:
        raise SearchError(_("The search has too many words: use at most %(limit)d.") % {"limit": MAX_WORDS})
    if not query.groups:
        if query.excluded:
            raise SearchError(_("Add a word to look for: a search cannot only exclude words."))
        if dropped_common:
            raise SearchError(_("The search has only very common words; add a more specific one."))
        raise SearchError(_("Type a word or a number to search for; punctuation and diacritics alone "
                            "are not searched."))
    return query


# --- Matching on SQLite (and the reference for highlighting) ---------------

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


# --- The tsquery on PostgreSQL ---------------------------------------------

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


def uses_postgresql():
    return connection.vendor == "postgresql"


# --- What is searched ------------------------------------------------------

@dataclass(frozen=True)
class Kind:
    key: str
    model: type
    session_path: str  # how to reach the session from a record: "" for a session itself
    label: str
    select_related: tuple

    def session_lookup(self, lookup):
        return f"{self.session_path}__{lookup}" if self.session_path else lookup


KINDS = (
    Kind("sessions", Session, "", _("Sessions"), ("body",)),
    Kind("items", AgendaItem, "session", _("Agenda items"), ("session__body",)),
    Kind("resolutions", Resolution, "session", _("Resolutions"), ("session__body",)),
    Kind("documents", Document, "session", _("Documents"), ("session__body",)),
)
KINDS_BY_KEY = {kind.key: kind for kind in KINDS}


@dataclass
class Filters:
    body: object = None
    member_state: object = None
    year_from: int = None
    year_to: int = None
    kind: str = ""


def public_sessions(filters):
    """The published sessions, narrowed by the filters (unordered: only their ids are used)."""
    sessions = Session.objects.published().order_by()
    if filters.body:
        sessions = sessions.filter(body=filters.body)
    if filters.year_from:
        sessions = sessions.filter(year__gte=filters.year_from)
    if filters.year_to:
        sessions = sessions.filter(year__lte=filters.year_to)
    if filters.member_state:
        # A member state's sessions: those it hosted or took part in. A subquery, not a join,
        # so that PostgreSQL hashes the few thousand participations once.
        sessions = sessions.filter(Q(host_state=filters.member_state) | Q(pk__in=Participation.objects.filter(
            member_state=filters.member_state).values("session_id")))
    return sessions


def public_records(kind, session_ids=None):
    """The records of a kind that anyone may find: on published sessions only.

    With filters, `session_ids` lists the published sessions that pass them (see search()).
    """
    session_id = "pk" if not kind.session_path else f"{kind.session_path}_id"
    if session_ids is not None:
        return kind.model.objects.filter(**{f"{session_id}__in": session_ids})
    return kind.model.objects.filter(**{kind.session_lookup("publication"): Session.Publication.PUBLISHED})


# Ranking reads every candidate's vector: a word found in half the archive would
# be ranked over 200,000 rows. Only the first this many matches of a kind (in
# the order the database stores them) are ranked; past it, the page says there
# are more and suggests narrowing the search.
CANDIDATES = 500

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


def _pg_sources(kind, session_ids):
    """FROM and WHERE (with params) of a kind's public records on PostgreSQL; the record is `t`."""
    table = connection.ops.quote_name(kind.model._meta.db_table)
    if session_ids is not None:  # the sessions that pass the filters, all published
        column = "id" if kind.model is Session else "session_id"
        return f"{table} t", f"t.{column} = ANY(%s::bigint[])", [session_ids]
    if kind.model is Session:
        return f"{table} t", "t.publication = %s", [Session.Publication.PUBLISHED.value]
    sessions = connection.ops.quote_name(Session._meta.db_table)
    return (f"{table} t JOIN {sessions} s ON s.id = t.session_id", "s.publication = %s",
            [Session.Publication.PUBLISHED.value])


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
    to_read = PROBE_MARGIN * (CANDIDATES + 1) * rows / estimate
    if to_read * PROBE_ROW_COST >= estimate:
        return 0
    return math.ceil(to_read * pages / rows)


def _ranked_pg(cursor, kind, session_ids, tsquery, table_size, offset, limit):
    """One query: how many candidates (at most CANDIDATES + 1) and the ids of the page, best first.

    The candidates are the first matches in storage order. For a word the
    planner expects in a large share of the table they are looked for first in
    the table's first pages, read in order; the GIN index is asked only if those
    pages do not hold enough of them (UNION ALL under a LIMIT stops at the first
    branch when it suffices), and then only for the pages after them, so the
    candidates are the same either way. search() allows only bitmap scans of the
    indexes (see _planner_settings): the planner misjudges how many rows a
    tsquery of many alternatives matches and might otherwise scan a whole table.
    """
    sources, where, params = _pg_sources(kind, session_ids)
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
    shown = max(0, min(offset + limit, CANDIDATES) - offset)
    cursor.execute(
        f"WITH c AS MATERIALIZED ({candidates} LIMIT %s) "
        f"SELECT n.total, p.id FROM (SELECT count(*) AS total FROM c) n LEFT JOIN LATERAL ("
        f"SELECT c.id FROM c ORDER BY ts_rank(c.search_vector, %s::tsquery, 1) DESC, c.id DESC "
        f"OFFSET %s LIMIT %s) p ON true",
        candidate_params + [CANDIDATES + 1, tsquery, offset, shown])
    found = cursor.fetchall()
    total = found[0][0]
    ids = [pk for _, pk in found if pk is not None]
    if not ids:
        return [], total
    records = kind.model.objects.select_related(*kind.select_related).in_bulk(ids)
    return [records[pk] for pk in ids], total  # one more than can be shown means "more than"


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


def _ranked_python(kind, records, query, offset, limit):
    matches = []
    for pk, search_ar, search_en in records.order_by("pk").values_list("pk", "search_ar", "search_en").iterator():
        rank = score(query, search_ar, search_en)
        if rank:
            matches.append((-rank, -pk))
            if len(matches) > CANDIDATES:
                break
    matches.sort()
    page_pks = [-pk for _, pk in matches[offset:min(offset + limit, CANDIDATES)]]
    found = kind.model.objects.select_related(*kind.select_related).in_bulk(page_pks)
    return [found[pk] for pk in page_pks], len(matches)


# --- Results ---------------------------------------------------------------

@dataclass
class Segment:
    text: str
    hit: bool = False


@dataclass
class Hit:
    kind: Kind
    record: object
    url: str
    title: list  # of Segment, in the page's language (or Arabic, marked by title_language)
    title_language: str
    other_title: list = None  # the other language's title, when only it shows the match
    other_language: str = ""
    snippet: list = None
    snippet_language: str = ""
    session: object = None

    # Each text carries its own language and direction, whatever the page's.
    @property
    def title_dir(self):
        return direction(self.title_language)

    @property
    def other_dir(self):
        return direction(self.other_language)

    @property
    def snippet_dir(self):
        return direction(self.snippet_language)


def direction(language):
    return "rtl" if language == "ar" else "ltr"


@dataclass
class Group:
    kind: Kind
    total: int  # at most CANDIDATES + 1
    hits: list

    @property
    def more_than_counted(self):
        return self.total > CANDIDATES

    @property
    def shown_total(self):
        return min(self.total, CANDIDATES)


@dataclass
class Results:
    query: Query
    groups: list

    @property
    def total(self):
        return sum(group.shown_total for group in self.groups)

    @property
    def more_than_counted(self):
        return any(group.more_than_counted for group in self.groups)


def search(raw_query, filters=None, language="ar", limit=10, offset=0):
    """Search published records; return Results grouped by kind, best first.

    Raises SearchError for a query that cannot be searched. On PostgreSQL one
    query stems the words (and sets the plan), one resets the plan, and per kind
    one finds and ranks the candidates and, if the page shows some, one fetches
    them; a kind with a table of PROBE_MIN_ROWS or more first has the planner
    estimate its matches. On SQLite a scan per kind and a fetch per kind that has
    matches. With filters, one more reads the sessions.
    """
    filters = filters or Filters()
    query = parse(raw_query)
    kinds = [KINDS_BY_KEY[filters.kind]] if filters.kind else KINDS
    narrowed = filters.body or filters.member_state or filters.year_from or filters.year_to
    lexemes = query.lexemes()
    groups = []
    # The sessions first: on PostgreSQL their query is planned with the planner's usual settings.
    session_ids = list(public_sessions(filters).values_list("pk", flat=True)) if narrowed else None
    if uses_postgresql():
        tables = [kind.model._meta.db_table for kind in kinds]
        with _planner_settings(query, tables) as (tsquery, sizes):
            if not tsquery:
                raise SearchError(_("The search has only very common words; add a more specific one."))
            if session_ids != []:
                with connection.cursor() as cursor:
                    for kind in kinds:
                        size = sizes.get(kind.model._meta.db_table, (0, 0))
                        page, total = _ranked_pg(cursor, kind, session_ids, tsquery, size, offset, limit)
                        if total:
                            groups.append(Group(kind, total, page))
    else:
        for kind in kinds:
            page, total = _ranked_python(kind, public_records(kind, session_ids), query, offset, limit)
            if total:
                groups.append(Group(kind, total, page))
    for group in groups:
        group.hits = [make_hit(group.kind, record, lexemes, language) for record in group.hits]
    return Results(query, groups)


# --- Showing a hit ---------------------------------------------------------

def highlight(text, lexemes):
    """Split text into segments, marking the words whose lexemes the query matches."""
    segments, end = [], 0
    for match in DISPLAY_WORD.finditer(text or ""):
        normalized = words(normalize(match.group()))
        if any(arabic_lexeme(w) in lexemes or english_lexeme(w) in lexemes for w in normalized):
            if match.start() > end:
                segments.append(Segment(text[end:match.start()]))
            segments.append(Segment(match.group(), hit=True))
            end = match.end()
    if end < len(text or ""):
        segments.append(Segment(text[end:]))
    return segments


def has_hit(segments):
    return any(segment.hit for segment in segments or ())


SNIPPET_WORDS = 30


def snippet(text, lexemes):
    """A window of the text around its first matching word, or None if no word matches."""
    segments = highlight(text, lexemes)
    if not has_hit(segments):
        return None
    first = next(i for i, segment in enumerate(segments) if segment.hit)
    # Count words, not segments: a plain segment holds many words.
    before = segments[first - 1].text.split(" ") if first else []
    after_text = "".join(segment.text for segment in segments[first + 1:])
    head = " ".join(before[-SNIPPET_WORDS // 3:])
    if len(before) > SNIPPET_WORDS // 3:
        head = "… " + head.lstrip()
    result = ([Segment(head)] if head else []) + [segments[first]]
    tail = after_text.split(" ")
    shown = highlight(" ".join(tail[:SNIPPET_WORDS]), lexemes)
    if len(tail) > SNIPPET_WORDS:
        shown.append(Segment(" …"))
    return result + shown


def _texts(kind, record, language):
    """The title of a record in a language, and its longer text if it has one."""
    if kind.model is Session:
        return record.display_name(language), ""
    long_field = {"items": "description", "resolutions": "text"}.get(kind.key)
    long_text = getattr(record, f"{long_field}_{language}", "") if long_field else ""
    return getattr(record, f"title_{language}", "") or "", long_text or ""


def _url(kind, record):
    if kind.model is Session:
        return record.get_absolute_url()
    if kind.model is Document:
        return reverse("meetings:document", args=[record.pk])
    anchor = "item" if kind.model is AgendaItem else "resolution"
    return f"{record.session.get_absolute_url()}#{anchor}-{record.pk}"


def make_hit(kind, record, lexemes, language):
    """Show a record in the page's language, with the matching words marked.

    If the match is only in the other language's text (an Arabic word typed on
    the English page), that title or passage is shown too, marked with its language.
    """
    title, long_text = _texts(kind, record, language)
    title_language = language
    if not title:  # the English text is pending: the Arabic original stands in
        title, long_text = _texts(kind, record, "ar")
        title_language = "ar"
    hit = Hit(kind, record, _url(kind, record), highlight(title, lexemes), title_language,
              session=None if kind.model is Session else record.session)
    if has_hit(hit.title):
        return hit
    hit.snippet, hit.snippet_language = snippet(long_text, lexemes), title_language
    if hit.snippet:
        return hit
    other = "en" if title_language == "ar" else "ar"
    other_title, other_long = _texts(kind, record, other)
    other_segments = highlight(other_title, lexemes)
    if has_hit(other_segments):
        hit.other_title, hit.other_language = other_segments, other
    else:
        hit.snippet, hit.snippet_language = snippet(other_long, lexemes), other
    return hit
