"""Fixtures shared by the tests of the public outputs (calendars, feeds, PDFs, notifications)."""

import datetime

import pytest
from django.core.management import call_command

from tests.outputs.helpers import DRAFT_WORDS_AR, DRAFT_WORDS_EN


@pytest.fixture
def archive_session(db):
    """A published session of a small synthetic archive (generate_archive), with items, resolutions and documents."""
    from meetings.models import Session

    before = list(Session.objects.values_list("pk", flat=True))  # the demo's, when it is loaded too
    call_command("generate_archive", sessions=24, items=240, resolutions=60, documents=24, working_groups=1,
                 seed=12, stdout=open("/dev/null", "w"))
    session = (Session.objects.with_published_outcomes().filter(agenda_items__isnull=False, start_date__isnull=False)
               .exclude(pk__in=before).order_by("-start_date", "pk").distinct().first())
    assert session is not None
    return session


@pytest.fixture
def draft_session(make_session):
    """A dated draft whose agenda, resolutions and documents hold the draft words."""
    from meetings.models import AgendaItem, Resolution

    session = make_session(number=77, publication="draft", start_date=datetime.date(2030, 5, 4),
                           city_ar=DRAFT_WORDS_AR, city_en=DRAFT_WORDS_EN, date_note_ar=DRAFT_WORDS_AR,
                           date_note_en=DRAFT_WORDS_EN)
    AgendaItem.objects.create(session=session, order=1, title_ar=f"بند {DRAFT_WORDS_AR}",
                              title_en=f"Item {DRAFT_WORDS_EN}")
    Resolution.objects.create(session=session, number=1, title_ar=f"قرار {DRAFT_WORDS_AR}",
                              title_en=f"Resolution {DRAFT_WORDS_EN}")
    return session
