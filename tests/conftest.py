"""Shared fixtures: the demo data and the people who can and cannot see things."""

import pytest
from django.contrib.auth.models import Permission

from meetings.demo import load_demo


@pytest.fixture
def demo(db):
    """The reference case: returns the Executive Office's 48th session."""
    return load_demo()


@pytest.fixture
def secretary(django_user_model):
    """A secretariat member: staff with every council and meetings permission, not a superuser."""
    user = django_user_model.objects.create_user("amina", password="not-a-real-password", is_staff=True)
    user.user_permissions.set(Permission.objects.filter(content_type__app_label__in=["council", "meetings"]))
    return user


@pytest.fixture
def secretary_client(client, secretary):
    client.force_login(secretary)
    return client


# --- Browser tests --------------------------------------------------------

CHROMIUM = "/usr/bin/chromium"
# Flags for a sandbox with no network beyond loopback: without them Chromium keeps calling home.
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]


@pytest.fixture(scope="session")
def browser():
    """Debian's headless Chromium driven by Playwright; in CI a missing browser fails, never skips."""
    import os

    if not os.path.exists(CHROMIUM):
        message = f"{CHROMIUM} is missing (apt-get install chromium)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    # Playwright's sync API runs an event loop in this thread; Django would refuse DB access from it.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def logged_in_page(browser, live_server, secretary, client):
    """A browser page whose session belongs to the secretariat user."""
    client.force_login(secretary)
    context = browser.new_context(base_url=live_server.url, viewport={"width": 1400, "height": 900})
    context.add_cookies([{"name": "sessionid", "value": client.cookies["sessionid"].value,
                          "url": live_server.url}])
    page = context.new_page()
    yield page
    context.close()
