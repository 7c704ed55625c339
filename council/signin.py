"""Sign-in for the secretariat and delegates: a password, then a code for who has a second factor.

Failed passwords are counted by django-axes (per account and per address) through
its authentication backend; a wrong or missing code is reported to axes as a failed
sign-in too, so guessing codes locks the same way as guessing passwords. Before the
lock, repeated failures make each next attempt wait (SlowingHandler).
The second factor is a TOTP device of django-otp: staff must have one when
settings.STAFF_SECOND_FACTOR_REQUIRED is on (production); anyone else may add one.
"""

from base64 import b32encode
from datetime import timedelta
from math import ceil

import segno
from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_client_username, get_cool_off
from axes.models import AccessFailureLog
from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.contrib.auth.forms import AuthenticationForm
from django.contrib.auth.signals import user_login_failed
from django.db.models import Max, Sum
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django_otp.plugins.otp_totp.models import TOTPDevice


def second_factor_required(user):
    return user.is_staff and settings.STAFF_SECOND_FACTOR_REQUIRED


class SecondFactorMixin:
    """Ask for the code of the user's confirmed TOTP device once the password is right."""

    otp_token = forms.CharField(
        label=_("Code from your authenticator app"), required=False, max_length=8,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "dir": "ltr"}),
        help_text=_("Six digits, only if your account has a second factor."),
    )
    error_messages = {
        **AuthenticationForm.error_messages,
        "inactive": _("This account has been deactivated. If you still need it, ask the Council's technical "
                      "secretariat to reactivate it."),
        "code_required": _("This account has a second factor: enter the six-digit code from your authenticator app."),
        "code_wrong": _("The code is wrong or has expired. Enter the code your app shows now."),
        "enrolment_required": _(
            "Secretariat accounts must sign in with a second factor, and this account has none yet. "
            "Ask an administrator to enrol your authenticator app."),
    }

    def clean(self):
        cleaned = super().clean()
        user = self.get_user()
        if user is None:
            return cleaned
        device = TOTPDevice.objects.devices_for_user(user, confirmed=True).first()
        if device is None:
            if second_factor_required(user):
                self.refuse("enrolment_required")
            return cleaned
        token = (cleaned.get("otp_token") or "").strip()
        if not token:
            self.refuse("code_required")
        allowed, _details = device.verify_is_allowed()
        if not allowed or not device.verify_token(token):
            self.refuse("code_wrong")
        # django-otp's user_logged_in handler records this device in the new session.
        user.otp_device = device
        return cleaned

    def refuse(self, code):
        """Refuse the sign-in and count it as a failure for the lockout."""
        user_login_failed.send(sender=type(self), request=self.request,
                               credentials={"username": self.cleaned_data.get("username")})
        raise forms.ValidationError(self.error_messages[code], code=code)


class SignInForm(SecondFactorMixin, AuthenticationForm):
    otp_token = SecondFactorMixin.otp_token

    def clean(self):
        try:
            return super().clean()
        except forms.ValidationError as error:
            if error.code == "invalid_login" and self.is_deactivated_account():
                raise forms.ValidationError(self.error_messages["inactive"], code="inactive") from error
            raise

    def is_deactivated_account(self):
        """True if the right password was typed for an account that was deactivated.

        Django's backend answers such a sign-in as a wrong password; the person is
        told instead that the account is off, which says nothing to someone
        without the password.
        """
        if getattr(self.request, "axes_locked_out", False):
            return False
        user = get_user_model()._default_manager.filter(username=self.cleaned_data.get("username")).first()
        return user is not None and not user.is_active and user.check_password(self.cleaned_data.get("password"))


class AdminSignInForm(SecondFactorMixin, AdminAuthenticationForm):
    otp_token = SecondFactorMixin.otp_token


class CouncilAdminSite(admin.AdminSite):
    """The admin, refused to staff who have not passed the second factor when it is required."""

    login_form = AdminSignInForm
    login_template = "admin/council_login.html"

    def has_permission(self, request):
        if not super().has_permission(request):
            return False
        return not second_factor_required(request.user) or request.user.is_verified()


def landing_url(user):
    """Where a sign-in with no `next` lands: the admin for staff, the home page for delegates."""
    return reverse("admin:index") if user.is_staff else reverse("meetings:home")


class SlowingHandler(AxesDatabaseHandler):
    """django-axes' database handler, slowing repeated failures down before its lock.

    Once an account, or an address, has SIGNIN_SLOW_AFTER failures, its next attempt
    must wait SIGNIN_FIRST_WAIT_SECONDS after the last failure, twice as long after
    each further failure, up to the lock at SIGNIN_FAILURE_LIMIT. An attempt made
    during a wait is refused like a locked one, before any password is checked, and
    recorded as an access failure; it neither counts as a failure nor restarts the
    wait. The waits come from axes' own attempt records, so lifting a lock lifts them.
    """

    def is_locked(self, request, credentials=None):
        request.signin_wait = 0
        if super().is_locked(request, credentials):
            return True
        request.signin_wait = self.seconds_to_wait(request, credentials)
        return request.signin_wait > 0

    def seconds_to_wait(self, request, credentials=None):
        longest = get_cool_off(request).total_seconds()
        waits = [0]
        for attempts in self.get_user_attempts(request, credentials):  # the account's, the address's
            seen = attempts.aggregate(failures=Sum("failures_since_start"), last=Max("attempt_time"))
            beyond = (seen["failures"] or 0) - settings.SIGNIN_SLOW_AFTER
            if seen["failures"] and beyond >= 0:
                wait = timedelta(seconds=min(settings.SIGNIN_FIRST_WAIT_SECONDS * 2 ** beyond, longest))
                waits.append(ceil((seen["last"] + wait - request.axes_attempt_time).total_seconds()))
        return max(waits)

    def user_login_failed(self, sender, credentials, request=None, **kwargs):
        if not getattr(request, "signin_wait", 0):
            return super().user_login_failed(sender, credentials, request, **kwargs)
        request.axes_locked_out = True  # axes' middleware answers with lockout_response
        request.axes_credentials = credentials
        if settings.AXES_ENABLE_ACCESS_FAILURE_LOG:
            AccessFailureLog.objects.create(
                username=get_client_username(request, credentials), ip_address=request.axes_ip_address,
                user_agent=request.axes_user_agent, http_accept=request.axes_http_accept,
                path_info=request.axes_path_info, attempt_time=request.axes_attempt_time, locked_out=True)
            self.remove_out_of_limit_failure_logs(username=get_client_username(request, credentials))


def lockout_response(request, original_response=None, credentials=None):
    """The page django-axes shows during a wait or a lock (429), in the page's language."""
    match = request.resolver_match
    wait = getattr(request, "signin_wait", 0)
    response = render(request, "lockout.html", {
        "password_reset": match is not None and match.url_name == "password_reset",
        "wait_seconds": wait,
        "failure_limit": settings.AXES_FAILURE_LIMIT,
        "lock_minutes": int(settings.AXES_COOLOFF_TIME.total_seconds() // 60),
    }, status=429)
    response["Retry-After"] = str(wait or int(settings.AXES_COOLOFF_TIME.total_seconds()))
    return response


class EnrolForm(forms.Form):
    code = forms.CharField(label=_("Code from your authenticator app"), max_length=8,
                           widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric",
                                                         "dir": "ltr"}))

    def __init__(self, *args, device, **kwargs):
        super().__init__(*args, **kwargs)
        self.device = device

    def clean_code(self):
        if not self.device.verify_token(self.cleaned_data["code"].strip()):
            raise forms.ValidationError(_("The code is wrong or has expired. Enter the code your app shows now."))
        return self.cleaned_data["code"]


@login_required
def second_factor(request):
    """Let a signed-in person add an authenticator app to their own account (delegates opt in here)."""
    if TOTPDevice.objects.devices_for_user(request.user, confirmed=True).exists():
        return render(request, "council/second_factor.html", {"enrolled": True})
    device = TOTPDevice.objects.filter(user=request.user, confirmed=False).first() or TOTPDevice.objects.create(
        user=request.user, name=gettext("authenticator app"), confirmed=False)
    form = EnrolForm(request.POST or None, device=device)
    if request.method == "POST" and form.is_valid():
        device.confirmed = True
        device.save(update_fields=["confirmed"])
        messages.success(request, gettext("Your second factor is on: from now on, sign in with its code too."))
        return redirect("meetings:second_factor")
    return render(request, "council/second_factor.html", {
        "form": form,
        "key": b32encode(device.bin_key).decode(),
        "qr": segno.make(device.config_url).svg_data_uri(scale=4),
    })
