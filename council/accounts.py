"""Delegate accounts: made by an administrator, their password set by the delegate through a link.

No password ever travels by email. The link is Django's password-reset link
(`default_token_generator`): it works until the password is set, or for
PASSWORD_RESET_TIMEOUT (three days), whichever comes first. The same link serves a
new account ("set your password") and a forgotten password ("choose a new one").
"""

import logging
import smtplib

from axes.handlers.proxy import AxesProxyHandler
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth import views as auth_views
from django.contrib.auth.forms import PasswordResetForm
from django.contrib.auth.signals import user_login_failed
from django.contrib.auth.tokens import default_token_generator
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse, reverse_lazy
from django.utils import translation
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext as _

logger = logging.getLogger(__name__)

# What a mail server that is down or refuses the message raises.
MAIL_ERRORS = (smtplib.SMTPException, OSError)


def set_password_url(user, language):
    """The absolute address of the page where this user sets a password, in this language."""
    with translation.override(language):
        path = reverse("meetings:password_reset_confirm", kwargs={
            "uidb64": urlsafe_base64_encode(force_bytes(user.pk)), "token": default_token_generator.make_token(user)})
    return settings.SITE_URL.rstrip("/") + path


def send_set_password_email(user, language, new_account):
    """Email the user a link to set their password, in `language`.

    `new_account` says whether the account was just made (or the first email is
    sent again) or the person asked for a new password. Raises one of MAIL_ERRORS
    if the mail server cannot take the message.
    """
    with translation.override(language):
        context = {
            "language": language,
            "rtl": language == "ar",
            "name": user.get_full_name() or user.get_username(),
            "username": user.get_username(),
            "url": set_password_url(user, language),
            "login_url": settings.SITE_URL.rstrip("/") + reverse("meetings:login"),
            "days": settings.PASSWORD_RESET_TIMEOUT // (24 * 3600),
            "new_account": new_account,
            "council": _("Arab Telecommunication and Information Council of Ministers"),
        }
        subject = _("Your account on the Council's site: set your password") if new_account else _(
            "Choose a new password for the Council's site")
        text = render_to_string("council/email/set_password.txt", context)
        html = render_to_string("council/email/set_password.html", context)
    message = EmailMultiAlternatives(subject, text, to=[user.email], headers={"Content-Language": language})
    message.attach_alternative(html, "text/html")
    message.send()


class ForgottenPasswordForm(PasswordResetForm):
    """Django's reset form, sending our email in the page's language.

    A delegate who has not set a password yet (the first email lost) may ask here
    too; Django's own form would skip an account with no usable password.
    """

    def get_users(self, email):
        return get_user_model()._default_manager.filter(email__iexact=email, is_active=True)

    def save(self, request=None, **kwargs):
        language = translation.get_language()
        for user in self.get_users(self.cleaned_data["email"]):
            try:
                send_set_password_email(user, language, new_account=not user.has_usable_password())
            except MAIL_ERRORS:
                # The page says the same whether or not an account exists: the failure is for the log.
                logger.exception("The password email to user %s could not be sent", user.pk)


class ForgottenPasswordView(auth_views.PasswordResetView):
    """Ask for a link to choose a new password; throttled like the sign-in.

    Each request counts with django-axes as a failed sign-in for the account named
    by the email address, and for the address it comes from: from SIGNIN_SLOW_AFTER
    of them (failed sign-ins included) the next request must wait, and after
    SIGNIN_FAILURE_LIMIT both are locked for SIGNIN_LOCK_MINUTES. A refused request
    sends nothing, is recorded, and axes's middleware answers with the lockout page.
    """

    template_name = "meetings/password_reset.html"
    form_class = ForgottenPasswordForm
    success_url = reverse_lazy("meetings:password_reset_done")

    def form_valid(self, form):
        credentials = {"username": form.cleaned_data["email"]}
        if not AxesProxyHandler.is_allowed(self.request, credentials):
            self.request.axes_locked_out = True
            user_login_failed.send(sender=type(self), credentials=credentials, request=self.request)
            return self.form_invalid(form)  # replaced by the lockout page
        response = super().form_valid(form)
        user_login_failed.send(sender=type(self), credentials=credentials, request=self.request)
        return response


class ForgottenPasswordSentView(auth_views.PasswordResetDoneView):
    template_name = "meetings/password_reset_done.html"


class SetPasswordView(auth_views.PasswordResetConfirmView):
    """The link of the email: the delegate chooses a password (twice), then signs in."""

    template_name = "meetings/password_reset_confirm.html"
    success_url = reverse_lazy("meetings:password_reset_complete")


class PasswordSetView(auth_views.PasswordResetCompleteView):
    template_name = "meetings/password_reset_complete.html"
