"""The README's screenshots, taken from the current code on every run of the browser tests.

Each run rewrites docs/screenshots/, so a page that changes shows up in `git diff` as a changed
image, and the README can never show a page as it used to be. `bin/screenshots` runs only this.
"""

import re
from pathlib import Path

import pytest
from django.utils import translation

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

ROOT = Path(__file__).resolve().parents[2]
FOLDER = ROOT / "docs" / "screenshots"
VIEWPORT = {"width": 1280, "height": 900}
# file name → (language, what to open). Every image the README shows is listed here.
SHOTS = {
    "session-48-ar.png": ("ar", "session"),
    "session-48-en.png": ("en", "session"),
    "home-ar.png": ("ar", "home"),
    "admin-session-ar.png": ("ar", "admin"),
    "admin-history-48-ar.png": ("ar", "history"),
}


def readme_images():
    return set(re.findall(r"docs/screenshots/([\w.-]+\.png)", (ROOT / "README.md").read_text(encoding="utf-8")))


# Pictures the README shows that are not pages in a browser, and the script that makes each.
MADE_ELSEWHERE = {"pdf-agenda-48-ar.png": "bench/pdf_bench.py"}


def test_every_screenshot_in_the_readme_is_taken_here():
    assert readme_images() == set(SHOTS) | set(MADE_ELSEWHERE)
    for name, script in MADE_ELSEWHERE.items():
        assert name in (ROOT / script).read_text(encoding="utf-8"), f"{script} no longer makes {name}"


def url_of(what, language, demo):
    from django.urls import reverse
    with translation.override(language):
        return {"session": demo.get_absolute_url(), "home": reverse("meetings:home"),
                "admin": reverse("admin:meetings_session_change", args=[demo.pk]),
                "history": reverse("admin:meetings_session_history", args=[demo.pk])}[what]


def mistype_and_restore(demo, secretary):
    """What the history picture shows: a title mistyped by the secretariat, then its earlier version restored.

    The session ends as the demo loaded it: nothing is invented, the picture only shows the history at work.
    """
    from council import history

    item = demo.agenda_items.get(order=5)
    loaded = item.history.earliest()
    item.title_ar = "الذكاء الإصطناعى"
    item._history_user = secretary
    item.save()
    history.restore(loaded, secretary)


@pytest.mark.parametrize("name", sorted(SHOTS))
def test_it_takes_the_readme_screenshots(browser, live_server, client, secretary, demo, name):
    language, what = SHOTS[name]
    context = browser.new_context(base_url=live_server.url, viewport=VIEWPORT)
    if what == "history":
        mistype_and_restore(demo, secretary)
    if what in ("admin", "history"):
        client.force_login(secretary)
        context.add_cookies([{"name": "sessionid", "value": client.cookies["sessionid"].value,
                              "url": live_server.url}])
    page = context.new_page()
    page.goto(url_of(what, language, demo))
    page.evaluate("document.fonts.ready")
    FOLDER.mkdir(parents=True, exist_ok=True)
    # The top of the page at a laptop's size: what a reader sees first.
    page.screenshot(path=FOLDER / name)
    context.close()
    assert (FOLDER / name).stat().st_size > 10_000
