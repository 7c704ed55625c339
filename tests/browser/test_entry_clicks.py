"""How many clicks and saves the 49th session takes in the Arabic admin (issue: at most 25 and 2).

The scenario is the one the secretariat timed: the Executive Office's 49th session with six agenda
items in Arabic and English (one a sub-item, one reviewing the 48th session), two resolutions (one
with a member state's reservation), the chair, and one document for member states only.

What counts:
- a click is one press and release of the mouse on a link, button, checkbox, drop-down list,
  autocomplete or file chooser; choosing from a drop-down list counts as one (press, move, release),
  and `CHOICES` says how many there were, for whoever counts them as two;
- dragging a row is one click;
- typing into a text field is not a click (the keyboard's Tab reaches the next field);
- a save is any request that writes: "prepare the next session" and the page's Save.
The counts are printed and written to the README ("Entering a session in the admin").
"""

import pytest

from council.models import MemberState, Person
from meetings.models import AgendaItem, Document, Participation, Session

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

MAX_CLICKS, MAX_SAVES = 25, 2


class Counted:
    """A browser page whose every click, list choice, drag, typed field and save is counted."""

    def __init__(self, page):
        self.page = page
        self.clicks = self.choices = self.drags = self.typed = self.saves = 0

    def click(self, locator):
        locator.click()
        self.clicks += 1

    def choose(self, locator, label):
        locator.select_option(label=label)
        self.clicks += 1
        self.choices += 1

    def type(self, locator, text):
        locator.fill(text)
        self.typed += 1

    def drag(self, handle, target, y):
        handle.drag_to(target, target_position={"x": 20, "y": y})
        self.clicks += 1
        self.drags += 1

    def attach(self, locator, path):
        locator.set_input_files(path)
        self.clicks += 2  # the file chooser's button, and the file picked in its dialog

    def save(self, locator):
        self.click(locator)
        self.page.wait_for_load_state()
        self.saves += 1


def test_the_49th_session_takes_at_most_25_clicks_and_2_saves(logged_in_page, demo, tmp_path, capsys):
    page = Counted(logged_in_page)
    p = logged_in_page
    minister = Person.objects.get(name_ar__contains="عمرو طلعت")
    paper = tmp_path / "ورقة-عمل.pdf"
    paper.write_bytes(b"%PDF-1.4 working paper")

    # From the admin's index to the 48th session, and "prepare the next session" (save 1).
    p.goto("/ar/admin/")
    page.click(p.locator('a[href$="/admin/meetings/session/"]').first)
    page.click(p.locator(f'a[href$="/admin/meetings/session/{demo.pk}/change/"]').first)
    page.save(p.locator("button.prepare-next"))
    session = Session.objects.get(body=demo.body, kind=demo.kind, number=49)
    assert p.url.endswith(f"/session/{session.pk}/change/")

    # The agenda: five standing items are there (the follow-up reviews the 48th); one new item,
    # a sub-item of the follow-up, typed in both languages and dragged into place.
    page.click(p.locator("#agenda_items-group .add-row a"))
    row = p.locator("#agenda_items-group tr.dynamic-agenda_items").last
    page.type(row.locator("input[name$=-title_ar]"), "متابعة تنفيذ قرار إنشاء المرصد العربي للأمن السيبراني")
    page.type(row.locator("input[name$=-title_en]"), "Follow-up of the Arab cybersecurity observatory")
    page.click(row.locator("input[name$=-sub_item]"))
    follow_up = p.locator("#agenda_items-group tbody tr.form-row", has=p.locator(
        "input[value='متابعة تنفيذ قرارات الدورة السابقة']"))
    page.drag(row.locator(".agenda-handle"), follow_up, follow_up.bounding_box()["height"] - 3)

    # Two resolutions on the follow-up item, the first with Jordan's reservation.
    for title_ar, title_en, reservation in [
        ("الموافقة على إنشاء المرصد العربي للأمن السيبراني", "Arab cybersecurity observatory", True),
        ("تكليف الأمانة العامة بمتابعة التنفيذ", "Follow-up by the General Secretariat", False),
    ]:
        page.click(p.locator("#resolutions-group .add-row a"))
        block = p.locator("#resolutions-group .dynamic-resolutions").last
        page.type(block.locator("input[name$=-title_ar]"), title_ar)
        page.type(block.locator("input[name$=-title_en]"), title_en)
        page.choose(block.locator("select[name$=-agenda_item]"), "3 — متابعة تنفيذ قرارات الدورة السابقة")
        if reservation:
            page.choose(block.locator("select[name$=-reservation_1_state]"), "الأردن")
            page.type(block.locator("textarea[name$=-reservation_1_text_ar]"), "تتحفظ على البند الثالث من القرار.")

    # The chair: Egypt's minister.
    page.click(p.locator("#participants-group .add-row a"))
    row = p.locator("#participants-group tr.dynamic-participants").last
    page.choose(row.locator("select[name$=-member_state]"), "مصر")
    page.click(row.locator(".select2-selection"))
    p.locator(".select2-search__field").fill("عمرو")
    page.click(p.locator(".select2-results__option", has_text="عمرو طلعت"))
    page.choose(row.locator("select[name$=-role]"), "الرئيس")
    page.type(row.locator("input[name$=-position_ar]"), "وزير الاتصالات وتكنولوجيا المعلومات")

    # One working paper for member states only (the default), on the follow-up item.
    page.click(p.locator("#documents-group .add-row a"))
    row = p.locator("#documents-group tr.dynamic-documents").last
    page.type(row.locator("input[name$=-title_ar]"), "ورقة عمل المرصد العربي للأمن السيبراني")
    page.choose(row.locator("select[name$=-agenda_item]"), "3 — متابعة تنفيذ قرارات الدورة السابقة")
    page.attach(row.locator("input[type=file]"), str(paper))

    page.save(p.locator("input[name=_save]"))  # save 2
    assert p.locator(".errornote").count() == 0, p.locator(".errorlist").all_inner_texts()

    # Everything is there, as entered.
    agenda = session.agenda()
    # Five standing items, the customs agreement the 48th's outcome referred on, and the new sub-item.
    assert len(session.agenda_items.all()) == 7
    follow = agenda[2]
    assert follow.reviewed_session == demo
    assert [(sub.label, sub.title_en) for sub in follow.sub_items] == [
        ("3.1", "Follow-up of the Arab cybersecurity observatory")]
    resolutions = list(session.resolutions.order_by("id"))
    assert [r.agenda_item_id for r in resolutions] == [follow.pk, follow.pk]
    assert [(r.member_state.iso_code, r.text_ar) for r in resolutions[0].reservations.all()] == [
        ("JO", "تتحفظ على البند الثالث من القرار.")]
    chair = Participation.objects.get(session=session, role="chair")
    assert chair.person == minister and chair.member_state == MemberState.objects.get(iso_code="EG")
    document = Document.objects.get(session=session)
    assert document.agenda_item_id == follow.pk and document.visibility == "member_states"
    assert AgendaItem.objects.filter(session=session, parent=follow).count() == 1

    summary = (f"49th session: {page.clicks} clicks ({page.choices} of them choices from a list, "
               f"{page.drags} a drag), {page.saves} saves, {page.typed} fields typed")
    with capsys.disabled():
        print(f"\n{summary}")
    assert page.clicks <= MAX_CLICKS and page.saves <= MAX_SAVES, summary
