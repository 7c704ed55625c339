"""Text fields kept in Arabic and English (title_ar, title_en); Arabic is required."""

from modeltranslation.translator import TranslationOptions, register

from council.history import track
from meetings.models import AgendaItem, Document, Dossier, Participation, Reservation, Resolution, Session
from meetings.tracking import FollowUpAction, Outcome, Report, StatusUpdate


@register(Session)
class SessionTranslation(TranslationOptions):
    fields = ("city", "date_note", "agenda_note")


@register(Dossier)
class DossierTranslation(TranslationOptions):
    fields = ("title", "description")
    required_languages = {"ar": ("title",)}


@register(AgendaItem)
class AgendaItemTranslation(TranslationOptions):
    fields = ("title", "description")
    required_languages = {"ar": ("title",)}


@register(Resolution)
class ResolutionTranslation(TranslationOptions):
    fields = ("title", "text")
    required_languages = {"ar": ("title",)}


@register(Reservation)
class ReservationTranslation(TranslationOptions):
    fields = ("text",)


@register(Participation)
class ParticipationTranslation(TranslationOptions):
    fields = ("position",)


@register(Document)
class DocumentTranslation(TranslationOptions):
    fields = ("title",)
    required_languages = {"ar": ("title",)}


@register(Outcome)
class OutcomeTranslation(TranslationOptions):
    fields = ("summary",)


@register(FollowUpAction)
class FollowUpActionTranslation(TranslationOptions):
    fields = ("description",)
    required_languages = {"ar": ("description",)}


@register(StatusUpdate)
class StatusUpdateTranslation(TranslationOptions):
    fields = ("note",)


# After the translation fields exist, so that the history keeps both languages (see council.history).
# A report's revisions are its own history (meetings.reports); the report is tracked like any record.
track(Session, Dossier, AgendaItem, Resolution, Reservation, Participation, Document, Outcome, FollowUpAction,
      StatusUpdate, Report)
