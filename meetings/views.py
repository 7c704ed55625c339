"""The delegates' public pages. Drafts and withdrawn sessions answer 404 to all but staff."""

from django.shortcuts import get_object_or_404, render

from council.models import Body
from meetings.models import Dossier, Session


def home(request):
    sessions = Session.objects.visible_to(request.user).select_related("body")[:20]
    return render(request, "meetings/home.html", {"sessions": sessions})


def body_detail(request, slug):
    body = get_object_or_404(Body, slug=slug)
    sessions = body.sessions.visible_to(request.user).select_related("body")
    return render(request, "meetings/body.html", {"body": body, "sessions": sessions})


def session_detail(request, pk):
    session = get_object_or_404(Session.objects.visible_to(request.user).select_related("body"), pk=pk)
    return render(request, "meetings/session.html", {"session": session, "agenda": session.agenda()})


def dossier_detail(request, slug):
    dossier = get_object_or_404(Dossier, slug=slug)
    return render(request, "meetings/dossier.html", {"dossier": dossier})
