"""The "my notifications" page, and unsubscribing from an email's link without signing in."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.csrf import csrf_exempt

from council.models import Body, Delegate
from meetings.models import Subscription
from meetings.notifications import read_unsubscribe_token


def may_subscribe(user):
    """Delegates and the secretariat's staff; other accounts have nothing to follow here."""
    return user.is_active and (user.is_staff or Delegate.objects.filter(user_id=user.pk).exists())


class SubscriptionForm(forms.Form):
    bodies = forms.ModelMultipleChoiceField(
        Body.objects.all(), required=False, widget=forms.CheckboxSelectMultiple,
        label=gettext_lazy("Bodies"))
    language = forms.ChoiceField(choices=Subscription.Language.choices, widget=forms.RadioSelect,
                                 label=gettext_lazy("Language of the emails"))


@login_required
def my_notifications(request):
    if not may_subscribe(request.user):
        raise PermissionDenied
    current = Subscription.objects.filter(user=request.user).select_related("body")
    if request.method == "POST":
        form = SubscriptionForm(request.POST)
        if form.is_valid():
            save_subscriptions(request.user, form.cleaned_data["bodies"], form.cleaned_data["language"])
            messages.success(request, _("Your notifications are saved."))
            return redirect("meetings:notifications")
    else:
        language = current[0].language if current else (request.LANGUAGE_CODE or "ar")[:2]
        form = SubscriptionForm(initial={"bodies": [s.body_id for s in current], "language": language})
    return render(request, "meetings/notifications.html", {"form": form, "has_email": bool(request.user.email)})


@transaction.atomic
def save_subscriptions(user, bodies, language):
    Subscription.objects.filter(user=user).exclude(body__in=bodies).delete()
    for body in bodies:
        Subscription.objects.update_or_create(user=user, body=body, defaults={"language": language})


@csrf_exempt  # the signed token is the proof; mail programs' one-click unsubscribe (RFC 8058) posts without a form
def unsubscribe(request, token):
    """GET asks for confirmation (link checkers open links); POST unsubscribes."""
    found = read_unsubscribe_token(token)
    if found is None:
        return render(request, "meetings/unsubscribe.html", {"invalid": True}, status=404)
    user_id, body_id = found
    body = Body.objects.filter(pk=body_id).first()
    if request.method == "POST":
        Subscription.objects.filter(user_id=user_id, body_id=body_id).delete()
        return render(request, "meetings/unsubscribe.html", {"body": body, "done": True})
    return render(request, "meetings/unsubscribe.html", {"body": body})
