"""Search finds a session's resolutions and outcome documents only once its outcomes are published."""

import pytest
from django.core.files.base import ContentFile

from meetings.models import Document, Resolution
from meetings.search import search
from meetings.search.records import Filters

pytestmark = pytest.mark.django_db


def found(query, **filters):
    results = search(query, Filters(**filters))
    return {(group.kind.key, hit.record.pk) for group in results.groups for hit in group.hits}


@pytest.fixture
def agenda_only(make_session):
    """A session whose agenda is published and whose outcomes are not, with a resolution and an outcome report."""
    session = make_session(number=5, outcomes_published_at=None)
    resolution = Resolution.objects.create(session=session, number=9, title_ar="قرار الترددات الفضائية",
                                           title_en="Resolution on orbital frequencies")
    report = Document.objects.create(session=session, type="report", title_ar="تقرير الترددات الفضائية",
                                     title_en="Report on orbital frequencies", visibility="public",
                                     file=ContentFile(b"%PDF", name="report.pdf"))
    paper = Document.objects.create(session=session, type="working_paper", title_ar="ورقة الترددات الفضائية",
                                    title_en="Paper on orbital frequencies", visibility="public",
                                    file=ContentFile(b"%PDF", name="paper.pdf"))
    return session, resolution, report, paper


@pytest.mark.parametrize("filters", [{}, {"year_from": 2000}], ids=["unfiltered", "filtered"])
def test_unpublished_outcomes_are_never_found(agenda_only, filters):
    session, resolution, report, paper = agenda_only
    hits = found("الترددات الفضائية", **filters) | found("orbital frequencies", **filters)
    assert ("resolutions", resolution.pk) not in hits
    assert ("documents", report.pk) not in hits
    assert ("documents", paper.pk) in hits  # the agenda's documents are published with the agenda


def test_published_outcomes_are_found(agenda_only):
    session, resolution, report, paper = agenda_only
    session.outcomes_published_at = session.published_at
    session.save()
    hits = found("الترددات الفضائية")
    assert {("resolutions", resolution.pk), ("documents", report.pk), ("documents", paper.pk)} <= hits
