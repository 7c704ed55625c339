"""Addresses people forward: built from what they recognise (body, number), never from database ids.

The literal paths here are the rule under test; other tests link with get_absolute_url().
"""

import pytest
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse
from django.utils import translation

from council.models import Body
from meetings.models import AgendaItem, Resolution, Session
from tests.helpers import address, admin_url, form_values

pytestmark = pytest.mark.django_db


def old_address(session, language):
    with translation.override(language):
        return reverse("meetings:session_by_id", args=[session.pk])


def test_it_serves_a_session_at_its_body_and_number_in_both_languages(client, demo):
    for language, title in [("ar", "الدورة العادية الثامنة والأربعون للمكتب التنفيذي"),
                            ("en", "48th ordinary session of the Executive Office")]:
        response = client.get(f"/{language}/bodies/executive-office/sessions/48/")
        assert response.status_code == 200
        assert f"<h1>{title}</h1>" in response.content.decode()
    assert address(demo, "en") == "/en/bodies/executive-office/sessions/48/"


def test_it_serves_an_extraordinary_session_apart_from_the_ordinary_one_of_the_same_number(client, make_session):
    ordinary = make_session(number=3)
    extraordinary = make_session(number=3, kind=Session.Kind.EXTRAORDINARY)
    assert address(extraordinary, "en") == "/en/bodies/test-committee/sessions/extraordinary-3/"
    assert "3rd extraordinary meeting" in client.get(address(extraordinary, "en")).content.decode()
    assert "3rd meeting" in client.get(address(ordinary, "en")).content.decode()


@pytest.mark.parametrize("path", ["sessions/0/", "sessions/1000/", "sessions/048/", "sessions/extraordinary-/",
                                  "sessions/special-3/", "sessions/48/extra/"])
def test_it_answers_404_to_a_number_no_session_can_have(client, demo, path):
    assert client.get(f"/en/bodies/executive-office/{path}").status_code == 404


def test_it_answers_404_to_a_session_of_another_body(client, demo):
    assert client.get("/en/bodies/postal-committee/sessions/48/").status_code == 404


@pytest.mark.parametrize("language", ["ar", "en"])
def test_the_old_address_redirects_once_and_permanently_in_the_same_language(client, demo, language):
    response = client.get(old_address(demo, language))
    assert response.status_code == 301
    assert response["Location"] == f"/{language}/bodies/executive-office/sessions/48/"
    assert client.get(response["Location"]).status_code == 200


def test_a_draft_answers_404_at_both_addresses(client, make_session):
    draft = make_session(number=7, publication="draft")
    for language in ("ar", "en"):
        assert client.get(old_address(draft, language)).status_code == 404
        assert client.get(address(draft, language)).status_code == 404


def test_the_secretariat_follows_an_old_address_to_a_draft(secretary_client, make_session):
    draft = make_session(number=7, publication="draft")
    response = secretary_client.get(old_address(draft, "ar"))
    assert response.status_code == 301 and response["Location"] == address(draft, "ar")


def test_agenda_items_and_resolutions_are_addressed_by_their_printed_numbers(client, make_session):
    session = make_session(number=5, n=3, outcomes_published_at="2022-03-02T00:00:00Z")
    html = client.get(address(session, "en")).content.decode()
    assert [item.anchor for item in AgendaItem.objects.filter(session=session)] == ["item-1", "item-1.1", "item-2"]
    for anchor in ("item-1", "item-1.1", "item-2", "resolution-1", "resolution-2", "resolution-3"):
        assert f'id="{anchor}"' in html
    resolution = Resolution.objects.get(session=session, number=2)
    assert address(resolution, "en") == "/en/bodies/test-committee/sessions/5/#resolution-2"
    assert address(resolution.agenda_item, "ar") == "/ar/bodies/test-committee/sessions/5/#item-1.1"


def test_an_unnumbered_resolution_is_reached_through_its_agenda_item(make_session):
    session = make_session(number=5, n=1)
    resolution = Resolution.objects.create(session=session, agenda_item=session.agenda_items.get(),
                                           title_ar="قرار بلا رقم", title_en="Unnumbered")
    assert resolution.anchor is None
    assert address(resolution, "en") == "/en/bodies/test-committee/sessions/5/#item-1"


def test_an_item_with_a_printed_number_is_addressed_by_it(make_session):
    session = make_session(number=5, n=1)
    AgendaItem.objects.filter(session=session).update(number="IV A")
    assert AgendaItem.objects.get(session=session).anchor == "item-IV-A"


def test_the_admin_s_view_on_site_leads_to_the_new_address(secretary_client, demo):
    link = admin_url("en", "view_on_site", ContentType.objects.get_for_model(Session).pk, demo.pk)
    response = secretary_client.get(link)
    assert response.status_code == 302
    assert response["Location"].endswith("/en/bodies/executive-office/sessions/48/")


def test_a_body_s_slug_cannot_change_once_it_has_published_sessions(secretary_client, demo):
    office = Body.objects.get(slug="executive-office")
    url = admin_url("en", "council_body_change", office.pk)
    data = form_values(secretary_client.get(url))
    data["slug"] = "the-office"
    response = secretary_client.post(url, data)
    assert response.status_code == 200
    assert "so it can no longer change" in response.content.decode()
    assert Body.objects.filter(slug="executive-office").exists()
    assert client_status(secretary_client, address(demo, "en")) == 200


def test_a_body_without_published_sessions_may_change_its_slug(secretary_client, demo):
    body = Body.objects.create(slug="new-group", name_ar="فريق جديد", name_en="New group", kind="working_group")
    Session.objects.create(body=body, number=1, publication="draft")
    url = admin_url("en", "council_body_change", body.pk)
    data = form_values(secretary_client.get(url))
    data["slug"] = "renamed-group"
    assert secretary_client.post(url, data).status_code == 302
    assert Body.objects.get(pk=body.pk).slug == "renamed-group"


def client_status(client, url):
    return client.get(url).status_code


@pytest.mark.parametrize("code", ["egypt", "e", "e1", "e%20", "..", "%D9%85%D8%B5"])  # NUL: tests/security
def test_a_member_state_address_with_odd_input_answers_404(client, demo, code):
    assert client.get(f"/en/member-states/{code}/").status_code == 404


def test_a_member_state_is_found_by_its_code_in_either_case(client, demo):
    egypt = demo.participants.filter(member_state__iso_code="EG").first().member_state
    assert address(egypt, "en") == "/en/member-states/eg/"
    assert client.get("/en/member-states/EG/").status_code == 200
