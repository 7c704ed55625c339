"""Two real browser sessions on the same session, in the Arabic admin: the older form is refused, nothing lost."""

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
