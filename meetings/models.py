"""What happens at sessions: agendas, resolutions, participation, documents, dossiers."""

import functools
import hashlib
import uuid
from types import SimpleNamespace

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import get_script_prefix, get_urlconf, reverse
from django.utils import translation
from django.utils.text import capfirst
from django.utils.translation import get_language, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from council.arabic import CASES, arabic_ordinal, english_ordinal, with_li
from council.models import (
    Body,
    CleanTextModel,
    MemberState,
    Person,
    SearchableModel,
    SearchableQuerySet,
    VersionedModel,
)
from meetings.uploads import validate_document_file

# The League was founded in 1945; a date outside these years is a typing slip
# (year 0, year 1, 9999), refused with a message rather than stored. The messages
# spell the years out, so that the constraint's message stays translatable.
EARLIEST_YEAR = 1945
LATEST_YEAR = 2100


def validate_plausible_year(year):
    if not EARLIEST_YEAR <= year <= LATEST_YEAR:
        raise ValidationError(_("Enter a year between 1945 and 2100."), code="implausible_year")


def validate_plausible_date(date):
    if not EARLIEST_YEAR <= date.year <= LATEST_YEAR:
        raise ValidationError(_("Enter a date between the years 1945 and 2100."), code="implausible_date")


def may_view_unpublished(user):
    """True if the user may see drafts, withdrawn sessions and unpublished outcomes.

    This permission, which the secretariat's roles grant, is the only door to
    unpublished content: being staff is not enough.
    """
    return user.has_perm("meetings.view_unpublished")


def session_order(newest, through=""):
    """The order of sessions, or of rows ordered by the session reached `through` a relation.

    Where an undated session goes, everywhere (model ordering and admin, body, member-state, home
    and dossier pages): a session without a date is normally the newest one, entered before its
    date is confirmed. So it comes first when the newest come first, and last when the oldest come
    first; a year typed without a date counts within its year. Nulls are placed explicitly because
    SQLite and PostgreSQL put them at opposite ends by default.
    """
    p = f"{through}__" if through else ""
    if newest:
        return (models.F(f"{p}year").desc(nulls_first=True), models.F(f"{p}start_date").desc(nulls_first=True),
                f"{p}body__order", f"-{p}number")
    return (models.F(f"{p}year").asc(nulls_last=True), models.F(f"{p}start_date").asc(nulls_last=True),
            f"{p}body__order", f"{p}number")


class SessionQuerySet(SearchableQuerySet):
    def published(self):
        """Sessions whose agenda is published (the first of the two publication steps)."""
        return self.filter(publication=Session.Publication.PUBLISHED)

    def with_published_outcomes(self):
        """Sessions whose agenda and outcomes are both published."""
        return self.published().filter(outcomes_published_at__isnull=False)

    def visible_to(self, user):
        """The sessions whose page and agenda this user may read.

        This is the one definition of "visible": pages, search, feeds, calendars,
        PDFs, emails and downloads all start from it.
        """
        return self if may_view_unpublished(user) else self.published()

    def outcomes_visible_to(self, user):
        """The sessions whose outcomes (resolutions, reservations, outcome documents) this user may read."""
        return self if may_view_unpublished(user) else self.with_published_outcomes()

    def newest_first(self):
        return self.order_by(*session_order(newest=True))

    def oldest_first(self):
        return self.order_by(*session_order(newest=False))

    def upcoming(self, today):
        """Sessions not over by today, and planned ones with no date yet; the soonest first."""
        undated_planned = Q(start_date__isnull=True, status__in=[Session.Status.SCHEDULED, Session.Status.POSTPONED])
        return self.filter(Q(start_date__gte=today) | Q(end_date__gte=today) | undated_planned).oldest_first()

    def past(self, today):
        """Sessions over before today, and held or cancelled ones with no date recorded; the latest first."""
        undated_done = Q(start_date__isnull=True) & ~Q(status__in=[Session.Status.SCHEDULED, Session.Status.POSTPONED])
        over = Q(start_date__lt=today) & (Q(end_date__isnull=True) | Q(end_date__lt=today))
        return self.filter(over | undated_done).newest_first()


class Session(VersionedModel, SearchableModel):
    """One session (دورة) or meeting (اجتماع) of a body."""

    class Kind(models.TextChoices):
        ORDINARY = "ordinary", _("Ordinary")
        EXTRAORDINARY = "extraordinary", _("Extraordinary")

    class Mode(models.TextChoices):
        IN_PERSON = "in_person", _("In person")
        REMOTE = "remote", _("Remote")
        HYBRID = "hybrid", _("Hybrid")

    class Status(models.TextChoices):
        SCHEDULED = "scheduled", _("Scheduled")
        HELD = "held", _("Held")
        POSTPONED = "postponed", _("Postponed")
        CANCELLED = "cancelled", _("Cancelled")

    class Publication(models.TextChoices):
        DRAFT = "draft", _("Draft")
        PUBLISHED = "published", _("Published")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    search_source = ("city", "date_note")
    # The generated name reads the body's name and kind («دورة» or «اجتماع»).
    search_copies = (("body", ("name", "name_ar", "name_en", "kind")),)

    body = models.ForeignKey(Body, models.PROTECT, related_name="sessions", verbose_name=_("body"))
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.ORDINARY)
    number = models.PositiveIntegerField(
        _("number"), help_text=_("The session's number within its body and kind."),
        # Names are written out in words («الثامنة والأربعون»), which we do for 1 to 999.
        validators=[MinValueValidator(1), MaxValueValidator(999)],
    )
    start_date = models.DateField(_("start date"), null=True, blank=True, validators=[validate_plausible_date],
                                  help_text=_("Leave empty while the date is not known."))
    end_date = models.DateField(_("end date"), null=True, blank=True, validators=[validate_plausible_date],
                                help_text=_("Leave empty for a one-day session."))
    year = models.PositiveSmallIntegerField(
        _("year"), null=True, blank=True, validators=[validate_plausible_year],
        help_text=_("Filled from the start date; set it by hand only when the exact date is not known."),
    )
    date_note = models.CharField(_("note on the date"), max_length=200, blank=True,
                                 help_text=_("E.g. why the date is not known yet."))
    mode = models.CharField(_("mode"), max_length=20, choices=Mode.choices, default=Mode.IN_PERSON)
    agenda_note = models.TextField(
        _("note on the agenda"), blank=True,
        help_text=_("Where the agenda shown comes from when it is not the official agenda document, "
                    "e.g. topics named in a speech."),
    )
    city = models.CharField(_("venue city"), max_length=100, blank=True)
    host_state = models.ForeignKey(MemberState, models.PROTECT, null=True, blank=True,
                                   related_name="hosted_sessions", verbose_name=_("host state"))
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.SCHEDULED)
    publication = models.CharField(
        _("publication"), max_length=20, choices=Publication.choices, default=Publication.DRAFT,
        help_text=_("Only published sessions are visible outside the secretariat."),
    )
    published_at = models.DateTimeField(_("agenda published on"), null=True, blank=True, editable=False)
    outcomes_published_at = models.DateTimeField(
        _("outcomes published on"), null=True, blank=True, editable=False,
        help_text=_("Empty while the outcomes (resolutions, reservations, outcome documents) are not published."),
    )
    updated_at = models.DateTimeField(_("last changed"), auto_now=True)
    # Calendars identify an event by its UID and know it changed by its SEQUENCE (RFC 5545):
    # the UID never changes, the sequence grows whenever a calendar reader should update the event.
    calendar_uid = models.UUIDField(_("calendar identifier"), default=uuid.uuid4, unique=True, editable=False)
    calendar_sequence = models.PositiveIntegerField(_("calendar revision"), default=0, editable=False)

    objects = SessionQuerySet.as_manager()

    # A change to any of these moves the event in a delegate's calendar.
    CALENDAR_FIELDS = ("start_date", "end_date", "city_ar", "city_en", "host_state_id", "mode", "status")

    class Meta:
        ordering = list(session_order(newest=True))  # undated sessions: see session_order()
        # The newest (and, read backwards, the oldest) first without sorting every session: the
        # home page's ten latest. DESC puts nulls first on PostgreSQL, as session_order() does.
        indexes = [
            # Also the year filters of lists and boards: the year leads it.
            models.Index(fields=["-year", "-start_date"], name="session_newest_first"),
            # What is upcoming (the home page): a bitmap of each branch of upcoming()'s OR, not a scan of all.
            models.Index(fields=["start_date"], name="session_start_date"),
            models.Index(fields=["end_date"], name="session_end_date"),
            # "Has the body met since?": the follow-up board asks it of every open action due by a body's
            # next session. Without it PostgreSQL chose to intersect the start-date index with the body's for
            # each (0.5 ms a probe: 14 s for the board on the archive); with it, one range of one body.
            models.Index(fields=["body", "start_date"], name="session_body_start_date"),
            # The ids of the visible sessions (visible_to(), outcomes_visible_to()) without reading the wide rows:
            # the subquery of every public list and of each kind a search looks in.
            models.Index(fields=["publication", "outcomes_published_at"], include=["id"], name="session_publication"),
        ]
        verbose_name = _("session")
        verbose_name_plural = _("sessions")
        permissions = [
            ("view_unpublished", _("Can see drafts, withdrawn sessions and unpublished outcomes")),
            ("publish_session", _("Can publish and withdraw sessions")),
        ]
        constraints = [
            models.UniqueConstraint(fields=["body", "kind", "number"], name="unique_session_number"),
            models.CheckConstraint(condition=Q(number__gte=1, number__lte=999), name="session_number_1_to_999"),
            models.CheckConstraint(
                condition=Q(year__isnull=True) | Q(year__gte=EARLIEST_YEAR, year__lte=LATEST_YEAR),
                name="session_year_plausible",
                violation_error_message=_("Enter a year between 1945 and 2100."),
            ),
            models.CheckConstraint(
                condition=(Q(end_date__isnull=True) | Q(start_date__isnull=True)
                           | Q(end_date__gte=models.F("start_date"))),
                name="session_end_not_before_start",
                violation_error_message=_("The end date cannot be before the start date."),
            ),
        ]

    def __str__(self):
        return self.display_name()

    def get_absolute_url(self):
        """/<lang>/bodies/<body>/sessions/48/ or …/sessions/extraordinary-3/ (the converter in meetings/urls.py)."""
        return session_address(settings.ROOT_URLCONF, get_urlconf(), get_script_prefix(), get_language(),
                               *self.address_args())

    def address_args(self):
        """What the addresses of a session and of its pages are built from (SessionNumber in meetings/urls.py)."""
        return [self.body.slug, (self.kind, self.number)]

    def calendar_url(self):
        """The single-event .ics of this session ("Add to calendar"); None while it has no date."""
        return reverse("meetings:session_calendar", args=self.address_args()) if self.start_date else None

    def pdf_url(self, kind, language=None):
        """The official PDF ("agenda" or "outcomes") in a language (the active one by default)."""
        with translation.override(language or get_language()):
            return reverse(f"meetings:{kind}_pdf", args=self.address_args())

    def display_name(self, language=None, case="nominative", article=None):
        """Return the generated name: «الدورة العادية الثامنة والأربعون للمكتب التنفيذي».

        case is the grammatical case of the name's place: "nominative" for a
        title or the subject of a sentence, "genitive" or "accusative" when a
        word before it governs it («يستعرض نتائج الدورة العادية الثامنة
        والأربعين …»). Only the Arabic ordinal changes with it. In English a
        name inside a sentence takes the article ("of the 48th ordinary
        session …"): article defaults to True for the genitive and accusative;
        pass article=True for a subject ("The 48th … already exists").
        Touches the database for the body unless it was selected with the session.
        """
        language = (language or get_language() or "ar")[:2]
        body = self.body
        extraordinary = self.kind == self.Kind.EXTRAORDINARY
        if language == "ar":
            if body.holds_sessions:
                noun = "الدورة غير العادية" if extraordinary else "الدورة العادية"
            else:
                noun = "الاجتماع غير العادي" if extraordinary else "الاجتماع"
            ordinal = arabic_ordinal(self.number, feminine=body.holds_sessions, case=case)
            return f"{noun} {ordinal} {with_li(body.name_ar)}"
        if case not in CASES:
            raise ValueError(f"The case is one of {', '.join(CASES)}, not {case!r}.")
        if body.holds_sessions:
            noun = "extraordinary session" if extraordinary else "ordinary session"
        else:
            noun = "extraordinary meeting" if extraordinary else "meeting"
        name = f"{english_ordinal(self.number)} {noun} of the {body.name_en or body.name_ar}"
        if article is None:
            article = case != "nominative"
        return f"the {name}" if article else name

    def search_text_extra(self, language):
        return [self.display_name(language), str(self.number)]

    def clean(self):
        if self.start_date and self.end_date and self.end_date < self.start_date:
            raise ValidationError({"end_date": _("The end date cannot be before the start date.")})
        if self.body_id and self.number:
            clash = Session.objects.filter(body_id=self.body_id, kind=self.kind, number=self.number).exclude(pk=self.pk)
            if clash.exists():
                # «سبق تسجيل الدورة … الثامنة والأربعين»: the name is governed, so genitive.
                message = _("%(session)s already exists.") % {"session": clash.get().display_name(case="genitive")}
                raise ValidationError({"number": capfirst(message)})

    @classmethod
    def from_db(cls, db, field_names, values):
        session = super().from_db(db, field_names, values)
        session._calendar_facts = session.calendar_facts()
        return session

    def calendar_facts(self):
        """The facts a calendar shows, or None if some were not loaded (deferred)."""
        # Run for every session read (from_db): the instance's own dict says what was loaded, as
        # get_deferred_fields() does, without walking all the model's fields for each name.
        loaded = self.__dict__
        if any(name not in loaded for name in self.CALENDAR_FIELDS):
            return None
        return tuple(loaded[name] for name in self.CALENDAR_FIELDS)

    def save(self, *args, **kwargs):
        if self.start_date:
            self.year = self.start_date.year
        if self.pk and not self._state.adding:
            before = getattr(self, "_calendar_facts", None)
            if before is None:  # loaded without them: read what is stored (one query)
                before = Session.objects.filter(pk=self.pk).values_list(*self.CALENDAR_FIELDS).first()
            after = tuple(getattr(self, name) for name in self.CALENDAR_FIELDS)  # loads any deferred one
            if before is not None and tuple(before) != after:
                self.calendar_sequence += 1
                if kwargs.get("update_fields") is not None:
                    kwargs["update_fields"] = {*kwargs["update_fields"], "calendar_sequence"}
        super().save(*args, **kwargs)
        self._calendar_facts = self.calendar_facts()

    @property
    def is_public(self):
        """True if the agenda is published."""
        return self.publication == self.Publication.PUBLISHED

    @property
    def outcomes_are_public(self):
        return self.is_public and self.outcomes_published_at is not None

    def is_visible_to(self, user):
        return self.is_public or may_view_unpublished(user)

    def outcomes_visible_to(self, user):
        return self.outcomes_are_public or may_view_unpublished(user)

    def agenda(self):
        """Return the top-level agenda items in order, each with .sub_items and .label (one query)."""
        return number_agenda(self.agenda_items.all())


@functools.lru_cache(maxsize=50_000)
def session_address(root_urlconf, urlconf, script_prefix, language, slug, number):
    """A session's address, remembered: lists link hundreds of sessions, and reverse() is slow.

    An address is built only from what never changes (the body's slug, the session's kind and
    number), so it never goes stale; the arguments include all that reverse() reads besides them.
    """
    return reverse("meetings:session", args=[slug, number])


def number_agenda(items):
    """Give one session's agenda items, in order, .label and .sub_items; return the top-level ones.

    A label is the item's printed number if it has one, else "3" or "3.1" from its position.
    """
    children = {}
    for item in items:
        children.setdefault(item.parent_id, []).append(item)

    def label(siblings, prefix):
        for position, item in enumerate(siblings, start=1):
            item.label = item.number or f"{prefix}{position}"
            item.sub_items = children.get(item.pk, [])
            label(item.sub_items, f"{item.label}.")

    top = children.get(None, [])
    label(top, "")
    return top


def label_items(items):
    """Set .label on agenda items of any sessions that lack it, reading their sessions' agendas in one query."""
    missing = [item for item in items if not hasattr(item, "label")]
    if not missing:
        return
    agendas = {}
    # Light rows rather than model instances: a dossier's page numbers the agendas of dozens of sessions.
    # Ordered within each session as its agenda is (the model's ordering would join every session to sort).
    rows = AgendaItem.objects.filter(session_id__in={item.session_id for item in missing}).order_by(
        "order").values_list("pk", "session_id", "parent_id", "number")
    for pk, session_id, parent_id, number in rows:
        agendas.setdefault(session_id, []).append(SimpleNamespace(pk=pk, parent_id=parent_id, number=number))
    labels = {}
    for agenda in agendas.values():
        number_agenda(agenda)
        labels.update((item.pk, item.label) for item in agenda)
    for item in missing:
        item.label = labels[item.pk]


class PublicationRecord(models.Model):
    """One publication or withdrawal of a step of a session: who, when, which step, and why (withdrawals).

    Written by `meetings.services` only; never changed afterwards.
    """

    class Step(models.TextChoices):
        AGENDA = "agenda", pgettext_lazy("publication step", "agenda")
        OUTCOMES = "outcomes", pgettext_lazy("publication step", "outcomes")

    class Action(models.TextChoices):
        PUBLISHED = "published", _("Published")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    session = models.ForeignKey(Session, models.CASCADE, related_name="publication_records",
                                verbose_name=_("session"))
    step = models.CharField(_("step"), max_length=20, choices=Step.choices)
    action = models.CharField(_("action"), max_length=20, choices=Action.choices)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, null=True, related_name="+",
                             verbose_name=_("by"))
    at = models.DateTimeField(_("when"))
    reason = models.TextField(_("reason"), blank=True)

    class Meta:
        ordering = ["-at", "-id"]
        verbose_name = _("publication record")
        verbose_name_plural = _("publication records")

    def __str__(self):
        return f"{self.get_action_display()}: {self.get_step_display()} ({self.at:%Y-%m-%d %H:%M})"


class DossierQuerySet(SearchableQuerySet):
    def visible_to(self, user):
        """Dossiers on the agenda of at least one session visible to the user.

        A dossier has no publication of its own: it becomes public with the first
        published session that takes it up.
        """
        if may_view_unpublished(user):
            return self
        # EXISTS per dossier, through the index on agenda items' dossier: an IN over every
        # visible agenda item read all 300,000 of them on the archive.
        return self.filter(models.Exists(AgendaItem.objects.filter(
            dossier=models.OuterRef("pk"), session__in=Session.objects.visible_to(user))))


class Dossier(SearchableModel):
    """One subject followed across bodies and sessions, e.g. an agreement on its way to adoption."""

    search_source = ("title", "description")

    slug = models.SlugField(_("slug"), unique=True, help_text=_("Used in addresses; never change it once published."))
    title = models.CharField(_("title"), max_length=300)
    description = models.TextField(_("description"), blank=True)

    objects = DossierQuerySet.as_manager()

    class Meta:
        ordering = ["slug"]
        verbose_name = _("dossier")
        verbose_name_plural = _("dossiers")

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("meetings:dossier", args=[self.slug])


class AgendaItemQuerySet(SearchableQuerySet):
    def visible_to(self, user):
        """Agenda items of sessions whose agenda this user may read."""
        return self.filter(session__in=Session.objects.visible_to(user))


class AgendaItem(VersionedModel, SearchableModel):
    class Kind(models.TextChoices):
        FOR_DECISION = "decision", _("For decision")
        FOR_INFORMATION = "information", _("For information")

    class Standing(models.TextChoices):
        """Items every session's agenda has, in this order; "prepare the next session" copies them."""

        OPENING = "opening", _("Opening")
        ADOPTION = "adoption", _("Adoption of the agenda")
        FOLLOW_UP = "follow_up", _("Follow-up of the previous session's resolutions")
        NEXT_SESSION = "next_session", _("Date and venue of the next session")
        OTHER_BUSINESS = "other_business", _("Any other business")

    search_source = ("title", "description")

    session = models.ForeignKey(Session, models.CASCADE, related_name="agenda_items", verbose_name=_("session"))
    parent = models.ForeignKey("self", models.CASCADE, null=True, blank=True, related_name="children",
                               verbose_name=_("main item"), help_text=_("Set for a sub-item."))
    order = models.PositiveIntegerField(_("order"),
                                        help_text=_("Sorts the items of the whole session, sub-items included."))
    number = models.CharField(_("printed number"), max_length=20, blank=True,
                              help_text=_("Leave empty to number by position (3, 3.1 …)."))
    # The longest title measured (README, "Long titles") is 216 characters: room for a paragraph-long one.
    title = models.CharField(_("title"), max_length=1000)
    description = models.TextField(_("description"), blank=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, blank=True,
                            help_text=_("Leave empty while the agenda does not say."))
    reviewed_session = models.ForeignKey(
        Session, models.PROTECT, null=True, blank=True, related_name="reviewed_by",
        verbose_name=_("reviewed session"), help_text=_("Set when this item reviews another session's outcomes."),
    )
    dossier = models.ForeignKey(Dossier, models.SET_NULL, null=True, blank=True,
                                related_name="agenda_items", verbose_name=_("dossier"))
    follows_up_resolutions = models.BooleanField(
        _("follow-up of previous resolutions"), default=False,
        help_text=_("The standing item that reviews the follow-up of earlier resolutions; it links to the "
                    "follow-up board as it stood on the session's date."),
    )
    # "Prepare the next session" sets this when it copies an item deferred or referred to it.
    carried_over_from = models.ForeignKey(
        "self", models.SET_NULL, null=True, blank=True, related_name="carried_over_to",
        verbose_name=_("carried over from"),
        help_text=_("The item of an earlier session, deferred or referred, that this item takes up."),
    )
    standing = models.CharField(
        _("standing item"), max_length=20, choices=Standing.choices, blank=True,
        help_text=_("An item every session has; copied when the next session is prepared."),
    )
    carried_over = models.BooleanField(
        _("carry over"), default=False,
        help_text=_("Copy this item onto the next session's agenda when it is prepared."),
    )

    objects = AgendaItemQuerySet.as_manager()

    class Meta:
        ordering = ["session", "order"]
        verbose_name = _("agenda item")
        verbose_name_plural = _("agenda items")
        constraints = [
            models.UniqueConstraint(fields=["session", "order"], name="unique_agenda_order"),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return f"{self.session.get_absolute_url()}#{self.anchor}"

    @property
    def anchor(self):
        """The item's fragment on its session's page, from its printed number: "item-3.1".

        Reads the session's agenda if the label is not known yet (label_items() does many at once).
        """
        label_items([self])
        return "item-" + "-".join(self.label.split())

    def clean(self):
        if self.parent_id and self.session_id and self.parent.session_id != self.session_id:
            raise ValidationError({"parent": _("The main item must be on the same session's agenda.")})
        if self.parent_id and self.parent_id == self.pk:
            raise ValidationError({"parent": _("An item cannot be its own main item.")})
        if self.reviewed_session_id and self.reviewed_session_id == self.session_id:
            raise ValidationError({"reviewed_session": _("A session cannot review its own outcomes.")})
        if self.carried_over_from_id and self.session_id and self.carried_over_from.session_id == self.session_id:
            raise ValidationError({"carried_over_from": _("An item is carried over from another session's agenda.")})
        # On the session's page the agenda formset checks orders across all rows, moves included.
        if self.session_id and self.order is not None and not getattr(self, "checked_with_agenda", False):
            clash = AgendaItem.objects.filter(session_id=self.session_id, order=self.order).exclude(pk=self.pk).first()
            if clash:
                raise ValidationError({"order": _(
                    "Order %(order)s is already taken by “%(item)s” on this agenda."
                ) % {"order": self.order, "item": clash}})

    def save(self, *args, **kwargs):
        # A carried-over item continues its subject: it stays on the same dossier's path.
        if self.carried_over_from_id and not self.dossier_id:
            self.dossier_id = self.carried_over_from.dossier_id
        super().save(*args, **kwargs)


class ResolutionQuerySet(SearchableQuerySet):
    def visible_to(self, user):
        """Resolutions of sessions whose outcomes this user may read."""
        return self.filter(session__in=Session.objects.outcomes_visible_to(user))


class Resolution(VersionedModel, SearchableModel):
    """What a session resolved. Numbers are unique per session and kind (see the README)."""

    class Kind(models.TextChoices):
        RESOLUTION = "resolution", _("Resolution")
        DECISION = "decision", _("Decision")
        RECOMMENDATION = "recommendation", _("Recommendation")

    class Status(models.TextChoices):
        ADOPTED = "adopted", _("Adopted")
        DEFERRED = "deferred", _("Deferred")
        SUPERSEDED = "superseded", _("Superseded")

    search_source = ("title", "text", "number_display")

    session = models.ForeignKey(Session, models.CASCADE, related_name="resolutions", verbose_name=_("session"))
    agenda_item = models.ForeignKey(AgendaItem, models.SET_NULL, null=True, blank=True,
                                    related_name="resolutions", verbose_name=_("agenda item"))
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.RESOLUTION)
    number = models.PositiveIntegerField(_("number"), null=True, blank=True,
                                         help_text=_("Leave empty until the secretariat assigns it."))
    number_display = models.CharField(_("number as printed"), max_length=50, blank=True,
                                      help_text=_("E.g. «ق 5 – د.ع 48»; empty prints the number."))
    title = models.CharField(_("title"), max_length=1000)
    text = models.TextField(_("text"), blank=True)
    adopted_on = models.DateField(_("adopted on"), null=True, blank=True, validators=[validate_plausible_date])
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.ADOPTED)

    objects = ResolutionQuerySet.as_manager()

    class Meta:
        ordering = ["session", "kind", "number", "id"]
        # Which session each resolution belongs to, read from the index alone: the follow-up
        # counts join every open resolution to its session without reading the wide rows.
        indexes = [models.Index(fields=["session", "id"], name="resolution_session_and_id")]
        verbose_name = _("resolution")
        verbose_name_plural = _("resolutions")
        constraints = [
            models.UniqueConstraint(fields=["session", "kind", "number"], name="unique_resolution_number"),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        """The resolution on its session's page; an unnumbered one has no address of its own (see anchor)."""
        fragment = self.anchor or (self.agenda_item.anchor if self.agenda_item_id else "resolutions")
        return f"{self.session.get_absolute_url()}#{fragment}"

    @property
    def anchor(self):
        """"decision-5": kind and number, unique within a session; None until the number is assigned.

        An unnumbered resolution is reached through its agenda item, or the list of resolutions.
        """
        return None if self.number is None else f"{self.kind}-{self.number}"

    def clean(self):
        if self.agenda_item_id and self.session_id and self.agenda_item.session_id != self.session_id:
            raise ValidationError({"agenda_item": _("The agenda item must belong to the same session.")})
        if self.session_id and self.number is not None:
            clash = Resolution.objects.filter(session_id=self.session_id, kind=self.kind, number=self.number)
            clash = clash.exclude(pk=self.pk).first()
            if clash:
                raise ValidationError({"number": _(
                    "Number %(number)s is already used by “%(resolution)s” in this session."
                ) % {"number": self.number, "resolution": clash}})

    @property
    def printed_number(self):
        return self.number_display or (str(self.number) if self.number is not None else "")


class Reservation(VersionedModel, CleanTextModel):
    """A member state's reservation (تحفظ) on a resolution."""

    resolution = models.ForeignKey(Resolution, models.CASCADE, related_name="reservations",
                                   verbose_name=_("resolution"))
    member_state = models.ForeignKey(MemberState, models.PROTECT, related_name="reservations",
                                     verbose_name=_("member state"))
    text = models.TextField(_("text of the reservation"), blank=True)

    class Meta:
        ordering = ["resolution", "member_state__protocol_order"]
        verbose_name = _("reservation")
        verbose_name_plural = _("reservations")
        constraints = [
            models.UniqueConstraint(fields=["resolution", "member_state"], name="one_reservation_per_state"),
        ]

    def __str__(self):
        return f"{self.member_state} — {self.resolution}"


class Participation(VersionedModel, CleanTextModel):
    """Who attended a session, for a member state's delegation or for an organization."""

    class Role(models.TextChoices):
        CHAIR = "chair", _("Chair")
        HEAD_OF_DELEGATION = "head", _("Head of delegation")
        DELEGATE = "delegate", _("Delegate")
        SECRETARIAT = "secretariat", _("Secretariat")
        OBSERVER = "observer", _("Observer")

    class Attendance(models.TextChoices):
        IN_PERSON = "in_person", _("In person")
        REMOTE = "remote", _("Remote")

    session = models.ForeignKey(Session, models.CASCADE, related_name="participants", verbose_name=_("session"))
    member_state = models.ForeignKey(MemberState, models.PROTECT, null=True, blank=True,
                                     related_name="participations", verbose_name=_("member state"))
    organization = models.ForeignKey(Body, models.PROTECT, null=True, blank=True, related_name="participations",
                                     verbose_name=_("organization"), help_text=_("Instead of a member state."))
    person = models.ForeignKey(Person, models.PROTECT, null=True, blank=True, related_name="participations",
                               verbose_name=_("person"))
    # Blank when the source does not say (the demo's delegations of the Executive Office).
    role = models.CharField(_("role"), max_length=20, choices=Role.choices, default=Role.DELEGATE, blank=True)
    position = models.CharField(_("title at the time"), max_length=300, blank=True,
                                help_text=_("E.g. «وزير الاتصالات وتكنولوجيا المعلومات»."))
    attendance = models.CharField(_("attendance"), max_length=20, choices=Attendance.choices,
                                  default=Attendance.IN_PERSON, blank=True)

    class Meta:
        # Delegations in protocol order, then organizations (the secretariat), on every database.
        ordering = ["session", models.F("member_state__protocol_order").asc(nulls_last=True), "id"]
        verbose_name = _("participant")
        verbose_name_plural = _("participants")
        constraints = [
            models.CheckConstraint(
                condition=Q(member_state__isnull=False, organization__isnull=True)
                | Q(member_state__isnull=True, organization__isnull=False),
                name="participation_state_xor_organization",
                violation_error_message=_("Choose either a member state or an organization, not both."),
            ),
            models.UniqueConstraint(fields=["session"], condition=Q(role="chair"), name="one_chair_per_session",
                                    violation_error_message=_("This session already has a chair.")),
        ]

    def __str__(self):
        who = self.person or self.get_role_display()
        return f"{who} ({self.member_state or self.organization})"


def document_path(document, filename):
    return f"documents/{document.session_id}/{filename}"


class DocumentQuerySet(SearchableQuerySet):
    def visible_to(self, user):
        """Documents this user may see listed: an agenda's with the agenda, an outcome's with the outcomes.

        Whether the user may also download a restricted one is `Delegate.may_read_restricted`.
        """
        outcome = Q(resolution__isnull=False) | Q(type__in=Document.OUTCOME_TYPES)
        return self.filter(
            (~outcome & Q(session__in=Session.objects.visible_to(user)))
            | (outcome & Q(session__in=Session.objects.outcomes_visible_to(user)))
        )


class Document(VersionedModel, SearchableModel):
    class Type(models.TextChoices):
        AGENDA = "agenda", _("Agenda")
        REPORT = "report", _("Report")
        MINUTES = "minutes", _("Minutes")
        WORKING_PAPER = "working_paper", _("Working paper")
        RESOLUTIONS = "resolutions", _("Resolutions")
        OTHER = "other", _("Other")

    class Language(models.TextChoices):
        ARABIC = "ar", _("Arabic")
        ENGLISH = "en", _("English")
        FRENCH = "fr", _("French")
        MULTILINGUAL = "mul", _("Several languages")

    class Visibility(models.TextChoices):
        PUBLIC = "public", _("Public")
        MEMBER_STATES = "member_states", _("Member states only")

    # Documents of these types, and any attached to a resolution, are published with the outcomes.
    OUTCOME_TYPES = (Type.REPORT, Type.MINUTES, Type.RESOLUTIONS)

    search_source = ("title",)

    session = models.ForeignKey(Session, models.CASCADE, related_name="documents", verbose_name=_("session"))
    agenda_item = models.ForeignKey(AgendaItem, models.SET_NULL, null=True, blank=True,
                                    related_name="documents", verbose_name=_("agenda item"))
    resolution = models.ForeignKey(Resolution, models.SET_NULL, null=True, blank=True,
                                   related_name="documents", verbose_name=_("resolution"))
    title = models.CharField(_("title"), max_length=1000)
    type = models.CharField(_("type"), max_length=20, choices=Type.choices, default=Type.WORKING_PAPER)
    language = models.CharField(_("language"), max_length=3, choices=Language.choices, default=Language.ARABIC)
    visibility = models.CharField(_("visibility"), max_length=20, choices=Visibility.choices,
                                  default=Visibility.MEMBER_STATES)
    file = models.FileField(_("file"), upload_to=document_path, validators=[validate_document_file],
                            help_text=_("PDF, Word, Excel, PowerPoint, OpenDocument, plain text, or a scan "
                                        "(JPEG, PNG, TIFF); checked by its content."))
    sha256 = models.CharField(_("SHA-256 checksum"), max_length=64, editable=False, blank=True)
    size = models.PositiveBigIntegerField(_("size in bytes"), editable=False, default=0)
    uploaded_at = models.DateTimeField(_("uploaded"), auto_now_add=True)

    objects = DocumentQuerySet.as_manager()

    class Meta:
        ordering = ["session", "type", "id"]
        verbose_name = _("document")
        verbose_name_plural = _("documents")

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        """Its download; the session page lists it."""
        return reverse("meetings:document", args=[self.pk])

    def clean(self):
        if self.agenda_item_id and self.session_id and self.agenda_item.session_id != self.session_id:
            raise ValidationError({"agenda_item": _("The agenda item must belong to the same session.")})
        if self.resolution_id and self.session_id and self.resolution.session_id != self.session_id:
            raise ValidationError({"resolution": _("The resolution must belong to the same session.")})

    @property
    def is_outcome(self):
        """True if the document is published with the outcomes rather than with the agenda."""
        return self.resolution_id is not None or self.type in self.OUTCOME_TYPES

    def save(self, *args, **kwargs):
        # A new upload, or a file stored before its checksum was taken.
        if self.file and (not self.file._committed or not self.sha256):
            digest = hashlib.sha256()
            self.file.open("rb")
            for chunk in self.file.chunks():
                digest.update(chunk)
            self.sha256 = digest.hexdigest()
            self.size = self.file.size
        super().save(*args, **kwargs)


class Subscription(models.Model):
    """A signed-in reader's wish to hear by email, in a language, when a body publishes something."""

    class Language(models.TextChoices):
        ARABIC = "ar", _("Arabic")
        ENGLISH = "en", _("English")

    user = models.ForeignKey(settings.AUTH_USER_MODEL, models.CASCADE, related_name="subscriptions",
                             verbose_name=_("user"))
    body = models.ForeignKey(Body, models.CASCADE, related_name="subscriptions", verbose_name=_("body"))
    language = models.CharField(_("language"), max_length=2, choices=Language.choices, default=Language.ARABIC)
    created_at = models.DateTimeField(_("subscribed on"), auto_now_add=True)

    class Meta:
        ordering = ["body__order", "id"]
        verbose_name = _("subscription")
        verbose_name_plural = _("subscriptions")
        constraints = [models.UniqueConstraint(fields=["user", "body"], name="one_subscription_per_body")]

    def __str__(self):
        return f"{self.user} — {self.body}"


class Notification(models.Model):
    """One email to one person about one publication: the outbox the sender works through.

    A row is written when something is published and sent later by
    `manage.py send_notifications`, so a mail server that is down delays
    emails but never a publication. (recipient, event) is unique: nobody is
    told the same news twice, however often a publication is repeated.
    """

    class Kind(models.TextChoices):
        AGENDA = "agenda", _("Agenda published")
        OUTCOMES = "outcomes", _("Outcomes published")
        DOCUMENT = "document", _("Document added")

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting to be sent")
        SENT = "sent", _("Sent")
        FAILED = "failed", _("Gave up")
        CANCELLED = "cancelled", _("Not sent: no longer published")

    recipient = models.ForeignKey(settings.AUTH_USER_MODEL, models.CASCADE, related_name="notifications",
                                  verbose_name=_("recipient"))
    event = models.CharField(_("event"), max_length=100, help_text=_("What happened, e.g. one session's agenda."))
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    session = models.ForeignKey(Session, models.CASCADE, related_name="notifications", verbose_name=_("session"))
    document = models.ForeignKey(Document, models.CASCADE, null=True, blank=True, related_name="notifications",
                                 verbose_name=_("document"))
    language = models.CharField(_("language"), max_length=2, choices=Subscription.Language.choices)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.PENDING)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    next_attempt_at = models.DateTimeField(_("next attempt"), db_index=True)
    last_error = models.TextField(_("last error"), blank=True)
    created_at = models.DateTimeField(_("queued on"), auto_now_add=True)
    sent_at = models.DateTimeField(_("sent on"), null=True, blank=True)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        constraints = [models.UniqueConstraint(fields=["recipient", "event"], name="one_notification_per_event")]

    def __str__(self):
        return f"{self.get_kind_display()} → {self.recipient}"


# The aftermath of sessions (outcomes, follow-up, reports) lives in its own module.
from meetings.tracking import FollowUpAction, Outcome, Report, ReportRevision, StatusUpdate  # noqa: E402, F401
