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


# --- Public site: delegates, sessions made to measure, screenshots ----------------

import datetime  # noqa: E402
import time  # noqa: E402
from pathlib import Path  # noqa: E402


@pytest.fixture
def delegate(demo, django_user_model):
    """Egypt's delegate: signed in, may read documents restricted to member states; not staff."""
    from council.models import Delegate, MemberState

    user = django_user_model.objects.create_user("hoda", password="not-a-real-password")
    Delegate.objects.create(user=user, member_state=MemberState.objects.get(iso_code="EG"))
    return user


@pytest.fixture
def delegate_client(client, delegate):
    client.force_login(delegate)
    return client


@pytest.fixture
def stranger_client(client, django_user_model):
    """Signed in, but neither staff nor a delegate."""
    client.force_login(django_user_model.objects.create_user("visitor", password="not-a-real-password"))
    return client


@pytest.fixture
def make_session(db, settings, tmp_path):
    """Build a session of a body with n agenda items (half of them sub-items), resolutions with a
    reservation each, participants and documents; published unless told otherwise."""
    from council.models import Body, MemberState, Person
    from django.core.files.base import ContentFile
    from django.utils import timezone

    from meetings.models import AgendaItem, Document, Participation, Reservation, Resolution, Session

    settings.MEDIA_ROOT = tmp_path

    def make(number=1, n=0, publication="published", body=None, **fields):
        body = body or Body.objects.get_or_create(slug="test-committee", defaults={
            "name_ar": "لجنة الاختبار", "name_en": "Test committee", "kind": "permanent_committee"})[0]
        if publication == "published":
            # Agenda and outcomes both published, unless the test says otherwise.
            fields.setdefault("published_at", timezone.now())
            fields.setdefault("outcomes_published_at", fields["published_at"])
        session = Session.objects.create(body=body, number=number, publication=publication, status="held",
                                         start_date=fields.pop("start_date", datetime.date(2022, 3, 1)), **fields)
        states = list(MemberState.objects.all()) or [
            MemberState.objects.create(iso_code="EG", protocol_order=19, name_ar="مصر", name_en="Egypt")]
        main = None
        for i in range(1, n + 1):
            item = AgendaItem.objects.create(session=session, order=i, parent=main if i % 2 == 0 else None,
                                             title_ar=f"بند {i}", title_en=f"Item {i}")
            main = item if i % 2 else main
            resolution = Resolution.objects.create(session=session, agenda_item=item, number=i,
                                                   title_ar=f"قرار {i}", title_en=f"Resolution {i}")
            Reservation.objects.create(resolution=resolution, member_state=states[i % len(states)],
                                       text_ar="تحفظ", text_en="Reservation")
            person = Person.objects.create(name_ar=f"شخص {i}", name_en=f"Person {i}")
            Participation.objects.create(session=session, member_state=states[i % len(states)], person=person,
                                         role="delegate", position_ar="مندوب", position_en="Delegate")
            Document.objects.create(session=session, agenda_item=item, title_ar=f"وثيقة {i}",
                                    title_en=f"Document {i}", file=ContentFile(b"%PDF", name=f"doc-{i}.pdf"),
                                    visibility="public" if i % 2 else "member_states")
        return session

    return make


@pytest.fixture(scope="session")
def artifacts_dir(request):
    """A folder for this run's screenshots under test-artifacts/ (git-ignored), named at the end of the run."""
    path = Path(__file__).resolve().parent.parent / "test-artifacts" / time.strftime("run-%Y%m%d-%H%M%S")
    path.mkdir(parents=True, exist_ok=True)
    request.config.stash[ARTIFACTS_KEY] = path
    return path


ARTIFACTS_KEY = pytest.StashKey[Path]()


def pytest_terminal_summary(terminalreporter, config):
    if ARTIFACTS_KEY in config.stash:
        terminalreporter.write_line(f"Screenshots of this run: {config.stash[ARTIFACTS_KEY]}")


@pytest.fixture(autouse=True)
def default_language(settings):
    """Start every test in the default language: a request leaves its language active in the thread."""
    from django.utils import translation

    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)
