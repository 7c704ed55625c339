"""Under the Content-Security-Policy the admin's scripts still run and no page reports a violation.

Violations are collected twice: from the `securitypolicyviolation` event (a listener
installed before any page script) and from Chromium's console messages.
"""

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

LISTEN = """
window.__violations = [];
document.addEventListener("securitypolicyviolation",
    e => window.__violations.push(e.violatedDirective + " " + (e.blockedURI || "inline")));
"""


@pytest.fixture
def watched(logged_in_page):
    page = logged_in_page
    page.add_init_script(LISTEN)
    page.console_violations = []
    page.on("console", lambda message: "Content Security Policy" in message.text
            and page.console_violations.append(message.text))
    return page


def violations(page):
    return page.evaluate("window.__violations") + page.console_violations


def test_the_watch_sees_an_inline_script_refused(watched, demo):
    """The detector itself: a script written into the page is refused and reported."""
    watched.goto("/ar/")
    watched.evaluate("""() => { const s = document.createElement('script');
                                s.textContent = 'window.ran = true'; document.body.append(s); }""")
    watched.wait_for_timeout(200)
    assert watched.evaluate("window.ran") is None
    assert any("script-src" in v for v in violations(watched))


def test_the_language_tabs_work_under_the_policy(watched, demo):
    item = demo.agenda_items.get(order=8)
    watched.goto(f"/en/admin/meetings/agendaitem/{item.pk}/change/")
    arabic, english = watched.locator("#id_title_ar"), watched.locator("#id_title_en")
    assert english.is_visible() and not arabic.is_visible()
    watched.locator(".ui-tabs-nav a", has_text="AR").first.click()
    assert arabic.is_visible() and not english.is_visible()
    assert violations(watched) == []


@pytest.mark.parametrize("language", ["ar", "en"])
def test_the_admins_scripts_run_with_no_violation(watched, demo, language):
    page = watched
    page.goto(f"/{language}/admin/meetings/session/{demo.pk}/change/")
    assert page.locator(".ui-tabs-nav").count() > 0, "jQuery UI did not build the language tabs"
    # Inlines: "add another" is written by inlines.js.
    assert page.locator(".add-row a").count() > 0
    page.goto(f"/{language}/admin/meetings/session/")
    page.locator("#action-toggle").check()  # actions.js ticks every row
    assert page.locator("input.action-select:checked").count() > 0
    page.goto(f"/{language}/admin/meetings/session/add/")
    page.goto(f"/{language}/admin/")
    assert violations(page) == []


@pytest.mark.parametrize("path", ["/ar/", "/en/search/?q=cybersecurity", "/ar/login/"])
def test_the_public_pages_report_no_violation(watched, demo, path):
    watched.goto(path)
    watched.goto(demo.get_absolute_url())
    assert violations(watched) == []
