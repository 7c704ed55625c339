"""The agenda in the Arabic admin: drag and drop, keyboard moves, swaps and new sub-items in one save."""

import pytest

from meetings.models import AgendaItem, Session

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def session(make_session):
    """Items 1, 2 (with sub-items 2.1, 2.2) and 3."""
    session = make_session(number=7, publication="draft")
    AgendaItem.objects.create(session=session, order=1, title_ar="الافتتاح", title_en="Opening")
    two = AgendaItem.objects.create(session=session, order=2, title_ar="الأمن السيبراني", title_en="Cybersecurity")
    AgendaItem.objects.create(session=session, order=3, parent=two, title_ar="الاستراتيجية")
    AgendaItem.objects.create(session=session, order=4, parent=two, title_ar="التدريب")
    AgendaItem.objects.create(session=session, order=5, title_ar="ما يستجد من أعمال")
    return session


def open_agenda(page, session):
    page.goto(f"/ar/admin/meetings/session/{session.pk}/change/")
    return page.locator("#agenda_items-group tbody tr.form-row:not(.empty-form)")


def row_of(page, title):
    return page.locator("#agenda_items-group tbody tr.form-row", has=page.locator(f"input[value='{title}']"))


def titles_on_page(page):
    return page.eval_on_selector_all(
        "#agenda_items-group tbody tr.form-row:not(.empty-form) input[name$=-title_ar]", "els => els.map(e => e.value)")


def saved(session):
    return [(item.label, item.title_ar, [(sub.label, sub.title_ar) for sub in item.sub_items])
            for item in Session.objects.get(pk=session.pk).agenda()]


def save(page):
    page.click("input[name=_continue]")
    page.wait_for_load_state()
    assert page.locator(".errornote").count() == 0, page.locator(".errorlist").all_inner_texts()


def test_the_keyboard_moves_an_item_with_its_sub_items(logged_in_page, session):
    page = logged_in_page
    open_agenda(page, session)
    handle = row_of(page, "الأمن السيبراني").locator(".agenda-handle")
    handle.focus()
    page.keyboard.press("ArrowUp")
    assert titles_on_page(page) == ["الأمن السيبراني", "الاستراتيجية", "التدريب", "الافتتاح", "ما يستجد من أعمال"]
    # Focus stays on the handle, so the next key press moves it again; a screen reader hears where it went.
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowDown")
    assert titles_on_page(page) == ["الافتتاح", "ما يستجد من أعمال", "الأمن السيبراني", "الاستراتيجية", "التدريب"]
    assert "البند 3" in page.locator(".agenda-live").inner_text()
    assert row_of(page, "التدريب").locator("input[name$=-number]").get_attribute("placeholder") == "3.2"
    save(page)
    assert saved(session) == [("1", "الافتتاح", []), ("2", "ما يستجد من أعمال", []),
                              ("3", "الأمن السيبراني", [("3.1", "الاستراتيجية"), ("3.2", "التدريب")])]


def test_drag_and_drop_swaps_two_items_in_one_save(logged_in_page, session):
    page = logged_in_page
    open_agenda(page, session)
    # Drag "any other business" above the opening, then the opening down to the end.
    row_of(page, "ما يستجد من أعمال").locator(".agenda-handle").drag_to(
        row_of(page, "الافتتاح"), target_position={"x": 20, "y": 2})
    assert titles_on_page(page)[0] == "ما يستجد من أعمال"
    last = row_of(page, "التدريب")
    row_of(page, "الافتتاح").locator(".agenda-handle").drag_to(
        last, target_position={"x": 20, "y": last.bounding_box()["height"] - 3})
    assert titles_on_page(page) == ["ما يستجد من أعمال", "الأمن السيبراني", "الاستراتيجية", "التدريب", "الافتتاح"]
    save(page)
    assert saved(session) == [("1", "ما يستجد من أعمال", []),
                              ("2", "الأمن السيبراني", [("2.1", "الاستراتيجية"), ("2.2", "التدريب")]),
                              ("3", "الافتتاح", [])]


def test_the_up_button_swaps_two_items_in_one_save(logged_in_page, session):
    page = logged_in_page
    open_agenda(page, session)
    row_of(page, "الأمن السيبراني").locator(".agenda-up").click()
    save(page)
    assert saved(session)[:2] == [("1", "الأمن السيبراني", [("1.1", "الاستراتيجية"), ("1.2", "التدريب")]),
                                  ("2", "الافتتاح", [])]


def test_a_new_item_and_its_new_sub_item_are_added_in_one_save(logged_in_page, session):
    page = logged_in_page
    open_agenda(page, session)
    add = page.locator("#agenda_items-group .add-row a")
    for title_ar, title_en, sub in [("الذكاء الاصطناعي", "Artificial intelligence", False),
                                    ("أخلاقيات الذكاء الاصطناعي", "AI ethics", True)]:
        add.click()
        row = page.locator("#agenda_items-group tr.dynamic-agenda_items").last
        row.locator("input[name$=-title_ar]").fill(title_ar)
        row.locator("input[name$=-title_en]").fill(title_en)
        if sub:
            row.locator("input[name$=-sub_item]").check()
            assert row.locator("input[name$=-number]").get_attribute("placeholder") == "4.1"
    save(page)
    assert saved(session)[-1] == ("4", "الذكاء الاصطناعي", [("4.1", "أخلاقيات الذكاء الاصطناعي")])


def test_a_refused_save_keeps_the_new_order_and_what_was_typed(logged_in_page, session):
    page = logged_in_page
    open_agenda(page, session)
    row_of(page, "ما يستجد من أعمال").locator(".agenda-up").click()
    page.locator("#agenda_items-group .add-row a").click()
    new = page.locator("#agenda_items-group tr.dynamic-agenda_items").last
    new.locator("input[name$=-title_en]").fill("English typed, Arabic forgotten")
    page.click("input[name=_continue]")
    page.wait_for_load_state()
    assert page.locator(".errornote").count() == 1
    assert titles_on_page(page) == ["الافتتاح", "ما يستجد من أعمال", "الأمن السيبراني", "الاستراتيجية",
                                    "التدريب", ""]
    assert page.locator("input[value='English typed, Arabic forgotten']").count() == 1
    assert saved(session)[1] == ("2", "الأمن السيبراني", [("2.1", "الاستراتيجية"), ("2.2", "التدريب")])


def test_prepare_the_next_session_opens_it_with_its_standing_items(logged_in_page, session):
    page = logged_in_page
    page.goto(f"/ar/admin/meetings/session/{session.pk}/change/")
    page.click("button.prepare-next")
    page.wait_for_load_state()
    following = Session.objects.get(body=session.body, number=session.number + 1)
    assert page.url.endswith(f"/session/{following.pk}/change/")
    assert following.publication == Session.Publication.DRAFT
    # A committee holds meetings: the standing items say so.
    assert titles_on_page(page) == ["افتتاح الاجتماع", "إقرار جدول الأعمال", "متابعة تنفيذ قرارات الاجتماع السابق",
                                    "موعد الاجتماع القادم ومكان انعقاده", "ما يستجد من أعمال"]
    assert page.locator(".messagelist .success").count() == 1
