"""What became of what was decided: each agenda item's outcome, the follow-up of resolutions.

Imported by meetings.models, so these are models of the meetings app. They are
kept apart because they describe the aftermath of a session, not its agenda.
Every outcome is published with its session's outcomes: read them through
`visible_to()`, which starts from `Session.objects.outcomes_visible_to()`.
"""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Case, Exists, F, OuterRef, Q, Subquery, When, Window
from django.db.models.functions import Coalesce, RowNumber
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from council.models import Body, CleanTextModel, MemberState, SearchableModel, SearchableQuerySet, VersionedModel
from meetings.models import AgendaItem, Resolution, Session, may_view_unpublished


def named_exactly_when(field, value, named, name, message):
    """A check that `named` is filled exactly when `field` is `value` (a deferral names its session)."""
    chosen_and_named = Q(**{field: value, f"{named}__isnull": False})
    other_and_empty = ~Q(**{field: value}) & Q(**{f"{named}__isnull": True})
    return models.CheckConstraint(condition=chosen_and_named | other_and_empty, name=name,
                                  violation_error_message=message)


class OutcomeQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Outcomes of sessions whose outcomes this user may read."""
        return self.filter(session__in=Session.objects.outcomes_visible_to(user))

    def awaiting(self, session):
        """Outcomes that send an item to this session and that no item of it takes up yet.

        An item deferred to this very session, or referred to its body from an
        earlier session; "prepare the next session" copies these, setting
        `AgendaItem.carried_over_from`.
        """
        sent_here = Q(decision=Outcome.Decision.DEFERRED, deferred_to=session) | Q(
            decision=Outcome.Decision.REFERRED, referred_to=session.body_id)
        if session.start_date:
            # A referral reaches the body's sessions held after it, not earlier ones.
            sent_here &= Q(decision=Outcome.Decision.DEFERRED) | Q(session__start_date__lte=session.start_date)
        return self.filter(sent_here).exclude(agenda_item__carried_over_to__session=session).exclude(
            session=session).select_related("agenda_item", "session__body")


class Outcome(VersionedModel, CleanTextModel):
    """What an agenda item ended with: the decision taken and a summary of the discussion."""

    class Decision(models.TextChoices):
        # Translators: what became of an agenda item (masculine «بند»).
        ADOPTED = "adopted", pgettext_lazy("agenda item outcome", "Adopted")
        ADOPTED_WITH_AMENDMENTS = "amended", pgettext_lazy("agenda item outcome", "Adopted with amendments")
        DEFERRED = "deferred", pgettext_lazy("agenda item outcome", "Deferred to a later session")
        REFERRED = "referred", pgettext_lazy("agenda item outcome", "Referred to another body")
        NOTED = "noted", pgettext_lazy("agenda item outcome", "Taken note of")
        WITHDRAWN = "withdrawn", pgettext_lazy("agenda item outcome", "Withdrawn")

    session = models.ForeignKey(Session, models.CASCADE, related_name="outcomes", verbose_name=_("session"))
    agenda_item = models.OneToOneField(AgendaItem, models.CASCADE, related_name="outcome",
                                       verbose_name=_("agenda item"))
    decision = models.CharField(_("decision"), max_length=20, choices=Decision.choices, blank=True,
                                help_text=_("Leave empty while the decision is not known."))
    summary = models.TextField(_("summary of the discussion"), blank=True)
    deferred_to = models.ForeignKey(
        Session, models.PROTECT, null=True, blank=True, related_name="deferred_outcomes",
        verbose_name=_("deferred to"), help_text=_("The later session that takes the item up, if deferred."),
    )
    referred_to = models.ForeignKey(
        Body, models.PROTECT, null=True, blank=True, related_name="referred_outcomes",
        verbose_name=_("referred to"), help_text=_("The body the item is sent to, if referred."),
    )

    objects = OutcomeQuerySet.as_manager()

    class Meta:
        ordering = ["session", "agenda_item__order"]
        verbose_name = _("outcome")
        verbose_name_plural = _("outcomes")
        constraints = [
            named_exactly_when("decision", "deferred", "deferred_to", "outcome_deferred_names_session",
                               _("A deferred item names the later session, and only a deferred one.")),
            named_exactly_when("decision", "referred", "referred_to", "outcome_referred_names_body",
                               _("A referred item names the body, and only a referred one.")),
        ]

    def __str__(self):
        return f"{self.agenda_item} — {self.get_decision_display() or '…'}"

    def clean(self):
        errors = {}
        if self.agenda_item_id and self.session_id and self.agenda_item.session_id != self.session_id:
            errors["agenda_item"] = _("The agenda item must be on this session's agenda.")
        if self.decision == self.Decision.DEFERRED and not self.deferred_to_id:
            errors["deferred_to"] = _("Name the session the item is deferred to.")
        if self.decision != self.Decision.DEFERRED and self.deferred_to_id:
            errors["deferred_to"] = _("Only a deferred item names a later session.")
        if self.decision == self.Decision.REFERRED and not self.referred_to_id:
            errors["referred_to"] = _("Name the body the item is referred to.")
        if self.decision != self.Decision.REFERRED and self.referred_to_id:
            errors["referred_to"] = _("Only a referred item names a body.")
        if self.deferred_to_id and self.session_id and "deferred_to" not in errors:
            later = self.deferred_to
            if later.pk == self.session_id:
                errors["deferred_to"] = _("An item cannot be deferred to its own session.")
            elif later.start_date and self.session.start_date and later.start_date <= self.session.start_date:
                errors["deferred_to"] = _("The session it is deferred to must come later.")
        if errors:
            raise ValidationError(errors)

    def save(self, *args, **kwargs):
        if self.agenda_item_id and not self.session_id:
            self.session_id = self.agenda_item.session_id
        super().save(*args, **kwargs)


class FollowUpStatus(models.TextChoices):
    """Where a follow-up action stands (StatusUpdate.Status)."""

    NOT_STARTED = "not_started", _("Not started")
    IN_PROGRESS = "in_progress", _("In progress")
    DONE = "done", _("Done")
    OVERDUE = "overdue", _("Overdue")
    NO_LONGER_RELEVANT = "moot", _("No longer relevant")


def closed_statuses():
    return [StatusUpdate.Status.DONE, StatusUpdate.Status.NO_LONGER_RELEVANT]


class FollowUpActionQuerySet(SearchableQuerySet):
    def visible_to(self, user):
        """Actions on resolutions whose session's outcomes this user may read."""
        return self.filter(resolution__in=Resolution.objects.visible_to(user))

    def with_status(self, user, on):
        """Annotate each action with its status as reported up to the date `on`, and its deadline.

        `status` is the latest update reported at a session held on or before
        `on` whose outcomes the user may read (empty: nothing reported yet);
        `deadline` is the due date, or the start of the first session of the
        named body after the resolution's own session. `is_overdue` is true
        when the status says so, or when the deadline is past and the action
        is neither done nor moot. Three subqueries, whatever the number of actions.
        """
        updates = StatusUpdate.objects.filter(
            action=OuterRef("pk"), session__in=Session.objects.outcomes_visible_to(user),
        ).filter(Q(session__start_date__lte=on) | Q(session__start_date__isnull=True, session__year__lte=on.year))
        latest = updates.order_by(F("session__start_date").desc(nulls_last=True), "-pk")
        next_session = Session.objects.visible_to(user).filter(
            body=OuterRef("due_by_next_session_of"), start_date__gt=OuterRef("resolution__session__start_date"),
        ).order_by("start_date").values("start_date")[:1]
        closed = closed_statuses()
        return self.annotate(
            status=Subquery(latest.values("status")[:1]),
            deadline=Coalesce("due_date", Subquery(next_session)),
        ).annotate(
            is_overdue=Case(
                When(status=StatusUpdate.Status.OVERDUE, then=True),
                When(Q(deadline__lt=on) & (Q(status__isnull=True) | ~Q(status__in=closed)), then=True),
                default=False, output_field=models.BooleanField(),
            ),
            is_open=Case(
                When(status__in=closed, then=False), default=True, output_field=models.BooleanField()),
        )

    def open_on(self, user, on):
        """Actions neither done nor no longer relevant on `on` (as with_status() reads it).

        For whole-archive filters: reads the latest status stored on each action
        (indexed columns, see refresh_latest_statuses); only the actions whose
        stored status was reported after `on` have their status updates ranked.
        """
        status, known = self.stored_status(user, on)
        closed = closed_statuses()
        closed_then = latest_statuses(user, on, actions=FollowUpAction.objects.exclude(known)).filter(
            status__in=closed).values("action_id")
        return self.filter(known & ~Q(**{f"{status}__in": closed}) | ~known & ~Q(pk__in=closed_then))

    def overdue_on(self, user, on):
        """Open actions overdue on `on`: reported so, or past their deadline (as with_status() reads it)."""
        status, known = self.stored_status(user, on)
        overdue_then = latest_statuses(user, on, actions=FollowUpAction.objects.exclude(known)).filter(
            status=StatusUpdate.Status.OVERDUE).values("action_id")
        reported_overdue = known & Q(**{status: StatusUpdate.Status.OVERDUE}) | ~known & Q(pk__in=overdue_then)
        next_session_passed = Exists(Session.objects.visible_to(user).filter(
            body=OuterRef("due_by_next_session_of"), start_date__gt=OuterRef("resolution__session__start_date"),
            start_date__lt=on))
        past_deadline = Q(due_date__lt=on) | Q(due_date__isnull=True) & next_session_passed
        return self.open_on(user, on).filter(reported_overdue | past_deadline)

    @staticmethod
    def stored_status(user, on):
        """The stored status field this user reads, and a Q of the actions for which it is their status on `on`:
        nothing reported at all, or the latest report made by then (a later one makes it not yet known)."""
        prefix = "last" if may_view_unpublished(user) else "public"
        known = Q(**{f"{prefix}_status": ""}) | Q(**{f"{prefix}_reported_on__lte": on})
        return f"{prefix}_status", known


def latest_statuses(user, on, actions=None):
    """Each action's latest status update reported by `on` at a session whose outcomes the user may read."""
    updates = StatusUpdate.objects.filter(session__in=Session.objects.outcomes_visible_to(user))
    if actions is not None:
        updates = updates.filter(action__in=actions)
    return updates.filter(
        Q(session__start_date__lte=on) | Q(session__start_date__isnull=True, session__year__lte=on.year)).annotate(
        rank=Window(RowNumber(), partition_by=F("action_id"),
                    order_by=[F("session__start_date").desc(nulls_last=True), F("pk").desc()]),
    ).filter(rank=1)


def refresh_latest_statuses(actions=None):
    """Store on these actions (all of them if None) their latest status, as the secretariat and as the public read it.

    Kept true by the signal handlers below: whenever a status update is saved
    or deleted, and whenever a session is saved (its date or its publication
    decides which update is the latest one). Bulk writes (update(),
    bulk_create()) bypass them: call this after one. Writes with update(), so
    neither an action's history nor its version moves. A few queries, whatever
    the number of actions.
    """
    # Public means "its session's outcomes are published": the one definition, not a copy of it.
    updates = StatusUpdate.objects.order_by(F("session__start_date").asc(nulls_first=True), "pk").annotate(
        public=Exists(Session.objects.with_published_outcomes().filter(pk=OuterRef("session_id"))))
    stored = FollowUpAction.objects.all()
    if actions is not None:
        updates, stored = updates.filter(action__in=actions), stored.filter(pk__in=actions)
    latest, public = {}, {}
    for action_id, status, session_id, start, year, is_public in updates.values_list(
            "action_id", "status", "session_id", "session__start_date", "session__year", "public",
    ).iterator(chunk_size=5000):
        row = (status, session_id, start or (datetime.date(year, 1, 1) if year else None))
        latest[action_id] = row  # ordered oldest first: the last one seen is the latest
        if is_public:
            public[action_id] = row
    fields = ("last_status", "last_reported_at_id", "last_reported_on",
              "public_status", "public_reported_at_id", "public_reported_on")
    changed = []
    for pk, *before in stored.values_list("pk", *fields).iterator(chunk_size=5000):
        after = (*latest.get(pk, ("", None, None)), *public.get(pk, ("", None, None)))
        if tuple(before) != after:
            changed.append(FollowUpAction(pk=pk, **dict(zip(fields, after, strict=True))))
    FollowUpAction.objects.bulk_update(changed, fields, batch_size=500)
    return len(changed)


class FollowUpAction(VersionedModel, SearchableModel):
    """Something a resolution asks to be done, by whom and by when."""

    search_source = ("description",)

    class Responsible(models.TextChoices):
        MEMBER_STATES = "member_states", _("All member states")
        NAMED_STATES = "named_states", _("Named member states")
        GENERAL_SECRETARIAT = "secretariat", _("The General Secretariat")
        BODY = "body", _("A committee or working group")

    resolution = models.ForeignKey(Resolution, models.CASCADE, related_name="follow_up_actions",
                                   verbose_name=_("resolution"))
    description = models.TextField(_("what is to be done"))
    responsible = models.CharField(_("by whom"), max_length=20, choices=Responsible.choices,
                                   default=Responsible.GENERAL_SECRETARIAT)
    states = models.ManyToManyField(MemberState, blank=True, related_name="follow_up_actions",
                                    verbose_name=_("named member states"),
                                    help_text=_("Only when named member states are responsible."))
    responsible_body = models.ForeignKey(
        Body, models.PROTECT, null=True, blank=True, related_name="follow_up_actions",
        verbose_name=_("committee or working group"),
        help_text=_("Only when a committee or working group is responsible."),
    )
    due_date = models.DateField(_("due by"), null=True, blank=True, help_text=_("A date, or …"))
    due_by_next_session_of = models.ForeignKey(
        Body, models.PROTECT, null=True, blank=True, related_name="follow_up_deadlines",
        verbose_name=_("due by the next session of"),
        help_text=_("… the body whose next session is the deadline. Leave both empty for no deadline."),
    )

    # The latest status reported, kept by refresh_latest_statuses() whenever a status update or the session
    # it was reported at changes (never typed): once as the secretariat reads it (every session), once as
    # everyone else does (sessions whose outcomes are published). The board filters the whole archive on
    # these instead of ranking every status update. "reported_on" is that session's date, or 1 January of
    # its year when only the year is known: the status holds for the board of any date from then on.
    last_status = models.CharField(_("latest status"), max_length=20, choices=FollowUpStatus.choices,
                                   blank=True, editable=False)
    last_reported_at = models.ForeignKey(Session, models.SET_NULL, null=True, blank=True, editable=False,
                                         related_name="+", verbose_name=_("latest status reported at"))
    last_reported_on = models.DateField(_("latest status reported on"), null=True, blank=True, editable=False)
    public_status = models.CharField(_("latest published status"), max_length=20,
                                     choices=FollowUpStatus.choices, blank=True, editable=False)
    public_reported_at = models.ForeignKey(Session, models.SET_NULL, null=True, blank=True, editable=False,
                                           related_name="+", verbose_name=_("latest published status reported at"))
    public_reported_on = models.DateField(_("latest published status reported on"), null=True, blank=True,
                                          editable=False)

    objects = FollowUpActionQuerySet.as_manager()

    class Meta:
        ordering = ["resolution", "id"]
        verbose_name = _("follow-up action")
        verbose_name_plural = _("follow-up actions")
        indexes = [
            # With the resolution, for an index-only scan of the open actions (PostgreSQL; SQLite ignores it).
            models.Index(fields=["public_status", "public_reported_on"], include=["resolution"],
                         name="follow_up_public_status"),
            models.Index(fields=["last_status", "last_reported_on"], include=["resolution"],
                         name="follow_up_last_status"),
            # A member state's open actions (theirs by name or all states') in an index-only scan.
            models.Index(fields=["responsible", "public_status", "public_reported_on"], include=["resolution", "id"],
                         name="follow_up_responsible"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(due_date__isnull=True) | Q(due_by_next_session_of__isnull=True),
                name="follow_up_one_deadline",
                violation_error_message=_("Give a date or the next session of a body, not both."),
            ),
            named_exactly_when("responsible", "body", "responsible_body", "follow_up_body_named",
                               _("Name the committee or working group, and only when it is responsible.")),
        ]

    def __str__(self):
        return self.description_ar or self.description or ""

    @classmethod
    def concerning_q(cls, state):
        """Actions asked of every member state, or of this one by name (a subquery on the named states' index)."""
        named = cls.states.through.objects.filter(memberstate=state).values("followupaction_id")
        return Q(responsible=cls.Responsible.MEMBER_STATES) | Q(responsible=cls.Responsible.NAMED_STATES, pk__in=named)

    def clean(self):
        if self.due_date and self.due_by_next_session_of_id:
            raise ValidationError({"due_by_next_session_of": _("Give a date or the next session of a body, not both.")})
        if self.responsible == self.Responsible.BODY and not self.responsible_body_id:
            raise ValidationError({"responsible_body": _("Name the committee or working group.")})
        if self.responsible != self.Responsible.BODY and self.responsible_body_id:
            raise ValidationError({"responsible_body": _("Only when a committee or working group is responsible.")})


class StatusUpdate(VersionedModel, CleanTextModel):
    """Where an action stood, as reported at a later session. The updates are the action's history."""

    Status = FollowUpStatus

    action = models.ForeignKey(FollowUpAction, models.CASCADE, related_name="status_updates",
                               verbose_name=_("follow-up action"))
    session = models.ForeignKey(Session, models.PROTECT, related_name="follow_up_reports",
                                verbose_name=_("reported at"))
    status = models.CharField(_("status"), max_length=20, choices=Status.choices)
    note = models.TextField(_("note"), blank=True)

    class Meta:
        ordering = ["action", F("session__start_date").asc(nulls_last=True), "id"]
        verbose_name = _("status update")
        verbose_name_plural = _("status updates")
        constraints = [
            models.UniqueConstraint(
                fields=["action", "session"], name="one_status_update_per_session",
                violation_error_message=_("This action already has a status reported at this session.")),
        ]

    def __str__(self):
        return f"{self.get_status_display()} — {self.session}"

    @classmethod
    def from_db(cls, db, field_names, values):
        update = super().from_db(db, field_names, values)
        update._loaded_action_id = update.__dict__.get("action_id")  # an edit may move it to another action
        return update

    def clean(self):
        if not (self.action_id and self.session_id):
            return
        adopted_at = self.action.resolution.session
        if self.session_id == adopted_at.pk or (
                self.session.start_date and adopted_at.start_date and self.session.start_date < adopted_at.start_date):
            raise ValidationError({"session": _(
                "A status is reported at a session after the one that adopted the resolution.")})


class ReportQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Reports this user may read: published ones of sessions whose outcomes are published.

        Those who may see unpublished content read every report, in any state.
        """
        if may_view_unpublished(user):
            return self
        return self.filter(state=Report.State.PUBLISHED,
                           session__in=Session.objects.outcomes_visible_to(user))


class Report(VersionedModel, CleanTextModel):
    """The session's report (التقرير), one per language: assembled from the data, with the secretariat's text.

    Change it only through `meetings.reports.save_report()`, which keeps every
    revision and refuses to change a final report without a reason.
    """

    class State(models.TextChoices):
        DRAFT = "draft", pgettext_lazy("report state", "Draft")
        UNDER_REVIEW = "review", pgettext_lazy("report state", "Under review")
        FINAL = "final", pgettext_lazy("report state", "Final")
        PUBLISHED = "published", pgettext_lazy("report state", "Published with the outcomes")

    class Language(models.TextChoices):
        ARABIC = "ar", _("Arabic")
        ENGLISH = "en", _("English")

    # A report in these states is locked: changing it again means reopening it, with a reason.
    LOCKED = (State.FINAL, State.PUBLISHED)
    TEXT_FIELDS = ("opening", "speeches", "closing")

    session = models.ForeignKey(Session, models.CASCADE, related_name="reports", verbose_name=_("session"))
    language = models.CharField(_("language"), max_length=2, choices=Language.choices, default=Language.ARABIC)
    state = models.CharField(_("state"), max_length=20, choices=State.choices, default=State.DRAFT)
    opening = models.TextField(_("opening"), blank=True,
                               help_text=_("The opening of the session, in the report's language."))
    speeches = models.TextField(_("speeches and discussion"), blank=True)
    closing = models.TextField(_("closing"), blank=True)
    updated_at = models.DateTimeField(_("last changed"), auto_now=True)

    objects = ReportQuerySet.as_manager()

    class Meta:
        ordering = ["session", "language"]
        verbose_name = _("session report")
        verbose_name_plural = _("session reports")
        constraints = [
            models.UniqueConstraint(fields=["session", "language"], name="one_report_per_language",
                                    violation_error_message=_("This session already has a report in this language.")),
        ]

    def __str__(self):
        return f"{self.session} ({self.get_language_display()})"

    def get_absolute_url(self):
        from django.utils import translation

        with translation.override(self.language):
            return reverse("meetings:session_report", args=self.session.address_args())

    def pdf_url(self):
        """The report as an official PDF; it exists only while the report is public (is_public)."""
        from django.utils import translation

        with translation.override(self.language):
            return reverse("meetings:report_pdf", args=self.session.address_args())

    @property
    def is_public(self):
        """True if anyone may read it: published, with its session's outcomes."""
        return self.state == self.State.PUBLISHED and self.session.outcomes_are_public

    @property
    def is_locked(self):
        return self.state in self.LOCKED

    @property
    def direction(self):
        return "rtl" if self.language == self.Language.ARABIC else "ltr"


class ReportRevision(models.Model):
    """One saved version of a report: its state and text, who saved it, when, and why if it was reopened."""

    report = models.ForeignKey(Report, models.CASCADE, related_name="revisions", verbose_name=_("session report"))
    number = models.PositiveIntegerField(_("revision"))
    state = models.CharField(_("state"), max_length=20, choices=Report.State.choices)
    opening = models.TextField(_("opening"), blank=True)
    speeches = models.TextField(_("speeches and discussion"), blank=True)
    closing = models.TextField(_("closing"), blank=True)
    author = models.ForeignKey(settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True,
                               related_name="report_revisions", verbose_name=_("author"))
    saved_at = models.DateTimeField(_("saved on"), auto_now_add=True)
    reason = models.TextField(_("reason for reopening"), blank=True)

    class Meta:
        ordering = ["report", "number"]
        verbose_name = _("report revision")
        verbose_name_plural = _("report revisions")
        constraints = [models.UniqueConstraint(fields=["report", "number"], name="unique_report_revision")]

    def __str__(self):
        return f"{self.report} — {self.number}"


# What of a session decides whether a status reported at it is the latest one, and who may read it.
SESSION_FIELDS_OF_STATUS = {"start_date", "year", "publication", "outcomes_published_at"}


@receiver(post_save, sender=StatusUpdate)
@receiver(post_delete, sender=StatusUpdate)
def status_update_changed(sender, instance, **kwargs):
    """A status update saved, moved to another action or deleted: its action's latest status may change."""
    refresh_latest_statuses({instance.action_id, getattr(instance, "_loaded_action_id", instance.action_id)})


@receiver(post_save, sender=Session)
def session_saved(sender, instance, created=False, update_fields=None, **kwargs):
    """A session's date or publication decides which status reported at it is the latest: refresh those actions."""
    if created or update_fields is not None and not set(update_fields) & SESSION_FIELDS_OF_STATUS:
        return
    reported_here = StatusUpdate.objects.filter(session=instance).values("action_id")
    if reported_here.exists():
        refresh_latest_statuses(FollowUpAction.objects.filter(pk__in=reported_here).values("pk"))
