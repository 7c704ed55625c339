"""What delegates take away from the site: calendars, feeds and the official PDFs.

These are public outputs: whoever asks, they show only what an anonymous reader
may see, so a file forwarded or cached never carries a draft.
"""

from django.contrib.auth.models import AnonymousUser
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.http import content_disposition_header
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from council.models import Body
from meetings import calendar, pdf
from meetings.models import Session

CALENDAR_TYPE = "text/calendar; charset=utf-8"


def public_sessions():
    """The sessions anyone may read: the start of every public output."""
    return Session.objects.visible_to(AnonymousUser())


def language():
    return (get_language() or "ar")[:2]


def calendar_response(content, filename, attachment=False):
    response = HttpResponse(content, content_type=CALENDAR_TYPE)
    response["Content-Disposition"] = content_disposition_header(attachment, filename)
    return response


def all_sessions_calendar(request):
    sessions = calendar.calendar_sessions(public_sessions())
    name = _("Arab Telecommunication and Information Council of Ministers")
    content = calendar.build_calendar(sessions, language(), request.build_absolute_uri, name)
    return calendar_response(content, f"council-sessions-{language()}.ics")


def body_calendar(request, slug):
    body = get_object_or_404(Body, slug=slug)
    sessions = calendar.calendar_sessions(public_sessions().filter(body=body))
    name = getattr(body, f"name_{language()}") or body.name_ar
    content = calendar.build_calendar(sessions, language(), request.build_absolute_uri, name)
    return calendar_response(content, f"{body.slug}-{language()}.ics")


def session_calendar(request, slug, number):
    """One session as a single-event file, for "Add to calendar"; an undated session has none."""
    kind, number = number
    session = get_object_or_404(calendar.calendar_sessions(public_sessions()), body__slug=slug, kind=kind,
                                number=number)
    content = calendar.build_calendar([session], language(), request.build_absolute_uri,
                                      session.display_name(language()))
    return calendar_response(content, calendar.event_filename(session, language()), attachment=True)


def session_pdf(request, slug, number, kind):
    """The agenda or outcomes PDF in the page's language, once that step is published."""
    session = pdf.published_session(slug, number, kind)
    if session is None:
        raise Http404("No published document of this kind.")
    return pdf_response(request, session, kind)


def report_pdf(request, slug, number):
    """The session's report in the page's language, once it is published with the outcomes."""
    session = pdf.published_session(slug, number, "outcomes")
    if session is None or pdf.published_report(session, language()) is None:
        raise Http404("No published report in this language.")
    return pdf_response(request, session, pdf.REPORT)


def pdf_response(request, session, kind):
    reason = pdf.unavailable_reason()
    if reason:
        return render(request, "meetings/pdf_unavailable.html", {"session": session, "reason": reason}, status=503)
    content, _cached = pdf.render_pdf(session, kind, language())
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = content_disposition_header(False, pdf.filename(session, kind, language()))
    return response
