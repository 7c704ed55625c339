"""The admin's pages are sent without their templates' indentation, and what a person typed comes back
byte for byte."""

import re

import pytest
from django.utils.html import escape

from council.middleware import compact_html
from meetings.models import AgendaItem
from tests.helpers import admin_url, form_values, page, site_url

pytestmark = pytest.mark.django_db

TYPED = {
    # Leading and trailing spaces, blank lines inside, a tab, and what looks like markup.
    "description_ar": "\n  سطر أول  \n\n\n   سطر بعد ثلاثة أسطر فارغة\t \n<b>  </b>\n  ",
    # Nothing but spaces and line breaks: the one text that sits between two tags.
    "description_en": "   \n\n  ",
    "title_en": "  Two  spaces  <i> </i> ",
}


def test_a_refused_form_gives_back_every_text_byte_for_byte(secretary_client, demo):
    item = AgendaItem.objects.filter(session=demo).first()
    url = admin_url("ar", "meetings_agendaitem_change", item.pk)
    data = {**form_values(secretary_client.get(url)), **TYPED, "order": "not a number"}
    response = secretary_client.post(url, data)
    assert response.status_code == 200  # refused: the form comes back with what was typed
    html = response.content.decode()
    for name in ("description_ar", "description_en"):
        # Django writes a line break after <textarea>, which the browser drops.
        typed = re.search(rf'<textarea name="{name}"[^>]*>(.*?)</textarea>', html, re.DOTALL).group(1)
        assert typed == "\n" + escape(TYPED[name]), name
    assert f'name="title_en" value="{escape(TYPED["title_en"])}"' in html


def test_the_change_form_has_no_indentation_left(secretary_client, demo):
    html = page(secretary_client, admin_url("ar", "meetings_session_change", demo.pk))
    outside_kept = re.sub(r"<(textarea|script|pre|style)\b.*?</\1>", "<kept/>", html, flags=re.DOTALL)
    assert not re.search(r">[ \t]*\n[ \t\n]+<", outside_kept)


def test_it_keeps_preformatted_text_scripts_and_single_spaces():
    html = ('<div>\n    <pre class="x">\n  <b>a</b>\n\n   <i>b</i>\n</pre>\n  <script>if (a >\n  <b) {}</script>\n'
            '  <a>one</a> <a>two</a>\xa0\n<span>\n</span></div>')
    assert compact_html(html) == ('<div>\n<pre class="x">\n  <b>a</b>\n\n   <i>b</i>\n</pre>\n<script>if (a >\n  '
                                  '<b) {}</script>\n<a>one</a> <a>two</a>\xa0\n<span>\n</span></div>')


def test_public_pages_are_left_as_they_are(client, demo):
    html = page(client, site_url("en", "home"))
    assert re.search(r">\n[ ]+<", html)
