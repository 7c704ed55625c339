"""Sign-in: slowed down, then locked, after repeated failures per account and per address, lifted by an
administrator, recorded; a second factor (TOTP) for whoever has one, required of staff when production says so."""

import io

import pytest
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import translation
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.helpers import time_passes

pytestmark = pytest.mark.django_db

PASSWORD = "a-long-enough-password"


def url(name, language="ar"):
    with translation.override(language):
        return reverse(name)


@pytest.fixture
def hoda(db):
    return get_user_model().objects.create_user("hoda", password=PASSWORD)


@pytest.fixture
def amina(db):
    return get_user_model().objects.create_user("amina", password=PASSWORD, is_staff=True, is_superuser=True)


def sign_in(client, username, password=PASSWORD, code=None, where="meetings:login", language="ar", **extra):
    data = {"username": username, "password": password}
    if code is not None:
        data["otp_token"] = code
    return client.post(url(where, language), data, **extra)


def signed_in(client):
    return "_auth_user_id" in client.session


def fail(client, username, times, **extra):
    """`times` wrong passwords, a minute apart: each one past the wait the previous ones set."""
    for _ in range(times):
        time_passes(60)
        response = sign_in(client, username, "wrong-password", **extra)
    return response


def counted_failures(**which):
    return sum(AccessAttempt.objects.filter(**which).values_list("failures_since_start", flat=True))


@pytest.fixture
def password_checks(monkeypatch):
    """Every time the password backend is asked to check a password."""
    calls = []
    check = ModelBackend.authenticate

    def counting(backend, request, username=None, password=None, **kwargs):
        calls.append(username)
        return check(backend, request, username, password, **kwargs)

    monkeypatch.setattr(ModelBackend, "authenticate", counting)
    return calls


# --- Slowing down, then a lock -----------------------------------------------------------

def test_the_first_failures_are_answered_at_once(client, hoda):
    for _ in range(3):
        response = sign_in(client, "hoda", "wrong-password")
        assert response.status_code == 200 and "role=\"alert\"" in response.content.decode()


def test_from_the_third_failure_the_next_attempt_waits_and_the_wait_grows(client, hoda):
    fail(client, "hoda", 3)
    waiting = sign_in(client, "hoda", "wrong-password")
    assert waiting.status_code == 429 and waiting["Retry-After"] == "15"
    page = waiting.content.decode()
    assert '<html lang="ar" dir="rtl">' in page
    assert "يُرجى الانتظار قبل إعادة المحاولة" in page and "أعد المحاولة بعد 15 ثانية." in page
    time_passes(10)
    assert "أعد المحاولة بعد 5 ثوانٍ." in sign_in(client, "hoda", "wrong-password").content.decode()
    time_passes(5)
    assert sign_in(client, "hoda", "wrong-password").status_code == 200  # checked: the fourth failure
    waiting = sign_in(client, "hoda", "wrong-password")
    assert waiting.status_code == 429 and waiting["Retry-After"] == "30"
    assert "أعد المحاولة بعد 30 ثانية." in waiting.content.decode()


def test_the_wait_is_explained_in_english_on_an_english_page(client, hoda):
    fail(client, "hoda", 3, language="en")
    page = sign_in(client, "hoda", language="en").content.decode()
    assert '<html lang="en" dir="ltr">' in page and "Wait before trying again" in page
    assert "Try again in 15 seconds." in page and "this attempt was not checked" in page
    assert f'href="{url("meetings:login", "en")}"' in page


def test_the_seconds_are_counted_in_arabic(client, hoda, settings):
    settings.SIGNIN_FIRST_WAIT_SECONDS = 102
    fail(client, "hoda", 3)
    shown = []
    for seconds in (0, 91, 8, 1, 1):
        time_passes(seconds)
        shown.append(sign_in(client, "hoda").content.decode())
    assert "بعد 102 ثانية." in shown[0]
    assert "بعد 11 ثانية." in shown[1]
    assert "بعد 3 ثوانٍ." in shown[2]
    assert "بعد ثانيتين." in shown[3]
    assert "بعد ثانية واحدة." in shown[4]


def test_the_right_password_during_a_wait_is_refused_unchecked_and_recorded(client, hoda, password_checks):
    fail(client, "hoda", 3)
    password_checks.clear()
    logged = AccessFailureLog.objects.count()
    response = sign_in(client, "hoda")
    assert response.status_code == 429 and not signed_in(client)
    assert password_checks == []
    assert AccessFailureLog.objects.count() == logged + 1
    # Refused unchecked, it is not a failure: it neither lengthens nor restarts the wait.
    assert counted_failures(username="hoda") == 3
    time_passes(15)
    assert sign_in(client, "hoda").status_code == 302 and signed_in(client)
    assert password_checks == ["hoda"]


def test_after_the_wait_the_right_password_signs_in(client, hoda):
    fail(client, "hoda", 4)
    assert sign_in(client, "hoda").status_code == 429
    time_passes(29)
    assert sign_in(client, "hoda").status_code == 429
    time_passes(1)
    assert sign_in(client, "hoda").status_code == 302 and signed_in(client)


def test_it_locks_an_account_after_five_failures_even_for_the_right_password(client, hoda):
    response = fail(client, "hoda", 5)
    assert response.status_code == 429 and "Sign-in locked" not in response.content.decode()
    time_passes(5 * 60)  # long past any wait
    response = sign_in(client, "hoda")
    assert response.status_code == 429 and not signed_in(client)
    assert response["Retry-After"] == "900"
    page = response.content.decode()
    assert '<html lang="ar" dir="rtl">' in page
    assert "أُوقف تسجيل الدخول مؤقتًا" in page
    assert "15 دقيقة" in page


def test_it_explains_the_lock_in_english_on_an_english_page(client, hoda):
    fail(client, "hoda", 5, language="en")
    page = sign_in(client, "hoda", language="en").content.decode()
    assert "Sign-in locked" in page and "Try again in 15 minutes" in page


def test_an_account_tried_from_many_addresses_waits_then_locks(hoda):
    for n in range(3):
        sign_in(Client(), "hoda", "wrong-password", REMOTE_ADDR=f"10.0.0.{n}")
    assert sign_in(Client(), "hoda", REMOTE_ADDR="10.0.0.98").status_code == 429  # a wait
    for n in range(3, 5):
        time_passes(60)
        sign_in(Client(), "hoda", "wrong-password", REMOTE_ADDR=f"10.0.0.{n}")
    time_passes(60)
    assert "أُوقف تسجيل الدخول مؤقتًا" in sign_in(Client(), "hoda", REMOTE_ADDR="10.0.0.99").content.decode()


def test_an_address_trying_many_accounts_waits_then_locks(client, hoda):
    for n in range(3):
        sign_in(client, f"guess{n}", "wrong-password")
    assert sign_in(client, "hoda").status_code == 429  # a wait, for an account that never failed
    # Another address, same account: the account itself has no failure.
    assert sign_in(Client(), "hoda", REMOTE_ADDR="10.1.1.1").status_code == 302
    for n in range(3, 5):
        time_passes(60)
        sign_in(client, f"guess{n}", "wrong-password")
    time_passes(60)
    assert "أُوقف تسجيل الدخول مؤقتًا" in sign_in(client, "hoda").content.decode()


def test_it_ignores_a_forwarded_address_sent_by_the_client(client, hoda):
    """With no trusted proxy, X-Forwarded-For cannot make one client look like many."""
    for n in range(5):
        time_passes(60)
        sign_in(client, f"guess{n}", "wrong-password", HTTP_X_FORWARDED_FOR=f"192.0.2.{n}")
    assert sign_in(client, "hoda", HTTP_X_FORWARDED_FOR="192.0.2.200").status_code == 429


def test_the_admin_sign_in_waits_then_locks_too(client, amina, password_checks):
    fail(client, "amina", 3, where="admin:login")
    password_checks.clear()
    waiting = sign_in(client, "amina", where="admin:login", language="en")
    assert waiting.status_code == 429 and "Try again in 15 seconds." in waiting.content.decode()
    assert password_checks == [] and not signed_in(client)
    time_passes(60)
    assert fail(client, "amina", 2, where="admin:login").status_code == 429
    time_passes(60)
    locked = sign_in(client, "amina", where="admin:login")
    assert locked.status_code == 429 and "أُوقف تسجيل الدخول مؤقتًا" in locked.content.decode()


def test_an_administrator_lifts_a_lock_with_a_command(client, hoda):
    fail(client, "hoda", 5)
    call_command("axes_reset_username", "hoda")
    call_command("axes_reset_ip", "127.0.0.1")
    assert sign_in(client, "hoda").status_code == 302 and signed_in(client)


def test_an_administrator_lifts_a_wait_with_a_command(client, hoda):
    fail(client, "hoda", 4)
    assert sign_in(client, "hoda").status_code == 429
    call_command("axes_reset_username", "hoda")
    call_command("axes_reset_ip", "127.0.0.1")
    assert sign_in(client, "hoda").status_code == 302 and signed_in(client)


@pytest.mark.parametrize("failures", [4, 5], ids=["wait", "lock"])
def test_an_administrator_lifts_a_wait_or_a_lock_in_the_admin(client, hoda, amina, failures):
    fail(client, "hoda", failures)
    assert sign_in(client, "hoda").status_code == 429
    administrator = Client()
    administrator.force_login(amina)
    changelist = administrator.get("/ar/admin/axes/accessattempt/")
    assert changelist.status_code == 200 and "hoda" in changelist.content.decode()
    for attempt in AccessAttempt.objects.all():
        response = administrator.post(f"/ar/admin/axes/accessattempt/{attempt.pk}/delete/", {"post": "yes"})
        assert response.status_code == 302
    assert sign_in(client, "hoda").status_code == 302


def test_it_records_every_sign_in_failure_wait_and_lock(client, hoda):
    sign_in(client, "hoda")
    assert AccessLog.objects.filter(username="hoda").count() == 1
    client.logout()
    fail(client, "hoda", 3)
    sign_in(client, "hoda", "wrong-password")  # refused: a wait
    fail(client, "hoda", 2)
    failures = AccessFailureLog.objects.filter(username="hoda")
    assert failures.count() == 6
    assert failures.filter(locked_out=True).count() == 2  # the refused one and the one that locked


# --- Second factor ---------------------------------------------------------------

@pytest.fixture
def phone(amina):
    return TOTPDevice.objects.create(user=amina, name="phone", confirmed=True)


def code_of(device):
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}"


def test_a_staff_member_with_a_second_factor_signs_in_with_its_code(client, phone):
    response = sign_in(client, "amina", code=code_of(phone), where="admin:login")
    assert response.status_code == 302 and signed_in(client)
    assert client.get(url("admin:index")).status_code == 200


def test_the_password_alone_is_not_enough_once_a_second_factor_is_enrolled(client, phone):
    response = sign_in(client, "amina", where="admin:login")
    assert response.status_code == 200 and not signed_in(client)
    assert "رمز" in response.content.decode()


def test_a_wrong_code_is_refused_and_counts_towards_the_lock(client, phone):
    response = sign_in(client, "amina", code="000000", where="admin:login", language="en")
    assert "The code is wrong or has expired" in response.content.decode() and not signed_in(client)
    for _ in range(4):
        time_passes(60)
        response = sign_in(client, "amina", code="000000", where="admin:login")
    assert response.status_code == 429
    assert counted_failures(username="amina") == 5


def test_a_delegate_may_opt_in_and_then_needs_the_code(client, hoda):
    device = TOTPDevice.objects.create(user=hoda, name="phone", confirmed=True)
    assert not signed_in(client) and sign_in(client, "hoda").status_code == 200
    assert sign_in(client, "hoda", code=code_of(device)).status_code == 302 and signed_in(client)


def test_production_refuses_staff_without_a_second_factor(client, amina, settings):
    settings.STAFF_SECOND_FACTOR_REQUIRED = True
    response = sign_in(client, "amina", where="admin:login", language="en")
    assert not signed_in(client)
    assert "Ask an administrator to enrol your authenticator app" in response.content.decode()


def test_production_keeps_an_unverified_staff_session_out_of_the_admin(client, amina, settings):
    settings.STAFF_SECOND_FACTOR_REQUIRED = True
    client.force_login(amina)
    response = client.get(url("admin:index"))
    assert response.status_code == 302 and "/admin/login/" in response["Location"]


def test_production_lets_a_verified_staff_member_in(client, phone, settings):
    settings.STAFF_SECOND_FACTOR_REQUIRED = True
    sign_in(client, "amina", code=code_of(phone), where="admin:login")
    assert client.get(url("admin:index")).status_code == 200


# --- Where a sign-in lands -------------------------------------------------------

def test_a_delegate_with_no_next_lands_on_the_home_page(client, hoda):
    response = sign_in(client, "hoda")
    assert response["Location"] == url("meetings:home")


def test_staff_with_no_next_land_in_the_admin(client, amina):
    response = sign_in(client, "amina", language="en")
    assert response["Location"] == url("admin:index", "en")


def test_a_safe_next_is_still_followed(client, hoda):
    response = client.post(url("meetings:login"), {"username": "hoda", "password": PASSWORD, "next": "/ar/search/"})
    assert response["Location"] == "/ar/search/"


def test_the_first_administrator_enrols_from_the_server(client, amina, settings, tmp_path):
    settings.STAFF_SECOND_FACTOR_REQUIRED = True
    out = io.StringIO()
    call_command("enrol_second_factor", "amina", "--qr", str(tmp_path / "qr.svg"), stdout=out)
    assert "otpauth://totp/" in out.getvalue()
    assert (tmp_path / "qr.svg").read_text().startswith("<?xml")
    device = TOTPDevice.objects.get(user=amina, confirmed=True)
    assert sign_in(client, "amina", code=code_of(device), where="admin:login").status_code == 302
    assert client.get(url("admin:index")).status_code == 200


# --- Enrolling one's own second factor ------------------------------------------------

def test_a_delegate_turns_on_a_second_factor_from_their_own_page(client, hoda):
    client.force_login(hoda)
    page = client.get(url("meetings:second_factor"))
    assert page.status_code == 200 and 'src="data:image/svg+xml' in page.content.decode()
    device = TOTPDevice.objects.get(user=hoda, confirmed=False)
    response = client.post(url("meetings:second_factor"), {"code": code_of(device)})
    assert response.status_code == 302
    device.refresh_from_db()
    assert device.confirmed
    client.logout()
    assert sign_in(client, "hoda").status_code == 200 and not signed_in(client)


def test_a_wrong_code_does_not_turn_the_second_factor_on(client, hoda):
    client.force_login(hoda)
    client.get(url("meetings:second_factor", "en"))
    response = client.post(url("meetings:second_factor", "en"), {"code": "000000"})
    assert "The code is wrong or has expired" in response.content.decode()
    assert not TOTPDevice.objects.filter(user=hoda, confirmed=True).exists()


def test_enrolling_needs_a_signed_in_account(client, db):
    response = client.get(url("meetings:second_factor"))
    assert response.status_code == 302 and "/login/" in response["Location"]
