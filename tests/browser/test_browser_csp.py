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


def test_the_agenda_tools_work_under_the_policy(watched, demo):
    """Both languages side by side, and the agenda's move buttons (static/js/agenda.js), with no violation."""
    watched.goto(f"/ar/admin/meetings/session/{demo.pk}/change/")
    assert watched.locator("#id_city_ar").is_visible() and watched.locator("#id_city_en").is_visible()
    row_id = watched.locator("#agenda_items-group tbody tr.form-row").first.get_attribute("id")
    watched.locator(f"#{row_id} .agenda-down").click()
    assert watched.locator(f"#{row_id} input[name$=-order]").input_value() == "2"
    assert violations(watched) == []


@pytest.mark.parametrize("language", ["ar", "en"])
def test_the_admins_scripts_run_with_no_violation(watched, demo, language):
    page = watched
    page.goto(f"/{language}/admin/meetings/session/{demo.pk}/change/")
    assert page.locator(".agenda-handle").count() > 0, "the agenda's script did not add its tools"
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
