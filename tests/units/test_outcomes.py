"""Each agenda item's outcome, and the path of an item deferred or referred to a later session.

An outcome is part of the session's outcomes: nobody without the permission to
see unpublished content reads it before the outcomes are published.
"""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from meetings.models import AgendaItem, Dossier, Session
from meetings.tracking import Outcome
from tests.helpers import address

pytestmark = pytest.mark.django_db


@pytest.fixture
def two_sessions(make_session):
    """Meeting 1 (March 2022) defers its item 1 to meeting 2 (March 2023), which takes it up."""
    first = make_session(number=1, n=1, start_date=datetime.date(2022, 3, 1))
    second = make_session(number=2, n=0, start_date=datetime.date(2023, 3, 1))
    item = first.agenda_items.get()
    Outcome.objects.create(agenda_item=item, decision=Outcome.Decision.DEFERRED, deferred_to=second,
                           summary_ar="ناقش الاجتماع البند وأرجأه", summary_en="The meeting discussed the item and deferred it")
    later = AgendaItem.objects.create(session=second, order=1, title_ar="بند مرحّل", title_en="Carried-over item",
                                      carried_over_from=item)
    return first, second, item, later


def test_it_shows_an_items_outcome_and_its_resolutions_once_outcomes_are_published(client, two_sessions):
    first, second, item, _ = two_sessions
    page = client.get(address(first, "en")).content.decode()
    assert "Deferred to a later session" in page
    assert "The meeting discussed the item and deferred it" in page
    assert second.get_absolute_url() in page
    assert address(item.resolutions.get(), "en") in page
    arabic = client.get(address(first, "ar")).content.decode()
    assert "ناقش الاجتماع البند وأرجأه" in arabic


def test_it_hides_an_outcome_while_the_outcomes_are_unpublished(client, secretary, two_sessions):
    first, *_ = two_sessions
    Session.objects.filter(pk=first.pk).update(outcomes_published_at=None)
    for language in ("ar", "en"):
        page = client.get(address(first, language)).content.decode()
        assert "deferred it" not in page and "وأرجأه" not in page
        assert "Deferred to a later session" not in page
    # The secretariat, who may see unpublished outcomes, still reads it.
    client.force_login(secretary)
    assert "deferred it" in client.get(address(first, "en")).content.decode()


def test_it_links_a_deferred_item_to_the_session_that_takes_it_up_and_back(client, two_sessions):
    first, second, item, later = two_sessions
    earlier_page = client.get(address(first, "en")).content.decode()
    assert "Taken up at:" in earlier_page and address(later, "en") in earlier_page
    later_page = client.get(address(second, "en")).content.decode()
    assert "Carried over from:" in later_page and address(item, "en") in later_page


def test_it_does_not_link_to_a_later_session_that_is_a_draft(client, two_sessions):
    first, second, _, later = two_sessions
    Session.objects.filter(pk=second.pk).update(publication=Session.Publication.DRAFT)
    page = client.get(address(first, "en")).content.decode()
    assert second.get_absolute_url() not in page
    assert "Taken up at:" not in page


def test_it_keeps_a_carried_over_item_on_its_dossiers_path_in_date_order(client, two_sessions):
    first, second, item, later = two_sessions
    dossier = Dossier.objects.create(slug="roaming", title_ar="التجوال", title_en="Roaming")
    item.dossier = dossier
    item.save()
    # The later item was created before the dossier existed; saving it again picks it up.
    later.dossier = None
    later.save()
    assert later.dossier == dossier
    page = client.get(f"/en/dossiers/{dossier.slug}/").content.decode()
    assert page.index(first.get_absolute_url()) < page.index(second.get_absolute_url())
    assert "Deferred to a later session" in page and "Carried over from:" in page


def test_it_hides_resolutions_on_a_dossier_path_until_outcomes_are_published(client, two_sessions):
    first, _, item, _ = two_sessions
    dossier = Dossier.objects.create(slug="roaming", title_ar="التجوال", title_en="Roaming")
    AgendaItem.objects.filter(pk=item.pk).update(dossier=dossier)
    Session.objects.filter(pk=first.pk).update(outcomes_published_at=None)
    page = client.get(f"/en/dossiers/{dossier.slug}/").content.decode()
    assert "Resolution 1" not in page and "deferred it" not in page


def test_it_lists_the_items_still_awaiting_the_later_session(two_sessions, make_session):
    first, second, item, later = two_sessions
    assert list(Outcome.objects.awaiting(second)) == []
    later.delete()
    assert [outcome.agenda_item for outcome in Outcome.objects.awaiting(second)] == [item]


def test_it_lists_an_item_referred_to_a_body_for_that_bodys_later_session(make_session):
    from council.models import Body

    first = make_session(number=1, n=1, start_date=datetime.date(2022, 3, 1))
    office = Body.objects.create(slug="office", name_ar="المكتب", name_en="Office", kind="executive_office")
    earlier = make_session(number=5, body=office, start_date=datetime.date(2021, 1, 1))
    later = make_session(number=6, body=office, start_date=datetime.date(2022, 9, 1))
    outcome = Outcome.objects.create(agenda_item=first.agenda_items.get(), decision=Outcome.Decision.REFERRED,
                                     referred_to=office)
    assert list(Outcome.objects.awaiting(later)) == [outcome]
    assert list(Outcome.objects.awaiting(earlier)) == []


def test_it_requires_the_session_of_a_deferral_and_the_body_of_a_referral(two_sessions):
    first, second, _, _ = two_sessions
    item = AgendaItem.objects.create(session=first, order=2, title_ar="بند آخر")
    with pytest.raises(ValidationError) as deferred:
        Outcome(session=first, agenda_item=item, decision=Outcome.Decision.DEFERRED).full_clean()
    assert "deferred_to" in deferred.value.message_dict
    with pytest.raises(ValidationError) as referred:
        Outcome(session=first, agenda_item=item, decision=Outcome.Decision.REFERRED).full_clean()
    assert "referred_to" in referred.value.message_dict
    with pytest.raises(ValidationError) as adopted:
        Outcome(session=first, agenda_item=item, decision=Outcome.Decision.ADOPTED, deferred_to=second).full_clean()
    assert "deferred_to" in adopted.value.message_dict
    # The database refuses it too, whatever path the row takes.
    with pytest.raises(IntegrityError), transaction.atomic():
        Outcome.objects.create(session=first, agenda_item=item, decision=Outcome.Decision.DEFERRED)


def test_it_refuses_to_defer_an_item_to_an_earlier_session(two_sessions):
    first, second, _, _ = two_sessions
    item = AgendaItem.objects.create(session=second, order=2, title_ar="بند آخر")
    with pytest.raises(ValidationError) as error:
        Outcome(session=second, agenda_item=item, decision=Outcome.Decision.DEFERRED, deferred_to=first).full_clean()
    assert "deferred_to" in error.value.message_dict


def test_it_refuses_an_item_of_another_session(two_sessions):
    first, second, item, _ = two_sessions
    with pytest.raises(ValidationError) as error:
        Outcome(session=second, agenda_item=item, decision=Outcome.Decision.NOTED).full_clean()
    assert "agenda_item" in error.value.message_dict


def test_it_enters_outcomes_on_the_sessions_admin_page(secretary_client, two_sessions):
    first, second, item, _ = two_sessions
    page = secretary_client.get(f"/en/admin/meetings/session/{first.pk}/change/").content.decode()
    assert "outcomes-TOTAL_FORMS" in page
    assert "Deferred to a later session" in page
    # The item is chosen among this session's items only.
    other = AgendaItem.objects.create(session=second, order=9, title_ar="بند غريب", title_en="Foreign item")
    page = secretary_client.get(f"/en/admin/meetings/session/{first.pk}/change/").content.decode()
    assert f'<option value="{other.pk}"' not in page.split("outcomes-TOTAL_FORMS")[1]

