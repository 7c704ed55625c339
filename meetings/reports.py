"""The session report's workflow: draft → under review → final → published with the outcomes.

Every save goes through `save_report()`, which keeps a revision of each version
(who, when, and why if a locked report was reopened). A final or published
report is locked: its text cannot change, and it can only go back to review
or draft with a recorded reason.
"""

import difflib

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from meetings.tracking import Report, ReportRevision

State = Report.State

# Where a report may go from each state; staying in the same state means editing the text.
NEXT_STATES = {
    State.DRAFT: {State.UNDER_REVIEW},
    State.UNDER_REVIEW: {State.DRAFT, State.FINAL},
    State.FINAL: {State.PUBLISHED, State.UNDER_REVIEW, State.DRAFT},
    State.PUBLISHED: {State.UNDER_REVIEW, State.DRAFT},
}


def check_change(report, state, texts, reason, session=None):
    """Raise ValidationError if this change of state or text is not allowed; return quietly if it is.

    `report` is the report as saved (None for a new one); `texts` maps each of
    Report.TEXT_FIELDS to its new value.
    """
    before = report.state if report else State.DRAFT
    session = session or report.session
    if report is None:
        if state != State.DRAFT:
            raise ValidationError({"state": _("A new report starts as a draft.")})
        return
    text_changed = any(getattr(report, name) != texts[name] for name in Report.TEXT_FIELDS)
    if state != before and state not in NEXT_STATES[before]:
        raise ValidationError({"state": _("A report cannot go from “%(before)s” to “%(after)s”.") % {
            "before": State(before).label, "after": State(state).label}})
    if before in Report.LOCKED:
        reopening = state not in Report.LOCKED
        if text_changed and not reopening:
            raise ValidationError(_("This report is final and locked. To change it, reopen it: set it back to "
                                    "“under review” and give the reason."))
        if reopening and not reason.strip():
            raise ValidationError({"reason": _("Give the reason for reopening a final report.")})
    if state == State.PUBLISHED and not session.outcomes_published_at:
        raise ValidationError({"state": _("The report is published with the outcomes: publish the session's "
                                          "outcomes first.")})


@transaction.atomic
def save_report(report, user, *, state, reason="", **texts):
    """Check and save a change to a report, and keep it as a new revision. Return the report."""
    saved = Report.objects.select_for_update().get(pk=report.pk) if report.pk else None
    check_change(saved, state, texts, reason, session=saved.session if saved else report.session)
    if saved and saved.state == state and all(getattr(saved, n) == texts[n] for n in Report.TEXT_FIELDS):
        return saved  # nothing changed: no empty revision
    report.state = state
    for name, value in texts.items():
        setattr(report, name, value)
    report.save()
    last = report.revisions.aggregate(last=Max("number"))["last"] or 0
    ReportRevision.objects.create(report=report, number=last + 1, state=state, author=user,
                                  reason=reason.strip(), **{name: getattr(report, name) for name in Report.TEXT_FIELDS})
    return report


def differences(older, newer):
    """What changed between two revisions: for each text that changed, its lines marked kept, removed or added."""
    changes = []
    for name in Report.TEXT_FIELDS:
        before = getattr(older, name).splitlines() if older else []
        after = getattr(newer, name).splitlines()
        if before == after:
            continue
        lines = []
        for line in difflib.ndiff(before, after):
            mark, text = line[:1], line[2:]
            if mark in "-+ ":
                lines.append({"change": {"-": "removed", "+": "added", " ": "kept"}[mark], "text": text})
        changes.append({"name": name, "field": Report._meta.get_field(name).verbose_name, "lines": lines})
    return changes


def history(report):
    """The report's revisions, newest first, each with its `.changes` from the one before it."""
    revisions = list(report.revisions.select_related("author"))
    previous = None
    for revision in revisions:
        revision.changes = differences(previous, revision)
        revision.state_changed = previous is not None and previous.state != revision.state
        revision.previous_state = previous.get_state_display() if previous else ""
        previous = revision
    return revisions[::-1]
