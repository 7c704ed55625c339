"""Atom feeds of what the secretariat publishes: agendas, outcomes and public documents.

One entry per publication event. An entry's id is a tag URI (RFC 4151) built
from the session's calendar UID, which never changes, so a feed reader never
shows the same news twice when a title is corrected or an address moves.
"""

import dataclasses
import datetime

from django.contrib.auth.models import AnonymousUser
from django.contrib.syndication.views import Feed
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import translation
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _

from council.models import Body
from meetings.models import AgendaItem, Document, Resolution, Session

FEED_LENGTH = 50
TAG_AUTHORITY = "tag:arab-ict-council.org,2026"


@dataclasses.dataclass
class Entry:
    kind: str  # "agenda", "outcomes" or "document"
    session: Session
    published: datetime.datetime
    document: Document | None = None

    @property
    def guid(self):
        base = f"{TAG_AUTHORITY}:session/{self.session.calendar_uid}"
        return f"{base}/document/{self.document.pk}" if self.document else f"{base}/{self.kind}"


def text_of(record, field, language):
    return getattr(record, f"{field}_{language}") or getattr(record, f"{field}_ar") or ""


def publication_entries(body=None, length=FEED_LENGTH):
    """The latest publication events anyone may read, newest first: three short queries, merged."""
    anonymous = AnonymousUser()
    sessions = Session.objects.visible_to(anonymous).select_related("body")
    documents = Document.objects.visible_to(anonymous).filter(visibility=Document.Visibility.PUBLIC)
    if body is not None:
        sessions, documents = sessions.filter(body=body), documents.filter(session__body=body)
    items = Prefetch("agenda_items", AgendaItem.objects.order_by("order"))
    agendas = sessions.filter(published_at__isnull=False).prefetch_related(items).order_by("-published_at")
    outcomes = sessions.outcomes_visible_to(anonymous).prefetch_related(
        Prefetch("resolutions", Resolution.objects.order_by("kind", "number", "id")),
    ).order_by("-outcomes_published_at")
    entries = [Entry("agenda", s, s.published_at) for s in agendas[:length]]
    entries += [Entry("outcomes", s, s.outcomes_published_at) for s in outcomes[:length]]
    # A document uploaded before its session was published is news only from the publication on.
    for document in documents.select_related("session__body").order_by("-uploaded_at")[:length]:
        session = document.session
        shown_from = session.outcomes_published_at if document.is_outcome else session.published_at
        entries.append(Entry("document", session, max(document.uploaded_at, shown_from or document.uploaded_at),
                             document))
    entries.sort(key=lambda entry: entry.published, reverse=True)
    return entries[:length]


class PublicationFeed(Feed):
    """Everything newly published, in the language of the address (/ar/… or /en/…)."""

    feed_type = Atom1Feed

    @property
    def language(self):
        # Read per call: one Feed instance serves every request, in either language
        # (the syndication framework also reads it for the feed's xml:lang).
        return (translation.get_language() or "ar")[:2]

    def get_object(self, request, slug=None):
        return get_object_or_404(Body, slug=slug) if slug else None

    def title(self, body):
        council = _("Arab Telecommunication and Information Council of Ministers")
        if body is None:
            return council
        return f"{text_of(body, 'name', self.language)} — {council}"

    def subtitle(self, body):
        return _("New agendas, outcomes and public documents")

    def link(self, body):
        return body.get_absolute_url() if body else reverse("meetings:home")

    def feed_guid(self, body):
        return f"{TAG_AUTHORITY}:feed/{body.slug if body else 'all'}/{self.language}"

    def items(self, body):
        return publication_entries(body)

    def item_title(self, entry):
        name = entry.session.display_name(self.language)
        if entry.kind == "agenda":
            return _("Agenda: %(session)s") % {"session": name}
        if entry.kind == "outcomes":
            return _("Outcomes: %(session)s") % {"session": name}
        return _("%(document)s — %(session)s") % {
            "document": text_of(entry.document, "title", self.language), "session": name}

    def item_description(self, entry):
        if entry.kind == "agenda":
            lines = [f"{item.number or item.order}. {text_of(item, 'title', self.language)}"
                     for item in entry.session.agenda_items.all()]
            return "\n".join(lines) or _("The agenda has no items yet.")
        if entry.kind == "outcomes":
            lines = [" ".join(part for part in (resolution.get_kind_display(), resolution.printed_number,
                                                text_of(resolution, "title", self.language)) if part)
                     for resolution in entry.session.resolutions.all()]
            return "\n".join(lines) or _("No resolution has been published for this session.")
        document = entry.document
        return f"{document.get_type_display()} · {document.get_language_display()}"

    def item_link(self, entry):
        if entry.document:
            return reverse("meetings:document", args=[entry.document.pk])
        page = entry.session.get_absolute_url()
        return f"{page}#resolutions" if entry.kind == "outcomes" else page

    def item_guid(self, entry):
        return entry.guid

    item_guid_is_permalink = False

    def item_pubdate(self, entry):
        return entry.published

    def item_updateddate(self, entry):
        return entry.published

    def item_categories(self, entry):
        return [entry.kind]
