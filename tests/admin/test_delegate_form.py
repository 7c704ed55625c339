"""The Delegate form: an account chosen by name among non-staff accounts, never a bare id, never a staff account."""

import pytest
from django.contrib.auth.models import Group

from council.models import Delegate, MemberState
from tests.helpers import admin_url, form_values

pytestmark = pytest.mark.django_db


@pytest.fixture
def administrator_client(client, django_user_model, demo):
    admin = django_user_model.objects.create_user("nadia", password="x", is_staff=True)
    admin.groups.add(Group.objects.get(name="Administrator"))
    client.force_login(admin)
    return client


def test_the_form_offers_no_bare_id_field(administrator_client):
    page = administrator_client.get(admin_url("ar", "council_delegate_add")).content.decode()
    assert "vForeignKeyRawIdAdminField" not in page
    assert 'name="user"' in page and "admin-autocomplete" in page


def test_a_staff_account_cannot_be_made_a_delegate(administrator_client, django_user_model):
    clerk = django_user_model.objects.create_user("clerk", password="x", is_staff=True)
    url = admin_url("ar", "council_delegate_add")
    data = form_values(administrator_client.get(url))
    data.update(user=str(clerk.pk), member_state=str(MemberState.objects.get(iso_code="EG").pk))
    response = administrator_client.post(url, data)
    assert response.status_code == 200
    assert not Delegate.objects.exists()


def test_a_delegate_account_is_chosen_by_name(administrator_client, django_user_model):
    delegate = django_user_model.objects.create_user("hoda", password="x", first_name="هدى")
    django_user_model.objects.create_user("clerk", password="x", is_staff=True, first_name="هدى")
    found = administrator_client.get("/ar/admin/autocomplete/", {
        "app_label": "council", "model_name": "delegate", "field_name": "user", "term": "hoda"}).json()
    assert [row["id"] for row in found["results"]] == [str(delegate.pk)]
    staff = administrator_client.get("/ar/admin/autocomplete/", {
        "app_label": "council", "model_name": "delegate", "field_name": "user", "term": "clerk"}).json()
    assert staff["results"] == []
    url = admin_url("ar", "council_delegate_add")
    data = form_values(administrator_client.get(url))
    data.update(user=str(delegate.pk), member_state=str(MemberState.objects.get(iso_code="EG").pk))
    assert administrator_client.post(url, data).status_code == 302
    assert Delegate.objects.get().user == delegate
