"""Text fields kept in Arabic and English (name_ar, name_en); Arabic is required."""

from modeltranslation.translator import TranslationOptions, register

from council.history import track
from council.models import Body, Delegate, Membership, MemberState, Person


@register(MemberState)
class MemberStateTranslation(TranslationOptions):
    fields = ("name", "official_name")
    required_languages = {"ar": ("name",)}


@register(Body)
class BodyTranslation(TranslationOptions):
    fields = ("name", "full_name")
    required_languages = {"ar": ("name",)}


@register(Person)
class PersonTranslation(TranslationOptions):
    fields = ("name", "honorific")
    required_languages = {"ar": ("name",)}


# After the translation fields exist, so that the history keeps both languages (see council.history).
track(MemberState, Body, Membership, Person, Delegate)
