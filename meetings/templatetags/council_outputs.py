"""Template helpers for what a session page offers to take away: calendar file and official PDFs."""

from django import template
from django.utils.translation import gettext as _

from meetings import pdf

register = template.Library()


@register.simple_tag
def session_pdfs(session):
    """The PDFs anyone may download for this session, in Arabic and English, and why none can be made here."""
    kinds = [kind for kind, public in (("agenda", session.is_public), ("outcomes", session.outcomes_are_public))
             if public]
    labels = {"agenda": _("Agenda (PDF)"), "outcomes": _("Outcomes (PDF)")}
    return {
        "links": [{"url": session.pdf_url(kind, language), "label": labels[kind], "language": language,
                   "language_name": "العربية" if language == "ar" else "English"}
                  for kind in kinds for language in ("ar", "en")],
        "unavailable": pdf.unavailable_reason() if kinds else None,
    }
