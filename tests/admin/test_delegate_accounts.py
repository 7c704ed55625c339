"""Delegate accounts: made by an administrator in one form, the password set by the delegate through an
emailed link in the delegate's language; sent again; deactivated and reactivated; never staff."""

import re
import socket

import pytest
from django.contrib.admin.models import LogEntry
from django.contrib.auth.models import Group
from django.test import Client
from django.utils import translation

from council.models import Delegate, MemberState
from tests.helpers import admin_url, form_values, site_url

pytestmark = pytest.mark.django_db

PASSWORD = "sanaa-2026-agenda-items"


@pytest.fixture
def nadia(django_user_model, demo):
    """The secretariat's Administrator."""
    user = django_user_model.objects.create_user("nadia", password="x", is_staff=True, first_name="نادية")
    user.groups.add(Group.objects.get(name="Administrator"))
    return user


@pytest.fixture
def administrator_client(client, nadia):
    client.force_login(nadia)
    return client


def create_delegate(client, email="omar@mtit.gov.jo", language="ar", name="عمر الخطيب", state="JO",
                    interface="ar"):
    url = admin_url(interface, "council_delegate_add")
    data = form_values(client.get(url))
    data.update(name=name, email=email, member_state=str(MemberState.objects.get(iso_code=state).pk),
                language=language)
    return client.post(url, data, follow=True)


def link_in(message):
    return re.search(r"https?://\S+/password/set/\S+/", message.body).group(0)


def path_of(link):
    return link.split("://", 1)[1].split("/", 1)[1].join(["/", ""])


def closed_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


# --- One form ---------------------------------------------------------------------------

def test_it_creates_the_account_and_emails_a_link_in_arabic(administrator_client, mailoutbox, django_user_model):
    response = create_delegate(administrator_client)
    assert response.status_code == 200
    user = django_user_model.objects.get(email="omar@mtit.gov.jo")
    assert user.username == "omar@mtit.gov.jo" and user.first_name == "عمر الخطيب"
    assert not user.is_staff and not user.is_superuser and not user.has_usable_password()
    delegate = Delegate.objects.get(user=user)
    assert delegate.member_state.iso_code == "JO" and delegate.language == "ar"

    [message] = mailoutbox
    assert message.to == ["omar@mtit.gov.jo"]
    assert message.subject == "حسابكم على موقع المجلس: عيّنوا كلمة المرور"
    assert "أنشأت الأمانة الفنية للمجلس حسابًا لكم" in message.body
    assert "/ar/password/set/" in link_in(message)
    html = message.alternatives[0][0]
    assert '<html lang="ar" dir="rtl">' in html and "عيّنوا كلمة المرور" in html
    assert "أُرسل إلى omar@mtit.gov.jo رابط لتعيين كلمة المرور، باللغة العربية." in response.content.decode()


def test_it_emails_an_english_speaking_delegate_in_english(administrator_client, mailoutbox):
    create_delegate(administrator_client, email="sara@tra.gov.om", language="en", name="Sara Al-Balushi", state="OM")
    [message] = mailoutbox
    assert message.subject == "Your account on the Council's site: set your password"
    assert message.body.startswith("Dear Sara Al-Balushi,")
    assert "/en/password/set/" in link_in(message)
    assert '<html lang="en" dir="ltr">' in message.alternatives[0][0]


def test_the_link_sets_the_password_and_the_delegate_signs_in(administrator_client, mailoutbox):
    create_delegate(administrator_client)
    link = path_of(link_in(mailoutbox[0]))
    delegate = Client()
    form_page = delegate.get(link, follow=True)
    page = form_page.content.decode()
    assert '<html lang="ar" dir="rtl">' in page and "omar@mtit.gov.jo" in page
    set_url = form_page.redirect_chain[-1][0]
    done = delegate.post(set_url, {"new_password1": PASSWORD, "new_password2": PASSWORD})
    assert done.status_code == 302 and done.url == site_url("ar", "password_reset_complete")

    signed_in = delegate.post(site_url("ar", "login"), {"username": "omar@mtit.gov.jo", "password": PASSWORD})
    assert signed_in.status_code == 302 and "_auth_user_id" in delegate.session
    # The link works once.
    again = Client().get(link, follow=True).content.decode()
    assert "لم يعد هذا الرابط صالحًا" in again


def test_mismatched_passwords_are_refused_in_the_page_language(administrator_client, mailoutbox):
    create_delegate(administrator_client, language="en", email="sara@tra.gov.om", state="OM")
    delegate = Client()
    set_url = delegate.get(path_of(link_in(mailoutbox[0])), follow=True).redirect_chain[-1][0]
    response = delegate.post(set_url, {"new_password1": PASSWORD, "new_password2": PASSWORD + "x"})
    assert response.status_code == 200
    assert "The two password fields didn’t match." in response.content.decode()


def test_an_email_that_has_an_account_already_is_refused(administrator_client, django_user_model, mailoutbox):
    django_user_model.objects.create_user("omar", email="Omar@MTIT.gov.jo", first_name="عمر")
    response = create_delegate(administrator_client)
    page = response.content.decode()
    assert "يوجد حساب بعنوان البريد الإلكتروني هذا (عمر)" in page
    assert "عمر الخطيب" in page  # what was typed stays
    assert django_user_model.objects.filter(email__iexact="omar@mtit.gov.jo").count() == 1
    assert not Delegate.objects.exists() and not mailoutbox


def test_with_the_mail_server_down_the_account_is_kept_and_the_email_sent_again_later(
        administrator_client, settings, mailoutbox):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", closed_port()
    page = create_delegate(administrator_client).content.decode()
    delegate = Delegate.objects.get(user__email="omar@mtit.gov.jo")
    assert "تعذّر إرسال رسالة تعيين كلمة المرور إلى omar@mtit.gov.jo" in page
    assert "«أعد إرسال رسالة تعيين كلمة المرور»" in page
    assert not mailoutbox

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    response = administrator_client.post(admin_url("ar", "council_delegate_changelist"), {
        "action": "resend_set_password", "_selected_action": [delegate.pk]}, follow=True)
    assert "أُرسل إلى مندوب واحد رابط لتعيين كلمة المرور." in response.content.decode()
    [message] = mailoutbox
    assert message.to == ["omar@mtit.gov.jo"] and message.subject.startswith("حسابكم")
    assert LogEntry.objects.filter(object_id=str(delegate.pk), change_message__contains="set-password email sent"
                                   ).exists()


def test_only_a_role_that_manages_accounts_creates_a_delegate(client, django_user_model, demo):
    for role in ("Editor", "Publisher"):
        user = django_user_model.objects.create_user(f"user-{role}", password="x", is_staff=True)
        user.groups.add(Group.objects.get(name=role))
        client.force_login(user)
        assert client.get(admin_url("ar", "council_delegate_add")).status_code == 403
    assert not Delegate.objects.exists()


# --- Deactivate, reactivate -----------------------------------------------------------------

@pytest.fixture
def omar(django_user_model, demo):
    user = django_user_model.objects.create_user("omar@mtit.gov.jo", email="omar@mtit.gov.jo", password=PASSWORD)
    return Delegate.objects.create(user=user, member_state=MemberState.objects.get(iso_code="JO"))


def act(client, action, delegate):
    return client.post(admin_url("ar", "council_delegate_changelist"), {
        "action": action, "_selected_action": [delegate.pk]}, follow=True).content.decode()


def sign_in(language="ar"):
    client = Client()
    response = client.post(site_url(language, "login"), {"username": "omar@mtit.gov.jo", "password": PASSWORD})
    return client, response


def test_a_deactivated_delegate_is_told_plainly_and_a_reactivated_one_signs_in(administrator_client, omar):
    signed_in_before, _response = sign_in()
    assert "عُطّل حساب واحد: لم يعد بإمكانه تسجيل الدخول." in act(administrator_client, "deactivate", omar)
    omar.user.refresh_from_db()
    assert not omar.user.is_active
    # A session opened before is over.
    assert not signed_in_before.get(site_url("ar", "home")).wsgi_request.user.is_authenticated

    client, response = sign_in()
    assert response.status_code == 200 and "_auth_user_id" not in client.session
    assert "عُطّل هذا الحساب" in response.content.decode()
    _client, response = sign_in("en")
    assert "This account has been deactivated." in response.content.decode()
    # A wrong password for it says no more than for any other account.
    wrong = Client().post(site_url("en", "login"), {"username": "omar@mtit.gov.jo", "password": "wrong"})
    assert "deactivated" not in wrong.content.decode()

    assert "أُعيد تفعيل حساب واحد: يمكنه تسجيل الدخول من جديد." in act(administrator_client, "reactivate", omar)
    # The refused sign-ins while it was off would make it wait: reactivating clears them.
    client, response = sign_in()
    assert response.status_code == 302 and "_auth_user_id" in client.session


def test_deactivation_and_reactivation_are_in_the_admin_log(administrator_client, omar):
    act(administrator_client, "deactivate", omar)
    act(administrator_client, "reactivate", omar)
    entries = LogEntry.objects.filter(object_id=str(omar.pk), content_type__model="delegate").order_by("pk")
    assert [entry.user.username for entry in entries] == ["nadia", "nadia"]
    with translation.override("en"):
        assert [entry.get_change_message() for entry in entries] == ["Changed account deactivated.",
                                                                     "Changed account reactivated."]
    history = administrator_client.get(admin_url("ar", "council_delegate_history", omar.pk)).content.decode()
    assert "تعطيل الحساب" in history and "إعادة تفعيل الحساب" in history


def test_a_deactivated_delegate_gets_no_email_again(administrator_client, omar, mailoutbox):
    act(administrator_client, "deactivate", omar)
    page = act(administrator_client, "resend_set_password", omar)
    assert "معطّل: لم تُرسل أي رسالة" in page and not mailoutbox


# --- Never staff -------------------------------------------------------------------------------

def test_a_delegate_account_cannot_be_made_staff(administrator_client, omar):
    url = admin_url("ar", "auth_user_change", omar.user.pk)
    data = form_values(administrator_client.get(url))
    data["is_staff"] = "on"
    response = administrator_client.post(url, data)
    assert response.status_code == 200
    assert "حساب مندوب: لا يدخل المندوب لوحة الإدارة أبدًا" in response.content.decode()
    omar.user.refresh_from_db()
    assert not omar.user.is_staff


def test_a_delegate_never_reaches_the_admin(omar):
    client, _response = sign_in()
    response = client.get("/ar/admin/")
    assert response.status_code == 302 and "/admin/login/" in response.url


def test_the_delegate_form_offers_no_account_picker_and_no_lookup_offers_staff(administrator_client, omar, nadia):
    add = administrator_client.get(admin_url("ar", "council_delegate_add")).content.decode()
    change = administrator_client.get(admin_url("ar", "council_delegate_change", omar.pk)).content.decode()
    assert 'name="user"' not in add and 'name="user"' not in change
    found = administrator_client.get("/ar/admin/autocomplete/", {
        "app_label": "council", "model_name": "delegate", "field_name": "user", "term": ""}).json()
    offered = {row["id"] for row in found["results"]}
    assert str(omar.user.pk) in offered and str(nadia.pk) not in offered
