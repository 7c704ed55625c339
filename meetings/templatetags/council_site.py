"""Template helpers for the public site: bilingual text, Gregorian and Hijri dates, the language switch."""

import datetime

from django import template
from django.urls import reverse, translate_url
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.html import conditional_escape, format_html, linebreaks
from django.utils.safestring import mark_safe
from django.utils.translation import get_language, gettext_noop
from django.utils.translation import gettext as _
from hijridate import Gregorian

from council.arabic import gregorian_date_ar, hijri_month, with_li

register = template.Library()


def bilingual(record, field):
    """(text, its language) of a translated field: the page's language's, else the other's; ("", None) if neither."""
    language = "en" if (get_language() or "ar").startswith("en") else "ar"
    for candidate in (language, "ar" if language == "en" else "en"):
        value = getattr(record, f"{field}_{candidate}", "") or ""
        if value:
            return value, candidate
    return "", None


@register.filter
def has_text(record, field):
    """True if a translated field has text in either language: what decides whether {% text %} shows anything."""
    return bool(bilingual(record, field)[0])


# The note that follows a text shown in the other language: (that language, block?) → note.
BLOCK_NOTE, INLINE_NOTE = '<p class="pending">{}</p>', ' <small class="pending">{}</small>'
PENDING_NOTES = {
    ("ar", True): (BLOCK_NOTE, gettext_noop("The English text is pending; the Arabic original is shown.")),
    ("ar", False): (INLINE_NOTE, gettext_noop("(English text pending)")),
    ("en", True): (BLOCK_NOTE, gettext_noop("The Arabic text is pending; the English text is shown.")),
    ("en", False): (INLINE_NOTE, gettext_noop("(Arabic text pending)")),
}


@register.simple_tag
def text(record, field, block=False, wrap="", css="", prefix="", suffix=""):
    """Show a translated field in the page's language, or the other language's text marked as such.

    Shows nothing at all when the field is empty in both languages, including its
    `prefix`, `suffix` and the `wrap` element (with class `css`) around it, so that
    templates never test `x.f_ar or x.f_en` themselves.

    modeltranslation falls back to Arabic silently; a reader of the English page
    must know when the words are not English (screen readers switch voice on
    lang, browsers switch direction on dir), so each language's field is read
    directly. Arabic is required on most records, so in practice the fallback
    is Arabic on an English page.

    A simple tag rather than an included template: pages call it hundreds of times.
    """
    value, language = bilingual(record, field)
    if not value:
        return ""
    shown = mark_safe(linebreaks(value, autoescape=True)) if block else conditional_escape(value)
    page_language = "en" if (get_language() or "ar").startswith("en") else "ar"
    if language != page_language:
        note_html, note = PENDING_NOTES[language, bool(block)]
        tag = "div" if block else "span"
        # The notes are spelled out above for the catalogue; translated here, in the page's language.
        shown = format_html('<{} class="fallback" lang="{}" dir="{}">{}</{}>{}', tag, language,
                            "rtl" if language == "ar" else "ltr", shown, tag, format_html(note_html, _(note)))
    if wrap:
        shown = format_html("<{}{}>{}</{}>", wrap, format_html(' class="{}"', css) if css else "", shown, wrap)
    return format_html("{}{}{}", prefix, shown, suffix)


@register.simple_tag
def date_with_hijri(day):
    """A Gregorian date, with the Hijri date beside it when the calendar conversion covers it.

    Arabic as the League prints it: «12 يوليو 2021م (2 ذي الحجة 1442هـ)».
    """
    language = (get_language() or "ar")[:2]
    hijri = hijri_parts(day, language) if day else None
    shown = format_html('<time datetime="{}">{}</time>', day.isoformat() if day else "", council_date(day))
    return format_html('{} <span class="hijri">({})</span>', shown, hijri["text"]) if hijri else shown


@register.filter
def council_date(day):
    """The Gregorian date in the page's language: «12 يوليو 2021م», "12 July 2021".

    A moment (a publication, a withdrawal) is shown on its day in the site's time zone.
    """
    if not day:
        return ""
    if isinstance(day, datetime.datetime):
        day = timezone.localtime(day).date()
    if (get_language() or "ar").startswith("ar"):
        return gregorian_date_ar(day)
    return date_format(day, "j F Y")


def hijri_parts(day, language):
    try:
        hijri = Gregorian(day.year, day.month, day.day).to_hijri()
    except OverflowError:  # the Umm al-Qura tables cover 1924–2077 only
        return None
    if language == "ar":
        text = f"{hijri.day} {hijri_month(hijri.month)} {hijri.year}{hijri.notation('ar')}"
    else:
        text = f"{hijri.day} {hijri.month_name('en')} {hijri.year} {hijri.notation('en')}"
    return {"text": text, "iso": hijri.isoformat()}


@register.simple_tag(takes_context=True)
def same_page_in(context, language):
    """The address of this page in the other language (the home page if it has none)."""
    request = context["request"]
    url = translate_url(request.get_full_path(), language)
    if url == request.get_full_path():
        # translate_url gives the address back unchanged when it cannot resolve it (a 404 page).
        with translation.override(language):
            return reverse("meetings:home")
    return url


@register.filter
def session_name(session, case="nominative"):
    """The session's name in the page's language, in the case of its place in the sentence.

    {{ item.reviewed_session|session_name:"genitive" }} after «يستعرض نتائج»
    gives «… الاجتماع التاسع والثلاثين …» and, in English, "the 39th meeting …".
    """
    return session.display_name(case=case)


@register.filter
def visible_to(session, user):
    """True if a linked session may be shown to the user (see SessionQuerySet.visible_to)."""
    return session is not None and session.is_visible_to(user)


@register.filter
def outcomes_visible_to(session, user):
    """True if the session's outcomes may be shown to the user (see Session.outcomes_visible_to)."""
    return session is not None and session.outcomes_visible_to(user)


@register.simple_tag
def status_label(value):
    """The label of a follow-up status (annotated statuses are bare values)."""
    from meetings.tracking import StatusUpdate

    return StatusUpdate.Status(value).label if value in StatusUpdate.Status.values else ""


@register.simple_tag
def by_next_session_of(body):
    """«بحلول الدورة التالية للمكتب التنفيذي» / "By the next session of the Executive Office"."""
    if (get_language() or "ar").startswith("en"):
        of_body = f"of the {body.name_en or body.name_ar}"
    else:
        of_body = with_li(body.name_ar)
    if body.holds_sessions:
        return _("By the next session %(of_body)s") % {"of_body": of_body}
    return _("By the next meeting %(of_body)s") % {"of_body": of_body}
