"""meetings.search without HTTP: reading a query, the stemmer's traps, highlighting."""

import pytest
from django.db import connection
from django.utils import translation

from meetings.search import (
    MAX_QUERY_LENGTH,
    SearchError,
    Term,
    arabic_forms,
    highlight,
    parse,
    query_lexemes,
    search,
    snippet,
)


def words_of(term):
    return [word for word, _ in term.words]


def test_it_reads_words_as_all_required():
    query = parse("الأمن السيبراني")
    assert [[words_of(t) for t in group] for group in query.groups] == [[["الامن"]], [["السيبراني"]]]
    assert query.excluded == []


def test_it_reads_a_quoted_phrase_in_any_quotation_marks():
    for typed in ['"الأمن السيبراني"', "«الأمن السيبراني»", "“الأمن السيبراني”", '"الأمن السيبراني']:
        (group,) = parse(typed).groups
        assert group == [Term((("الامن", 0), ("السيبراني", 1)))], typed


def test_it_keeps_the_place_of_a_stop_word_inside_a_phrase():
    (group,) = parse('"council of ministers"').groups
    assert group == [Term((("council", 0), ("ministers", 2)))]


def test_it_reads_or_between_two_terms_in_either_language():
    for typed in ["الصين OR روسيا", "الصين أو روسيا", "الصين او روسيا"]:
        (group,) = parse(typed).groups
        assert [words_of(t) for t in group] == [["الصين"], ["روسيا"]], typed


def test_it_reads_a_lowercase_or_as_a_word():
    assert len(parse("china or russia").groups) == 2  # «or» is a stop word: dropped, not an operator


def test_it_ignores_a_dangling_or():
    assert [[words_of(t) for t in g] for g in parse("OR الصين OR").groups] == [[["الصين"]]]


def test_it_reads_a_leading_minus_as_exclusion_and_an_inner_hyphen_as_a_phrase():
    query = parse("الأمن -المؤتمر El-Sheikh")
    assert [words_of(t) for t in query.excluded] == [["المءتمر"]]
    assert [words_of(t) for t in query.groups[1]] == [["el", "sheikh"]]


@pytest.mark.parametrize("typed", ["", "   ", "!!!", "ًٌٍَُِّْ", "ـــ", "& | ! : * ( ) ' \"", "-", '""', "«»"])
def test_it_refuses_a_query_with_nothing_to_search(typed):
    with pytest.raises(SearchError):
        parse(typed)


def test_it_refuses_a_query_that_only_excludes():
    with translation.override("en"), pytest.raises(SearchError, match="only exclude"):
        parse("-الأمن")


def test_it_refuses_a_query_of_only_common_words():
    with translation.override("en"), pytest.raises(SearchError, match="common"):
        parse("the and of")


def test_it_refuses_a_very_long_query_before_reading_it():
    with translation.override("en"), pytest.raises(SearchError, match="too long"):
        parse("ا" * 10_000)
    parse("ا" * (MAX_QUERY_LENGTH - 1) + "ب")  # the limit itself is fine


def test_it_refuses_too_many_words():
    with translation.override("en"), pytest.raises(SearchError, match="too many"):
        parse(" ".join(f"word{n}" for n in range(13)))


def test_it_normalizes_query_words_as_the_index_does():
    assert words_of(parse("الإنترنتُ").groups[0][0]) == ["الانترنت"]
    assert words_of(parse("٤٨").groups[0][0]) == ["48"]


def test_it_expands_an_arabic_word_with_every_proclitic():
    forms = arabic_forms("وزراء")
    for form in ["وزراء", "الوزراء", "والوزراء", "بالوزراء", "للوزراء", "فالوزراء", "كالوزراء", "زراء"]:
        assert form in forms


def test_it_covers_the_stemmers_article_trap_both_ways():
    # The Snowball stemmer gives «وزراء» → زراء but «الوزراء» → وزراء: each query must reach both.
    assert {"زراء", "وزراء"} <= query_lexemes("وزراء")
    assert {"زراء", "وزراء"} <= query_lexemes("الوزراء")


def test_it_does_not_add_a_second_article_to_a_short_word():
    # «الالامن» would stem to «الام», the stem of «الأمين».
    assert "الالامن" not in arabic_forms("الامن")
    assert "الام" not in query_lexemes("الامن")
    assert "الالكتروني" in arabic_forms("الكتروني")  # a word that starts with ال itself


def test_it_highlights_whole_words_of_the_original_text():
    segments = highlight("حوكمةُ الإنترنت ولحوكمة الشبكات", parse("حوكمه").lexemes())
    assert [(s.text, s.hit) for s in segments] == [
        ("حوكمةُ", True), (" الإنترنت ", False), ("ولحوكمة", True), (" الشبكات", False)]


def test_it_highlights_a_word_with_an_invisible_character_whole():
    segments = highlight("الذ\u00adكاء الاصطناعي", parse("الذكاء").lexemes())
    assert [(s.text, s.hit) for s in segments] == [("الذ\u00adكاء", True), (" الاصطناعي", False)]


def test_it_highlights_nothing_when_nothing_matches():
    assert [(s.text, s.hit) for s in highlight("Internet governance", parse("الأمن").lexemes())] == [
        ("Internet governance", False)]


def test_it_cuts_a_snippet_around_the_first_match():
    text = " ".join(["كلمة"] * 50) + " الأمن " + " ".join(["أخرى"] * 50)
    segments = snippet(text, parse("الأمن").lexemes())
    shown = "".join(s.text for s in segments)
    assert shown.startswith("… ") and shown.endswith(" …") and len(shown.split()) < 50
    assert [s.text for s in segments if s.hit] == ["الأمن"]
    assert snippet(text, parse("البريد").lexemes()) is None


def test_it_uses_at_most_two_database_queries_per_kind(demo, django_assert_max_num_queries):
    # PostgreSQL: one query to stem the words and set the plan and one to reset it, then per
    # kind one to find and rank the candidates and one to fetch the page's records if it has
    # some (the demo's tables are too small to be estimated first); SQLite: a scan per kind
    # and a fetch per kind with hits.
    with django_assert_max_num_queries(10 if connection.vendor == "postgresql" else 8):
        results = search("الأمن السيبراني")
    assert results.total == 3


PLANNER_SETTINGS = ("enable_seqscan", "enable_indexscan", "max_parallel_workers_per_gather", "jit")


def planner_settings():
    with connection.cursor() as cursor:
        cursor.execute("SELECT " + ", ".join(f"current_setting('{name}')" for name in PLANNER_SETTINGS))
        return cursor.fetchone()


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's planner settings")
def test_it_gives_the_planner_its_settings_back(demo):
    before = planner_settings()
    assert before[:2] == ("on", "on")
    search("الأمن")
    assert planner_settings() == before
    with pytest.raises(SearchError):
        search("the of and")  # only stop words: refused after the settings were changed
    assert planner_settings() == before


PROBED_SEARCHES = [
    ("العربية", {}), ("الأمن", {}), ("Arab", {"kind": "items"}), ("الإنترنت -الأشياء", {}),
    ("الأمن OR satellites", {"kind": "items"}), ("العربية", {"year_from": 2000}),
]


def hits_of(results):
    return [(group.kind.key, group.total, [hit.record.pk for hit in group.hits]) for group in results.groups]


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's ordered read of a table's first pages")
@pytest.mark.parametrize("pages", [0, 1, 2, 10_000])
def test_reading_the_first_pages_first_finds_the_same_candidates(demo, monkeypatch, pages):
    # However many first pages are read in order before the index is asked, the
    # candidates are the first matches in storage order, ranked the same.
    from meetings.search import Filters, postgres, records

    monkeypatch.setattr(records, "CANDIDATES", 2)  # so that the limit cuts
    for query, options in PROBED_SEARCHES:
        filters = Filters(**options)
        expected = [hits_of(search(query, filters, limit=2, offset=offset)) for offset in (0, 1)]
        with monkeypatch.context() as probing:
            probing.setattr(postgres, "PROBE_MIN_ROWS", 0)
            probing.setattr(postgres, "_probe_pages", lambda estimate, table_pages, rows: pages)
            probed = [hits_of(search(query, filters, limit=2, offset=offset)) for offset in (0, 1)]
        assert probed == expected, (query, options)
        assert expected[0], (query, options)


def test_a_table_is_read_in_order_only_for_a_word_in_a_large_share_of_it():
    from meetings.search.postgres import _probe_pages
    from meetings.search.records import CANDIDATES

    # 300,000 rows on 33,000 pages: a word in 180,000 of them is found in the first pages...
    assert 0 < _probe_pages(180_000, 33_000, 300_000) < 300
    # ...one in 12,000 through the index; so is anything in a small table or a table never analyzed.
    assert _probe_pages(12_000, 33_000, 300_000) == 0
    assert _probe_pages(9_000, 900, 10_000) == 0
    assert _probe_pages(CANDIDATES, 0, -1) == 0
