"""The secretariat's admin for the standing structure, and the mixins every admin here shares."""

from django.contrib import admin
from django.contrib.admin.widgets import AutocompleteSelect, AutocompleteSelectMultiple
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy as _
from django_otp.plugins.otp_totp import admin as totp_admin
from django_otp.plugins.otp_totp.models import TOTPDevice
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


class OnlyValidChoicesMixin:
    """Show a re-displayed autocomplete with the posted values that can be ids, and drop the others.

    Django's autocomplete widget looks up whatever was posted to show it selected
    again; a posted "abc" or NUL for an integer id raised there and answered 500.
    The form itself still refuses the value with its usual message.
    """

    def optgroups(self, name, value, attr=None):
        target = self.field.remote_field.model._meta.get_field(self.field.remote_field.field_name)
        return super().optgroups(name, [v for v in value if _converts(target, v)], attr)


def _converts(field, value):
    try:
        field.to_python(value)
    except (ValidationError, ValueError, TypeError):
        return False
    return "\x00" not in str(value)


class SafeAutocompleteSelect(OnlyValidChoicesMixin, AutocompleteSelect):
    pass


class SafeAutocompleteSelectMultiple(OnlyValidChoicesMixin, AutocompleteSelectMultiple):
    pass


class SafeAutocompleteMixin:
    """Use the autocomplete widgets above in every admin and inline of ours."""

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if "widget" not in kwargs and db_field.name in self.get_autocomplete_fields(request):
            kwargs["widget"] = SafeAutocompleteSelect(db_field, self.admin_site, using=kwargs.get("using"))
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if "widget" not in kwargs and db_field.name in self.get_autocomplete_fields(request):
            kwargs["widget"] = SafeAutocompleteSelectMultiple(db_field, self.admin_site, using=kwargs.get("using"))
        return super().formfield_for_manytomany(db_field, request, **kwargs)


class CachedChoicesMixin:
    """Query a select's choices once per page rather than once per inline row."""

    cached_choice_fields = ()

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        field = super().formfield_for_foreignkey(db_field, request, **kwargs)
        if db_field.name in self.cached_choice_fields:
            field.choices = list(field.choices)
        return field


class CouncilAdmin(SafeAutocompleteMixin, NormalizedSearchMixin, BilingualFieldsMixin, TabbedTranslationAdmin):
    """Base for our admins: language tabs, input direction per language, normalized search."""

    class Media:
        css = {"all": ["css/admin.css"]}


class BilingualTabularInline(SafeAutocompleteMixin, CachedChoicesMixin, BilingualFieldsMixin, TranslationTabularInline):
    # A row's "View on site" would open the page the parent's own button opens (items and
    # resolutions are fragments of the session page): one link, not one per row.
    view_on_site = False


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
class MembershipAdmin(SafeAutocompleteMixin, admin.ModelAdmin):
    list_display = ("body", "member_state", "member_body", "role", "start_date", "end_date")
    list_filter = ("body", "role")
    list_select_related = ("body", "member_state", "member_body")
    autocomplete_fields = ("body", "member_state", "member_body")


@admin.register(Person)
class PersonAdmin(CouncilAdmin):
    list_display = ("name", "honorific")


@admin.register(Delegate)
class DelegateAdmin(SafeAutocompleteMixin, admin.ModelAdmin):
    list_display = ("user", "member_state")
    list_filter = ("member_state",)
    list_select_related = ("user", "member_state")
    autocomplete_fields = ("member_state",)
    raw_id_fields = ("user",)
    search_fields = ("user__username", "user__first_name", "user__last_name", "user__email")


# django-otp's TOTP devices: an administrator enrols a staff member's authenticator app here.
class TOTPDeviceAdmin(totp_admin.TOTPDeviceAdmin):
    """django-otp's device admin, answering 404 rather than 500 for a device that does not exist."""

    def config_view(self, request, pk):
        get_object_or_404(TOTPDevice, pk=pk)
        return super().config_view(request, pk)

    def qrcode_view(self, request, pk):
        get_object_or_404(TOTPDevice, pk=pk)
        return super().qrcode_view(request, pk)


admin.site.unregister(TOTPDevice)
admin.site.register(TOTPDevice, TOTPDeviceAdmin)
