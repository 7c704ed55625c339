"""Helpers of the outputs' tests."""

from django.utils import timezone

# Words that appear nowhere but in the draft: finding any of them in an output is a leak.
DRAFT_WORDS_AR = "زبرجدية متلألئة"
DRAFT_WORDS_EN = "Chrysoprase"


def publish(session, outcomes=True):
    """Publish a session's agenda (and outcomes) as the publication workflow does, without its signal."""
    now = timezone.now()
    session.publication = session.Publication.PUBLISHED
    session.published_at = session.published_at or now
    if outcomes:
        session.outcomes_published_at = session.outcomes_published_at or now
    session.save()
    return session
