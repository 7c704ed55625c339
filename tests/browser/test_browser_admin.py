"""What only a browser shows in the admin: right-to-left layout and the language tabs."""

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def direction(page, selector):
    return page.eval_on_selector(selector, "el => getComputedStyle(el).direction")


def test_the_arabic_admin_is_laid_out_right_to_left(logged_in_page, demo):
    page = logged_in_page
    page.goto("/ar/admin/")
    assert direction(page, "body") == "rtl"
    # The sidebar of models sits on the right in Arabic and on the left in English.
    content = page.locator("#content").bounding_box()
    title = page.locator("#site-name").bounding_box()
    assert title["x"] + title["width"] > content["x"] + content["width"] / 2
    page.goto("/en/admin/")
    assert direction(page, "body") == "ltr"
    assert page.locator("#site-name").bounding_box()["x"] < 100


def test_the_language_tabs_switch_between_arabic_and_english_text(logged_in_page, demo):
    page = logged_in_page
    item = demo.agenda_items.get(order=8)
    page.goto(f"/en/admin/meetings/agendaitem/{item.pk}/change/")
    arabic, english = page.locator("#id_title_ar"), page.locator("#id_title_en")
    # The interface's language opens first; the other waits behind its tab.
    assert english.is_visible() and not arabic.is_visible()
    assert english.input_value() == "Cybersecurity"
    page.locator(".ui-tabs-nav a", has_text="AR").first.click()
    assert arabic.is_visible() and not english.is_visible()
    assert arabic.input_value() == "الأمن السيبراني"


@pytest.mark.parametrize("interface", ["ar", "en"])
def test_each_input_runs_in_its_own_direction_whatever_the_interface(logged_in_page, demo, interface):
    page = logged_in_page
    page.goto(f"/{interface}/admin/meetings/agendaitem/{demo.agenda_items.first().pk}/change/")
    assert direction(page, "#id_title_ar") == "rtl"
    assert direction(page, "#id_description_ar") == "rtl"
    assert direction(page, "#id_title_en") == "ltr"


def test_the_tabs_work_with_no_internet(logged_in_page, live_server, demo):
    """Every script and style the admin loads comes from this server."""
    page = logged_in_page
    foreign = []
    page.on("request", lambda request: None if request.url.startswith(live_server.url) else foreign.append(request.url))
    page.goto(f"/ar/admin/meetings/session/{demo.pk}/change/")
    assert page.locator(".ui-tabs-nav").count() > 0, "jQuery UI did not build the language tabs"
    assert foreign == []


def test_a_secretary_types_an_english_title_through_its_tab(logged_in_page, demo):
    page = logged_in_page
    item = demo.agenda_items.get(order=5)
    page.goto(f"/ar/admin/meetings/agendaitem/{item.pk}/change/")
    page.locator(".ui-tabs-nav a", has_text="EN").first.click()
    page.fill("#id_title_en", "Artificial intelligence (AI)")
    page.click("input[name=_save]")
    page.wait_for_url("**/agendaitem/")
    item.refresh_from_db()
    assert item.title_en == "Artificial intelligence (AI)"
    assert item.title_ar == "الذكاء الاصطناعي"
