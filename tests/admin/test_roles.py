"""Roles: what an Editor, a Publisher and an Administrator may do in the admin, and what staff with no role may not.

Every role × every action, the refused cases as well as the allowed ones.
"""

import pytest
from django.contrib.auth.models import Group
from django.utils import translation
from django.utils.html import escape

from council.models import MemberState
from meetings.models import AgendaItem, Session
from meetings.roles import ADMINISTRATOR, EDITOR, PUBLISHER, ROLES
from tests import helpers
from tests.helpers import form_values

pytestmark = pytest.mark.django_db

NO_ROLE = "no role"


def admin_url(name, *args):
    return helpers.admin_url("en", name, *args)


@pytest.fixture
def as_role(client, django_user_model, demo):
    def sign_in(role):
        user = django_user_model.objects.create_user(f"user-{role}".replace(" ", "-"), password="x", is_staff=True)
        if role != NO_ROLE:
            user.groups.add(Group.objects.get(name=role))
        client.force_login(user)
        return client
    return sign_in


def submitted(client, url, **changes):
    """Open an admin form and submit it with these changes; False if the form would not even open."""
    page = client.get(url)
    if page.status_code != 200:
        return False
    client.post(url, {**form_values(page), **changes})
    return True


def view(client, demo):
    return client.get(admin_url("meetings_session_change", demo.pk)).status_code == 200


def add(client, demo):
    response = client.post(admin_url("meetings_dossier_add"), {"slug": "new-dossier", "title_ar": "ملف جديد"})
    return response.status_code == 302


def change(client, demo):
    item = demo.agenda_items.get(order=5)
    if not submitted(client, admin_url("meetings_agendaitem_change", item.pk), title_en="AI"):
        return False
    item.refresh_from_db()
    return item.title_en == "AI"


def delete(client, demo):
    item = demo.agenda_items.filter(parent__isnull=False).first()
    client.post(admin_url("meetings_agendaitem_delete", item.pk), {"post": "yes"})
    return not AgendaItem.objects.filter(pk=item.pk).exists()


def restore(client, demo):
    """Restore the agenda item's first version from the session's history: a new version with the old title."""
    item = demo.agenda_items.get(order=5)
    first = item.history.earliest()
    item.title_en = "Changed since"
    item.save()
    client.post(admin_url("meetings_session_restore", demo.pk, 1, first.history_id))
    item.refresh_from_db()
    return item.title_en == first.title_en and item.history.count() == 3


def restore_a_member_state(client, demo):
    """Member states are structure: only those who may change them (administrators) restore their versions."""
    egypt = MemberState.objects.get(iso_code="EG")
    first = egypt.history.earliest()
    egypt.official_name_en = "Changed since"
    egypt.save()
    client.post(admin_url("council_memberstate_restore", egypt.pk, 0, first.history_id))
    egypt.refresh_from_db()
    return egypt.official_name_en == first.official_name_en


def publish(client, demo):
    draft = Session.objects.create(body=demo.body, number=49)
    AgendaItem.objects.create(session=draft, order=1, title_ar="إقرار جدول الأعمال", title_en="Adoption of the agenda")
    client.post(admin_url("meetings_session_publish", draft.pk, "agenda"), {"accept_missing_english": "1"})
    draft.refresh_from_db()
    return draft.publication == Session.Publication.PUBLISHED


def withdraw(client, demo):
    client.post(admin_url("meetings_session_withdraw", demo.pk, "agenda"), {"reason": "Published too early."})
    demo.refresh_from_db()
    return demo.publication == Session.Publication.WITHDRAWN


def manage_accounts(client, demo):
    response = client.post(admin_url("auth_user_add"), {
        "username": "new-editor", "password1": "a-long-enough-passphrase-48", "password2": "a-long-enough-passphrase-48",
        "usable_password": "true"})
    from django.contrib.auth import get_user_model

    return response.status_code == 302 and get_user_model().objects.filter(username="new-editor").exists()


def create_delegate_account(client, demo):
    if not submitted(client, admin_url("council_delegate_add"), name="Omar", email="omar@mtit.gov.jo",
                     member_state=str(MemberState.objects.get(iso_code="JO").pk), language="en"):
        return False
    from council.models import Delegate

    return Delegate.objects.filter(user__email="omar@mtit.gov.jo").exists()


def make_someone_superuser(client, demo):
    """Reach beyond the roles: make an account a superuser, or grant it a permission of its own."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Permission

    user = get_user_model().objects.create_user("clerk", is_staff=True)
    if not submitted(client, admin_url("auth_user_change", user.pk), is_superuser="on",
                     user_permissions=[str(Permission.objects.get(codename="change_group").pk)]):
        return False
    user.refresh_from_db()
    return user.is_superuser or user.user_permissions.exists()


def manage_member_states(client, demo):
    egypt = MemberState.objects.get(iso_code="EG")
    if not submitted(client, admin_url("council_memberstate_change", egypt.pk),
                     official_name_en="Arab Republic of Egypt (changed)"):
        return False
    egypt.refresh_from_db()
    return egypt.official_name_en == "Arab Republic of Egypt (changed)"


def see_drafts_on_the_site(client, demo):
    draft = Session.objects.create(body=demo.body, number=50)
    return client.get(draft.get_absolute_url()).status_code == 200


ACTIONS = [view, add, change, delete, restore, restore_a_member_state, publish, withdraw, manage_accounts, create_delegate_account,
           make_someone_superuser, manage_member_states, see_drafts_on_the_site]
ALLOWED = {
    NO_ROLE: set(),
    EDITOR: {view, add, change, delete, restore, see_drafts_on_the_site},
    PUBLISHER: {view, add, change, delete, restore, publish, withdraw, see_drafts_on_the_site},
    # Only a superuser reaches beyond the roles.
    ADMINISTRATOR: set(ACTIONS) - {make_someone_superuser},
}


@pytest.mark.parametrize("role", [NO_ROLE, EDITOR, PUBLISHER, ADMINISTRATOR])
@pytest.mark.parametrize("action", ACTIONS, ids=lambda action: action.__name__)
def test_each_role_may_do_exactly_what_it_grants(as_role, demo, role, action):
    client = as_role(role)
    assert action(client, demo) == (action in ALLOWED[role]), f"{role} / {action.__name__}"


def test_staff_with_no_role_see_an_empty_admin(as_role):
    client = as_role(NO_ROLE)
    page = client.get("/ar/admin/").content.decode()
    assert "meetings/session" not in page and "auth/user" not in page


def test_the_groups_page_describes_each_role_in_the_interface_language(as_role):
    client = as_role(ADMINISTRATOR)
    arabic = client.get("/ar/admin/auth/group/").content.decode()
    english = client.get("/en/admin/auth/group/").content.decode()
    with translation.override("ar"):
        assert all(escape(str(name)) in arabic and escape(str(text)) in arabic for name, text in ROLES.values())
    with translation.override("en"):
        assert all(escape(str(text)) in english for _name, text in ROLES.values())
    assert "ينشر" in arabic


def test_an_administrator_sees_neither_superuser_status_nor_own_permissions(as_role, django_user_model):
    client = as_role(ADMINISTRATOR)
    me = django_user_model.objects.get(username="user-Administrator")
    url = admin_url("auth_user_change", me.pk)
    page = client.get(url).content.decode()
    assert 'name="is_superuser"' not in page and 'name="user_permissions"' not in page
    assert 'name="groups"' in page and 'name="is_staff"' in page
    assert "maxlength" not in page  # a pasted name or address is never cut
    data = form_values(client.get(url))
    data.update(is_superuser="on", user_permissions=[str(p) for p in range(1, 20)])
    assert client.post(url, data).status_code == 302
    me.refresh_from_db()
    assert not me.is_superuser and not me.user_permissions.exists()


def test_an_administrator_cannot_change_or_delete_a_superuser(as_role, django_user_model):
    root = django_user_model.objects.create_superuser("root", password="x")
    client = as_role(ADMINISTRATOR)
    url = admin_url("auth_user_change", root.pk)
    data = {"username": "root", "email": "taken@example.org", "is_active": "on", "is_staff": "on"}
    client.post(url, data)
    client.post(admin_url("auth_user_password_change", root.pk), {
        "password1": "a-long-enough-passphrase-48", "password2": "a-long-enough-passphrase-48"})
    client.post(admin_url("auth_user_delete", root.pk), {"post": "yes"})
    client.post(admin_url("auth_user_changelist"), {"action": "delete_selected", "_selected_action": [root.pk],
                                                    "post": "yes"})
    root.refresh_from_db()
    assert root.email == "" and root.check_password("x")


def test_a_superuser_still_sets_superuser_status(client, django_user_model):
    root = django_user_model.objects.create_superuser("root", password="x")
    client.force_login(root)
    clerk = django_user_model.objects.create_user("clerk", is_staff=True)
    url = admin_url("auth_user_change", clerk.pk)
    assert 'name="is_superuser"' in client.get(url).content.decode()
    data = form_values(client.get(url))
    data = {key: value for key, value in data.items() if value != ""}  # the empty multiple selects
    data["is_superuser"] = "on"
    assert client.post(url, data).status_code == 302
    clerk.refresh_from_db()
    assert clerk.is_superuser
