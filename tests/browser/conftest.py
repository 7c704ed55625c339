"""Browser fixtures: Debian's Chromium driven by Playwright, and a folder for screenshots."""

import os
import time
from pathlib import Path

import pytest

CHROMIUM = "/usr/bin/chromium"
# Flags for a sandbox with no network beyond loopback: without them Chromium keeps calling home.
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]


@pytest.fixture(scope="session")
def browser():
    """Debian's headless Chromium driven by Playwright; in CI a missing browser fails, never skips."""
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


@pytest.fixture(scope="session")
def artifacts_dir(request):
    """A folder for this run's screenshots under test-artifacts/ (git-ignored), named at the end of the run."""
    path = Path(__file__).resolve().parents[2] / "test-artifacts" / time.strftime("run-%Y%m%d-%H%M%S")
    path.mkdir(parents=True, exist_ok=True)
    request.config.stash[ARTIFACTS_KEY] = path
    return path


ARTIFACTS_KEY = pytest.StashKey[Path]()


def pytest_terminal_summary(terminalreporter, config):
    if ARTIFACTS_KEY in config.stash:
        terminalreporter.write_line(f"Screenshots of this run: {config.stash[ARTIFACTS_KEY]}")


