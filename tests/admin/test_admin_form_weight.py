"""A session's change form stays light: each inline row's select sends only its chosen option, and the
inline's empty row sends them all, once (SharedOptionsSelect)."""

import re

import pytest
from django.contrib.auth.models import Permission
from django.test import Client

from council.models import MemberState
from tests.helpers import admin_url, form_values, page

pytestmark = pytest.mark.django_db


def options(html, name):
    select = re.search(rf'<select name="{re.escape(name)}"[^>]*>(.*?)</select>', html, re.DOTALL).group(1)
    return re.findall(r'<option value="([^"]*)"( selected)?', select)


def test_a_row_sends_its_chosen_option_and_the_empty_row_sends_them_all(secretary_client, make_session):
    session = make_session(number=1, n=3)
    html = page(secretary_client, admin_url("ar", "meetings_session_change", session.pk))
    items = [str(pk) for pk in session.agenda_items.order_by("order").values_list("pk", flat=True)]
    resolution = session.resolutions.order_by("kind", "number").first()
    assert options(html, "resolutions-0-agenda_item") == [(str(resolution.agenda_item_id), " selected")]
    assert [value for value, _ in options(html, "resolutions-__prefix__-agenda_item")] == ["", *items]
    participant = session.participants.order_by("id").first()
    row = next(key for key in re.findall(r'name="(participants-\d+)-id" value="(\d+)"', html)
               if key[1] == str(participant.pk))[0]
    assert options(html, f"{row}-member_state") == [(str(participant.member_state_id), " selected")]
    assert len(options(html, "participants-__prefix__-member_state")) == MemberState.objects.count() + 1
    assert options(html, "resolutions-0-reservation_2_state") == [("", " selected")]  # an empty slot
    assert 'src="/static/js/shared-options.js"' in html


def test_whoever_may_not_add_rows_gets_every_option_in_each_row(make_session, django_user_model):
    """No empty row to copy the options from: Django's selects, whole."""
    session = make_session(number=1, n=3)
    user = django_user_model.objects.create_user("reader", password="not-a-real-password", is_staff=True)
    user.user_permissions.set(Permission.objects.filter(content_type__app_label__in=["council", "meetings"])
                              .exclude(codename__startswith="add_"))
    client = Client()
    client.force_login(user)
    html = page(client, admin_url("ar", "meetings_session_change", session.pk))
    assert "resolutions-__prefix__" not in html
    assert len(options(html, "resolutions-0-agenda_item")) == 4  # the empty choice and the 3 items


def test_the_48th_sessions_form_stays_light(secretary_client, demo):
    """291 KB before its rows' options were sent once and its indentation dropped; bytes are deterministic."""
    response = secretary_client.get(admin_url("ar", "meetings_session_change", demo.pk))
    assert len(response.content) < 200_000


def test_a_rows_autocomplete_leaves_its_address_and_settings_to_the_empty_row(secretary_client, demo):
    html = page(secretary_client, admin_url("ar", "meetings_session_change", demo.pk))
    row = re.search(r'<select name="agenda_items-0-dossier"[^>]*>', html).group(0)
    empty = re.search(r'<select name="agenda_items-__prefix__-dossier"[^>]*>', html).group(0)
    assert "data-shared-attributes" in row and "data-ajax--url" not in row and "admin-autocomplete" not in row
    assert 'data-ajax--url="/ar/admin/autocomplete/"' in empty and 'class="admin-autocomplete"' in empty
    # The session's own fields, outside any row, are whole.
    assert re.search(r'<select name="body"[^>]*data-ajax--url=', html)


def described_by(html):
    """(reference, whether an element has that id) for every aria-describedby of the page."""
    ids = set(re.findall(r' id="([^"]+)"', html))
    return [(ref, ref in ids) for refs in re.findall(r'aria-describedby="([^"]+)"', html) for ref in refs.split()]


def test_every_input_is_described_by_an_element_that_exists(secretary_client, demo):
    """A table row has no help text beside its inputs (it is in the column's heading)."""
    url = admin_url("ar", "meetings_session_change", demo.pk)
    html = page(secretary_client, url)
    assert described_by(html) and all(exists for _, exists in described_by(html)), described_by(html)
    # Refused, a row's input names its list of errors.
    data = {**form_values(secretary_client.get(url)), "agenda_items-0-order": "x"}
    html = secretary_client.post(url, data).content.decode()
    assert ("id_agenda_items-0-order_error", True) in described_by(html)
    assert all(exists for _, exists in described_by(html))
