"""The public session page files each document under its agenda item, and lists the others apart."""

import pytest
from django.core.files.base import ContentFile

from meetings.models import Document
from tests.helpers import between, page

pytestmark = pytest.mark.django_db


@pytest.fixture
def session(make_session):
    session = make_session(number=3, n=3)  # each item has one document
    Document.objects.create(session=session, title_ar="التقرير الختامي", title_en="Final report", type="report",
                            visibility="public", file=ContentFile(b"%PDF", name="report.pdf"))
    return session


def test_each_document_is_listed_under_its_agenda_item(client, session):
    html = page(client, session.get_absolute_url())
    agenda = between(html, 'id="agenda"', 'id="participants"')
    positions = [agenda.index(f">بند {number}<") for number in (1, 2, 3)] + [len(agenda)]
    for number in (1, 2, 3):
        assert positions[number - 1] < agenda.index(f"وثيقة {number}") < positions[number], number
    assert "التقرير الختامي" not in agenda


def test_the_sessions_other_documents_stay_in_their_own_section(client, session):
    documents = between(page(client, session.get_absolute_url()), 'id="documents"', "</section>")
    assert "التقرير الختامي" in documents
    assert "وثيقة 1" not in documents
    assert "الوثائق الخاصة ببند من بنود جدول الأعمال مدرجة تحت ذلك البند." in documents


def test_a_restricted_document_under_an_item_still_asks_a_visitor_to_sign_in(client, session):
    agenda = between(page(client, session.get_absolute_url()), 'id="agenda"', 'id="participants"')
    restricted = between(agenda, ">وثيقة 2<", "</li>")
    assert "/login/" in restricted and 'class="document__title" href' not in restricted
