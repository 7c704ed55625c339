"""The search page /<lang>/search/: grouping, highlighting, filters, bad input, and what stays hidden."""

import re

import pytest

from meetings.models import AgendaItem, Session
from tests.helpers import address
from tests.search.test_search_cases import archive  # noqa: F401 (a fixture)

pytestmark = pytest.mark.usefixtures("archive")


def get(client, language="en", **params):
    response = client.get(f"/{language}/search/", params)
    assert response.status_code == 200
    return response.content.decode()


def results_section(html):
    """The part of the page after the form: results or messages."""
    return html.rsplit("</form>", 1)[-1].split("</main>")[0]


def test_it_puts_a_labelled_get_form_to_the_search_page_on_every_public_page(client):
    for path in ["/ar/", "/en/"]:
        html = client.get(path).content.decode()
        form = re.search(r'<form class="search-box"[^>]*>.*?</form>', html, re.S).group()
        assert 'method="get"' in form and f'action="{path}search/"' in form
        assert '<label for="site-search-q">' in form and 'id="site-search-q" name="q"' in form


def test_it_labels_the_box_in_the_page_language(client):
    assert "ابحث" in client.get("/ar/").content.decode()
    assert "Search sessions, agendas, resolutions and documents" in client.get("/en/").content.decode()


def test_it_groups_results_by_kind_in_a_fixed_order(client):
    html = results_section(get(client, q="الأمن السيبراني"))
    headings = re.findall(r'<h2 id="search-group-(\w+)"', html)
    assert headings == ["items", "resolutions"]


def test_it_ranks_the_closest_match_first(client):
    html = results_section(get(client, "ar", q="الأمن السيبراني", type="items"))
    titles = re.findall(r'class="search-hit__title"[^>]*>(.*?)</a>', html)
    assert re.sub("<.*?>", "", titles[0]) == "الأمن السيبراني"


def test_it_highlights_the_matching_words_in_the_page_language(client):
    html = results_section(get(client, "ar", q="الامن السيبرانى"))
    assert "<mark>الأمن</mark> <mark>السيبراني</mark>" in html
    html = results_section(get(client, "en", q="cybersecurity"))
    assert "modern <mark>cybersecurity</mark>" in html


def test_it_shows_the_arabic_title_when_only_arabic_matches_on_the_english_page(client):
    html = results_section(get(client, "en", q="السيبراني"))
    assert '<p class="search-hit__other" lang="ar" dir="rtl">الأمن <mark>السيبراني</mark></p>' in html


def test_it_escapes_titles_and_queries(client, demo):
    AgendaItem.objects.create(session=demo, order=99, title_ar="<script>alert(1)</script> الأمن <b>السيبراني</b>",
                              title_en="<img src=x onerror=alert(1)>")
    html = get(client, "ar", q="<i>الأمن</i>")
    assert "<script>alert" not in html and "<b>السيبراني" not in html and "<img src=x" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt; <mark>الأمن</mark> &lt;b&gt;السيبراني&lt;/b&gt;" in html
    assert 'value="&lt;i&gt;الأمن&lt;/i&gt;"' in html


@pytest.mark.parametrize("query, message", [
    ("", "Type a word or a number"),
    ("   ", "Type a word or a number"),
    ("x" * 10_000, "The search is too long"),
    ("!!! ،،، ؟؟ ... — «»", "punctuation and diacritics alone"),
    ("\u064b\u064c\u064d\u064e\u064f\u0650\u0651\u0652 ـــ", "punctuation and diacritics alone"),
    ("& | ! : * ( ) ' \"", "punctuation and diacritics alone"),
    ("-الأمن -cybersecurity", "cannot only exclude"),
    ("the of and", "only very common words"),
    ("و ب", "only very common words"),
    (" ".join(["word"] * 13), "too many words"),
])
def test_it_answers_bad_input_with_a_clear_message(client, query, message):
    html = results_section(get(client, q=query))
    assert message in html
    assert 'role="alert"' in html and "search-hit" not in html


def test_it_reads_tsquery_operators_and_quotes_as_plain_separators(client):
    for query in ["الأمن & السيبراني", "(الأمن) | !السيبراني:*", "الأمن' السيبراني", '"الأمن السيبراني',
                  "الأمن\\ السيبراني", "'الأمن' & 'السيبراني'"]:
        assert "<mark>السيبراني</mark>" in results_section(get(client, "ar", q=query)), query


def test_it_handles_mixed_scripts_in_one_word(client):
    html = results_section(get(client, q="GCIالأمن cyberالسيبراني"))
    assert 'role="status"' in html  # a plain empty result, not an error


def test_it_says_so_when_nothing_matches(client):
    html = results_section(get(client, q="zzzzqqq"))
    assert "Nothing published matches this search" in html


def test_it_refuses_a_backwards_year_range(client):
    html = results_section(get(client, q="الأمن", year_from=2022, year_to=2020))
    assert "The years are the wrong way round: 2022 is after 2020." in html
    assert "search-hit" not in html


@pytest.mark.parametrize("params", [
    {"body": "no-such-body"}, {"state": "XX"}, {"type": "people"}, {"year_from": "last year"},
    {"year_to": "99999999999999999999"}, {"page": "0"}, {"page": "-1"},
])
def test_it_refuses_bad_filters_with_a_message(client, params):
    html = results_section(get(client, q="الأمن", **params))
    assert 'role="alert"' in html and "search-hit" not in html


def test_it_filters_by_body(client):
    html = results_section(get(client, "ar", q="الاتحاد", body="postal-committee"))
    assert "الاجتماع التاسع والثلاثون" in html
    assert "الدورة العادية الثامنة والأربعون" not in html


def test_it_filters_by_year_range(client):
    # Meeting 47 was held in 2021; the 48th session's date, hence its year, is not known.
    html = results_section(get(client, "ar", q="ندوة", year_from=2021, year_to=2021))
    assert "الاجتماع السابع والأربعون" in html
    assert "الدورة العادية الثامنة والأربعون" not in html


def test_it_filters_by_kind(client):
    html = results_section(get(client, "ar", q="الامين", type="resolutions"))
    assert re.findall(r'<h2 id="search-group-(\w+)"', html) == ["resolutions"]


def test_it_filters_by_member_state_that_took_part_or_hosted(client):
    # Egypt chaired session 48 and hosted meeting 39; nobody is recorded at meeting 47.
    html = results_section(get(client, "ar", q="الأمن السيبراني", state="EG"))
    assert "الدورة العادية الثامنة والأربعون" in html and "الاجتماع السابع والأربعون" not in html
    html = results_section(get(client, "ar", q="الأمن السيبراني", state="QA"))
    assert "search-hit" not in html


def test_it_shows_restricted_documents_by_title_with_a_badge(client):
    html = results_section(get(client, "en", q="ministers"))
    assert "The role of the council of Arab telecommunication <mark>ministers</mark>" in html
    assert "Member states only" in html


@pytest.mark.parametrize("query", ["satellites", "الأقمار الصناعية", "السحابية", "cloud"])
def test_it_never_shows_unpublished_content_or_counts_it(client, secretary_client, query):
    for reader in (client, secretary_client):
        html = results_section(get(reader, q=query))
        assert "satellites" not in html and "الأقمار" not in html and "Cloud" not in html
        assert "Nothing published matches this search" in html


def test_it_leaves_unpublished_content_out_of_the_counts(client):
    with_secret = results_section(get(client, q="العربية OR الأقمار"))
    without = results_section(get(client, q="العربية"))
    count = re.compile(r'<p class="search-summary" role="status">(.*?)</p>')
    assert count.search(with_secret).group(1) == count.search(without).group(1)


def test_it_pages_through_one_kind(client):
    first = results_section(get(client, "ar", q="العربية", type="items"))
    assert len(re.findall('class="search-hit"', first)) == 20
    next_url = re.search(r'<a rel="next" href="([^"]+)"', first).group(1).replace("&amp;", "&")
    second = results_section(client.get("/ar/search/" + next_url).content.decode())
    assert 0 < len(re.findall('class="search-hit"', second)) <= 20
    assert 'rel="prev"' in second


def test_it_links_to_all_results_of_a_kind(client):
    html = results_section(get(client, "ar", q="العربية"))
    assert re.search(r'href="\?q=[^"]*type=items"', html)


def test_it_links_each_hit_to_its_place(client, demo):
    html = results_section(get(client, "en", q="cybersecurity", type="items"))
    item = AgendaItem.objects.get(session=demo, title_ar="الأمن السيبراني")
    assert f'href="{address(item, "en")}"' in html


def test_it_searches_with_a_bounded_number_of_queries(client, django_assert_max_num_queries):
    # Stemming the query and setting the plan (PostgreSQL), at most two queries per kind, and the
    # two filter lists.
    with django_assert_max_num_queries(13):
        get(client, q="الأمن السيبراني")


def test_it_finds_a_session_published_after_the_search_was_first_tried(client):
    session = Session.objects.get(number=49)
    assert "Nothing published" in results_section(get(client, q="satellites"))
    session.publication = Session.Publication.PUBLISHED
    session.save()
    assert "Arab <mark>satellites</mark> project" in results_section(get(client, q="satellites"))


def test_it_says_when_there_are_more_matches_than_it_ranks(client, monkeypatch):
    monkeypatch.setattr("meetings.search.records.CANDIDATES", 3)
    monkeypatch.setattr("meetings.search_views.CANDIDATES", 3)
    html = results_section(get(client, q="العربية", type="items"))
    assert "More than 3 results" in html
    assert "only 3 of them are ranked" in html
    assert len(re.findall('class="search-hit"', html)) == 3
    assert 'rel="next"' not in html


def test_it_counts_exactly_below_the_ranking_limit(client):
    html = results_section(get(client, q="الأمن السيبراني", type="items"))
    assert "(3 results)" in html and "More than" not in html
