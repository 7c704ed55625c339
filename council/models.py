"""The council's standing structure: member states, bodies, memberships, people."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import formats
from django.utils.translation import gettext_lazy as _

from council import search_text
from council.arabic import normalize, strip_bidi_controls


class CleanTextModel(models.Model):
    """A model whose text never carries bidi controls that could reorder what a reader sees."""

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        for field in self._meta.concrete_fields:
            if isinstance(field, (models.CharField, models.TextField)):
                value = getattr(self, field.attname)
                if isinstance(value, str):
                    setattr(self, field.attname, strip_bidi_controls(value))
        super().save(*args, **kwargs)


class SearchableQuerySet(models.QuerySet):
    """Writes in bulk keep the search text true, the written rows' and the rows that copy them."""

    def update(self, **kwargs):
        if set(kwargs) <= SEARCH_FIELDS:
            return super().update(**kwargs)
        from council.cache import bump_generation

        pks = list(self.values_list("pk", flat=True))
        rows = super().update(**kwargs)
        search_text.rows_changed(self.model, pks, set(kwargs))
        # update() sends no save signal: retire the cached pages that showed these rows.
        bump_generation()
        return rows

    update.alters_data = True

    def bulk_create(self, objs, *args, **kwargs):
        objs = list(objs)
        for obj in objs:
            obj.refresh_search_text()
        return super().bulk_create(objs, *args, **kwargs)

    bulk_create.alters_data = True

    def bulk_update(self, objs, fields, *args, **kwargs):
        objs = list(objs)
        for obj in objs:
            obj.refresh_search_text()
        rows = super().bulk_update(objs, [*fields, *SEARCH_FIELDS], *args, **kwargs)
        search_text.rows_changed(self.model, [obj.pk for obj in objs], set(fields), own=False)
        return rows

    bulk_update.alters_data = True


SEARCH_FIELDS = {"search_ar", "search_en"}


class VersionedModel(models.Model):
    """A model whose rows count their saves, so that a form loaded before someone else's save can tell.

    The admin carries the version a form was loaded with and refuses to save over
    a newer one (see `council.stale`). Bulk writes (update(), bulk_create()) do not
    count: they are the system's, not a person's edits over a form.
    """

    version = models.PositiveIntegerField(_("version"), default=1, editable=False)

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if self.pk is not None and not self._state.adding:
            self.version = (self.version or 0) + 1
            update_fields = kwargs.get("update_fields")
            if update_fields is not None:
                kwargs["update_fields"] = {*update_fields, "version"}
        super().save(*args, **kwargs)


class SearchableModel(CleanTextModel):
    """A model with normalized copies of its Arabic and English text for lookups.

    `search_ar` and `search_en` are computed from the fields named in
    `search_source`, what `search_text_extra()` adds, and fields of the rows
    named in `search_copies` (foreign key, fields it reads there). They are
    never written by hand: save(), the bulk writes of SearchableQuerySet and
    the signals in council/search_text.py keep them true.
    """

    search_source = ()
    search_copies = ()  # ((foreign key, (fields of the related row that the search text reads)), …)

    search_ar = models.TextField(editable=False, default="")
    search_en = models.TextField(editable=False, default="")

    objects = SearchableQuerySet.as_manager()

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        self.refresh_search_text()
        update_fields = kwargs.get("update_fields")
        if update_fields is not None:
            kwargs["update_fields"] = {*update_fields, *SEARCH_FIELDS}
        super().save(*args, **kwargs)

    def search_text_extra(self, language):
        """Return extra text to index for a language (generated names, numbers)."""
        return []

    def computed_search_text(self):
        """What search_ar and search_en should hold now: {"search_ar": …, "search_en": …}."""
        computed = {}
        for language in ("ar", "en"):
            parts = [getattr(self, f"{name}_{language}", "") or "" for name in self.search_source]
            parts += self.search_text_extra(language)
            computed[f"search_{language}"] = normalize(" ".join(p for p in parts if p))
        return computed

    def refresh_search_text(self):
        """Recompute the search text in memory; return True if it changed."""
        changed = False
        for name, value in self.computed_search_text().items():
            changed = changed or getattr(self, name) != value
            setattr(self, name, value)
        return changed


class MemberState(VersionedModel, SearchableModel):
    search_source = ("name", "official_name")

    iso_code = models.CharField(_("ISO code"), max_length=2, unique=True,
                                help_text=_("Two-letter ISO 3166 code, e.g. EG."))
    name = models.CharField(_("name"), max_length=100)
    official_name = models.CharField(_("official name"), max_length=200, blank=True)
    protocol_order = models.PositiveSmallIntegerField(
        _("protocol order"), unique=True,
        help_text=_("Position in the League of Arab States' official protocol order (Arabic alphabetical)."),
    )

    class Meta:
        ordering = ["protocol_order"]
        verbose_name = _("member state")
        verbose_name_plural = _("member states")

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("meetings:member_state", args=[self.iso_code.lower()])


class Body(VersionedModel, SearchableModel):
    """The council, its executive office, a committee, a working group or the secretariat."""

    class Kind(models.TextChoices):
        COUNCIL = "council", _("Council of ministers")
        EXECUTIVE_OFFICE = "executive_office", _("Executive office")
        PERMANENT_COMMITTEE = "permanent_committee", _("Permanent committee")
        WORKING_GROUP = "working_group", _("Working group")
        SECRETARIAT = "secretariat", _("Secretariat")

    class Sector(models.TextChoices):
        GENERAL = "general", _("General")
        POST = "post", _("Post")
        TELECOM = "telecom", _("Telecommunications and information")

    search_source = ("name", "full_name")

    slug = models.SlugField(_("slug"), unique=True, help_text=_("Used in addresses; never change it once published."))
    name = models.CharField(
        _("name"), max_length=200,
        help_text=_("As used in a session's title: «المكتب التنفيذي» / “Executive Office”."),
    )
    full_name = models.CharField(
        _("full name"), max_length=300, blank=True,
        help_text=_("The official name in full, if longer than the name."),
    )
    kind = models.CharField(_("kind"), max_length=30, choices=Kind.choices)
    sector = models.CharField(_("sector"), max_length=20, choices=Sector.choices, default=Sector.GENERAL)
    parent = models.ForeignKey(
        "self", models.PROTECT, null=True, blank=True, related_name="children",
        verbose_name=_("parent body"), help_text=_("A working group's committee, a committee's council."),
    )
    order = models.PositiveSmallIntegerField(_("display order"), default=0)

    class Meta:
        ordering = ["order", "id"]
        verbose_name = _("body")
        verbose_name_plural = _("bodies")

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("meetings:body", args=[self.slug])

    def clean(self):
        # Sessions' addresses contain the slug: once one is published, links to it are out there.
        if self.pk and self.sessions.published().exists():
            saved = Body.objects.filter(pk=self.pk).values_list("slug", flat=True).first()
            if saved and saved != self.slug:
                raise ValidationError({"slug": _(
                    "This body has published sessions whose addresses contain “%(slug)s”, "
                    "so it can no longer change.") % {"slug": saved}})

    @property
    def holds_sessions(self):
        """True if its meetings are «دورات» (sessions), False if «اجتماعات» (meetings)."""
        return self.kind in (self.Kind.COUNCIL, self.Kind.EXECUTIVE_OFFICE)


class Membership(VersionedModel, models.Model):
    """A seat on a body: a member state's, or another body's such as the General Secretariat."""

    class Role(models.TextChoices):
        CHAIR = "chair", _("Chair")
        VICE_CHAIR = "vice_chair", _("Vice-chair")
        MEMBER = "member", _("Member")
        OBSERVER = "observer", _("Observer")
        SECRETARIAT = "secretariat", _("Secretariat")

    body = models.ForeignKey(Body, models.CASCADE, related_name="memberships", verbose_name=_("body"))
    member_state = models.ForeignKey(
        MemberState, models.CASCADE, null=True, blank=True, related_name="memberships",
        verbose_name=_("member state"),
    )
    member_body = models.ForeignKey(
        Body, models.CASCADE, null=True, blank=True, related_name="seats",
        verbose_name=_("member organization"),
        help_text=_("Instead of a member state: e.g. the General Secretariat."),
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices, default=Role.MEMBER)
    start_date = models.DateField(_("from"), null=True, blank=True, help_text=_("Leave empty if not known."))
    end_date = models.DateField(_("until"), null=True, blank=True, help_text=_("Leave empty while it lasts."))

    class Meta:
        ordering = ["body", "member_state__protocol_order", "member_body__order"]
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [
            models.CheckConstraint(
                condition=Q(member_state__isnull=False, member_body__isnull=True)
                | Q(member_state__isnull=True, member_body__isnull=False),
                name="membership_state_xor_body",
                violation_error_message=_("Choose either a member state or a member organization, not both."),
            ),
            models.CheckConstraint(
                condition=(Q(end_date__isnull=True) | Q(start_date__isnull=True)
                           | Q(end_date__gte=models.F("start_date"))),
                name="membership_end_not_before_start",
                violation_error_message=_("The end date cannot be before the start date."),
            ),
            # One current chair per body; overlapping past periods are refused by clean()
            # and, on PostgreSQL, by an exclusion constraint (see migration 0002).
            models.UniqueConstraint(
                fields=["body"], condition=Q(role="chair", end_date__isnull=True),
                name="one_current_chair_per_body",
                violation_error_message=_("This body already has a current chair."),
            ),
        ]

    def __str__(self):
        return f"{self.member} — {self.body} ({self.get_role_display()})"

    @property
    def member(self):
        return self.member_state or self.member_body

    def overlaps(self, other):
        """True if the two periods share a day; an empty bound is open-ended."""
        starts_before_other_ends = not (self.start_date and other.end_date) or self.start_date <= other.end_date
        ends_after_other_starts = not (self.end_date and other.start_date) or self.end_date >= other.start_date
        return starts_before_other_ends and ends_after_other_starts

    def clean(self):
        if self.start_date and self.end_date and self.end_date < self.start_date:
            raise ValidationError({"end_date": _("The end date cannot be before the start date.")})
        if self.role == self.Role.CHAIR and self.body_id:
            chairs = Membership.objects.filter(body_id=self.body_id, role=self.Role.CHAIR).exclude(pk=self.pk)
            for chair in chairs.select_related("member_state", "member_body"):
                if self.overlaps(chair):
                    raise ValidationError({"role": _(
                        "%(member)s already chairs %(body)s for %(period)s; end that chairmanship first."
                    ) % {"member": chair.member, "body": self.body, "period": chair.period_display()}})

    def period_display(self):
        start = formats.date_format(self.start_date) if self.start_date else "…"
        end = formats.date_format(self.end_date) if self.end_date else "…"
        return f"{start} – {end}"


class Person(VersionedModel, SearchableModel):
    search_source = ("name", "honorific")

    name = models.CharField(_("name"), max_length=200)
    honorific = models.CharField(_("honorific"), max_length=50, blank=True,
                                 help_text=_("E.g. «الدكتور» / “Dr.”, «السفير» / “Ambassador”."))

    class Meta:
        ordering = ["name"]
        verbose_name = _("person")
        verbose_name_plural = _("people")

    def __str__(self):
        return f"{self.honorific} {self.name}".strip()


class Delegate(VersionedModel, models.Model):
    """A member state's delegate: a login that may read documents restricted to member states."""

    # Delegates never reach the admin: a staff account cannot be offered, nor chosen.
    user = models.OneToOneField(settings.AUTH_USER_MODEL, models.CASCADE, related_name="delegate",
                                verbose_name=_("user"), limit_choices_to={"is_staff": False, "is_superuser": False})
    member_state = models.ForeignKey(MemberState, models.PROTECT, related_name="delegates",
                                     verbose_name=_("member state"))
    language = models.CharField(_("preferred language"), max_length=2, choices=settings.LANGUAGES, default="ar",
                                help_text=_("The language of the emails the delegate gets from the secretariat."))

    class Meta:
        ordering = ["member_state__protocol_order", "user__username"]
        verbose_name = _("delegate")
        verbose_name_plural = _("delegates")

    def __str__(self):
        return f"{self.user.get_full_name() or self.user.get_username()} ({self.member_state})"

    @staticmethod
    def may_read_restricted(user):
        """True if the user may read documents restricted to member states: the secretariat or an active delegate.

        The secretariat is whoever may view documents in the admin (any role); a bare
        staff flag is not enough. Touches the database once for a delegate.
        """
        if not user.is_active:
            return False
        return user.has_perm("meetings.view_document") or Delegate.objects.filter(user_id=user.pk).exists()


class PageGeneration(models.Model):
    """The number of the public pages' current edition; one row, bumped by every content change.

    Cached pages are filed under it (`council.cache`), so one bump retires them all
    at once. It lives here, in the database every app server shares, when the
    cache is each process's own memory; with Redis it lives in Redis instead.
    """

    value = models.BigIntegerField(_("value"), default=0)

    class Meta:
        verbose_name = _("page generation")
        verbose_name_plural = _("page generations")

    def __str__(self):
        return str(self.value)
