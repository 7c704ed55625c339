"""The secretariat's admin for the standing structure, and the mixins every admin here shares."""

from django.contrib import admin
from django.contrib.admin.widgets import AutocompleteSelect, AutocompleteSelectMultiple, RelatedFieldWidgetWrapper
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import connections
from django.db.models import Q
from django.shortcuts import get_object_or_404
from django.utils.functional import cached_property
from django.utils.text import capfirst
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django_otp.plugins.otp_totp import admin as totp_admin
from django_otp.plugins.otp_totp.models import TOTPDevice
from modeltranslation.admin import TranslationAdmin, TranslationTabularInline

from council.arabic import case_forms, normalize
from council.models import Body, Delegate, Membership, MemberState, Person
from council.stale import NoTruncationMixin, StaleSaveGuardMixin

LANGUAGE_LABELS = {
    "ar": _("%(field)s in Arabic"),
    "en": _("%(field)s in English"),
}


def interface_first(languages):
    """Order ("ar", "en") so that the interface's language comes first."""
    current = (get_language() or "ar")[:2]
    return sorted(languages, key=lambda language: language != current)


class BilingualFieldsMixin:
    """Show both languages of each translated field at once, side by side, never behind tabs.

    modeltranslation keeps the storage (title_ar, title_en); here each pair is
    labelled with its language, put on one line (one column each in a table),
    the interface's language first, and each input takes the direction and
    language of its text, whatever the interface's.
    """

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        field = super().formfield_for_dbfield(db_field, request, **kwargs)
        language = getattr(db_field, "language", None)  # set on modeltranslation's fields only
        if field is not None and language:
            field.widget.attrs.update(lang=language, dir="rtl" if language == "ar" else "ltr")
            field.widget.attrs["class"] = f"{field.widget.attrs.get('class', '')} bilingual bilingual-{language}"
            original = db_field.translated_field
            label = LANGUAGE_LABELS[language] % {"field": original.verbose_name}
            # modeltranslation requires the Arabic of a field that may not be blank, and only the Arabic.
            if language != "ar" and not original.blank:
                label = _("%(label)s (optional)") % {"label": label}
            field.label = capfirst(label)
        return field

    def _pair_translations(self, fields):
        """Replace each run title_ar, title_en by the tuple (interface's first, other)."""
        pairs = {}
        for name, translations in self.trans_opts.all_fields.items():
            for translation in translations:
                pairs[translation.name] = name
        result, seen = [], set()
        for name in fields:
            if isinstance(name, (list, tuple)):
                result.append(tuple(self._pair_translations(name)))
                continue
            original = pairs.get(name)
            if original is None:
                result.append(name)
            elif original not in seen:
                seen.add(original)
                group = [f for f in fields if pairs.get(f) == original]
                ordered = sorted(group, key=lambda f: interface_first(["ar", "en"]).index(f.rsplit("_", 1)[1]))
                result.append(tuple(ordered) if len(ordered) > 1 else ordered[0])
        return result

    def get_fieldsets(self, request, obj=None):
        fieldsets = []
        for title, options in super().get_fieldsets(request, obj):
            options = dict(options, fields=self._pair_translations(options.get("fields", ())))
            fieldsets.append((title, options))
        return fieldsets


class NormalizedSearchMixin:
    """Search the normalized Arabic and English text, so «الامن السيبرانى» finds «الأمن السيبراني».

    Every word must match, in either language, an Arabic word in any of its
    grammatical cases (see case_forms). `search_fields` only switches the
    admin's search box (and autocomplete) on; the lookup itself is below.
    """

    search_fields = ("search_ar", "search_en")
    search_help_text = _("Arabic or English words; hamza forms, ta marbuta, alif maqsura and diacritics don't matter.")

    def get_search_results(self, request, queryset, search_term):
        for word in normalize(search_term).split():
            # «والأربعين» finds «والأربعون»: a name typed in any grammatical case.
            match = Q(search_en__contains=word)
            for form in sorted(case_forms(word)):
                match |= Q(search_ar__contains=form)
            queryset = queryset.filter(match)
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


class EstimatedCountPaginator(Paginator):
    """Count a changelist without reading every row of a large table.

    Unfiltered, on PostgreSQL, the table's size comes from the planner's statistics
    (kept by autovacuum and ANALYZE). Filtered or searched, rows are counted up to
    COUNT_LIMIT only: past that the pager stops, and the list asks for a narrower
    search, which is what a secretary looking for one item needs anyway.
    """

    COUNT_LIMIT = 10_000

    @cached_property
    def count(self):
        queryset = self.object_list
        connection = connections[queryset.db]
        if connection.vendor == "postgresql" and not queryset.query.where and not queryset.query.distinct:
            with connection.cursor() as cursor:
                cursor.execute("SELECT reltuples FROM pg_class WHERE oid = %s::regclass",
                               [queryset.model._meta.db_table])
                row = cursor.fetchone()
            if row and row[0] > self.COUNT_LIMIT:
                return int(row[0])
        return queryset.order_by()[: self.COUNT_LIMIT].count()


# The list of every model beside each page took a quarter of a laptop screen; the breadcrumbs and
# the index page remain.
admin.site.enable_nav_sidebar = False


class CouncilAdmin(StaleSaveGuardMixin, NoTruncationMixin, SafeAutocompleteMixin, NormalizedSearchMixin,
                   BilingualFieldsMixin, TranslationAdmin):
    """Base for our admins: both languages side by side, input direction per language, normalized search,
    no lost edits."""

    # Lists never count a whole large table: the estimated-count pager, and no
    # "N in all" beside a search (show_full_result_count, a second full count).
    paginator = EstimatedCountPaginator
    show_full_result_count = False


class CompactRelatedMixin:
    """In a table row, a related field is its select alone: the add/change/delete/view icons Django
    puts beside every one of them would take a third of a laptop screen's width."""

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        field = super().formfield_for_dbfield(db_field, request, **kwargs)
        if field is not None and isinstance(field.widget, RelatedFieldWidgetWrapper):
            field.widget.can_add_related = field.widget.can_change_related = False
            field.widget.can_delete_related = field.widget.can_view_related = False
        return field


class BilingualTabularInline(StaleSaveGuardMixin, NoTruncationMixin, SafeAutocompleteMixin, CachedChoicesMixin,
                             CompactRelatedMixin, BilingualFieldsMixin, TranslationTabularInline):
    # A row's "View on site" would open the page the parent's own button opens (items and
    # resolutions are fragments of the session page): one link, not one per row.
    view_on_site = False

    class Media:
        js = ["js/admin-tables.js"]


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
    # Chosen by name among accounts that are not staff, never typed as a bare id.
    autocomplete_fields = ("member_state", "user")
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


# --- Roles: the groups a migration keeps (meetings.roles) ---------------------------------

from django.contrib.auth.admin import GroupAdmin  # noqa: E402
from django.contrib.auth.models import Group  # noqa: E402

admin.site.unregister(Group)


@admin.register(Group)
class RoleAdmin(GroupAdmin):
    """Each role with its name and what it may do, in the interface's language."""

    list_display = ("name", "role_name", "description")
    readonly_fields = ("description",)

    @admin.display(description=_("role"))
    def role_name(self, group):
        from meetings.roles import ROLES

        return ROLES[group.name][0] if group.name in ROLES else "—"

    @admin.display(description=_("what it may do"))
    def description(self, group):
        from meetings.roles import ROLES

        return ROLES[group.name][1] if group.name in ROLES else "—"
