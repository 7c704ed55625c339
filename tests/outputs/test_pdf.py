"""The official PDFs: read back with pypdf, as a delegate's PDF reader or search would read them."""

import datetime
import io
import re
import urllib.parse

import pytest
from django.core.cache import cache
from django.core.files.base import ContentFile
from django.urls import reverse
from django.utils import translation
from pypdf import PdfReader

from meetings import pdf
from meetings.models import AgendaItem, Document, Reservation, Resolution, Session
from meetings.templatetags.council_site import hijri_parts
from tests.outputs.helpers import DRAFT_WORDS_AR, DRAFT_WORDS_EN

pytestmark = pytest.mark.django_db

ARABIC_TITLES = ["افتتاح الدورة وإقرار جدول الأعمال", "تقرير الأمانة العامة عن الأنشطة",
                 "الأمن السيبراني وحماية البيانات", "لائحة الإجراءات المالية", "ما يستجد من أعمال"]
ENGLISH_TITLES = ["Opening and adoption of the agenda", "Report of the General Secretariat",
                  "Cybersecurity and data protection", "Financial rules", "Any other business"]


@pytest.fixture(autouse=True)
def empty_cache():
    cache.clear()


def letters(text):
    """Only the letters, in order: a PDF wraps lines and spaces digits its own way, but must keep every
    letter, in logical order, with nothing reversed or replaced."""
    return re.sub(r"[^\w]|[\d_]", "", text)


def pdf_text(content):
    reader = PdfReader(io.BytesIO(content))
    return "\n".join(page.extract_text() for page in reader.pages), len(reader.pages)


def get_pdf(client, session, kind, language):
    response = client.get(session.pdf_url(kind, language))
    assert response.status_code == 200, response.content[:300]
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF-")
    return response


def segments(title):
    """A title's runs of words between digits and punctuation: «نتائج أعمال الاجتماع (39) للجنة …» gives two.

    A PDF stores a line as runs in visual order; text extraction keeps each run's letters in
    order but may put the runs of a mixed line in either order.
    """
    return [letters(run) for run in re.split(r"[\d():/.,،\-–—]+", title) if letters(run)]


def assert_in_order(titles, haystack):
    """Every title is there, each run of its words in logical order, and the titles follow each other."""
    position = -1
    for title in titles:
        first, *rest = segments(title)
        found = haystack.find(first, position + 1)
        assert found > position, f"«{title}» missing or out of order"
        assert all(run in haystack for run in rest), f"part of «{title}» is missing"
        position = found


@pytest.fixture
def session(make_session):
    """A dated published session with main items and sub-items, documents under an item, a resolution."""
    session = make_session(number=12, start_date=datetime.date(2026, 3, 15), end_date=datetime.date(2026, 3, 16),
                           city_ar="القاهرة", city_en="Cairo")
    main = None
    for order, (title_ar, title_en) in enumerate(zip(ARABIC_TITLES, ENGLISH_TITLES, strict=True), start=1):
        item = AgendaItem.objects.create(session=session, order=order, title_ar=title_ar, title_en=title_en,
                                         parent=main if order in (3, 4) else None)
        main = item if order == 2 else main
        if order == 3:
            Document.objects.create(session=session, agenda_item=item, visibility="public",
                                    title_ar="ورقة عمل عن التشفير", title_en="Working paper on encryption",
                                    file=ContentFile(b"%PDF", name="paper.pdf"))
    resolution = Resolution.objects.create(session=session, number=7, agenda_item=item, title_ar="اعتماد اللائحة",
                                           title_en="Adoption of the rules", text_ar="يقرر المكتب اعتماد اللائحة.",
                                           text_en="The office adopts the rules.")
    from council.models import MemberState
    state = MemberState.objects.first() or MemberState.objects.create(iso_code="EG", protocol_order=19,
                                                                      name_ar="مصر", name_en="Egypt")
    Reservation.objects.create(resolution=resolution, member_state=state, text_ar="تتحفظ على الفقرة الثانية",
                               text_en="Reserves on the second paragraph")
    return session


def test_it_prints_the_arabic_agenda_with_its_name_items_in_order_and_hijri_date(client, session):
    response = get_pdf(client, session, "agenda", "ar")
    text, pages = pdf_text(response.content)
    found = letters(text)
    assert letters(session.display_name("ar")) in found
    assert letters("مجلس الوزراء العرب للاتصالات والمعلومات") in found
    assert_in_order(ARABIC_TITLES, found)
    hijri = hijri_parts(session.start_date, "ar")["text"]  # «26 رمضان 1447هـ»
    day, month, year = hijri.split(" ")[0], hijri.split(" ")[1], hijri.split(" ")[-1].removesuffix("هـ")
    date_line = next(line for line in text.splitlines() if letters(month) in letters(line))
    assert letters("التاريخ") in letters(date_line) and letters("مارس") in letters(date_line)
    for part in (day, year, "هـ", "2026", "15", "16"):
        assert part in date_line, part
    assert letters("القاهرة") in found
    assert letters("ورقة عمل عن التشفير") in found, "documents are listed under their item"
    # pypdf puts the digits of a right-to-left line where it likes; the words and numbers are all there.
    footer = next(line for line in text.splitlines() if "الصفحة" in line)
    assert " من" in footer and "1" in footer and str(pages) in footer
    assert letters("نُشر في") in found


def test_it_prints_the_english_agenda(client, session):
    text, pages = pdf_text(get_pdf(client, session, "agenda", "en").content)
    assert session.display_name("en") in " ".join(text.split())
    assert_in_order(ENGLISH_TITLES, letters(text))
    hijri = hijri_parts(session.start_date, "en")["text"]  # "26 Ramadan 1447 AH"
    assert hijri in " ".join(text.split())
    assert f"page 1 of {pages}" in text and "Published on" in text


def test_it_prints_the_outcomes_with_numbers_texts_and_reservations(client, session):
    for language, expected in (("ar", ["اعتماد اللائحة", "يقرر المكتب اعتماد اللائحة", "تتحفظ على الفقرة الثانية"]),
                               ("en", ["Adoption of the rules", "The office adopts the rules",
                                       "Reserves on the second paragraph"])):
        text, _ = pdf_text(get_pdf(client, session, "outcomes", language).content)
        assert_in_order(expected, letters(text))
        assert "7" in text


def test_it_never_prints_what_is_not_published(client, secretary_client, make_session, draft_session):
    for who in (client, secretary_client):
        for kind in pdf.KINDS:
            assert who.get(draft_session.pdf_url(kind, "ar")).status_code == 404
    agenda_only = make_session(number=13, outcomes_published_at=None)
    AgendaItem.objects.create(session=agenda_only, order=1, title_ar="بند منشور", title_en="Published item")
    Resolution.objects.create(session=agenda_only, number=1, title_ar=f"قرار {DRAFT_WORDS_AR}",
                              title_en=f"Resolution {DRAFT_WORDS_EN}")
    Document.objects.create(session=agenda_only, type=Document.Type.REPORT, visibility="public",
                            title_ar=f"تقرير {DRAFT_WORDS_AR}", title_en=f"Report {DRAFT_WORDS_EN}",
                            file=ContentFile(b"%PDF", name="r.pdf"))
    assert secretary_client.get(agenda_only.pdf_url("outcomes", "en")).status_code == 404
    text, _ = pdf_text(get_pdf(secretary_client, agenda_only, "agenda", "en").content)
    assert "Published item" in text and DRAFT_WORDS_EN not in text
    text, _ = pdf_text(get_pdf(client, agenda_only, "agenda", "ar").content)
    assert letters("بند منشور") in letters(text) and letters(DRAFT_WORDS_AR) not in letters(text)


def test_it_is_made_again_only_when_what_it_prints_changes(session):
    first, cached = pdf.render_pdf(session, "agenda", "ar")
    assert not cached
    again, cached = pdf.render_pdf(Session.objects.get(pk=session.pk), "agenda", "ar")
    assert cached and again == first
    AgendaItem.objects.filter(session=session, order=1).update(title_ar="افتتاح الاجتماع")  # not through save()
    changed, cached = pdf.render_pdf(Session.objects.get(pk=session.pk), "agenda", "ar")
    assert not cached
    assert letters("افتتاح الاجتماع") in letters(pdf_text(changed)[0])


def test_it_is_served_under_a_name_a_person_recognises(client, session):
    response = get_pdf(client, session, "agenda", "ar")
    disposition = response["Content-Disposition"]
    assert disposition.startswith("inline; filename*=utf-8''")
    name = urllib.parse.unquote(disposition.split("''", 1)[1])
    assert name == f"جدول الأعمال - {session.display_name('ar')}.pdf"
    english = get_pdf(client, session, "outcomes", "en")["Content-Disposition"]
    assert english == f'inline; filename="Outcomes - {session.display_name("en")}.pdf"'


def test_it_is_linked_from_the_session_page_in_both_languages(client, secretary_client, session, draft_session):
    page = client.get(session.get_absolute_url()).content.decode()
    for kind in pdf.KINDS:
        for language in ("ar", "en"):
            assert f'href="{session.pdf_url(kind, language)}"' in page
    assert ".pdf" not in secretary_client.get(draft_session.get_absolute_url()).content.decode()


def test_it_says_plainly_when_the_server_cannot_make_pdfs(client, session, monkeypatch):
    reason = "WeasyPrint cannot load Pango from the operating system"
    monkeypatch.setattr(pdf, "unavailable_reason", lambda: reason)
    page = client.get(session.get_absolute_url())
    assert page.status_code == 200
    assert "Pango" in page.content.decode() and ".pdf" not in page.content.decode()
    response = client.get(session.pdf_url("agenda", "en"))
    assert response.status_code == 503
    assert reason in response.content.decode()


def test_it_prints_the_demo_and_an_archive_session(client, demo, archive_session):
    for record in (demo, archive_session):
        for language in ("ar", "en"):
            for kind in pdf.KINDS:
                text, _ = pdf_text(get_pdf(client, record, kind, language).content)
                assert letters(record.display_name(language)) in letters(text)
            titles = [getattr(item, f"title_{language}") or item.title_ar
                      for item in record.agenda_items.filter(parent__isnull=True).order_by("order")]
            text, _ = pdf_text(get_pdf(client, record, "agenda", language).content)
            assert_in_order(titles, letters(text))
    with translation.override("ar"):
        assert reverse("meetings:agenda_pdf", args=demo.address_args()) == "/ar/bodies/executive-office/sessions/48/agenda.pdf"


# --- Each item's outcome, in the outcomes PDF -------------------------------------------------

OUTCOMES = [  # (item order, decision, summary ar, summary en)
    (1, "adopted", "أقر المكتب جدول الأعمال دون تعديل", "The office adopted the agenda unchanged"),
    (3, "amended", "اعتمدت الورقة بعد تعديل الفقرة الثالثة", "The paper was adopted with its third paragraph amended"),
    (5, "withdrawn", "سحبت الأمانة البند لاستكمال دراسته", "The secretariat withdrew the item for further study"),
]
# Not «أُحيط علمًا به» (taken note of): WeasyPrint gives each glyph one text in the PDF's text layer, so
# an alef carrying a damma («أُ») loses its alef when the PDF is read back (the page itself shows it).



def record_outcomes(session):
    from meetings.tracking import Outcome

    for order, decision, summary_ar, summary_en in OUTCOMES:
        Outcome.objects.create(agenda_item=session.agenda_items.get(order=order), decision=decision,
                               summary_ar=summary_ar, summary_en=summary_en)


def outcome_lines(language):
    """Each item's title, its decision and its summary, in agenda order."""
    from meetings.tracking import Outcome

    titles = ARABIC_TITLES if language == "ar" else ENGLISH_TITLES
    lines = []
    for order, decision, summary_ar, summary_en in OUTCOMES:
        with translation.override(language):
            decided = str(Outcome.Decision(decision).label)  # «اعتُمد مع تعديلات», "Adopted with amendments"
        lines += [titles[order - 1], decided, summary_ar if language == "ar" else summary_en]
    return lines


def test_the_outcomes_pdf_gives_each_items_decision_and_summary_before_the_resolutions(client, session):
    record_outcomes(session)
    for language, resolution in (("ar", "اعتماد اللائحة"), ("en", "Adoption of the rules")):
        text, _ = pdf_text(get_pdf(client, session, "outcomes", language).content)
        assert_in_order([*outcome_lines(language), resolution], letters(text))


# --- The session report ----------------------------------------------------------------------

REPORT_TEXT = {
    "ar": {"opening": "افتتح رئيس المكتب أعمال الدورة مرحبا بالوفود",
           "speeches": "ألقى الأمين العام المساعد كلمة عن التحول الرقمي",
           "closing": "اختتمت الدورة بالشكر للدولة المضيفة"},
    "en": {"opening": "The chair of the office opened the session and welcomed the delegations",
           "speeches": "The assistant secretary general spoke on digital transformation",
           "closing": "The session closed with thanks to the host state"},
}
# Participants entered out of protocol order: the report lists them in it.
PARTICIPANTS = [("OM", 12, "عُمان", "Oman", "سالم الهنائي", "Salim Al Hinai"),
                ("JO", 1, "الأردن", "Jordan", "رنا العلي", "Rana Al Ali"),
                ("EG", 19, "مصر", "Egypt", "أحمد حسن", "Ahmed Hassan")]


@pytest.fixture
def reported(session, secretary):
    """The session with participants, item outcomes and a report published in each language."""
    from council.models import MemberState, Person
    from meetings import reports
    from meetings.models import Participation
    from meetings.tracking import Report

    for iso, order, name_ar, name_en, person_ar, person_en in PARTICIPANTS:
        state, _ = MemberState.objects.update_or_create(
            iso_code=iso, defaults={"protocol_order": order, "name_ar": name_ar, "name_en": name_en})
        Participation.objects.create(session=session, member_state=state, role="head",
                                     person=Person.objects.create(name_ar=person_ar, name_en=person_en))
    record_outcomes(session)
    published = {}
    for language, texts in REPORT_TEXT.items():
        report = reports.save_report(Report(session=session, language=language), secretary, state="draft", **texts)
        for state in ("review", "final", "published"):
            report = reports.save_report(report, secretary, state=state, **texts)
        published[language] = report
    return published


def report_lines(language):
    """What the report says, in the order it says it."""
    index = 0 if language == "ar" else 1
    texts = REPORT_TEXT[language]
    participants = []
    for *_, name_ar, name_en, person_ar, person_en in sorted(PARTICIPANTS, key=lambda row: row[1]):
        participants += [(name_ar, name_en)[index], (person_ar, person_en)[index]]
    resolution = [("اعتماد اللائحة", "Adoption of the rules"), ("يقرر المكتب اعتماد اللائحة.", "The office adopts the rules."),
                  ("تتحفظ على الفقرة الثانية", "Reserves on the second paragraph")]
    return [texts["opening"], *participants, *outcome_lines(language), texts["speeches"],
            *(row[index] for row in resolution), texts["closing"]]


def test_the_report_pdf_reads_as_the_report_in_logical_order(client, session, reported):
    for language in ("ar", "en"):
        text, pages = pdf_text(get_pdf(client, session, "report", language).content)
        found = letters(text)
        assert letters(session.display_name(language)) in found
        assert letters("مجلس الوزراء العرب للاتصالات والمعلومات" if language == "ar"
                       else "Arab Telecommunication and Information Council of Ministers") in found
        assert_in_order(report_lines(language), found)
        hijri = hijri_parts(session.start_date, language)["text"]
        assert all(letters(part) in found for part in hijri.split(" ")), "the Hijri date is in the heading"
        footer = "الصفحة" if language == "ar" else f"page 1 of {pages}"
        assert footer in text


def test_the_report_pdf_is_served_under_a_name_a_person_recognises(client, session, reported):
    disposition = get_pdf(client, session, "report", "ar")["Content-Disposition"]
    assert urllib.parse.unquote(disposition.split("''", 1)[1]) == f"تقرير - {session.display_name('ar')}.pdf"
    english = get_pdf(client, session, "report", "en")["Content-Disposition"]
    assert english == f'inline; filename="Report - {session.display_name("en")}.pdf"'


def test_the_report_pdf_is_linked_from_the_report_page_and_the_session_page(client, session, reported):
    for language in ("ar", "en"):
        url = session.pdf_url("report", language)
        with translation.override(language):
            report_page = client.get(reported[language].get_absolute_url()).content.decode()
            session_page = client.get(session.get_absolute_url()).content.decode()
        assert f'href="{url}"' in report_page
        assert f'href="{url}"' in session_page


def test_no_report_pdf_exists_until_the_report_is_published_with_the_outcomes(
        client, secretary_client, secretary, session, reported):
    from meetings import reports

    english = reported["en"]
    reports.save_report(english, secretary, state="review", reason="Typo in the closing",
                        **{name: getattr(english, name) for name in ("opening", "speeches", "closing")})
    for who in (client, secretary_client):
        assert who.get(session.pdf_url("report", "en")).status_code == 404, "a report under review"
        assert who.get(session.pdf_url("report", "ar")).status_code == 200
    with translation.override("en"):
        report_page = secretary_client.get(english.get_absolute_url()).content.decode()
        session_page = client.get(session.get_absolute_url()).content.decode()
    assert "report.pdf" not in report_page, "the secretariat reads the report under review, without a PDF"
    assert session.pdf_url("report", "en") not in session_page and session.pdf_url("report", "ar") in session_page
    Session.objects.filter(pk=session.pk).update(outcomes_published_at=None)  # outcomes withdrawn
    for who in (client, secretary_client):
        assert who.get(session.pdf_url("report", "ar")).status_code == 404


def test_a_draft_sessions_report_has_no_pdf(client, secretary_client, secretary, draft_session):
    from meetings import reports
    from meetings.tracking import Report

    reports.save_report(Report(session=draft_session, language="ar"), secretary, state="draft",
                        opening=DRAFT_WORDS_AR, speeches="", closing="")
    for who in (client, secretary_client):
        assert who.get(draft_session.pdf_url("report", "ar")).status_code == 404


def test_the_report_pdf_is_made_again_only_when_what_it_prints_changes(session, reported):
    from meetings.tracking import Outcome

    first, cached = pdf.render_pdf(session, pdf.REPORT, "en")
    assert not cached
    again, cached = pdf.render_pdf(Session.objects.get(pk=session.pk), pdf.REPORT, "en")
    assert cached and again == first
    Outcome.objects.filter(agenda_item__order=5).update(summary_en="The office asked for a fuller account")
    changed, cached = pdf.render_pdf(Session.objects.get(pk=session.pk), pdf.REPORT, "en")
    assert not cached
    assert "fuller account" in " ".join(pdf_text(changed)[0].split())
