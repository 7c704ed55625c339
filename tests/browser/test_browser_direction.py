"""Arabic pages read right to left, from the page's frame down to its headings and facts.

The pages of issue 7's "done when": the 48th session, a committee meeting, home, a body, search
results and the admin's session page.
"""

import pytest
from django.urls import reverse
from django.utils import translation

from meetings.models import Session

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def public_paths(demo):
    meeting = Session.objects.get(body__slug="postal-committee", number=39)
    with translation.override("ar"):
        return {
            "48th session": demo.get_absolute_url(),
            "committee meeting": meeting.get_absolute_url(),
            "home": reverse("meetings:home"),
            "body": demo.body.get_absolute_url(),
            "search results": reverse("meetings:search") + "?q=الأمن السيبراني",
        }


def assert_right_to_left(page, heading):
    assert page.evaluate("document.documentElement.dir") == "rtl"
    assert page.evaluate("document.documentElement.lang") == "ar"
    h1 = page.locator(heading).first
    assert h1.evaluate("e => getComputedStyle(e).direction") == "rtl"
    # The heading starts at the right: its right edge sits at its container's right edge.
    edges = h1.evaluate("""e => { const r = e.getBoundingClientRect(), p = e.parentElement.getBoundingClientRect();
                                  const range = document.createRange(); range.selectNodeContents(e);
                                  const t = range.getBoundingClientRect();
                                  return {text_right: t.right, box_right: r.right, text_left: t.left, box_left: r.left}; }""")
    assert edges["box_right"] - edges["text_right"] < 4, edges
    # Every element that holds Arabic reads right to left unless it is marked as another language.
    wrong = page.evaluate("""() => [...document.querySelectorAll('body *')].filter(e =>
        [...e.childNodes].some(n => n.nodeType === 3 && /[\\u0621-\\u064a]{2,}/.test(n.textContent))
        && getComputedStyle(e).direction !== 'rtl' && !e.closest('[lang]:not([lang=ar])')
        && e.tagName !== 'OPTION').map(e => e.tagName + '.' + e.className + ': ' + e.textContent.slice(0, 40))""")
    assert wrong == []


@pytest.mark.parametrize("name", ["48th session", "committee meeting", "home", "body", "search results"])
def test_the_arabic_public_pages_read_right_to_left(browser, live_server, demo, name):
    context = browser.new_context(base_url=live_server.url, viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(public_paths(demo)[name])
    assert_right_to_left(page, "main h1")
    if name == "search results":
        assert page.locator(".search-hit, .hit, mark").count() > 0
    context.close()


def test_the_arabic_admin_session_page_reads_right_to_left(logged_in_page, demo):
    with translation.override("ar"):
        url = reverse("admin:meetings_session_change", args=[demo.pk])
    logged_in_page.goto(url)
    assert_right_to_left(logged_in_page, "#content h1")
    assert logged_in_page.locator("#content h1").inner_text().startswith("تعديل دورة أو اجتماع")
