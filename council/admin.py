"""The secretariat's admin for the standing structure, and the mixins every admin here shares."""

import logging
import re

from axes.utils import reset as axes_reset
from django import forms
from django.contrib import admin, messages
from django.contrib.admin.options import InlineModelAdmin
from django.contrib.admin.widgets import AutocompleteSelect, AutocompleteSelectMultiple, RelatedFieldWidgetWrapper
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import connections
from django.db.models import Q
from django.forms.boundfield import BoundField
from django.shortcuts import get_object_or_404
from django.utils.functional import cached_property
from django.utils.text import capfirst
from django.utils.translation import get_language, gettext_noop, ngettext
from django.utils.translation import gettext_lazy as _
from django_otp.plugins.otp_totp import admin as totp_admin
from django_otp.plugins.otp_totp.models import TOTPDevice
from modeltranslation.admin import TranslationAdmin, TranslationTabularInline

from council.admin_history import HistoryAdminMixin
from council.arabic import case_forms, normalize
from council.models import Body, Delegate, Membership, MemberState, Person
from council.stale import NoTruncationMixin, StaleSaveGuardMixin

logger = logging.getLogger(__name__)

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
            # modeltranslation's classes (mt, mt-field-title-ar …) serve its tabs' script, which is not used here.
            kept = [name for name in field.widget.attrs.get("class", "").split() if not name.startswith("mt")]
            field.widget.attrs["class"] = " ".join([*kept, "bilingual", f"bilingual-{language}"])
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
        value = [v for v in value if _converts(target, v) and v not in self.choices.field.empty_values]
        if not value:
            # Nothing chosen: the empty option alone. Django would compile a query that can find
            # nothing, once per widget (about 70 on a session's page).
            single = not self.is_required and not self.allow_multiple_selected
            return [(None, [self.create_option(name, "", "", False, 0)] if single else [], 0)]
        return super().optgroups(name, value, attr)


def _converts(field, value):
    try:
        field.to_python(value)
    except (ValidationError, ValueError, TypeError):
        return False
    return "\x00" not in str(value)


# The name of a field in an inline's row ("agenda_items-3-dossier"), not in its empty row ("…-__prefix__-…").
IN_A_ROW = re.compile(r"-\d+-")


def sends_an_empty_row(model_admin, request):
    """True for an inline that sends its empty row (the one "Add another" copies), whose rows can then
    copy what every row shares from it (js/shared-options.js): only for whoever may add rows."""
    return isinstance(model_admin, InlineModelAdmin) and model_admin.has_add_permission(request, None)


class SharedAttributesMixin:
    """In an inline's row, send an autocomplete without the attributes that are the same in every row.

    Its address, the model and field it looks up, its theme and delays (half a kilobyte, twice in
    each agenda row) are copied by js/shared-options.js from the inline's empty row, before
    Django's autocomplete.js starts the widgets. Only set (shares_attributes) where the empty row
    is sent, that is for whoever may add rows.
    """

    shares_attributes = False

    class Media:
        js = ["js/shared-options.js"]

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        if self.shares_attributes and IN_A_ROW.search(name):
            kept = {key: value for key, value in context["widget"]["attrs"].items()
                    if key not in ("class", "lang") and not key.startswith("data-")}
            context["widget"]["attrs"] = {**kept, "data-shared-attributes": True}
        return context


class SafeAutocompleteSelect(SharedAttributesMixin, OnlyValidChoicesMixin, AutocompleteSelect):
    pass


class SafeAutocompleteSelectMultiple(SharedAttributesMixin, OnlyValidChoicesMixin, AutocompleteSelectMultiple):
    pass


class SafeAutocompleteMixin:
    """Use the autocomplete widgets above in every admin and inline of ours."""

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if "widget" not in kwargs and db_field.name in self.get_autocomplete_fields(request):
            kwargs["widget"] = SafeAutocompleteSelect(db_field, self.admin_site, using=kwargs.get("using"))
            kwargs["widget"].shares_attributes = sends_an_empty_row(self, request)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if "widget" not in kwargs and db_field.name in self.get_autocomplete_fields(request):
            kwargs["widget"] = SafeAutocompleteSelectMultiple(db_field, self.admin_site, using=kwargs.get("using"))
            kwargs["widget"].shares_attributes = sends_an_empty_row(self, request)
        return super().formfield_for_manytomany(db_field, request, **kwargs)


class SharedOptionsSelect(forms.Select):
    """A select in an inline's row that sends only its chosen option; the inline's empty row sends them all.

    The empty row (named `…-__prefix__-…`, the one "Add another" copies) holds every option, and
    js/shared-options.js copies them into each row's select when the page loads. A session's page
    thus sends its agenda's 31 items once, not once per resolution, and the template engine renders
    one option per row instead of 31 (most of the page's time). Without the script, every row still
    sends back its value unchanged.
    """

    class Media:
        js = ["js/shared-options.js"]

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        context["widget"]["attrs"]["data-shared-options"] = True
        return context

    def optgroups(self, name, value, attrs=None):
        if not IN_A_ROW.search(name):
            return super().optgroups(name, value, attrs)
        every = self.choices
        chosen = [choice for choice in every if str("" if choice[0] is None else choice[0]) in value][:1]
        self.choices = chosen or [choice for choice in every if choice[0] in (None, "")][:1]
        try:
            return super().optgroups(name, value, attrs)
        finally:
            self.choices = every


class CachedChoicesMixin:
    """In an inline, read a select's choices once per page rather than once per row, and send them once
    per inline rather than once per row (SharedOptionsSelect).

    Whoever may not add a row gets no empty row to copy the options from: they get every option in
    every row, as Django sends them.
    """

    cached_choice_fields = ()

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        shared = db_field.name in self.cached_choice_fields and "widget" not in kwargs
        if shared and sends_an_empty_row(self, request):
            kwargs["widget"] = SharedOptionsSelect
        field = super().formfield_for_foreignkey(db_field, request, **kwargs)
        if db_field.name in self.cached_choice_fields:
            # Through iter(): list() would first ask the choices' length, a COUNT query of its own.
            field.choices = list(iter(field.choices))
        return field

    def formfield_for_choice_field(self, db_field, request, **kwargs):
        if "widget" not in kwargs and db_field.name not in self.radio_fields and sends_an_empty_row(self, request):
            kwargs["widget"] = SharedOptionsSelect
        return super().formfield_for_choice_field(db_field, request, **kwargs)


class EstimatedCountPaginator(Paginator):
    """Count a changelist without reading every row of a large table.

    Unfiltered, on PostgreSQL, the table's size comes from the planner's statistics
    (kept by autovacuum and ANALYZE). Filtered or searched, rows are counted up to
    COUNT_LIMIT only: a trigram index only says which rows may match, so each one
    counted is a row read from the table (a search for «الأمن» over 300,000 agenda
    items has 9,000 matches). Past the limit the pager stops there, and the list says
    "more than 1000" and asks for a narrower search, which is what a secretary looking
    for one item needs anyway.
    """

    COUNT_LIMIT = 1000
    more_than_counted = False  # set by count: there are more rows than COUNT_LIMIT

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
        counted = queryset.order_by()[: self.COUNT_LIMIT + 1].count()
        if counted > self.COUNT_LIMIT:
            self.more_than_counted = True
            return self.COUNT_LIMIT
        return counted


# The list of every model beside each page took a quarter of a laptop screen; the breadcrumbs and
# the index page remain.
admin.site.enable_nav_sidebar = False


class CouncilAdmin(HistoryAdminMixin, StaleSaveGuardMixin, NoTruncationMixin, SafeAutocompleteMixin,
                   NormalizedSearchMixin, BilingualFieldsMixin, TranslationAdmin):
    """Base for our admins: both languages side by side, input direction per language, normalized search,
    no lost edits, a history that shows every change and restores a version."""

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


class RowBoundField(BoundField):
    """A field in a table's row, whose help text is in its column's heading, not beside it.

    Django describes an input by its help text's element ("id_agenda_items-3-order_helptext"),
    which a table row does not have: 213 such references to nothing on a session's page.
    Its list of errors, when it has one, is still named.
    """

    @property
    def aria_describedby(self):
        if self.field.widget.attrs.get("aria-describedby") or not self.auto_id or self.is_hidden:
            return None
        return f"{self.auto_id}_error" if self.errors else None


class BilingualTabularInline(StaleSaveGuardMixin, NoTruncationMixin, SafeAutocompleteMixin, CachedChoicesMixin,
                             CompactRelatedMixin, BilingualFieldsMixin, TranslationTabularInline):
    # A row's "View on site" would open the page the parent's own button opens (items and
    # resolutions are fragments of the session page): one link, not one per row.
    view_on_site = False

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        formset.form = type(formset.form.__name__, (formset.form,), {"bound_field_class": RowBoundField})
        return formset

    class Media:
        js = ["js/admin-tables.js"]


class MembershipInline(StaleSaveGuardMixin, CachedChoicesMixin, admin.TabularInline):
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
class MembershipAdmin(HistoryAdminMixin, StaleSaveGuardMixin, SafeAutocompleteMixin, admin.ModelAdmin):
    list_display = ("body", "member_state", "member_body", "role", "start_date", "end_date")
    list_filter = ("body", "role")
    list_select_related = ("body", "member_state", "member_body")
    autocomplete_fields = ("body", "member_state", "member_body")


@admin.register(Person)
class PersonAdmin(CouncilAdmin):
    list_display = ("name", "honorific")


class NewDelegateForm(forms.ModelForm):
    """A delegate's account in one form: the account is made from the name and email typed here."""

    name = forms.CharField(label=_("full name"), max_length=150)
    email = forms.EmailField(label=_("email address"), max_length=150,
                             help_text=_("The delegate signs in with it, and gets there the link to set a password."))

    class Meta:
        model = Delegate
        fields = ("name", "email", "member_state", "language")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():  # a paste is never cut: over-long input is refused with its length
            field.widget.attrs.pop("maxlength", None)

    def clean_email(self):
        email = self.cleaned_data["email"].strip()
        taken = get_user_model()._default_manager.filter(Q(email__iexact=email) | Q(username__iexact=email)).first()
        if taken is not None:
            raise ValidationError(_("An account with this email address exists already (%(account)s): "
                                    "one address, one account."), code="duplicate",
                                  params={"account": taken.get_full_name() or taken.get_username()})
        return email


def send_set_password(modeladmin, request, delegate):
    """Send the delegate the set-password email; tell the administrator if the mail server failed."""
    from council.accounts import MAIL_ERRORS, send_set_password_email

    try:
        send_set_password_email(delegate.user, delegate.language, new_account=not delegate.user.has_usable_password())
    except MAIL_ERRORS:
        logger.exception("The set-password email to user %s could not be sent", delegate.user_id)
        modeladmin.message_user(request, _(
            "The email to set a password could not be sent to %(email)s: the mail server did not take it. "
            "The account is saved. Send it again later: tick the delegate in the list of delegates and choose "
            "“Send the set-password email again”.") % {"email": delegate.user.email}, messages.ERROR)
        return False
    modeladmin.log_change(request, delegate, [{"changed": {"fields": [gettext_noop("set-password email sent")]}}])
    return True


@admin.register(Delegate)
class DelegateAdmin(StaleSaveGuardMixin, SafeAutocompleteMixin, admin.ModelAdmin):
    """A member state's delegate: an account that is never staff, whose password only its owner knows.

    Its History page stays Django's admin log: what happens to a delegate is mostly to the account
    (set-password emails, deactivation), which the log records. The delegate's own fields are kept
    in council.history all the same.
    """

    list_display = ("__str__", "email_address", "member_state", "language", "active", "password_set")
    list_filter = ("member_state", "user__is_active", "language")
    list_select_related = ("user", "member_state")
    autocomplete_fields = ("member_state",)
    search_fields = ("user__username", "user__first_name", "user__last_name", "user__email")
    readonly_fields = ("account", "email_address", "active")
    actions = ["resend_set_password", "deactivate", "reactivate"]

    def get_fields(self, request, obj=None):
        if obj is None:
            return NewDelegateForm.Meta.fields
        return ("account", "email_address", "active", "member_state", "language")

    def get_form(self, request, obj=None, **kwargs):
        if obj is None:
            kwargs["form"] = NewDelegateForm
        return super().get_form(request, obj, **kwargs)

    def save_model(self, request, obj, form, change):
        if not change:
            email = form.cleaned_data["email"]
            user = get_user_model()(username=email, email=email, first_name=form.cleaned_data["name"],
                                    is_staff=False, is_superuser=False)
            user.set_unusable_password()
            user.save()
            obj.user = user
        super().save_model(request, obj, form, change)

    def response_add(self, request, obj, post_url_continue=None):
        if send_set_password(self, request, obj):
            self.message_user(request, _("%(email)s has been sent, in %(language)s, a link to set a password.") % {
                "email": obj.user.email, "language": obj.get_language_display()}, messages.SUCCESS)
        return super().response_add(request, obj, post_url_continue)

    @admin.display(description=_("account"))
    def account(self, delegate):
        return delegate.user.get_full_name() or delegate.user.get_username()

    @admin.display(description=_("email address"), ordering="user__email")
    def email_address(self, delegate):
        return delegate.user.email

    @admin.display(description=_("active"), boolean=True, ordering="user__is_active")
    def active(self, delegate):
        return delegate.user.is_active

    @admin.display(description=_("password set"), boolean=True)
    def password_set(self, delegate):
        return delegate.user.has_usable_password()

    @admin.action(description=_("Send the set-password email again"), permissions=["change"])
    def resend_set_password(self, request, queryset):
        sent = 0
        for delegate in queryset.select_related("user"):
            if not delegate.user.is_active:
                self.message_user(request, _("%(delegate)s is deactivated: no email was sent. Reactivate the "
                                             "account first.") % {"delegate": delegate}, messages.WARNING)
            elif send_set_password(self, request, delegate):
                sent += 1
        if sent:
            self.message_user(request, ngettext(
                "%(count)d delegate has been sent a link to set a password.",
                "%(count)d delegates have been sent a link to set a password.", sent) % {"count": sent},
                messages.SUCCESS)

    @admin.action(description=_("Deactivate the accounts"), permissions=["change"])
    def deactivate(self, request, queryset):
        self.set_active(request, queryset, False)

    @admin.action(description=_("Reactivate the accounts"), permissions=["change"])
    def reactivate(self, request, queryset):
        self.set_active(request, queryset, True)

    def set_active(self, request, queryset, active):
        changed = 0
        for delegate in queryset.select_related("user"):
            if delegate.user.is_active == active:
                continue
            delegate.user.is_active = active
            delegate.user.save(update_fields=["is_active"])
            if active:
                # Sign-ins refused while the account was off must not keep it waiting or locked:
                # "it can sign in again" is true at once.
                axes_reset(username=delegate.user.get_username())
            message = gettext_noop("account reactivated") if active else gettext_noop("account deactivated")
            self.log_change(request, delegate, [{"changed": {"fields": [message]}}])
            changed += 1
        if active:
            text = ngettext("%(count)d account has been reactivated: it can sign in again.",
                            "%(count)d accounts have been reactivated: they can sign in again.", changed)
        else:
            text = ngettext("%(count)d account has been deactivated: it can no longer sign in.",
                            "%(count)d accounts have been deactivated: they can no longer sign in.", changed)
        self.message_user(request, text % {"count": changed}, messages.SUCCESS)


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


# --- Accounts: an administrator manages them within the roles ------------------------------

from django.contrib.auth.admin import UserAdmin  # noqa: E402

User = get_user_model()
admin.site.unregister(User)

# What only a superuser may give: everything, or permissions outside the roles.
SUPERUSER_ONLY_FIELDS = ("is_superuser", "user_permissions")


class AccountForm(UserAdmin.form):
    def clean_is_staff(self):
        is_staff = self.cleaned_data.get("is_staff")
        if is_staff and Delegate.objects.filter(user_id=self.instance.pk).exists():
            raise ValidationError(_("This is a delegate's account: a delegate never reaches the admin. "
                                    "Make a separate account for the secretariat."), code="delegate_staff")
        return is_staff


@admin.register(User)
class AccountAdmin(NoTruncationMixin, UserAdmin):
    """Django's user admin, in which an Administrator cannot reach beyond the roles.

    Only a superuser sees and sets "superuser status" and an account's own
    permissions, and changes or deletes a superuser's account: an Administrator
    gives roles (groups), and cannot make anyone, itself included, more than that.
    """

    form = AccountForm

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if request.user.is_superuser:
            return fieldsets
        return [(name, {**options, "fields": [f for f in options["fields"] if f not in SUPERUSER_ONLY_FIELDS]})
                for name, options in fieldsets]

    def get_list_filter(self, request):
        return [f for f in super().get_list_filter(request) if request.user.is_superuser or f != "is_superuser"]

    def has_change_permission(self, request, obj=None):
        if obj is not None and obj.is_superuser and not request.user.is_superuser:
            return False
        return super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        if obj is not None and obj.is_superuser and not request.user.is_superuser:
            return False
        return super().has_delete_permission(request, obj)
