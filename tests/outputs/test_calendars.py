"""iCalendar feeds: every published dated session, per body and in all, in Arabic and English."""

import datetime

import pytest
from icalendar import Calendar

from meetings.models import AgendaItem, Session
from tests.helpers import site_url
from tests.outputs.helpers import DRAFT_WORDS_AR, DRAFT_WORDS_EN

pytestmark = pytest.mark.django_db



def fetch(client, path):
    response = client.get(path)
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    return response.content, Calendar.from_ical(response.content)


def unfolded(content):
    """The calendar's text with long lines joined again (RFC 5545, 3.1)."""
    return content.replace(b"\r\n ", b"").decode()


def events(calendar):
    return {str(event["summary"]): event for event in calendar.walk("VEVENT")}


def assert_valid(content, calendar):
    """What RFC 5545 requires of a published calendar and its events."""
    assert content.startswith(b"BEGIN:VCALENDAR\r\n") and content.endswith(b"END:VCALENDAR\r\n")
    assert all(len(line) <= 75 for line in content.split(b"\r\n")), "lines are folded at 75 octets"
    assert calendar["VERSION"] == "2.0" and calendar["PRODID"]
    uids = [str(event["UID"]) for event in calendar.walk("VEVENT")]
    assert len(uids) == len(set(uids))
    for event in calendar.walk("VEVENT"):
        for required in ("UID", "DTSTAMP", "DTSTART", "DTEND", "SUMMARY", "SEQUENCE", "URL", "STATUS"):
            assert required in event, required
        assert event["DTEND"].dt > event["DTSTART"].dt


def test_it_lists_published_dated_sessions_and_nothing_else(client, make_session, draft_session):
    published = make_session(number=1, start_date=datetime.date(2030, 1, 10))
    make_session(number=2, start_date=None)  # undated
    make_session(number=3, publication="withdrawn", start_date=datetime.date(2030, 2, 1))
    for language in ("ar", "en"):
        content, calendar = fetch(client, site_url(language, "calendar"))
        assert_valid(content, calendar)
        assert list(events(calendar)) == [published.display_name(language)]
        text = unfolded(content)
        assert DRAFT_WORDS_EN not in text and DRAFT_WORDS_AR not in text
        assert draft_session.display_name(language) not in text


def test_it_names_events_in_the_language_of_the_feed(client, make_session):
    session = make_session(number=48, start_date=datetime.date(2030, 1, 10), city_ar="القاهرة", city_en="Cairo")
    _, arabic = fetch(client, site_url("ar", "calendar"))
    _, english = fetch(client, site_url("en", "calendar"))
    ar_event, en_event = arabic.walk("VEVENT")[0], english.walk("VEVENT")[0]
    assert str(ar_event["SUMMARY"]) == "الاجتماع الثامن والأربعون للجنة الاختبار"
    assert ar_event["SUMMARY"].params["LANGUAGE"] == "ar"
    assert str(en_event["SUMMARY"]) == "48th meeting of the Test committee"
    assert str(ar_event["LOCATION"]) == "القاهرة" and str(en_event["LOCATION"]) == "Cairo"
    assert ar_event["UID"] == en_event["UID"], "the same event in either language"
    assert str(en_event["URL"]) == "http://testserver" + site_url("en", "session", *session.address_args())
    assert str(ar_event["URL"]) == "http://testserver" + site_url("ar", "session", *session.address_args())


def test_it_makes_a_multi_day_session_an_all_day_event_over_its_days(client, make_session):
    make_session(number=5, start_date=datetime.date(2030, 3, 30), end_date=datetime.date(2030, 4, 1))
    make_session(number=6, start_date=datetime.date(2030, 5, 2))
    _, calendar = fetch(client, site_url("en", "calendar"))
    long, short = calendar.walk("VEVENT")
    assert long["DTSTART"].params["VALUE"] == "DATE" and long["DTEND"].params["VALUE"] == "DATE"
    assert long["DTSTART"].dt == datetime.date(2030, 3, 30)
    assert long["DTEND"].dt == datetime.date(2030, 4, 2), "DTEND is the day after the last day"
    assert short["DTEND"].dt == datetime.date(2030, 5, 3)


def test_it_keeps_the_uid_and_bumps_the_sequence_only_when_date_or_venue_changes(client, make_session):
    session = make_session(number=9, start_date=datetime.date(2030, 1, 10), city_en="Cairo", city_ar="القاهرة")

    def event():
        _, calendar = fetch(client, site_url("en", "calendar"))
        found = calendar.walk("VEVENT")[0]
        return str(found["UID"]), int(found["SEQUENCE"])

    uid, first = event()
    AgendaItem.objects.create(session=session, order=1, title_ar="بند جديد", title_en="New item")
    session = Session.objects.get(pk=session.pk)
    session.date_note_en = "Confirmed by the host"
    session.save()
    assert event() == (uid, first), "a note or an agenda change does not move the event"

    session.start_date = datetime.date(2030, 1, 11)
    session.save()
    assert event() == (uid, first + 1)

    session = Session.objects.get(pk=session.pk)
    session.city_en, session.city_ar = "Tunis", "تونس"
    session.save()
    assert event() == (uid, first + 2)

    # Saved from a partial load: what was not loaded did not change.
    partial = Session.objects.only("pk", "number").get(pk=session.pk)
    partial.number = 10
    partial.save()
    assert event() == (uid, first + 2)


def test_it_cancels_a_cancelled_session(client, make_session):
    session = make_session(number=9, start_date=datetime.date(2030, 1, 10))
    session.status = Session.Status.CANCELLED
    session.save()
    _, calendar = fetch(client, site_url("ar", "calendar"))
    event = calendar.walk("VEVENT")[0]
    assert event["STATUS"] == "CANCELLED"
    assert int(event["SEQUENCE"]) == 1


def test_it_has_a_calendar_per_body(client, make_session):
    from council.models import Body

    other = Body.objects.create(slug="other-body", name_ar="لجنة أخرى", name_en="Other committee",
                                kind="permanent_committee")
    mine = make_session(number=1, start_date=datetime.date(2030, 1, 10))
    make_session(number=1, start_date=datetime.date(2030, 1, 12), body=other)
    for language in ("ar", "en"):
        content, calendar = fetch(client, site_url(language, "body_calendar", "test-committee"))
        assert_valid(content, calendar)
        assert list(events(calendar)) == [mine.display_name(language)]
    assert client.get(site_url("en", "body_calendar", "no-such-body")).status_code == 404


def test_it_offers_a_single_event_file_on_the_session_page(client, make_session):
    session = make_session(number=4, start_date=datetime.date(2030, 1, 10))
    page = client.get(session.get_absolute_url())
    assert session.calendar_url() in page.content.decode()
    response = client.get(site_url("ar", "session_calendar", *session.address_args()))
    assert response.status_code == 200
    # The Arabic file name travels as RFC 5987 filename*, with an ASCII fallback.
    assert response["Content-Disposition"].startswith("attachment; filename*=utf-8''")
    calendar = Calendar.from_ical(response.content)
    assert len(calendar.walk("VEVENT")) == 1


def test_it_has_no_event_file_for_an_undated_or_unpublished_session(client, secretary_client, make_session,
                                                                    draft_session):
    undated = make_session(number=4, start_date=None)
    assert undated.calendar_url() is None
    assert "calendar.ics" not in client.get(undated.get_absolute_url()).content.decode()
    assert client.get(site_url("en", "session_calendar", *undated.address_args())).status_code == 404
    # Even for the secretariat: a file is public output and shows only what is published.
    assert secretary_client.get(site_url("en", "session_calendar", *draft_session.address_args())).status_code == 404
    content, _ = fetch(secretary_client, site_url("en", "calendar"))
    assert DRAFT_WORDS_EN not in unfolded(content)


def test_it_covers_the_demo_and_an_archive_session(client, demo, archive_session):
    """The 48th session has no date in the source, so it has no event; the dated sessions it reviewed do."""
    postal_39 = Session.objects.get(body__slug="postal-committee", number=39)
    for language in ("ar", "en"):
        _, calendar = fetch(client, site_url(language, "calendar"))
        names = events(calendar)
        assert postal_39.display_name(language) in names
        assert demo.display_name(language) not in names
        assert archive_session.display_name(language) in names
        _, body_calendar = fetch(client, site_url(language, "body_calendar", archive_session.body.slug))
        assert archive_session.display_name(language) in events(body_calendar)
    assert demo.calendar_url() is None
