"""What only a browser shows on the public site: direction, the language switch round trip,
phone width, the self-hosted font, print. Screenshots go to the run's test-artifacts/ folder."""

import pytest

from tests.helpers import address

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 375, "height": 812}
DESKTOP = {"width": 1280, "height": 900}


@pytest.fixture
def open_page(browser, live_server):
    """Open a page of the live server at a viewport size; collect requests to any other host."""
    contexts = []

    def open_(path, viewport=DESKTOP):
        context = browser.new_context(base_url=live_server.url, viewport=viewport)
        contexts.append(context)
        page = context.new_page()
        page.foreign_requests = []
        page.on("request", lambda r: r.url.startswith(live_server.url) or page.foreign_requests.append(r.url))
        page.goto(path)
        page.evaluate("document.fonts.ready")
        return page

    yield open_
    for context in contexts:
        context.close()


def box(page, selector):
    return page.locator(selector).first.bounding_box()


def test_it_lays_the_arabic_agenda_out_right_to_left(open_page, demo, artifacts_dir):
    page = open_page(address(demo, "ar"))
    page.screenshot(path=artifacts_dir / "session-ar.png", full_page=True)
    agenda, number, title = box(page, ".agenda"), box(page, ".agenda-number"), box(page, ".agenda-title")
    assert page.locator(".agenda-number").first.inner_text() == "1"
    # The first item's number sits at the right edge of the agenda, its title to its left.
    assert agenda["x"] + agenda["width"] - (number["x"] + number["width"]) < 24
    assert title["x"] + title["width"] <= number["x"]
    assert page.evaluate("getComputedStyle(document.body).direction") == "rtl"


def test_it_lays_the_english_agenda_out_left_to_right(open_page, demo, artifacts_dir):
    page = open_page(address(demo, "en"))
    page.screenshot(path=artifacts_dir / "session-en.png", full_page=True)
    agenda, number, title = box(page, ".agenda"), box(page, ".agenda-number"), box(page, ".agenda-title")
    assert number["x"] - agenda["x"] < 24
    assert number["x"] + number["width"] <= title["x"]
    assert page.evaluate("getComputedStyle(document.body).direction") == "ltr"


def test_it_comes_back_to_the_same_page_after_a_language_round_trip(open_page, demo, live_server):
    page = open_page(f"{address(demo, 'ar')}#agenda")
    page.locator("a.language-switch").click()  # the header switch, not a PDF link marked English
    page.wait_for_url(f"{live_server.url}{address(demo, 'en')}")
    assert page.locator("h1").inner_text() == "48th ordinary session of the Executive Office"
    page.locator("a.language-switch").click()
    page.wait_for_url(f"{live_server.url}{address(demo, 'ar')}")
    assert page.locator("h1").inner_text() == "الدورة العادية الثامنة والأربعون للمكتب التنفيذي"


@pytest.mark.parametrize("lang", ["ar", "en"])
def test_it_never_scrolls_sideways_on_a_phone(open_page, demo, lang, artifacts_dir):
    paths = ["/", "/bodies/executive-office/", address(demo, lang).removeprefix(f"/{lang}"), "/member-states/eg/",
             "/dossiers/customs-data-exchange-agreement/", "/login/", "/no-such-page/"]
    for path in paths:
        page = open_page(f"/{lang}{path}", viewport=PHONE)
        overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
        assert overflow == 0, f"/{lang}{path} scrolls {overflow}px sideways at 375px"
    page = open_page(address(demo, lang), viewport=PHONE)
    page.screenshot(path=artifacts_dir / f"session-{lang}-phone.png", full_page=True)


def test_it_draws_arabic_in_the_self_hosted_font_with_no_outside_request(open_page, demo):
    page = open_page(address(demo, "ar"))
    assert page.evaluate("document.fonts.check('16px \"Noto Naskh Arabic\"', 'مجلس')")
    loaded = page.evaluate("[...document.fonts].filter(f => f.status === 'loaded').map(f => f.family)")
    assert any("Noto Naskh Arabic" in family for family in loaded)
    assert page.foreign_requests == []


def test_it_shows_the_skip_link_on_the_first_tab(open_page, demo):
    page = open_page(address(demo, "en"))
    skip = page.locator(".skip-link")
    assert box(page, ".skip-link")["y"] < 0
    page.keyboard.press("Tab")
    assert skip.evaluate("el => el === document.activeElement")
    assert box(page, ".skip-link")["y"] >= 0
    page.keyboard.press("Enter")
    assert page.evaluate("location.hash") == "#main"


@pytest.mark.parametrize("lang", ["ar", "en"])
def test_it_prints_the_agenda_without_the_site_around_it(open_page, demo, lang, artifacts_dir):
    page = open_page(address(demo, lang))
    page.emulate_media(media="print")
    assert page.locator(".agenda-item").first.is_visible()
    for chrome in [".site-tools", ".toc", ".breadcrumbs", ".site-footer", "#documents"]:
        assert not page.locator(chrome).first.is_visible(), chrome
    page.pdf(path=artifacts_dir / f"session-{lang}.pdf", format="A4", prefer_css_page_size=True)


CONTRAST = """(selector) => {
  const rgb = (value) => value.match(/[\\d.]+/g).map(Number);
  const luminance = ([r, g, b]) => {
    const f = (c) => { c /= 255; return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4; };
    return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
  };
  const el = document.querySelector(selector);
  let back = el;
  while (back && rgb(getComputedStyle(back).backgroundColor)[3] === 0) back = back.parentElement;
  const [fg, bg] = [getComputedStyle(el).color, back ? getComputedStyle(back).backgroundColor : "rgb(255,255,255)"];
  const [a, b] = [luminance(rgb(fg)), luminance(rgb(bg))].sort((x, y) => y - x);
  return (a + 0.05) / (b + 0.05);
}"""


def test_it_keeps_text_contrast_at_wcag_aa(open_page, demo):
    import datetime

    from meetings.models import Session

    Session.objects.filter(pk=demo.pk).update(start_date=datetime.date(2021, 9, 20))  # to show a Hijri date
    demo.agenda_items.filter(order=1).update(kind="decision")  # to show an item's kind
    page = open_page(address(demo, "en"))
    selectors = [".site-title__name", ".site-title__league", ".language-switch", ".breadcrumbs a", "h1",
                 ".facts dt", ".facts dd", ".hijri", ".agenda-number", ".agenda-title", ".agenda-meta .tag",
                 ".participant__facts", ".site-footer p"]
    for selector in selectors:
        ratio = page.evaluate(CONTRAST, selector)
        assert ratio >= 4.5, f"{selector}: {ratio:.2f}:1"


def test_it_shows_where_the_keyboard_is(open_page, demo):
    page = open_page(address(demo, "en"))
    link = page.locator(".breadcrumbs a").first
    before = link.evaluate("el => getComputedStyle(el).backgroundColor")
    link.focus()
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Tab")  # focus by keyboard, so :focus-visible applies
    assert link.evaluate("el => el === document.activeElement")
    focused = link.evaluate("el => [getComputedStyle(el).outlineStyle, getComputedStyle(el).backgroundColor]")
    assert focused[0] != "none" and focused[1] != before


def test_it_shows_staff_a_draft_under_a_legible_banner(logged_in_page, demo):
    from meetings.models import Session

    Session.objects.filter(pk=demo.pk).update(publication="draft")
    page = logged_in_page
    page.goto(address(demo, "ar"))
    banner = page.locator(".draft-banner")
    assert banner.is_visible() and "مسودة" in banner.inner_text()
    assert page.evaluate(CONTRAST, ".draft-banner strong") >= 4.5
