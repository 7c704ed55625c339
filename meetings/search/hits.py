"""Hits and snippets: a found record shown in the page's language, its matching words marked."""

import re
from dataclasses import dataclass

from council.arabic import normalize
from meetings.models import Session
from meetings.search import records
from meetings.search.query import Query
from meetings.search.stems import arabic_lexeme, english_lexeme, words

# A word of displayed (not normalized) text: diacritics and tatweel belong to it, and so do the
# invisible characters normalize() drops inside a word (soft hyphen, zero-width joiners, U+061C,
# U+2060, U+FEFF), so that «الذ<soft hyphen>كاء» is marked whole.
DISPLAY_WORD = re.compile(r"[\w\u0640\u064b-\u065f\u0670\u00ad\u061c\u200b-\u200d\u2060\ufeff]+")

@dataclass
class Segment:
    text: str
    hit: bool = False


@dataclass
class Hit:
    kind: records.Kind
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
    kind: records.Kind
    total: int  # at most records.CANDIDATES + 1
    hits: list

    @property
    def more_than_counted(self):
        return self.total > records.CANDIDATES

    @property
    def shown_total(self):
        return min(self.total, records.CANDIDATES)


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
    hit = Hit(kind, record, record.get_absolute_url(), highlight(title, lexemes), title_language,
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
