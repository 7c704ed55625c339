"""The official PDFs of a session: its agenda; its outcomes and its report once they are published.

WeasyPrint lays out our own HTML templates (templates/meetings/pdf/) on A4 pages
with the self-hosted Noto Naskh Arabic. It needs Pango from the operating system
(Debian: libpango-1.0-0, libpangoft2-1.0-0); without it the site still runs and
`unavailable_reason()` says what is missing.

A PDF is cached under a digest of the HTML it is made from: whatever changes
what is printed (a title, a renamed body, a publication, a translation) makes a
new PDF, and nothing else does.
"""

import functools
import hashlib

from django.contrib.auth.models import AnonymousUser
from django.contrib.staticfiles import finders
from django.core.cache import cache
from django.db.models import Prefetch
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from meetings.calendar import venue
from meetings.models import AgendaItem, Document, Reservation, Resolution, Session
from meetings.templatetags.council_site import council_date, hijri_parts
from meetings.tracking import Report

KINDS = ("agenda", "outcomes")  # every session has these; the report is published on its own
REPORT = "report"
CACHE_SECONDS = 7 * 24 * 3600
FONT_DIR = "fonts/noto-naskh-arabic/pdf"  # why these files: see the README there
FONT_FILES = {"arabic": "noto-naskh-arabic-2.001-arabic-{weight}-normal.ttf",
              "latin": "noto-naskh-arabic-latin-{weight}-normal.ttf"}
# Bump when the layout changes in a way the HTML does not show (fonts, WeasyPrint's options).
LAYOUT_VERSION = "1"


@functools.cache
def unavailable_reason():
    """None if PDFs can be made here, else a sentence saying what the server lacks."""
    try:
        import weasyprint  # noqa: F401  (loading it loads Pango)
    except ImportError:
        return "The Python package weasyprint is not installed (pip install -r requirements.txt)."
    except OSError as error:
        return ("WeasyPrint cannot load Pango from the operating system "
                f"(on Debian: apt-get install libpango-1.0-0 libpangoft2-1.0-0): {error}")
    return None


def published_session(slug, address_number, kind):
    """The session at this address if its agenda (or its outcomes) is published, else None: PDFs are public output.

    address_number is the (kind, number) pair of the address (SessionNumber in meetings/urls.py).
    """
    session_kind, number = address_number
    anonymous = AnonymousUser()
    sessions = Session.objects.visible_to(anonymous) if kind == "agenda" else \
        Session.objects.outcomes_visible_to(anonymous)
    return sessions.select_related("body", "host_state").filter(
        body__slug=slug, kind=session_kind, number=number).first()


def published_report(session, language):
    """The session's report in this language if anyone may read it (published, with the outcomes), else None."""
    return Report.objects.visible_to(AnonymousUser()).filter(session=session, language=language).first()


def filename(session, kind, language):
    """«جدول الأعمال - الدورة العادية الثامنة والأربعون للمكتب التنفيذي.pdf»: the name stands alone."""
    with translation.override(language):
        label = {"agenda": _("Agenda"), "outcomes": _("Outcomes"), REPORT: _("Report")}[kind]
        return f"{label} - {session.display_name(language)}.pdf"


def css_string(text):
    """Quote text for a CSS string inside a <style> element (where HTML escaping does not apply)."""
    escaped = str(text).replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\a ").replace("<", "\\3c ")
    return f'"{escaped}"'


def page_numbers_css():
    """The CSS content value for "page X of Y", in the word order of the active language."""
    marker = "\x00"
    sentence = _("page %(page)s of %(pages)s") % {"page": f"{marker}page{marker}", "pages": f"{marker}pages{marker}"}
    parts = []
    for position, piece in enumerate(sentence.split(marker)):
        if position % 2:
            parts.append(f"counter({piece})")
        elif piece:
            parts.append(css_string(piece))
    return " ".join(parts)


def date_with_hijri_text(day, language):
    """The date as the site prints it (in the active language): «12 يوليو 2021م (2 ذي الحجة 1442هـ)»."""
    text = council_date(day)
    hijri = hijri_parts(day, language)
    return f"{text} ({hijri['text']})" if hijri else text


def agenda_context(session):
    anonymous = AnonymousUser()
    documents = Document.objects.visible_to(anonymous).filter(session=session)
    session_with_items = Session.objects.prefetch_related(
        Prefetch("agenda_items", AgendaItem.objects.prefetch_related(
            Prefetch("documents", documents.exclude(type__in=Document.OUTCOME_TYPES).filter(resolution__isnull=True)),
        )),
    ).get(pk=session.pk)
    agenda = session_with_items.agenda()
    loose = documents.filter(agenda_item__isnull=True, resolution__isnull=True).exclude(
        type__in=Document.OUTCOME_TYPES)
    return {"agenda": agenda, "loose_documents": list(loose)}


def outcomes_context(session):
    anonymous = AnonymousUser()
    resolutions = Resolution.objects.visible_to(anonymous).filter(session=session).select_related(
        "agenda_item").prefetch_related(Prefetch("reservations", Reservation.objects.select_related("member_state")))
    documents = Document.objects.visible_to(anonymous).filter(session=session).filter(
        type__in=Document.OUTCOME_TYPES) | Document.objects.visible_to(anonymous).filter(
        session=session, resolution__isnull=False)
    # Each item with its outcome: what the item ended with, before the resolutions it produced.
    agenda = Session.objects.prefetch_related(Prefetch("agenda_items", AgendaItem.objects.select_related(
        "outcome__deferred_to__body", "outcome__referred_to"))).get(pk=session.pk).agenda()
    labels = {item.pk: item.label for item in flatten(agenda)}
    resolutions = list(resolutions)
    for resolution in resolutions:
        resolution.item_label = labels.get(resolution.agenda_item_id)
    return {"agenda": agenda, "resolutions": resolutions, "outcome_documents": list(documents.distinct())}


def report_context(session, language):
    """The report page's context (meetings.views.report_context), as an anonymous reader sees it."""
    from meetings import views

    report = published_report(session, language)
    return views.report_context(views.detailed_session(AnonymousUser(), pk=session.pk), report)


def flatten(items):
    for item in items:
        yield item
        yield from flatten(item.sub_items)


def render_html(session, kind, language):
    """The HTML a PDF is made from, in the language given."""
    with translation.override(language):
        if kind == REPORT:
            contents = report_context(session, language)
            published = contents["report"].updated_at  # a published report is locked: its last change published it
        else:
            contents = agenda_context(session) if kind == "agenda" else outcomes_context(session)
            published = session.published_at if kind == "agenda" else session.outcomes_published_at
        published_text = date_with_hijri_text(timezone.localtime(published).date(), language)
        context = {
            "session": session,
            "kind": kind,
            "language": language,
            "rtl": language == "ar",
            "name": session.display_name(language),
            "venue": venue(session, language, remote_as_place=False),
            "council": _("Arab Telecommunication and Information Council of Ministers"),
            "fonts": {f"{script}_{weight}": font_url(script, weight)
                      for script in ("arabic", "latin") for weight in (400, 700)},
            "css": {
                "council": css_string(_("Arab Telecommunication and Information Council of Ministers")),
                "name": css_string(session.display_name(language)),
                "pages": page_numbers_css(),
                "published": css_string(_("Published on %(date)s") % {"date": published_text}),
            },
            **contents,
            "pdf": True,
        }
        return render_to_string(f"meetings/pdf/{kind}.html", context)


def font_url(script, weight):
    """The self-hosted font file, wherever static files are found (static/ or STATIC_ROOT)."""
    path = finders.find(f"{FONT_DIR}/{FONT_FILES[script].format(weight=weight)}")
    return f"file://{path}"


def render_pdf(session, kind, language):
    """Return (pdf_bytes, from_cache)."""
    html = render_html(session, kind, language)
    key = "pdf:" + hashlib.sha256(f"{LAYOUT_VERSION}\n{html}".encode()).hexdigest()
    cached = cache.get(key)
    if cached is not None:
        return cached, True
    pdf = html_to_pdf(html)
    cache.set(key, pdf, CACHE_SECONDS)
    return pdf, False


def html_to_pdf(html):
    from weasyprint import HTML
    from weasyprint.text.fonts import FontConfiguration

    fonts = FontConfiguration()
    return HTML(string=html, base_url=None).write_pdf(font_config=fonts)
