"""Invisible bidi controls in titles cannot reorder what a reader sees: we strip them on save.

Why strip rather than isolate: our pages already isolate every text (dir and
lang on its element), and an embedding or override typed into a title has no
legitimate use; stripping also keeps search and exports clean. LRM/RLM marks,
which do not reorder text, are kept.
"""

import pytest

from council.arabic import strip_bidi_controls
from meetings.models import AgendaItem

pytestmark = pytest.mark.django_db

CONTROLS = ["\u202a", "\u202b", "\u202c", "\u202d", "\u202e", "\u2066", "\u2067", "\u2068", "\u2069"]


@pytest.mark.parametrize("control", CONTROLS)
def test_it_strips_each_control(control):
    assert strip_bidi_controls(f"الأمن{control} السيبراني") == "الأمن السيبراني"


def test_it_keeps_direction_marks_and_ordinary_text():
    assert strip_bidi_controls("مؤتمر\u200f 2020") == "مؤتمر\u200f 2020"


def test_titles_are_saved_without_controls(demo):
    item = AgendaItem.objects.create(session=demo, order=80, title_ar="\u202eقرار\u202c",
                                     title_en="Budget \u2067\u202e2202\u202c\u2069", description_ar="\u202bنص\u202c")
    item.refresh_from_db()
    assert (item.title_ar, item.title_en, item.description_ar) == ("قرار", "Budget 2202", "نص")


def test_search_text_ignores_controls(demo):
    item = AgendaItem.objects.create(session=demo, order=81, title_ar="الذ\u202eكاء")
    assert "الذكاء" in item.search_ar
