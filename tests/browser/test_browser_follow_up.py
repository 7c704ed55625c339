"""The follow-up board in a browser: Arabic, right to left, on a phone and on a desktop.
Screenshots go to the run's test-artifacts/ folder."""

import datetime

import pytest

from council.models import MemberState
from meetings.tracking import FollowUpAction, StatusUpdate

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 375, "height": 812}
DESKTOP = {"width": 1280, "height": 900}


@pytest.fixture
def board(make_session):
    """Two resolutions with open follow-up: one overdue (named states), one in progress (a long title)."""
    first = make_session(number=1, n=2, start_date=datetime.date(2022, 3, 1))
    later = make_session(number=2, start_date=datetime.date(2023, 3, 1))
    one, two = first.resolutions.order_by("number")
    one.title_ar = "قرار بشأن الاستراتيجية العربية للاتصالات والمعلومات وتحديثها ومتابعة تنفيذها في الدول الأعضاء"
    one.save()
    overdue = FollowUpAction.objects.create(
        resolution=one, description_ar="موافاة الأمانة العامة بخطط النطاق العريض الوطنية",
        responsible=FollowUpAction.Responsible.NAMED_STATES, due_date=datetime.date(2022, 9, 1))
    overdue.states.set(MemberState.objects.all())
    going = FollowUpAction.objects.create(resolution=two, description_ar="إعداد دليل استرشادي",
                                          responsible=FollowUpAction.Responsible.GENERAL_SECRETARIAT)
    StatusUpdate.objects.create(action=going, session=later, status=StatusUpdate.Status.IN_PROGRESS,
                                note_ar="بدأ الإعداد")
    return first


def open_board(browser, live_server, viewport):
    context = browser.new_context(base_url=live_server.url, viewport=viewport)
    page = context.new_page()
    page.goto("/ar/follow-up/?on=2023-06-01")
    page.evaluate("document.fonts.ready")
    return context, page


@pytest.mark.parametrize("name,viewport", [("phone", PHONE), ("desktop", DESKTOP)])
def test_the_arabic_board_reads_right_to_left_without_sideways_scrolling(
        browser, live_server, board, artifacts_dir, name, viewport):
    context, page = open_board(browser, live_server, viewport)
    try:
        page.screenshot(path=artifacts_dir / f"follow-up-board-ar-{name}.png", full_page=True)
        assert page.evaluate("getComputedStyle(document.body).direction") == "rtl"
        overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
        assert overflow == 0, f"the board scrolls {overflow}px sideways at {viewport['width']}px"
        assert page.locator(".board-resolution").count() == 2
        assert page.locator(".status--overdue").count() == 1
        assert "قيد التنفيذ" in page.locator(".board").inner_text()
        # The card's accent border is on the reading start: the right in Arabic.
        card = page.locator(".board-resolution").first
        assert card.evaluate("e => getComputedStyle(e).borderRightWidth") == "4px"
        # Every filter is within the screen, and the form can be used.
        for field in page.locator(".board-filters select, .board-filters input, .board-filters button").all():
            field_box = field.bounding_box()
            assert field_box["x"] >= 0 and field_box["x"] + field_box["width"] <= viewport["width"]
        page.select_option("#id_state", "EG")
        page.get_by_role("button", name="اعرض").click()
        page.wait_for_url("**state=EG**")
        assert page.locator(".board-resolution").count() == 1
    finally:
        context.close()
