"""What only a browser shows in the admin: right-to-left layout, both languages side by side."""

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


def test_both_languages_show_side_by_side_arabic_first_in_arabic(logged_in_page, demo):
    page = logged_in_page
    item = demo.agenda_items.get(order=8)
    page.goto(f"/ar/admin/meetings/agendaitem/{item.pk}/change/")
    arabic, english = page.locator("#id_title_ar"), page.locator("#id_title_en")
    assert arabic.is_visible() and english.is_visible()
    assert arabic.input_value() == "الأمن السيبراني" and english.input_value() == "Cybersecurity"
    a, e = arabic.bounding_box(), english.bounding_box()
    assert abs(a["y"] - e["y"]) < 5, "the two titles are not on one line"
    assert a["x"] > e["x"], "in Arabic the Arabic title comes first, on the right"
    page.goto(f"/en/admin/meetings/agendaitem/{item.pk}/change/")
    a, e = page.locator("#id_title_ar").bounding_box(), page.locator("#id_title_en").bounding_box()
    assert abs(a["y"] - e["y"]) < 5 and e["x"] < a["x"], "in English the English title comes first, on the left"


def test_a_new_agenda_row_shows_the_required_arabic_beside_the_english(logged_in_page, demo):
    """Nothing the secretary clicked before can hide the Arabic of a row added later."""
    page = logged_in_page
    page.goto(f"/ar/admin/meetings/session/{demo.pk}/change/")
    page.locator("#agenda_items-group .add-row a").click()
    row = page.locator("#agenda_items-group tr.form-row.dynamic-agenda_items").last
    arabic, english = row.locator("input[name$=-title_ar]"), row.locator("input[name$=-title_en]")
    assert arabic.is_visible() and english.is_visible()
    assert arabic.get_attribute("dir") == "rtl" and english.get_attribute("dir") == "ltr"
    header = page.locator("#agenda_items-group thead").inner_text()
    assert "العنوان بالعربية" in header and "العنوان بالإنجليزية (اختياري)" in header


def test_date_fields_carry_no_time_zone_note(browser, live_server, secretary, client, demo):
    """A date has no time of day: a browser in another time zone than Cairo's sees no warning on it."""
    client.force_login(secretary)
    context = browser.new_context(base_url=live_server.url, timezone_id="Asia/Tokyo")  # 6 or 7 hours from Cairo
    context.add_cookies([{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}])
    page = context.new_page()
    page.goto(f"/ar/admin/meetings/session/{demo.pk}/change/")
    assert page.locator("#id_start_date").is_visible()
    assert page.locator("p.date .timezonewarning").count() >= 1, "Django's note is there, and hidden"
    assert page.locator(".timezonewarning:visible").count() == 0
    context.close()


@pytest.mark.parametrize("interface", ["ar", "en"])
def test_each_input_runs_in_its_own_direction_whatever_the_interface(logged_in_page, demo, interface):
    page = logged_in_page
    page.goto(f"/{interface}/admin/meetings/agendaitem/{demo.agenda_items.first().pk}/change/")
    assert direction(page, "#id_title_ar") == "rtl"
    assert direction(page, "#id_description_ar") == "rtl"
    assert direction(page, "#id_title_en") == "ltr"


def test_the_admin_works_with_no_internet(logged_in_page, live_server, demo):
    """Every script and style the admin loads comes from this server."""
    page = logged_in_page
    foreign = []
    page.on("request", lambda request: None if request.url.startswith(live_server.url) else foreign.append(request.url))
    page.goto(f"/ar/admin/meetings/session/{demo.pk}/change/")
    assert page.locator("#id_city_ar").is_visible()
    assert foreign == []


def test_a_secretary_types_an_english_title_beside_the_arabic(logged_in_page, demo):
    page = logged_in_page
    item = demo.agenda_items.get(order=5)
    page.goto(f"/ar/admin/meetings/agendaitem/{item.pk}/change/")
    page.fill("#id_title_en", "Artificial intelligence (AI)")
    page.click("input[name=_save]")
    page.wait_for_url(f"**/session/{demo.pk}/change/")  # back to the item's session
    item.refresh_from_db()
    assert item.title_en == "Artificial intelligence (AI)"
    assert item.title_ar == "الذكاء الاصطناعي"


@pytest.mark.parametrize("interface", ["ar", "en"])
def test_the_session_form_fits_a_laptop_screen_without_sideways_scrolling(logged_in_page, demo, interface):
    page = logged_in_page
    page.set_viewport_size({"width": 1366, "height": 768})
    page.goto(f"/{interface}/admin/meetings/session/{demo.pk}/change/")
    assert page.evaluate("document.documentElement.scrollWidth") <= 1366
    for group in ("agenda_items-group table", "participants-group table", "resolutions-group", "documents-group table"):
        box = page.locator(f"#{group}").bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= 1366, group


def test_an_agenda_row_can_be_read_and_edited_on_a_phone(logged_in_page, demo):
    page = logged_in_page
    page.set_viewport_size({"width": 375, "height": 800})
    page.goto(f"/ar/admin/meetings/session/{demo.pk}/change/")
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    row = page.locator("#agenda_items-group tbody tr.form-row").nth(7)
    row.scroll_into_view_if_needed()
    for name in ("title_ar", "title_en", "number", "kind"):
        field = row.locator(f"[name$=-{name}]")
        box = field.bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= 375, name
    # Each stacked field says what it is.
    assert row.locator("td.field-title_ar").get_attribute("data-label") == "العنوان بالعربية"
    row.locator("input[name$=-title_en]").fill("Cybersecurity and resilience")
    page.click("input[name=_continue]")
    page.wait_for_load_state()
    assert demo.agenda_items.get(order=8).title_en == "Cybersecurity and resilience"


def test_each_row_offers_every_choice_though_the_page_sends_them_once(logged_in_page, demo):
    """An inline row's select arrives with its chosen option only (SharedOptionsSelect); the page's
    script copies the others from the inline's empty row, and the choice stays as it was."""
    from council.models import MemberState

    page = logged_in_page
    participation = demo.participants.exclude(member_state=None).order_by("id").first()
    page.goto(f"/ar/admin/meetings/session/{demo.pk}/change/")
    select = page.locator(f"#participants-group input[name$=-id][value='{participation.pk}']").locator(
        "xpath=ancestor::tr").locator("select[name$=-member_state]")
    assert select.locator("option").count() == MemberState.objects.count() + 1  # and the empty choice
    assert select.input_value() == str(participation.member_state_id)
    # Saved untouched, nothing changes.
    page.locator("input[name=_continue]").click()
    page.wait_for_load_state()
    assert page.locator(".errornote").count() == 0
    participation.refresh_from_db()
    assert select.input_value() == str(participation.member_state_id)


def test_an_autocomplete_in_an_existing_row_shows_its_choice_and_looks_others_up(logged_in_page, demo):
    """Its address and settings come from the inline's empty row (SharedAttributesMixin)."""
    page = logged_in_page
    item = demo.agenda_items.exclude(reviewed_session=None).order_by("order").first()
    page.goto(f"/ar/admin/meetings/session/{demo.pk}/change/")
    row = page.locator(f"#agenda_items-group input[name$=-id][value='{item.pk}']").locator("xpath=ancestor::tr")
    assert row.locator("select[name$=-reviewed_session]").get_attribute("data-ajax--url")
    chosen = row.locator(".field-reviewed_session .select2-selection__rendered")
    assert chosen.inner_text().strip().lstrip("×").strip() == str(item.reviewed_session)
    row.locator(".field-dossier .select2-selection").click()
    page.locator(".select2-results__option", has_text=str(demo.agenda_items.exclude(dossier=None).first().dossier)
                 ).first.wait_for()
