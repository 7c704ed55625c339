"""iCalendar (RFC 5545) files of published sessions, for the ministries' calendars.

A session has dates but no hours, so each event is an all-day event running from
its first day to the day after its last (DTEND is exclusive). A calendar program
recognises an event it already has by its UID, which never changes, and replaces
it when the SEQUENCE has grown (see Session.save).
"""

import datetime

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext as _
from icalendar import Calendar, Event

from meetings.models import Session

PRODUCT_ID = "-//League of Arab States//Arab ICT Council meetings//EN"

STATUS = {
    Session.Status.SCHEDULED: "CONFIRMED",
    Session.Status.HELD: "CONFIRMED",
    # Postponed: the dates shown are no longer certain.
    Session.Status.POSTPONED: "TENTATIVE",
    Session.Status.CANCELLED: "CANCELLED",
}


def calendar_sessions(queryset):
    """The sessions that can go in a calendar: those with a known first day, oldest first."""
    return queryset.filter(start_date__isnull=False).select_related("body", "host_state").order_by(
        "start_date", "body__order", "number")


def build_calendar(sessions, language, absolute_url, name):
    """Return the bytes of a VCALENDAR holding one VEVENT per session, in the language given.

    `absolute_url(path)` turns a path into a full address (request.build_absolute_uri).
    """
    with translation.override(language):
        calendar = Calendar()
        calendar.add("prodid", PRODUCT_ID)
        calendar.add("version", "2.0")
        calendar.add("calscale", "GREGORIAN")
        calendar.add("method", "PUBLISH")
        calendar.add("x-wr-calname", name)
        calendar.add("x-wr-timezone", settings.TIME_ZONE)
        for session in sessions:
            calendar.add_component(session_event(session, language, absolute_url))
        return calendar.to_ical()


def session_event(session, language, absolute_url):
    texts = {"language": language}
    event = Event()
    event.add("uid", f"{session.calendar_uid}@sessions.arab-ict-council")
    event.add("sequence", session.calendar_sequence)
    # The moment this version of the event was made: the session's last change.
    event.add("dtstamp", session.updated_at.astimezone(datetime.UTC))
    event.add("last-modified", session.updated_at.astimezone(datetime.UTC))
    event.add("dtstart", session.start_date)
    event.add("dtend", (session.end_date or session.start_date) + datetime.timedelta(days=1))
    event.add("summary", session.display_name(language), parameters=texts)
    location = venue(session, language)
    if location:
        event.add("location", location, parameters=texts)
    event.add("description", description(session, language), parameters=texts)
    event.add("status", STATUS[session.status])
    event.add("transp", "TRANSPARENT")
    event.add("url", absolute_url(session.get_absolute_url()))
    return event


def venue(session, language, remote_as_place=True):
    """"Cairo, Egypt"; for a remote session with no city, its mode (unless the caller shows the mode already)."""
    city = getattr(session, f"city_{language}") or session.city_ar
    state = session.host_state and (getattr(session.host_state, f"name_{language}") or session.host_state.name_ar)
    place = _(", ").join(part for part in (city, state) if part)
    if remote_as_place and session.mode == Session.Mode.REMOTE and not place:
        return str(session.get_mode_display())
    return place


def description(session, language):
    lines = [f"{_('Mode')}: {session.get_mode_display()}", f"{_('Status')}: {session.get_status_display()}"]
    note = getattr(session, f"date_note_{language}") or ""
    if note:
        lines.append(note)
    return "\n".join(lines)


def event_filename(session, language):
    """A file name a person recognises: «الدورة العادية الثامنة والأربعون ….ics»."""
    return f"{session.display_name(language)}.ics"
