"""Reading a query typed by a person, the same on either database.

Every word is normalized with council.arabic.normalize, as the stored
`search_ar` / `search_en` columns are; "quoted words" are a phrase; -word or
-"a phrase" excludes; OR (or «أو») between two terms accepts either; all other
terms must match, each in the Arabic or the English text of a record.
"""

import re
from dataclasses import dataclass, field

from django.utils.translation import gettext_lazy as _

from council.arabic import normalize
from meetings.search.stems import ENGLISH_STOP_WORDS, MIN_STEM_LETTERS, is_arabic, query_lexemes, words

MAX_QUERY_LENGTH = 200
MAX_WORDS = 12

QUOTES = "\"“”«»„"
PIECE = re.compile(rf"(-?)(?:[{QUOTES}]([^{QUOTES}]*)[{QUOTES}]?|([^\s{QUOTES}]+))")

class SearchError(Exception):
    """A query that cannot be searched; the message is for the person who typed it."""


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
