"""What became of what was decided: each agenda item's outcome.

Imported by meetings.models, so these are models of the meetings app. They are
kept apart because they describe the aftermath of a session, not its agenda.
Every outcome is published with its session's outcomes: read them through
`visible_to()`, which starts from `Session.objects.outcomes_visible_to()`.
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from council.models import Body, CleanTextModel
from meetings.models import AgendaItem, Session


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


class Outcome(CleanTextModel):
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
            models.CheckConstraint(
                condition=Q(decision="deferred", deferred_to__isnull=False) | (
                    ~Q(decision="deferred") & Q(deferred_to__isnull=True)),
                name="outcome_deferred_names_session",
                violation_error_message=_("A deferred item names the later session, and only a deferred one."),
            ),
            models.CheckConstraint(
                condition=Q(decision="referred", referred_to__isnull=False) | (
                    ~Q(decision="referred") & Q(referred_to__isnull=True)),
                name="outcome_referred_names_body",
                violation_error_message=_("A referred item names the body, and only a referred one."),
            ),
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
