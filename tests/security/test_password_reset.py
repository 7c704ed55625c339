"""A forgotten password: asked for from the sign-in page, sent in the page's language, throttled like the sign-in."""

import re

import pytest
from axes.models import AccessFailureLog
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.test import Client

from council.models import Delegate, MemberState
from tests.helpers import site_url, time_passes

pytestmark = pytest.mark.django_db

PASSWORD = "a-long-enough-password"


@pytest.fixture
def omar(demo):
    user = get_user_model().objects.create_user("omar@mtit.gov.jo", email="omar@mtit.gov.jo", password=PASSWORD)
    Delegate.objects.create(user=user, member_state=MemberState.objects.get(iso_code="JO"), language="ar")
    return user


def ask(client, email="omar@mtit.gov.jo", language="ar", **extra):
    return client.post(site_url(language, "password_reset"), {"email": email}, **extra)


@pytest.mark.parametrize("language,text,direction", [("ar", "نسيت كلمة المرور؟", "rtl"),
                                                      ("en", "Forgot your password?", "ltr")])
def test_the_sign_in_page_links_to_the_forgotten_password_page(client, language, text, direction):
    login = client.get(site_url(language, "login")).content.decode()
    assert f'<a href="{site_url(language, "password_reset")}">{text}</a>' in login
    page = client.get(site_url(language, "password_reset")).content.decode()
    assert f'<html lang="{language}" dir="{direction}">' in page and 'type="email"' in page
    assert 'href="/static/css/site.css' in page or "site.css" in page


def test_it_sends_a_link_in_the_page_language_that_sets_a_new_password(client, omar, mailoutbox):
    response = ask(client, email="OMAR@mtit.gov.jo", language="en")
    assert response.status_code == 302 and response.url == site_url("en", "password_reset_done")
    [message] = mailoutbox
    assert message.to == ["omar@mtit.gov.jo"]
    assert message.subject == "Choose a new password for the Council's site"
    assert "If you did not ask for it, ignore this email" in message.body
    link = re.search(r"http://\S+(/en/password/set/\S+/)", message.body).group(1)

    delegate = Client()
    set_url = delegate.get(link, follow=True).redirect_chain[-1][0]
    delegate.post(set_url, {"new_password1": "a-new-long-password-49", "new_password2": "a-new-long-password-49"})
    signed_in = delegate.post(site_url("en", "login"), {"username": "omar@mtit.gov.jo",
                                                        "password": "a-new-long-password-49"})
    assert signed_in.status_code == 302


def test_a_delegate_who_never_set_a_password_can_ask_too(client, omar, mailoutbox):
    omar.set_unusable_password()
    omar.save()
    ask(client)
    [message] = mailoutbox
    assert message.subject == "حسابكم على موقع المجلس: عيّنوا كلمة المرور"


def test_an_unknown_or_deactivated_address_gets_the_same_answer_and_no_email(client, omar, mailoutbox):
    known = ask(client)
    unknown = ask(Client(), email="nobody@example.org")
    omar.is_active = False
    omar.save()
    deactivated = ask(Client(), REMOTE_ADDR="10.0.0.2")
    assert known.url == unknown.url == deactivated.url
    assert len(mailoutbox) == 1
    page = client.get(known.url).content.decode()
    assert "إن كان هذا العنوان لحساب مفعَّل" in page


def test_from_the_third_request_for_one_account_the_next_waits(omar, mailoutbox):
    for n in range(3):
        assert ask(Client(), REMOTE_ADDR=f"10.0.1.{n}").status_code == 302
    assert len(mailoutbox) == 3
    logged = AccessFailureLog.objects.count()
    waiting = ask(Client(), REMOTE_ADDR="10.0.1.3")
    assert waiting.status_code == 429 and waiting["Retry-After"] == "15"
    page = waiting.content.decode()
    assert '<html lang="ar" dir="rtl">' in page and "فلم يُرسل أي رابط هذه المرة" in page
    assert "أعد المحاولة بعد 15 ثانية." in page
    assert len(mailoutbox) == 3  # nothing sent during the wait
    assert AccessFailureLog.objects.count() == logged + 1  # but the request is recorded
    time_passes(15)
    assert ask(Client(), REMOTE_ADDR="10.0.1.4").status_code == 302 and len(mailoutbox) == 4
    waiting = ask(Client(), REMOTE_ADDR="10.0.1.5")
    assert waiting.status_code == 429 and waiting["Retry-After"] == "30"


def test_repeated_requests_for_one_account_are_limited(omar, mailoutbox):
    for n in range(4):
        time_passes(60)
        assert ask(Client(), REMOTE_ADDR=f"10.0.1.{n}").status_code == 302
    time_passes(60)
    fifth = ask(Client(), REMOTE_ADDR="10.0.1.5")
    assert fifth.status_code == 429
    page = fifth.content.decode()
    assert '<html lang="ar" dir="rtl">' in page and "أُوقف إرسال روابط اختيار كلمة المرور مؤقتًا" in page
    assert "15 دقيقة" in page
    sent = len(mailoutbox)
    time_passes(60)
    assert ask(Client(), REMOTE_ADDR="10.0.1.6").status_code == 429
    assert len(mailoutbox) == sent  # nothing more is sent while locked
    assert AccessFailureLog.objects.filter(username="omar@mtit.gov.jo").count() == 6


def test_repeated_requests_from_one_address_wait_in_english(client, omar, mailoutbox):
    for n in range(3):
        ask(client, email=f"guess{n}@example.org", language="en")
    waiting = ask(client, language="en")
    assert waiting.status_code == 429 and not mailoutbox
    page = waiting.content.decode()
    assert "Too many requests or failed sign-ins" in page and "Try again in 15 seconds." in page
    assert f'href="{site_url("en", "password_reset")}"' in page
    time_passes(15)
    assert ask(client, language="en").status_code == 302 and len(mailoutbox) == 1


def test_repeated_requests_from_one_address_are_limited_in_english(client, omar, mailoutbox):
    for n in range(5):
        time_passes(60)
        response = ask(client, email=f"guess{n}@example.org", language="en")
    assert response.status_code == 429
    assert "No more links to choose a password are sent for now" in response.content.decode()
    time_passes(60)
    assert ask(client, language="en").status_code == 429
    assert not mailoutbox


def test_requests_count_with_failed_sign_ins_for_the_same_account(omar):
    for n in range(3):
        Client().post(site_url("ar", "login"), {"username": "omar@mtit.gov.jo", "password": "wrong"},
                      REMOTE_ADDR=f"10.0.2.{n}")
    assert ask(Client(), REMOTE_ADDR="10.0.2.8").status_code == 429  # a wait
    time_passes(60)
    assert ask(Client(), REMOTE_ADDR="10.0.2.9").status_code == 302  # the fourth
    time_passes(60)
    Client().post(site_url("ar", "login"), {"username": "omar@mtit.gov.jo", "password": "wrong"},
                  REMOTE_ADDR="10.0.2.3")  # the fifth
    time_passes(60)
    # The account is locked for both, even with the right password.
    assert ask(Client(), REMOTE_ADDR="10.0.2.10").status_code == 429
    locked = Client().post(site_url("ar", "login"), {"username": "omar@mtit.gov.jo", "password": PASSWORD},
                           REMOTE_ADDR="10.0.2.11")
    assert locked.status_code == 429 and "أُوقف تسجيل الدخول مؤقتًا" in locked.content.decode()


def test_an_administrator_lifts_the_wait_on_requests(omar, mailoutbox):
    for n in range(3):
        ask(Client(), REMOTE_ADDR=f"10.0.3.{n}")
    assert ask(Client(), REMOTE_ADDR="10.0.3.9").status_code == 429
    call_command("axes_reset_username", "omar@mtit.gov.jo")
    assert ask(Client(), REMOTE_ADDR="10.0.3.9").status_code == 302 and len(mailoutbox) == 4
