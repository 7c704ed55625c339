"""The secretariat's admin for the standing structure, and the mixins every admin here shares."""

from django.contrib import admin
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TabbedTranslationAdmin, TranslationTabularInline

from council.arabic import normalize
from council.models import Body, Delegate, Membership, MemberState, Person


class BilingualFieldsMixin:
    """Give each translated input the direction and language of its text, whatever the interface's."""

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        field = super().formfield_for_dbfield(db_field, request, **kwargs)
        language = getattr(db_field, "language", None)  # set on modeltranslation's fields only
        if field is not None and language:
            field.widget.attrs.update(lang=language, dir="rtl" if language == "ar" else "ltr")
        return field


class NormalizedSearchMixin:
    """Search the normalized Arabic and English text, so «الامن السيبرانى» finds «الأمن السيبراني».

    Every word must match, in either language. `search_fields` only switches the
    admin's search box (and autocomplete) on; the lookup itself is below.
    """

    search_fields = ("search_ar", "search_en")
    search_help_text = _("Arabic or English words; hamza forms, ta marbuta, alif maqsura and diacritics don't matter.")

    def get_search_results(self, request, queryset, search_term):
        for word in normalize(search_term).split():
            queryset = queryset.filter(Q(search_ar__contains=word) | Q(search_en__contains=word))
        return queryset, False


class CachedChoicesMixin:
    """Query a select's choices once per page rather than once per inline row."""

    cached_choice_fields = ()

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        field = super().formfield_for_foreignkey(db_field, request, **kwargs)
        if db_field.name in self.cached_choice_fields:
            field.choices = list(field.choices)
        return field


class CouncilAdmin(NormalizedSearchMixin, BilingualFieldsMixin, TabbedTranslationAdmin):
    """Base for our admins: language tabs, input direction per language, normalized search."""

    class Media:
        css = {"all": ["css/admin.css"]}


class BilingualTabularInline(CachedChoicesMixin, BilingualFieldsMixin, TranslationTabularInline):
    pass


class MembershipInline(CachedChoicesMixin, admin.TabularInline):
    model = Membership
    fk_name = "body"
    fields = ("member_state", "member_body", "role", "start_date", "end_date")
    cached_choice_fields = ("member_state", "member_body")
    extra = 0


@admin.register(MemberState)
class MemberStateAdmin(CouncilAdmin):
    list_display = ("protocol_order", "name", "official_name", "iso_code")
    list_display_links = ("name",)
    ordering = ("protocol_order",)


@admin.register(Body)
class BodyAdmin(CouncilAdmin):
    list_display = ("name", "kind", "sector", "parent")
    list_filter = ("kind", "sector")
    list_select_related = ("parent",)
    autocomplete_fields = ("parent",)
    prepopulated_fields = {"slug": ("name_en",)}
    inlines = [MembershipInline]


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ("body", "member_state", "member_body", "role", "start_date", "end_date")
    list_filter = ("body", "role")
    list_select_related = ("body", "member_state", "member_body")
    autocomplete_fields = ("body", "member_state", "member_body")


@admin.register(Person)
class PersonAdmin(CouncilAdmin):
    list_display = ("name", "honorific")


@admin.register(Delegate)
class DelegateAdmin(admin.ModelAdmin):
    list_display = ("user", "member_state")
    list_filter = ("member_state",)
    list_select_related = ("user", "member_state")
    autocomplete_fields = ("member_state",)
    raw_id_fields = ("user",)
    search_fields = ("user__username", "user__first_name", "user__last_name", "user__email")
