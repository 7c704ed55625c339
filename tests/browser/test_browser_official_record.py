"""The official record in real browsers, Arabic admin: two sessions on one form (the older is refused), the publish check page."""

import pytest
from django.contrib.auth.models import Permission

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def colleague_page(browser, live_server, django_user_model, client):
    """A second secretariat member in a browser context of her own."""
    from django.test import Client

    user = django_user_model.objects.create_user("layla", password="not-a-real-password", is_staff=True,
                                                 first_name="ليلى", last_name="حسن")
    user.user_permissions.set(Permission.objects.filter(content_type__app_label__in=["council", "meetings"]))
    other = Client()
    other.force_login(user)
    context = browser.new_context(base_url=live_server.url, viewport={"width": 1400, "height": 900})
    context.add_cookies([{"name": "sessionid", "value": other.cookies["sessionid"].value, "url": live_server.url}])
    page = context.new_page()
    yield page
    context.close()


def test_the_older_form_is_refused_with_who_and_what_and_keeps_the_input(logged_in_page, colleague_page, demo,
                                                                          artifacts_dir):
    mine, hers = logged_in_page, colleague_page
    url = f"/ar/admin/meetings/session/{demo.pk}/change/"
    mine.goto(url)
    hers.goto(url)

    hers.fill("#id_city_ar", "الرياض")
    hers.locator("input[name=_save]").click()
    hers.wait_for_load_state()
    assert hers.locator(".messagelist .success").count() == 1

    mine.fill("#id_date_note_ar", "يُحدَّد الموعد لاحقًا")
    mine.locator("input[name=_save]").click()
    mine.wait_for_load_state()
    notice = mine.locator(".errorlist.nonfield").first
    assert "ليلى حسن" in notice.inner_text() and "«الرياض»" in notice.inner_text()
    assert mine.locator("#id_date_note_ar").input_value() == "يُحدَّد الموعد لاحقًا"
    mine.screenshot(path=artifacts_dir / "stale-save-refused-ar.png", full_page=False)
    demo.refresh_from_db()
    assert demo.city_ar == "الرياض" and demo.date_note_ar != "يُحدَّد الموعد لاحقًا"

    # She merges: takes the colleague's venue, keeps her note, saves again.
    mine.fill("#id_city_ar", "الرياض")
    mine.locator("input[name=_save]").click()
    mine.wait_for_load_state()
    assert mine.locator(".messagelist .success").count() == 1
    demo.refresh_from_db()
    assert (demo.city_ar, demo.date_note_ar) == ("الرياض", "يُحدَّد الموعد لاحقًا")


def test_the_publish_check_page_lists_what_is_missing_in_arabic_and_publishes_once_accepted(
        logged_in_page, demo, artifacts_dir):
    from meetings.models import AgendaItem, Session

    draft = Session.objects.create(body=demo.body, number=49)
    AgendaItem.objects.create(session=draft, order=1, title_ar="إقرار جدول الأعمال", title_en="Adoption of the agenda")
    AgendaItem.objects.create(session=draft, order=2, title_ar="الأمن السيبراني")
    page = logged_in_page
    page.goto(f"/ar/admin/meetings/session/{draft.pk}/change/")
    page.get_by_role("link", name="نشر جدول الأعمال").click()
    listed = page.locator(".publication-listed")
    assert "الأمن السيبراني" in listed.inner_text() and "لا عنوان إنجليزيًا" in listed.inner_text()
    page.screenshot(path=artifacts_dir / "publish-check-ar.png", full_page=True)
    draft.refresh_from_db()
    assert draft.publication == Session.Publication.DRAFT  # the check page changes nothing

    page.check("input[name=accept_missing_english]")
    page.locator("input.default[type=submit]").click()
    page.wait_for_load_state()
    assert page.locator(".messagelist .success").count() == 1
    draft.refresh_from_db()
    assert draft.publication == Session.Publication.PUBLISHED
