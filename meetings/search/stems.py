"""Words and stems: how normalized text is cut into words and each word into the lexemes both databases index.

The Snowball Arabic stemmer has traps: it strips a leading و only when no ال
follows («وزراء» → زراء but «الوزراء» → وزراء), keeps «وال…» whole, and reads a
final ه (our normalized ة) as a pronoun only on a word without the article
(«استراتيجيه» → استراتيج but «الاستراتيجيه» → استراتيجيه). Rather than fight it
on the index, each Arabic query word is expanded into the forms it can take in a
text — with and without و ف, ب ك ل and ال — and every form is stemmed: a word of
a text matches if its stem is one of those.

Python's Snowball stemmers are the algorithms PostgreSQL compiles in, so the
SQLite backend and the highlighting compute here the stems PostgreSQL stores.
"""

import re
import threading
from functools import lru_cache

import snowballstemmer

# A word of normalized text: letters and digits, as PostgreSQL's parser reads it
# once ASCII punctuation is blanked out (see migration 0003).
WORD = re.compile(r"[^\W_]+")
ARABIC_LETTER = re.compile(r"[\u0621-\u064a\u0671-\u06d3]")
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
